import { json, type LoaderFunctionArgs, type ActionFunctionArgs } from '@remix-run/node';
import * as Sentry from '@sentry/remix';
import { getSessionCustomer } from '~/lib/session.server';
import { archiveMember } from '~/lib/mailchimp.server';
import { trackViewedProduct } from '~/lib/klaviyo.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const customer = await getSessionCustomer(request);
  Sentry.setUser(customer ? { email: customer.email } : null); // expect-flow: vendor sentry user.contact.email pattern=direct
  Sentry.setTag('customer_type', customer ? 'returning' : 'guest'); // expect-no-flow pattern=no-personal-data
  return json({ name: customer?.firstName, email: customer?.email });
}

export async function action({ request }: ActionFunctionArgs) {
  const customer = await getSessionCustomer(request);
  const intent = (await request.formData()).get('intent');
  if (intent === 'unsubscribe' && customer) await archiveMember(customer.email); // expect-flow: http *.api.mailchimp.com user.contact.email pattern=orm-record
  if (intent === 'wishlist' && customer) trackViewedProduct(customer.email, { id: 'p_1', title: 'Oak bowl' }).then(() => console.log('tracked')); // expect-flow: http a.klaviyo.com user.contact.email pattern=promise-chain
  Sentry.addBreadcrumb({ category: 'account', message: `account action ${intent}` }); // expect-no-flow pattern=no-personal-data
  Sentry.captureMessage(`account action by ${customer?.email}`); // expect-flow: vendor sentry user.contact.email pattern=optional-chaining
  return json({ ok: true });
}
