import { sms } from '../lib/http';

export class SmsClient {
  constructor(private readonly key = process.env.TEXTBELT_KEY ?? 'textbelt') {}

  async send(phone: string, message: string) {
    const { data } = await sms.post('/text', { phone, message, key: this.key }); // expect-flow: http textbelt.com user.contact.phone_number pattern=axios-baseurl
    return data.success as boolean;
  }
}
