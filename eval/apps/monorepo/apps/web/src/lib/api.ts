const API_URL = import.meta.env.VITE_API_URL ?? 'https://api.acme.dev';

export async function createAccount(input: { email: string; displayName: string; companyName?: string }) {
  const res = await fetch(`${API_URL}/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) }); // expect-flow: http api.acme.dev user.contact.email pattern=env-baseurl
  if (!res.ok) throw new Error(await res.text());
  return res.json();
}

export async function fetchTasks() {
  return fetch(`${API_URL}/tasks`).then((r) => r.json()); // expect-no-flow pattern=no-personal-data
}
