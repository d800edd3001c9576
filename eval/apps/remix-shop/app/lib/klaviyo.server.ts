import { KLAVIYO_API } from './env.server';

const headers = {
  Authorization: `Klaviyo-API-Key ${process.env.KLAVIYO_PRIVATE_KEY}`,
  revision: '2024-07-15',
  'content-type': 'application/json',
};

export async function subscribeProfile(email: string, phone?: string | null) {
  const body = {
    data: {
      type: 'profile-subscription-bulk-create-job',
      attributes: { profiles: { data: [{ type: 'profile', attributes: { email, phone_number: phone ?? undefined } }] } },
    },
  };
  // expect-flow: http a.klaviyo.com user.contact.email pattern=env-baseurl
  return fetch(`${KLAVIYO_API}/profile-subscription-bulk-create-jobs/`, { method: 'POST', headers, body: JSON.stringify(body) });
}

export function trackViewedProduct(email: string, product: { id: string; title: string }) {
  // expect-flow: http a.klaviyo.com user.contact.email pattern=promise-chain
  return fetch(`${KLAVIYO_API}/events/`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ data: { type: 'event', attributes: { metric: { name: 'Viewed Product' }, profile: { email }, properties: product } } }),
  })
    .then((res) => res.json())
    .catch(() => null);
}

export async function listMetrics() {
  return fetch(`${KLAVIYO_API}/metrics/`, { headers }).then((r) => r.json()); // expect-no-flow pattern=no-personal-data
}
