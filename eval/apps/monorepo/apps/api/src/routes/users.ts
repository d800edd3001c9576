import { Hono } from 'hono';
import { db, users, eq } from '@acme/db';
import { track, identify, setEmail } from '@acme/analytics';
import { upsertContact } from '@acme/api-client';
import { log } from '@/lib/log';
import { recordSignup } from '@/lib/reporting';

export const userRoutes = new Hono();

userRoutes.post('/', async (c) => {
  const { email, displayName, companyName } = await c.req.json<{ email: string; displayName?: string; companyName?: string }>();
  const [user] = await db.insert(users).values({ email, displayName, companyName }).returning();

  identify({ id: user.id, email: user.email, name: user.displayName ?? undefined }); // expect-flow: vendor mixpanel user.contact.email pattern=workspace-package
  track({ id: user.id }, 'Signed Up', { company: companyName }); // expect-flow: vendor mixpanel user.unique_id pattern=barrel-reexport
  setEmail(user.id, email); // expect-flow: vendor amplitude user.contact.email pattern=barrel-reexport
  await upsertContact({ external_id: user.id, email, name: displayName }); // expect-flow: http api.intercom.io user.contact.email pattern=workspace-package
  await recordSignup(user); // expect-flow: http warehouse.acme.internal user.contact.email pattern=path-alias
  log.info('user created', { email }); // expect-flow: log log user.contact.email pattern=path-alias
  log.info('signup counted', { plan: 'trial' }); // expect-no-flow pattern=no-personal-data
  return c.json(user, 201);
});

userRoutes.get('/:id', async (c) => {
  const user = await db.query.users.findFirst({ where: eq(users.id, c.req.param('id')) });
  if (!user) return c.notFound();
  identify({ id: user.id, email: user.email }); // expect-flow: vendor mixpanel user.contact.email pattern=orm-record
  log.warn(`profile viewed: ${user.email}`, { ip: c.req.header('x-forwarded-for') }); // expect-flow: log log user.contact.email,user.device.ip_address pattern=path-alias
  return c.json(user);
});

userRoutes.post('/sync', async (c) => {
  const rows = await db.select().from(users);
  await Promise.all(rows.map((row) => upsertContact({ external_id: row.id, email: row.email, name: row.displayName }))); // expect-flow: http api.intercom.io user.contact.email pattern=callback
  rows.filter((r) => r.isAdmin).forEach((admin) => track({ id: admin.id, email: admin.email }, 'Admin Synced')); // expect-flow: vendor mixpanel user.unique_id pattern=callback
  log.info('sync finished', { count: rows.length }); // expect-no-flow pattern=aggregate
  return c.json({ synced: rows.length });
});
