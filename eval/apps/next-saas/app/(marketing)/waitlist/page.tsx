'use client';

import { useFormState } from 'react-dom';
import posthog from 'posthog-js';
import { joinWaitlist } from '@/app/actions/profile';

export default function WaitlistPage() {
  const [state, action] = useFormState(joinWaitlist, { ok: false });

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    const email = (form.elements.namedItem('email') as HTMLInputElement).value;
    posthog.identify(email, { email }); // expect-flow: vendor posthog user.contact.email pattern=jsx-form-input
    window.gtag('event', 'generate_lead', { method: 'waitlist' }); // expect-no-flow pattern=no-personal-data
  }

  return (
    <form action={action} onSubmit={onSubmit} className="mx-auto max-w-md space-y-4">
      <label htmlFor="email">Work email</label>
      <input id="email" name="email" type="email" required autoComplete="email" />
      <select name="role">
        <option value="founder">Founder</option>
        <option value="engineer">Engineer</option>
      </select>
      <button type="submit">Join the waitlist</button>
      {state.ok && <p>Thanks! We will be in touch.</p>}
    </form>
  );
}
