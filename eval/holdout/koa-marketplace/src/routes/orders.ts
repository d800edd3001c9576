import Router from '@koa/router';
import { Order, User } from '../models/index.js';
import { scoreOrder } from '../services/fraud.js';
import { OrderError, confirmPayment, placeOrder, shipOrder } from '../services/orders.js';
import { refundPayment } from '../services/payments.js';
import { log } from '../lib/logger.js';
import { requireSeller, requireUser } from '../middleware.js';
import type { CheckoutInput, Parcel } from '../types.js';

const RISK_THRESHOLD = Number(process.env.RISK_THRESHOLD ?? 0.85);

export const orders = new Router({ prefix: '/orders' });

orders.post('/checkout', requireUser, async (ctx) => {
  const input = ctx.request.body as CheckoutInput;
  const buyer = await User.findByPk(ctx.state.user!.id, { rejectOnEmpty: true });

  // expect-flow: http api.sift.com user.unique_id,user.contact.email,user.device.ip_address,user.contact.address,user.name,user.contact.phone_number pattern=cross-module-wrapper
  const risk = await scoreOrder({
    userId: buyer.id,
    email: buyer.email,
    ip: ctx.ip,
    listingId: input.listingId,
    quantity: input.quantity,
    shipping: input.shipping,
  });
  if (risk >= RISK_THRESHOLD) {
    log.warn({ buyerId: buyer.id, ip: ctx.ip, risk }, 'checkout held for manual review'); // expect-flow: log log user.unique_id,user.device.ip_address pattern=logger
    ctx.throw(402, 'We could not process this payment. Our team will get in touch.');
  }

  try {
    // expect-flow: vendor stripe user.contact.email,user.unique_id pattern=whole-record
    // expect-flow: vendor segment user.unique_id pattern=whole-record
    // expect-flow: log log user.unique_id pattern=whole-record
    const { order, clientSecret } = await placeOrder(buyer, input);
    ctx.status = 201;
    ctx.body = { orderId: order.id, clientSecret };
  } catch (err) {
    if (err instanceof OrderError) ctx.throw(err.status, err.message);
    throw err;
  }
});

orders.post('/:id/confirm', requireUser, async (ctx) => {
  await confirmPayment(ctx.params.id);
  ctx.status = 204;
});

orders.post('/:id/ship', requireSeller, async (ctx) => {
  const parcel = ctx.request.body as Parcel;
  const label = await shipOrder(ctx.params.id, parcel);
  ctx.body = { trackingNumber: label.trackingNumber, labelUrl: label.labelUrl };
});

orders.post('/:id/refund', requireSeller, async (ctx) => {
  const order = await Order.findByPk(ctx.params.id, { rejectOnEmpty: true });
  if (!order.paymentIntentId) ctx.throw(409, 'Order was never paid');
  await refundPayment(order.paymentIntentId); // expect-no-flow pattern=no-personal-data
  await order.update({ status: 'refunded' });
  log.info({ orderId: order.id, amountCents: order.amountCents }, 'order refunded'); // expect-no-flow pattern=no-personal-data
  ctx.status = 204;
});
