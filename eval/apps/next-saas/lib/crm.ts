const HUBSPOT_URL = 'https://api.hubapi.com/crm/v3/objects/contacts';

type Lead = { email: string; firstname?: string; company?: string };

export async function upsertLead(lead: Lead) {
  // expect-flow: http api.hubapi.com user.contact.email pattern=json-stringify
  const res = await fetch(HUBSPOT_URL, {
    method: 'POST',
    headers: { Authorization: `Bearer ${process.env.HUBSPOT_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ properties: lead }),
  });
  if (!res.ok) throw new Error(`HubSpot ${res.status}`);
  return res.json();
}

export async function pingCrm() {
  return fetch('https://api.hubapi.com/integrations/v1/me', { headers: { Authorization: `Bearer ${process.env.HUBSPOT_TOKEN}` } }); // expect-no-flow pattern=no-personal-data
}
