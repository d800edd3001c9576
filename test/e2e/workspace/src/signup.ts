import Mixpanel from 'mixpanel';
import Stripe from 'stripe';

const mixpanel = Mixpanel.init(process.env.MIXPANEL_TOKEN ?? '');
const stripe = new Stripe(process.env.STRIPE_KEY ?? '');

export async function signup(req: { body: { email: string; name: string } }) {
  const { email, name } = req.body;
  await stripe.customers.create({ email, name });
  mixpanel.track('signup', { distinct_id: email });
  console.log('new customer', name);
}
