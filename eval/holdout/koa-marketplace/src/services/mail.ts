import { ServerClient } from 'postmark';
import type { ReceiptJob } from '../types.js';

const postmark = new ServerClient(process.env.POSTMARK_SERVER_TOKEN ?? 'POSTMARK_API_TEST');
const FROM = 'Makers Market <hello@makers.market>';
const APP_URL = process.env.APP_URL ?? 'https://makers.market';

export async function sendWelcome(user: { email: string; fullName: string | null }) {
  // expect-flow: vendor postmark user.contact.email,user.name pattern=email-sender
  await postmark.sendEmailWithTemplate({
    From: FROM,
    To: user.email,
    TemplateAlias: 'welcome',
    TemplateModel: { name: user.fullName ?? 'there', loginUrl: `${APP_URL}/login` },
    MessageStream: 'outbound',
  });
}

export function sendPasswordReset(email: string, token: string) {
  const link = `${APP_URL}/reset-password/${token}`;
  // expect-flow: vendor postmark user.contact.email pattern=email-sender
  return postmark.sendEmail({
    From: FROM,
    To: email,
    Subject: 'Reset your Makers Market password',
    TextBody: `Someone asked to reset your password. If it was you, open ${link} within the next hour.`,
    MessageStream: 'outbound',
  });
}

export async function sendReceipt(job: ReceiptJob) {
  const { email, buyerName, ...order } = job;
  // expect-flow: vendor postmark user.contact.email,user.name pattern=destructuring
  await postmark.sendEmailWithTemplate({
    From: FROM,
    To: email,
    TemplateAlias: 'receipt',
    TemplateModel: { ...order, name: buyerName, total: (order.totalCents / 100).toFixed(2) },
  });
}

export async function sendShippedNotice(to: string, trackingNumber: string, carrier: string) {
  const trackingUrl = `${APP_URL}/track/${carrier}/${encodeURIComponent(trackingNumber)}`;
  await postmark.sendEmailWithTemplate({ From: FROM, To: to, TemplateAlias: 'order-shipped', TemplateModel: { trackingUrl, carrier } }); // expect-flow: vendor postmark user.contact.email pattern=email-sender
}

export async function sendOpsDigest(stats: { orders: number; gmvCents: number; newSellers: number; refunds: number }) {
  // expect-no-flow pattern=aggregate
  await postmark.sendEmail({
    From: FROM,
    To: 'ops@makers.market',
    Subject: `Daily digest: ${stats.orders} orders, ${stats.newSellers} new sellers`,
    TextBody: JSON.stringify(stats, null, 2),
  });
}
