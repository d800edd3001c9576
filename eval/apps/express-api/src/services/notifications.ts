import sgMail from '@sendgrid/mail';
import type { User } from '@prisma/client';
import { SmsClient } from '../clients/sms';
import { logger } from '../lib/logger';

sgMail.setApiKey(process.env.SENDGRID_API_KEY!);
const smsClient = new SmsClient();

function greeting(user: Pick<User, 'name'>) {
  return user.name ? `Hi ${user.name.split(' ')[0]}` : 'Hello';
}

export async function sendOrderConfirmation(user: User, orderId: string, totalCents: number) {
  const msg = {
    to: user.email,
    from: { email: 'orders@shop.example', name: 'Shop' },
    templateId: 'd-5f3c1e0b7e2a4d4f',
    dynamicTemplateData: { greeting: greeting(user), orderId, total: (totalCents / 100).toFixed(2) },
  };
  await sgMail.send(msg); // expect-flow: vendor sendgrid user.contact.email pattern=email-sender
  if (user.phone) await smsClient.send(user.phone, `Order ${orderId} confirmed`); // expect-flow: http textbelt.com user.contact.phone_number pattern=class-field-client
}

export function sendPasswordReset(email: string, link: string) {
  return sgMail // expect-flow: vendor sendgrid user.contact.email pattern=promise-chain
    .send({ to: email, from: 'security@shop.example', subject: 'Reset your password', text: link })
    .then(([res]) => logger.info('reset mail accepted', { status: res.statusCode })) // expect-no-flow pattern=no-personal-data
    .catch((err) => logger.error(`reset mail to ${email} failed`, { err })); // expect-flow: log log user.contact.email pattern=promise-chain
}
