import Stripe from 'stripe';
import type { Order, User } from '../models/index.js';
import { childLog } from '../lib/logger.js';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '', { apiVersion: '2024-06-20', maxNetworkRetries: 2 });
const log = childLog('payments');

/** Marketplace take rate, in basis points. */
const PLATFORM_FEE_BPS = 800;

export async function createSellerAccount(seller: User, country: string): Promise<Stripe.Account> {
  // expect-flow: vendor stripe user.contact.email,user.unique_id pattern=typed-parameter
  const account = await stripe.accounts.create({
    type: 'express',
    country,
    email: seller.email,
    business_profile: { name: seller.shopName ?? undefined, product_description: 'Handmade goods sold on Makers Market' },
    capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
    metadata: { userId: seller.id },
  });
  log.info({ accountId: account.id, country }, 'connect account created'); // expect-no-flow pattern=no-personal-data
  return account;
}

export async function createPaymentIntent(order: Order, buyer: User, destination: string) {
  const fee = Math.round((order.amountCents * PLATFORM_FEE_BPS) / 10_000);
  const receipt = { receipt_email: buyer.email, description: `Makers Market order ${order.id}` };

  // expect-flow: vendor stripe user.contact.email,user.unique_id pattern=spread-assign
  return stripe.paymentIntents.create(
    {
      amount: order.amountCents,
      currency: order.currency,
      application_fee_amount: fee,
      transfer_data: { destination },
      automatic_payment_methods: { enabled: true },
      metadata: { orderId: order.id, buyerId: buyer.id },
      ...receipt,
    },
    { idempotencyKey: `order-${order.id}` },
  );
}

export async function refundPayment(paymentIntentId: string, reason: Stripe.RefundCreateParams.Reason = 'requested_by_customer') {
  const refund = await stripe.refunds.create({ payment_intent: paymentIntentId, reason }); // expect-no-flow pattern=no-personal-data
  log.info({ refundId: refund.id, status: refund.status, amount: refund.amount }, 'refund issued'); // expect-no-flow pattern=no-personal-data
  return refund;
}

export async function platformBalance() {
  const { available, pending } = await stripe.balance.retrieve(); // expect-no-flow pattern=no-personal-data
  const sum = (rows: { amount: number }[]) => rows.reduce((total, row) => total + row.amount, 0);
  return { availableCents: sum(available), pendingCents: sum(pending) };
}
