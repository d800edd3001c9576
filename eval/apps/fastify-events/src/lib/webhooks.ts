const PARTNER_WEBHOOK = process.env.PARTNER_WEBHOOK_URL ?? 'https://hooks.partner-crm.io/ingest';

export async function forwardSignup(signup: { email: string; name: string; source: string }) {
  // expect-flow: http hooks.partner-crm.io user.contact.email,user.name pattern=env-baseurl
  const res = await fetch(PARTNER_WEBHOOK, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(signup) });
  return res.status;
}
