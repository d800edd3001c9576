import { json, redirect, type ActionFunctionArgs } from '@remix-run/node';
import { CustomerModel } from '~/models/customer.server';
import { OrderModel } from '~/models/order.server';
import { buyLabel, verifyAddress } from '~/lib/shipping.server';
import { setMonitoringUser, reportCheckoutError } from '~/lib/monitoring';
import { trackViewedProduct } from '~/lib/klaviyo.server';

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const { email, firstName, lastName, phone, line1, city, postalCode, country } = Object.fromEntries(form) as Record<string, string>;

  const customer = await CustomerModel.findOneAndUpdate(
    { email },
    { firstName, lastName, phone, shippingAddress: { line1, city, postalCode, country } },
    { upsert: true, new: true },
  ).lean();

  setMonitoringUser({ id: String(customer._id), email: customer.email }); // expect-flow: vendor sentry user.contact.email pattern=orm-record
  try {
    await verifyAddress(customer); // expect-flow: http api.easypost.com user.contact.address pattern=orm-record
    const order = await OrderModel.create({ customer: customer._id, items: JSON.parse(String(form.get('cart'))), status: 'pending' });
    await buyLabel(customer, { weightOz: 12 }); // expect-flow: http api.easypost.com user.name pattern=orm-record
    console.log('checkout', { email, city }); // expect-flow: log log user.contact.email pattern=destructuring
    return redirect(`/orders/${order._id}`);
  } catch (error) {
    reportCheckoutError(error, { orderId: 'pending', step: 'label' });
    return json({ error: 'We could not complete your order' }, { status: 500 });
  }
}
