import type { Order, User } from '@prisma/client';
import { shipbob, inventory } from '../lib/http';
import { logger } from '../lib/logger';

function toShipment(order: Order, user: User) {
  return {
    reference_id: order.id,
    recipient: { name: user.name, email: user.email, phone_number: user.phone, address: order.shippingAddress },
  };
}

export async function createShipment(order: Order, user: User) {
  const payload = toShipment(order, user);
  const res = await shipbob.post('/order', payload); // expect-flow: http api.shipbob.com user.contact.email,user.name pattern=local-helper
  logger.info(`shipment ${res.data.id} created for order ${order.id}`); // expect-no-flow pattern=no-personal-data
  return res.data.id as number;
}

export async function shipToCustomer(order: Order & { user: User }) {
  // expect-flow: http api.shipbob.com user.contact.address,user.contact.email pattern=orm-record
  await shipbob.post('/order', { reference_id: order.id, recipient: { ...order.user, address: order.shippingAddress } });
}

export async function reserveStock(items: { sku: string; qty: number }[]) {
  return inventory.post('/reservations', { items }); // expect-no-flow pattern=no-personal-data
}
