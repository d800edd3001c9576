import type { NextApiRequest, NextApiResponse } from 'next';
import { deleteCustomer, getSessionCustomer, updateCustomer, SESSION_COOKIE } from '@/lib/session';
import { profileSchema } from '@/lib/schemas';
import { upsertPerson } from '@/lib/crm';
import { logger } from '@/lib/logger';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const customer = await getSessionCustomer(req);
  if (!customer) return res.status(401).json(null);

  switch (req.method) {
    case 'GET':
      return res.status(200).json(customer);

    case 'PATCH': {
      const parsed = profileSchema.safeParse(req.body);
      if (!parsed.success) return res.status(422).json({ error: parsed.error.flatten().fieldErrors });
      const updated = await updateCustomer(customer.id, parsed.data);
      logger.info(`profile of ${customer.email} updated (${Object.keys(parsed.data).join(', ')})`); // expect-flow: log log user.contact.email pattern=template-literal
      if (updated.marketingConsent) {
        await upsertPerson({ ...updated, source: 'profile' }); // expect-flow: http api.attio.com user.contact.email,user.name,user.contact.phone_number pattern=spread-assign
      }
      return res.status(200).json(updated);
    }

    case 'DELETE': {
      await deleteCustomer(customer.id);
      logger.info({ customerId: customer.id }, 'account deleted on request'); // expect-flow: log log user.unique_id pattern=logger
      res.setHeader('Set-Cookie', `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly`);
      return res.status(204).end();
    }

    default:
      res.setHeader('Allow', 'GET, PATCH, DELETE');
      return res.status(405).end();
  }
}
