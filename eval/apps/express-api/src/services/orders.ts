import { prisma } from '../lib/prisma';
import { logger } from '../lib/logger';
import { analytics } from '../clients/analytics';
import { sendOrderConfirmation } from './notifications';
import { createShipment } from './fulfilment';
import { orderQueue } from '../jobs/queue';

export async function placeOrder(userId: string, items: { sku: string; qty: number; priceCents: number }[], shippingAddress: string) {
  const totalCents = items.reduce((sum, i) => sum + i.qty * i.priceCents, 0);
  const order = await prisma.order.create({ data: { userId, totalCents, status: 'pending', shippingAddress } });
  const user = await prisma.user.findUnique({ where: { id: userId } });
  if (!user) throw new Error('user vanished');

  await sendOrderConfirmation(user, order.id, totalCents); // expect-flow: vendor sendgrid user.contact.email pattern=whole-record
  await createShipment(order, user); // expect-flow: http api.shipbob.com user.contact.email pattern=whole-record
  analytics.identify(user); // expect-flow: vendor mixpanel user.contact.email pattern=whole-record
  analytics.track(user.id, 'order_placed', { totalCents, items: items.length }); // expect-flow: vendor mixpanel user.unique_id pattern=cross-module-wrapper
  logger.info('order placed', { user }); // expect-flow: log log user.contact.email pattern=whole-record
  await orderQueue.add('fulfil', { orderId: order.id, email: user.email }); // expect-maybe-flow pattern=message-queue
  return order;
}

export async function listCustomerEmails() {
  const users = await prisma.user.findMany({ where: { orders: { some: {} } }, select: { email: true, name: true } });
  const emails = users.map((u) => u.email);
  logger.debug(`exporting ${emails.length} customers: ${emails.join(',')}`); // expect-flow: log log user.contact.email pattern=callback
  users.forEach((u) => analytics.track(u.email, 'export_included')); // expect-flow: vendor mixpanel user.contact.email pattern=callback
  return emails;
}

export async function orderSummary(orderId: string) {
  const order = await prisma.order.findUnique({ where: { id: orderId }, include: { user: true } });
  logger.info(`order ${orderId} for ${order?.user?.email ?? 'unknown'}`); // expect-flow: log log user.contact.email pattern=optional-chaining
  logger.info('order status', { orderId, status: order?.status }); // expect-no-flow pattern=no-personal-data
  return order;
}
