import { createHash } from 'node:crypto';
import type { NextApiRequest, NextApiResponse } from 'next';
import { newsletterSchema } from '@/lib/schemas';
import { upsertPerson } from '@/lib/crm';
import { logger } from '@/lib/logger';

const BREVO_API = 'https://api.brevo.com/v3';
const NEWSLETTER_LIST_ID = Number(process.env.BREVO_NEWSLETTER_LIST_ID ?? 7);

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return res.status(405).end();
  }
  const parsed = newsletterSchema.safeParse(req.body);
  if (!parsed.success) return res.status(400).json({ error: 'Please enter a valid email address' });
  const { email, firstName, source } = parsed.data;

  // expect-flow: http api.brevo.com user.contact.email,user.name pattern=json-stringify
  const brevo = await fetch(`${BREVO_API}/contacts`, {
    method: 'POST',
    headers: { 'api-key': process.env.BREVO_API_KEY ?? '', 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ email, attributes: { FIRSTNAME: firstName }, listIds: [NEWSLETTER_LIST_ID], updateEnabled: true }),
  });
  if (!brevo.ok && brevo.status !== 204) {
    logger.error({ status: brevo.status, source }, 'brevo rejected a newsletter signup'); // expect-no-flow pattern=no-personal-data
    return res.status(502).json({ error: 'Could not subscribe you right now' });
  }

  await upsertPerson({ email, firstName, source: `newsletter:${source}` }); // expect-flow: http api.attio.com user.contact.email,user.name pattern=path-alias

  const emailHash = createHash('sha256').update(email).digest('hex').slice(0, 12);
  logger.info({ emailHash, source }, 'newsletter signup'); // expect-no-flow pattern=hashed-or-redacted
  return res.status(204).end();
}
