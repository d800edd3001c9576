import { Controller, Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { ClientProxy, EventPattern, Payload } from '@nestjs/microservices';
import { Inject } from '@nestjs/common';
import { AnalyticsService } from '../analytics/analytics.service';
import { MailService } from '../mail/mail.service';

export class AppointmentBookedEvent {
  constructor(public readonly patientId: string, public readonly email: string, public readonly mobile: string | undefined, public readonly slot: string) {}
}

@Injectable()
export class BookingListener {
  private readonly logger = new Logger(BookingListener.name);

  constructor(private readonly analytics: AnalyticsService, private readonly mail: MailService) {}

  @OnEvent('appointment.booked')
  async handleBooked(event: AppointmentBookedEvent) {
    this.analytics.track(event.patientId, 'Appointment Booked', { slot: event.slot }); // expect-flow: vendor segment user.unique_id pattern=message-queue
    if (event.mobile) await this.mail.textReminder(event.mobile, event.slot); // expect-flow: vendor twilio user.contact.phone_number pattern=message-queue
  }
}

@Controller()
export class BookingConsumer {
  private readonly logger = new Logger('BookingConsumer');

  constructor(@Inject('REPORTING') private readonly reporting: ClientProxy, private readonly analytics: AnalyticsService) {}

  @EventPattern('patient.created')
  onPatientCreated(@Payload() data: { id: string; email: string; fullName: string }) {
    this.logger.log(`patient.created ${data.email}`); // expect-flow: log log user.contact.email pattern=message-queue
    this.analytics.identify(data.id, { email: data.email }); // expect-flow: vendor segment user.contact.email pattern=message-queue
    this.reporting.emit('patients.count', { delta: 1 }); // expect-no-flow pattern=aggregate
  }
}
