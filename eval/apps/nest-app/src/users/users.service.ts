import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Repository } from 'typeorm';
import { AnalyticsService } from '../analytics/analytics.service';
import { CrmService } from '../crm/crm.service';
import { AuditLogger } from '../audit/audit.service';
import { CreateUserDto, BookAppointmentDto } from './dto/create-user.dto';
import { User } from './entities/user.entity';
import { AppointmentBookedEvent } from '../events/booking.events';

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly analytics: AnalyticsService,
    private readonly crm: CrmService,
    private readonly audit: AuditLogger,
    private readonly events: EventEmitter2,
  ) {}

  async register(dto: CreateUserDto) {
    const user = await this.users.save(this.users.create(dto));
    this.analytics.identify(user.id, { email: user.email, createdAt: user.createdAt }); // expect-flow: vendor segment user.unique_id,user.contact.email pattern=class-injected-client
    this.analytics.track(user.id, 'Signed Up', { optIn: dto.marketingOptIn }); // expect-flow: vendor segment user.unique_id pattern=class-injected-client
    this.logger.log(`registered ${dto.email}`); // expect-flow: log log user.contact.email pattern=typed-parameter
    if (user.marketingOptIn) await this.crm.createPerson(user); // expect-flow: http api.pipedrive.com user.contact.email pattern=orm-record
    await this.crm.announce(user); // expect-flow: vendor slack user.contact.email pattern=orm-record
    await this.crm.reportSignup(user); // expect-flow: http graphql.clinic.internal user.contact.email pattern=graphql-client
    return user;
  }

  async book(userId: string, dto: BookAppointmentDto) {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw new NotFoundException();
    this.audit.record('appointment.book', user, { clinicId: dto.clinicId }); // expect-flow: log log user.contact.email pattern=orm-record
    this.events.emit('appointment.booked', new AppointmentBookedEvent(user.id, user.email, user.mobile, dto.slot)); // expect-maybe-flow pattern=message-queue
    this.analytics.track(userId, 'Appointment Requested', { ...dto }); // expect-flow: vendor segment user.unique_id pattern=spread-assign
    this.logger.log({ msg: 'booking', clinicId: dto.clinicId, slot: dto.slot }); // expect-no-flow pattern=no-personal-data
  }

  async updateProfile(id: string, changes: Partial<User>) {
    const user = await this.users.findOneByOrFail({ id });
    const updated = await this.users.save(Object.assign(user, changes));
    this.analytics.identify(updated.id, { ...changes, dob: updated.dateOfBirth }); // expect-flow: vendor segment user.demographic.date_of_birth pattern=spread-assign
    this.logger.verbose(`profile of ${updated.fullName} updated`); // expect-flow: log log user.name pattern=orm-record
    return updated;
  }

  async weeklyDigest() {
    const patients = await this.users.find({ where: { marketingOptIn: true } });
    patients.forEach((p) => this.analytics.track(p.id, 'Digest Sent')); // expect-flow: vendor segment user.unique_id pattern=callback
    this.analytics.trackAnonymous('Digest Batch', { size: patients.length }); // expect-no-flow pattern=aggregate
  }
}
