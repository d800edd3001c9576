import { createHash } from 'node:crypto';
import { MAILCHIMP_API } from './env.server';

const LIST_ID = process.env.MAILCHIMP_LIST_ID ?? 'a1b2c3d4e5';
const auth = `Basic ${Buffer.from(`any:${process.env.MAILCHIMP_API_KEY}`).toString('base64')}`;

function memberHash(email: string) {
  return createHash('md5').update(email.toLowerCase()).digest('hex');
}

export async function upsertMember(member: { email: string; firstName?: string; lastName?: string }) {
  const url = `${MAILCHIMP_API}/lists/${LIST_ID}/members/${memberHash(member.email)}`;
  // expect-flow: http *.api.mailchimp.com user.contact.email pattern=object-literal
  const res = await fetch(url, {
    method: 'PUT',
    headers: { Authorization: auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email_address: member.email, status_if_new: 'subscribed', merge_fields: { FNAME: member.firstName, LNAME: member.lastName } }),
  });
  return res.ok;
}

export async function archiveMember(email: string) {
  // expect-flow: http *.api.mailchimp.com user.contact.email pattern=local-helper
  await fetch(`${MAILCHIMP_API}/lists/${LIST_ID}/members/${memberHash(email)}`, { method: 'DELETE', headers: { Authorization: auth } });
}
