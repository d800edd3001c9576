import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'patients' })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ unique: true })
  email: string;

  @Column()
  fullName: string;

  @Column({ nullable: true })
  mobile: string;

  @Column({ type: 'date', nullable: true })
  dateOfBirth: string;

  @Column({ default: false })
  marketingOptIn: boolean;

  @CreateDateColumn()
  createdAt: Date;
}
