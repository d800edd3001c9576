import { EASYPOST_API } from './env.server';
import type { Customer } from '../models/customer.server';

function toAddress(customer: Customer) {
  const a = customer.shippingAddress ?? {};
  return { name: `${customer.firstName} ${customer.lastName}`, street1: a.line1, city: a.city, zip: a.postalCode, country: a.country, phone: customer.phone };
}

export async function buyLabel(customer: Customer, parcel: { weightOz: number }) {
  const params = new URLSearchParams({ 'shipment[to_address][name]': `${customer.firstName} ${customer.lastName}`, 'shipment[parcel][weight]': String(parcel.weightOz) });
  // expect-flow: http api.easypost.com user.name pattern=url-search-params
  return fetch(`${EASYPOST_API}/shipments`, { method: 'POST', body: params, headers: { Authorization: `Bearer ${process.env.EASYPOST_KEY}` } });
}

export async function verifyAddress(customer: Customer) {
  const res = await fetch(`${EASYPOST_API}/addresses`, { method: 'POST', body: JSON.stringify({ address: toAddress(customer) }) }); // expect-flow: http api.easypost.com user.contact.address,user.contact.phone_number pattern=local-helper
  return (await res.json()).verifications;
}
