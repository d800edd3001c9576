import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NextApiRequest } from 'next';
import { Pool } from 'pg';
import type { Customer, ProfileChanges } from './schemas';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 5 });
const SESSION_SECRET = process.env.SESSION_SECRET ?? 'dev-secret';
export const SESSION_COOKIE = 'll_session';

const COLUMNS = `id, email, first_name as "firstName", last_name as "lastName", phone, city, postcode,
  marketing_consent as "marketingConsent", created_at as "createdAt"`;

function sign(value: string) {
  return createHmac('sha256', SESSION_SECRET).update(value).digest('base64url');
}

export function sessionCookie(customerId: string) {
  return `${SESSION_COOKIE}=${customerId}.${sign(customerId)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000`;
}

export async function getSessionCustomer(req: NextApiRequest): Promise<Customer | null> {
  const [id, signature] = (req.cookies[SESSION_COOKIE] ?? '').split('.');
  if (!id || !signature) return null;
  const expected = Buffer.from(sign(id));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const { rows } = await pool.query<Customer>(`select ${COLUMNS} from customers where id = $1`, [id]);
  return rows[0] ?? null;
}

export async function upsertCustomerByEmail(contact: { email: string; firstName: string; lastName: string; phone?: string; city: string; postcode: string }) {
  const { rows } = await pool.query<Customer>(
    `insert into customers (email, first_name, last_name, phone, city, postcode)
     values ($1, $2, $3, nullif($4, ''), $5, $6)
     on conflict (email) do update set first_name = excluded.first_name, last_name = excluded.last_name,
       phone = coalesce(excluded.phone, customers.phone), city = excluded.city, postcode = excluded.postcode
     returning ${COLUMNS}`,
    [contact.email.toLowerCase(), contact.firstName, contact.lastName, contact.phone ?? '', contact.city, contact.postcode],
  );
  return rows[0];
}

export async function updateCustomer(id: string, changes: ProfileChanges): Promise<Customer> {
  const columns: Record<keyof ProfileChanges, string> = {
    firstName: 'first_name',
    lastName: 'last_name',
    phone: 'phone',
    city: 'city',
    postcode: 'postcode',
    marketingConsent: 'marketing_consent',
  };
  const entries = Object.entries(changes).filter(([, v]) => v !== undefined) as [keyof ProfileChanges, unknown][];
  const sets = entries.map(([key], i) => `${columns[key]} = $${i + 2}`);
  const { rows } = await pool.query<Customer>(
    `update customers set ${sets.join(', ') || 'updated_at = now()'} where id = $1 returning ${COLUMNS}`,
    [id, ...entries.map(([, v]) => v)],
  );
  return rows[0];
}

export async function deleteCustomer(id: string) {
  await pool.query('delete from customers where id = $1', [id]);
}
