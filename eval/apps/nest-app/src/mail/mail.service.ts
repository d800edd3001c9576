import { Injectable, Logger } from '@nestjs/common';
import sgMail from '@sendgrid/mail';
import twilio from 'twilio';

@Injectable()
export class MailService {
  private readonly logger = new Logger(MailService.name);
  private readonly sms = twilio(process.env.TWILIO_SID, process.env.TWILIO_TOKEN);

  constructor() {
    sgMail.setApiKey(process.env.SENDGRID_API_KEY ?? '');
  }

  async sendConfirmation(patient: { email: string; fullName: string }, slot: string) {
    // expect-flow: vendor sendgrid user.contact.email pattern=email-sender
    await sgMail.send({
      to: { email: patient.email, name: patient.fullName },
      from: 'bookings@clinic.example',
      subject: `Your appointment on ${slot}`,
      text: `Dear ${patient.fullName}, see you on ${slot}.`,
    });
    this.logger.log(`confirmation sent to ${patient.email}`); // expect-flow: log log user.contact.email pattern=logger
  }

  async textReminder(mobile: string, slot: string) {
    const message = await this.sms.messages.create({ to: mobile, from: process.env.TWILIO_FROM, body: `Reminder: ${slot}` }); // expect-flow: vendor twilio user.contact.phone_number pattern=class-field-client
    this.logger.debug(`reminder ${message.sid} queued`); // expect-no-flow pattern=no-personal-data
  }
}
