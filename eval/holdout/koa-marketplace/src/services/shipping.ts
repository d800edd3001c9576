import got from 'got';
import type { Parcel, ShippingAddress } from '../types.js';
import { childLog } from '../lib/logger.js';

const SHIPPO_API = process.env.SHIPPO_API_URL ?? 'https://api.goshippo.com';
const headers = { Authorization: `ShippoToken ${process.env.SHIPPO_TOKEN ?? ''}` };
const log = childLog('shipping');

interface ShippoRate { object_id: string; amount: string; provider: string }
interface ShippoTransaction { status: string; tracking_number: string; label_url: string }

const toShippo = (a: ShippingAddress) => ({
  name: a.name,
  street1: a.line1,
  street2: a.line2 ?? '',
  city: a.city,
  zip: a.postalCode,
  country: a.country,
});

export async function buyLabel(from: ShippingAddress, to: ShippingAddress, parcel: Parcel) {
  // expect-flow: http api.goshippo.com user.name,user.contact.address pattern=env-baseurl
  const shipment = await got.post(`${SHIPPO_API}/shipments/`, {
    headers,
    json: {
      address_from: toShippo(from),
      address_to: toShippo(to),
      parcels: [{ length: parcel.lengthCm, width: parcel.widthCm, height: parcel.heightCm, distance_unit: 'cm', weight: parcel.weightG, mass_unit: 'g' }],
      async: false,
    },
  }).json<{ object_id: string; rates: ShippoRate[] }>();

  const [cheapest] = [...shipment.rates].sort((a, b) => Number(a.amount) - Number(b.amount));
  const transaction = await got // expect-no-flow pattern=no-personal-data
    .post(`${SHIPPO_API}/transactions/`, { headers, json: { rate: cheapest.object_id, label_file_type: 'PDF_4x6', async: false } })
    .json<ShippoTransaction>();

  log.info({ shipment: shipment.object_id, provider: cheapest.provider, amount: cheapest.amount }, 'label purchased'); // expect-no-flow pattern=no-personal-data
  return { trackingNumber: transaction.tracking_number, carrier: cheapest.provider.toLowerCase(), labelUrl: transaction.label_url };
}
