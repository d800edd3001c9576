import axios from 'axios';

export const intercomApi = axios.create({
  baseURL: process.env.INTERCOM_API_URL ?? 'https://api.intercom.io',
  headers: { Authorization: `Bearer ${process.env.INTERCOM_TOKEN}`, 'Intercom-Version': '2.11' },
});

export async function upsertContact(contact: { external_id: string; email: string; name?: string | null }) {
  const { data } = await intercomApi.post('/contacts', { role: 'user', ...contact }); // expect-flow: http api.intercom.io user.contact.email pattern=axios-baseurl
  return data.id as string;
}

export async function tagContact(contactId: string, tagId: string) {
  return intercomApi.post(`/contacts/${contactId}/tags`, { id: tagId }); // expect-flow: http api.intercom.io user.unique_id pattern=template-literal
}
