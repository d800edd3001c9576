import Stripe from 'stripe';
import { prisma } from '../lib/prisma';
import { logger } from '../lib/logger';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, { apiVersion: '2024-06-20' });

export async function ensureStripeCustomer(userId: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  // expect-flow: vendor stripe user.contact.email,user.name pattern=orm-record
  const customer = await stripe.customers.create({
    email: user.email,
    name: user.name ?? undefined,
    phone: user.phone ?? undefined,
    metadata: { userId: user.id },
  });
  logger.info('stripe customer created', { customerId: customer.id }); // expect-no-flow pattern=no-personal-data
  return customer.id;
}

export async function chargeOrder(order: { id: string; totalCents: number }, customerId: string) {
  // expect-no-flow pattern=vendor-id (the Stripe customer id is Stripe's own; relabelled when the engine learnt that ids a payments vendor issued are not the person's)
  return stripe.paymentIntents.create({ amount: order.totalCents, currency: 'eur', customer: customerId, metadata: { orderId: order.id } });
}

export async function syncPrices(prices: { lookupKey: string; unitAmount: number }[]) {
  for (const price of prices) {
    await stripe.prices.create({ currency: 'eur', unit_amount: price.unitAmount, lookup_key: price.lookupKey, product: 'prod_orders' }); // expect-no-flow pattern=no-personal-data
  }
}

export async function refundsReport() {
  const refunds = await stripe.refunds.list({ limit: 100 }); // expect-no-flow pattern=no-personal-data
  logger.info('refunds fetched', { count: refunds.data.length }); // expect-no-flow pattern=aggregate
}
