/**
 * Attio is our CRM: every buyer who opted in to marketing, and every newsletter
 * subscriber, becomes a Person record there so the team can segment campaigns.
 */
const ATTIO_API = process.env.ATTIO_API_URL ?? 'https://api.attio.com/v2';

export interface CrmPerson {
  email: string;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  source?: string;
}

const headers = () => ({
  authorization: `Bearer ${process.env.ATTIO_API_KEY ?? ''}`,
  'content-type': 'application/json',
});

export async function upsertPerson(person: CrmPerson): Promise<string> {
  const fullName = [person.firstName, person.lastName].filter(Boolean).join(' ');
  const values: Record<string, unknown> = {
    email_addresses: [person.email],
    name: [{ first_name: person.firstName ?? '', last_name: person.lastName ?? '', full_name: fullName }],
    lead_source: person.source ?? 'web',
  };
  if (person.phone) values.phone_numbers = [{ original_phone_number: person.phone }];

  // expect-flow: http api.attio.com user.contact.email,user.name,user.contact.phone_number pattern=env-baseurl
  const res = await fetch(`${ATTIO_API}/objects/people/records?matching_attribute=email_addresses`, {
    method: 'PUT',
    headers: headers(),
    body: JSON.stringify({ data: { values } }),
  });
  if (!res.ok) throw new Error(`Attio upsert failed with ${res.status}`);
  const { data } = (await res.json()) as { data: { id: { record_id: string } } };
  return data.id.record_id;
}

export async function crmReachable(): Promise<boolean> {
  const res = await fetch(`${ATTIO_API}/self`, { headers: headers() }); // expect-no-flow pattern=no-personal-data
  return res.ok;
}
