import type { NextApiRequest, NextApiResponse } from 'next';
import Stripe from 'stripe';
import { checkoutRequestSchema } from '@/lib/schemas';
import { upsertPerson } from '@/lib/crm';
import { sessionCookie, upsertCustomerByEmail } from '@/lib/session';
import { logger } from '@/lib/logger';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, { apiVersion: '2024-06-20' });
const SITE_URL = process.env.NEXT_PUBLIC_SITE_URL ?? 'https://loomandlinen.co.uk';

/** Stripe price ids per SKU; kept in code because the catalogue changes twice a year. */
const PRICE_IDS: Record<string, string> = {
  'DUV-KING-OAT': 'price_1PbKq2LlM0nDuvKingOat',
  'DUV-DBL-SAGE': 'price_1PbKq2LlM0nDuvDblSage',
  'THR-WOOL-RUST': 'price_1PbKq2LlM0nThrWoolRust',
  'NAP-SET-4': 'price_1PbKq2LlM0nNapSet4',
};

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return res.status(405).end();
  }

  const parsed = checkoutRequestSchema.safeParse(req.body);
  if (!parsed.success) {
    logger.warn({ fields: parsed.error.issues.map((issue) => issue.path.join('.')) }, 'checkout rejected'); // expect-no-flow pattern=no-personal-data
    return res.status(422).json({ error: 'Please check the highlighted fields' });
  }

  const { items, marketingConsent, ...contact } = parsed.data;
  const unknownSku = items.find(({ sku }) => !PRICE_IDS[sku]);
  if (unknownSku) return res.status(422).json({ error: `Unknown product ${unknownSku.sku}` });

  const customer = await upsertCustomerByEmail(contact);

  // expect-flow: vendor stripe user.contact.email,user.unique_id,user.name,user.contact.address,user.contact.phone_number pattern=zod-schema
  const session = await stripe.checkout.sessions.create({
    mode: 'payment',
    customer_email: contact.email,
    client_reference_id: customer.id,
    line_items: items.map(({ sku, quantity }) => ({ price: PRICE_IDS[sku], quantity })),
    payment_intent_data: {
      shipping: {
        name: `${contact.firstName} ${contact.lastName}`,
        phone: contact.phone || undefined,
        address: { line1: contact.address1, line2: contact.address2, city: contact.city, postal_code: contact.postcode, country: contact.country },
      },
    },
    success_url: `${SITE_URL}/order/{CHECKOUT_SESSION_ID}`,
    cancel_url: `${SITE_URL}/checkout`,
  });

  if (marketingConsent) {
    await upsertPerson({ ...contact, source: 'checkout' }); // expect-flow: http api.attio.com user.contact.email,user.name,user.contact.phone_number pattern=spread-assign
  }

  logger.info({ sessionId: session.id, customerId: customer.id, items: items.length }, 'checkout session created'); // expect-flow: log log user.unique_id pattern=logger
  res.setHeader('Set-Cookie', sessionCookie(customer.id));
  return res.status(200).json({ url: session.url, sessionId: session.id });
}
