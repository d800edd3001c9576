import { IsBoolean, IsEmail, IsOptional, IsPhoneNumber, IsString } from 'class-validator';

export class CreateUserDto {
  @IsEmail()
  email: string;

  @IsString()
  fullName: string;

  @IsPhoneNumber()
  @IsOptional()
  mobile?: string;

  @IsOptional()
  @IsBoolean()
  marketingOptIn?: boolean;
}

export class BookAppointmentDto {
  @IsString()
  clinicId: string;

  @IsString()
  slot: string;

  @IsString()
  @IsOptional()
  reason?: string;
}
