import { ServerClient } from 'postmark';
import type { ReceiptJob } from '../types.js';

const APP_URL = process.env.APP_URL ?? 'https://makers.market';

export class Mailer {
  private readonly client = new ServerClient(process.env.POSTMARK_SERVER_TOKEN ?? 'POSTMARK_API_TEST');

  constructor(private readonly from = 'Makers Market <hello@makers.market>') {}

  async sendWelcome(user: { email: string; fullName: string | null }) {
    // expect-flow: vendor postmark user.contact.email,user.name pattern=class-field-client
    await this.client.sendEmailWithTemplate({
      From: this.from,
      To: user.email,
      TemplateAlias: 'welcome',
      TemplateModel: { name: user.fullName ?? 'there', loginUrl: `${APP_URL}/login` },
      MessageStream: 'outbound',
    });
  }

  sendPasswordReset(email: string, token: string) {
    const link = `${APP_URL}/reset-password/${token}`;
    // expect-flow: vendor postmark user.contact.email pattern=email-sender
    return this.client.sendEmail({
      From: this.from,
      To: email,
      Subject: 'Reset your Makers Market password',
      TextBody: `Someone asked to reset your password. If it was you, open ${link} within the next hour.`,
      MessageStream: 'outbound',
    });
  }

  async sendReceipt(job: ReceiptJob) {
    const { email, buyerName, ...order } = job;
    // expect-flow: vendor postmark user.contact.email,user.name pattern=destructuring
    await this.client.sendEmailWithTemplate({
      From: this.from,
      To: email,
      TemplateAlias: 'receipt',
      TemplateModel: { ...order, name: buyerName, total: (order.totalCents / 100).toFixed(2) },
    });
  }

  async sendShippedNotice(to: string, trackingNumber: string, carrier: string) {
    const trackingUrl = `${APP_URL}/track/${carrier}/${encodeURIComponent(trackingNumber)}`;
    await this.client.sendEmailWithTemplate({ From: this.from, To: to, TemplateAlias: 'order-shipped', TemplateModel: { trackingUrl, carrier } }); // expect-flow: vendor postmark user.contact.email pattern=email-sender
  }

  async sendOpsDigest(stats: { orders: number; gmvCents: number; newSellers: number; refunds: number }) {
    // expect-no-flow pattern=aggregate
    await this.client.sendEmail({
      From: this.from,
      To: 'ops@makers.market',
      Subject: `Daily digest: ${stats.orders} orders, ${stats.newSellers} new sellers`,
      TextBody: JSON.stringify(stats, null, 2),
    });
  }
}

export const mailer = new Mailer();
