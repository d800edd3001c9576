import { Op } from 'sequelize';
import { consume } from '../lib/queue.js';
import { mailer } from '../services/mail.js';
import { trackEvent } from '../lib/tracking.js';
import { platformBalance } from '../services/payments.js';
import { Order, User } from '../models/index.js';
import { childLog } from '../lib/logger.js';
import type { ReceiptJob, ShippingJob } from '../types.js';

const log = childLog('worker');
const DAY_MS = 24 * 60 * 60 * 1000;

await consume<ReceiptJob>('mail.receipts', async (job) => {
  await mailer.sendReceipt(job); // expect-flow: vendor postmark user.contact.email,user.name pattern=message-queue
  log.info(`receipt for order ${job.orderId} sent to ${job.email}`); // expect-flow: log log user.contact.email pattern=message-queue
});

await consume<ShippingJob>('mail.shipping', async ({ orderId, email, trackingNumber, carrier }) => {
  if (!email) {
    log.warn({ orderId }, 'shipping notice skipped: buyer has no email on file'); // expect-no-flow pattern=no-personal-data
    return;
  }
  await mailer.sendShippedNotice(email, trackingNumber, carrier); // expect-flow: vendor postmark user.contact.email pattern=message-queue
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
  await mailer.sendOpsDigest({ orders: paid, gmvCents: gmvCents ?? 0, newSellers, refunds }); // expect-no-flow pattern=aggregate
  log.info({ paid, newSellers, refunds, availableCents: balance.availableCents }, 'daily digest sent'); // expect-no-flow pattern=aggregate
}

/** Buyers who started checkout three days ago and never paid get a nudge from the lifecycle team. */
async function flagUnpaidOrders() {
  const stale = await Order.findAll({
    where: { status: 'pending', createdAt: { [Op.lt]: new Date(Date.now() - 3 * DAY_MS) } },
    attributes: ['id', 'buyerId', 'amountCents'],
  });
  stale.forEach((order) => trackEvent(order.buyerId, 'Checkout Abandoned', { orderId: order.id, value: order.amountCents / 100 })); // expect-flow: vendor segment user.unique_id pattern=callback
  log.info({ count: stale.length }, 'abandoned checkouts flagged'); // expect-no-flow pattern=aggregate
}

setInterval(() => void flagUnpaidOrders().catch((err) => log.error({ err }, 'abandoned checkout scan failed')), DAY_MS / 4); // expect-no-flow pattern=no-personal-data
setInterval(() => void dailyDigest().catch((err) => log.error({ err }, 'daily digest failed')), DAY_MS); // expect-no-flow pattern=no-personal-data
log.info('background worker ready'); // expect-no-flow pattern=no-personal-data
