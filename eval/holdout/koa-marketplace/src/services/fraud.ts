import { sift } from '../lib/http.js';
import type { ShippingAddress } from '../types.js';

const API_KEY = process.env.SIFT_API_KEY ?? '';

export interface OrderSignal {
  userId: string;
  email: string;
  ip: string;
  listingId: string;
  quantity: number;
  shipping: ShippingAddress;
}

interface SiftResponse {
  status: number;
  error_message: string;
  score_response?: { scores: Record<string, { score: number }> };
}

function toSiftAddress({ name, line1, line2, city, postalCode, country, phone }: ShippingAddress) {
  return { $name: name, $address_1: line1, $address_2: line2, $city: city, $zipcode: postalCode, $country: country, $phone: phone };
}

/** Sends a `$create_order` event and returns the synchronous payment-abuse score (0..1). */
export async function scoreOrder(signal: OrderSignal): Promise<number> {
  // expect-flow: http api.sift.com user.unique_id,user.contact.email,user.device.ip_address,user.contact.address,user.name,user.contact.phone_number pattern=axios-baseurl
  const res = await sift
    .post('events', {
      searchParams: { return_score: 'true', abuse_types: 'payment_abuse' },
      json: {
        $type: '$create_order',
        $api_key: API_KEY,
        $user_id: signal.userId,
        $user_email: signal.email,
        $ip: signal.ip,
        $items: [{ $item_id: signal.listingId, $quantity: signal.quantity }],
        $shipping_address: toSiftAddress(signal.shipping),
      },
    })
    .json<SiftResponse>();
  return res.score_response?.scores.payment_abuse?.score ?? 0;
}

export async function reportLogin(userId: string, ip: string, succeeded: boolean): Promise<void> {
  const event = { $type: '$login', $api_key: API_KEY, $user_id: userId, $ip: ip, $login_status: succeeded ? '$success' : '$failure' };
  await sift.post('events', { json: event }); // expect-flow: http api.sift.com user.unique_id,user.device.ip_address pattern=typed-parameter
}

export async function siftHealth(): Promise<boolean> {
  const res = await sift.get('decisions', { searchParams: { entity_type: 'user', abuse_types: 'payment_abuse' }, throwHttpErrors: false }); // expect-no-flow pattern=no-personal-data
  return res.statusCode < 500;
}
