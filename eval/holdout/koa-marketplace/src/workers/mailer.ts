import { Op } from 'sequelize';
import { consume } from '../lib/queue.js';
import { sendOpsDigest, sendReceipt, sendShippedNotice } from '../services/mail.js';
import { platformBalance } from '../services/payments.js';
import { Order, User } from '../models/index.js';
import { childLog } from '../lib/logger.js';
import type { ReceiptJob, ShippingJob } from '../types.js';

const log = childLog('mail-worker');
const DAY_MS = 24 * 60 * 60 * 1000;

await consume<ReceiptJob>('mail.receipts', async (job) => {
  await sendReceipt(job); // expect-flow: vendor postmark user.contact.email,user.name pattern=message-queue
  log.info(`receipt for order ${job.orderId} sent to ${job.email}`); // expect-flow: log log user.contact.email pattern=message-queue
});

await consume<ShippingJob>('mail.shipping', async ({ orderId, email, trackingNumber, carrier }) => {
  if (!email) {
    log.warn({ orderId }, 'shipping notice skipped: buyer has no email on file'); // expect-no-flow pattern=no-personal-data
    return;
  }
  await sendShippedNotice(email, trackingNumber, carrier); // expect-flow: vendor postmark user.contact.email pattern=message-queue
  log.info({ orderId, carrier }, 'shipping notice sent'); // expect-no-flow pattern=no-personal-data
});

async function dailyDigest() {
  const since = new Date(Date.now() - DAY_MS);
  const [paid, newSellers, refunds, gmvCents] = await Promise.all([
    Order.count({ where: { status: { [Op.in]: ['paid', 'shipped'] }, createdAt: { [Op.gte]: since } } }),
    User.count({ where: { role: 'seller', createdAt: { [Op.gte]: since } } }),
    Order.count({ where: { status: 'refunded', updatedAt: { [Op.gte]: since } } }),
    Order.sum('amountCents', { where: { createdAt: { [Op.gte]: since } } }),
  ]);
  const balance = await platformBalance(); // expect-no-flow pattern=no-personal-data
  await sendOpsDigest({ orders: paid, gmvCents: gmvCents ?? 0, newSellers, refunds }); // expect-no-flow pattern=aggregate
  log.info({ paid, newSellers, refunds, availableCents: balance.availableCents }, 'daily digest sent'); // expect-no-flow pattern=aggregate
}

setInterval(() => void dailyDigest().catch((err) => log.error({ err }, 'daily digest failed')), DAY_MS); // expect-no-flow pattern=no-personal-data
log.info('mail worker ready'); // expect-no-flow pattern=no-personal-data
