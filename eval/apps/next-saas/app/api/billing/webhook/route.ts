import Stripe from 'stripe';
import { headers } from 'next/headers';
import { logger } from '@/lib/logger';
import { trackEvent } from '@/lib/analytics';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, { apiVersion: '2024-06-20' });

export async function POST(request: Request) {
  const payload = await request.text();
  const signature = headers().get('stripe-signature')!;
  const event = stripe.webhooks.constructEvent(payload, signature, process.env.STRIPE_WEBHOOK_SECRET!);

  if (event.type === 'checkout.session.completed') {
    const session = event.data.object as Stripe.Checkout.Session;
    const customerEmail = session.customer_details?.email;
    logger.info(`checkout completed for ${customerEmail}`); // expect-flow: log log user.contact.email pattern=optional-chaining
    trackEvent(session.client_reference_id ?? 'anonymous', 'subscription_started', { amount: session.amount_total }); // expect-maybe-flow pattern=cross-module-wrapper
  }
  logger.info({ type: event.type, id: event.id }, 'stripe webhook handled'); // expect-no-flow pattern=no-personal-data
  return new Response(null, { status: 200 });
}

export async function createPortalSession(customer: { stripeCustomerId: string; email: string }) {
  // expect-no-flow pattern=no-personal-data
  return stripe.billingPortal.sessions.create({ customer: customer.stripeCustomerId, return_url: 'https://app.launchpad.dev/settings' });
}

export async function createCustomer(user: { id: string; email: string; name: string | null }) {
  // expect-flow: vendor stripe user.contact.email,user.unique_id pattern=typed-parameter
  return stripe.customers.create({ email: user.email, name: user.name ?? undefined, metadata: { userId: user.id } });
}
