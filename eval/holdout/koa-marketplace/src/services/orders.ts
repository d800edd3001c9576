import { Listing, Order, User } from '../models/index.js';
import type { CheckoutInput, Parcel, ReceiptJob, ShippingJob } from '../types.js';
import { createPaymentIntent } from './payments.js';
import { buyLabel } from './shipping.js';
import { publish } from '../lib/queue.js';
import { trackEvent } from '../lib/tracking.js';
import { childLog } from '../lib/logger.js';

const log = childLog('orders');

export class OrderError extends Error {
  constructor(message: string, readonly status = 409) {
    super(message);
  }
}

export async function placeOrder(buyer: User, input: CheckoutInput) {
  const listing = await Listing.findByPk(input.listingId, { include: [{ model: User, as: 'seller' }] });
  if (!listing?.seller) throw new OrderError('listing is no longer available', 404);
  const { seller } = listing;
  if (!seller.stripeAccountId) throw new OrderError('this maker cannot take payments yet');

  const order = await Order.create({
    buyerId: buyer.id,
    listingId: listing.id,
    quantity: input.quantity,
    amountCents: listing.priceCents * input.quantity,
    currency: 'eur',
    status: 'pending',
    shippingAddress: input.shipping,
  });

  const intent = await createPaymentIntent(order, buyer, seller.stripeAccountId); // expect-flow: vendor stripe user.contact.email,user.unique_id pattern=whole-record
  await order.update({ paymentIntentId: intent.id });

  trackEvent(buyer.id, 'Order Created', { orderId: order.id, listingId: listing.id, revenue: order.amountCents / 100, currency: 'EUR' }); // expect-flow: vendor segment user.unique_id pattern=cross-module-wrapper
  log.info({ orderId: order.id, buyerId: buyer.id, sellerId: seller.id }, 'order created'); // expect-flow: log log user.unique_id pattern=orm-record
  return { order, clientSecret: intent.client_secret };
}

export async function confirmPayment(orderId: string): Promise<void> {
  const order = await Order.findByPk(orderId, {
    include: [{ model: User, as: 'buyer' }, { model: Listing, as: 'listing' }],
    rejectOnEmpty: true,
  });
  if (order.status !== 'pending') return;
  await order.update({ status: 'paid' });

  const buyer = order.buyer!;
  const job: ReceiptJob = {
    orderId: order.id,
    email: buyer.email,
    buyerName: buyer.fullName ?? 'there',
    itemTitle: order.listing?.title ?? 'your item',
    totalCents: order.amountCents,
  };
  await publish('mail.receipts', job); // expect-maybe-flow pattern=message-queue
  log.info(`order ${order.id} paid by ${buyer.email}`); // expect-flow: log log user.contact.email pattern=template-literal
}

export async function shipOrder(orderId: string, parcel: Parcel) {
  const order = await Order.findByPk(orderId, {
    include: [
      { model: User, as: 'buyer' },
      { model: Listing, as: 'listing', include: [{ model: User, as: 'seller' }] },
    ],
    rejectOnEmpty: true,
  });

  const shipFrom = order.listing?.seller?.shipFrom;
  if (!shipFrom) {
    log.warn(`order ${order.id}: seller ${order.listing?.seller?.email} has no ship-from address`); // expect-flow: log log user.contact.email pattern=optional-chaining
    throw new OrderError('add a ship-from address before buying labels', 422);
  }

  const label = await buyLabel(shipFrom, order.shippingAddress, parcel); // expect-flow: http api.goshippo.com user.name,user.contact.address pattern=orm-record
  await order.update({ status: 'shipped', trackingNumber: label.trackingNumber });

  const job: ShippingJob = { orderId: order.id, email: order.buyer?.email, trackingNumber: label.trackingNumber, carrier: label.carrier };
  await publish('mail.shipping', job); // expect-maybe-flow pattern=message-queue
  return label;
}
