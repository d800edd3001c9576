import { useState } from 'react';
import { memberSchema } from '../schemas/member';
import { trackLead } from '../tracking/pixels';

export function JoinForm() {
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = memberSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (!parsed.success) return setError(parsed.error.issues[0].message);
    const member = parsed.data;

    trackLead(member); // expect-flow: vendor meta-pixel user.contact.email pattern=zod-schema
    // expect-flow: http api.fitclub.app user.contact.email,user.demographic.date_of_birth pattern=zod-schema
    await fetch('https://api.fitclub.app/members', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...member, source: 'web' }),
    });
    window.gtag('event', 'sign_up', { method: 'form', club: member.homeClub }); // expect-no-flow pattern=no-personal-data
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <input name="firstName" autoComplete="given-name" />
      <input name="lastName" autoComplete="family-name" />
      <input name="email" type="email" autoComplete="email" />
      <input name="phone" type="tel" />
      <input name="birthDate" type="date" />
      <input name="postalCode" />
      <select name="homeClub"><option>north</option><option>south</option><option>centre</option></select>
      {error && <p className="error">{error}</p>}
      <button>Join FitClub</button>
    </form>
  );
}
