import { createCookieSessionStorage } from '@remix-run/node';
import { CustomerModel, type Customer } from '~/models/customer.server';

export const sessionStorage = createCookieSessionStorage({
  cookie: { name: '__fw_session', httpOnly: true, sameSite: 'lax', secrets: [process.env.SESSION_SECRET ?? 'dev'], secure: true },
});

export async function getSessionCustomer(request: Request): Promise<Customer | null> {
  const session = await sessionStorage.getSession(request.headers.get('Cookie'));
  const id = session.get('customerId');
  return id ? CustomerModel.findById(id).lean<Customer>() : null;
}
