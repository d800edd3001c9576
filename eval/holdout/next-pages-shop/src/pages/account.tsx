import { useState, type FormEvent } from 'react';
import { useRouter } from 'next/router';
import posthog from 'posthog-js';
import { useCustomer } from '@/lib/api-client';
import { track } from '@/lib/tracking';
import type { ProfileChanges } from '@/lib/schemas';

export default function AccountPage() {
  const router = useRouter();
  const { customer, isLoading, refresh } = useCustomer();
  const [saved, setSaved] = useState(false);

  if (isLoading) return <p>Loading your account…</p>;
  if (!customer) {
    void router.replace('/login?next=/account');
    return null;
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const changes: ProfileChanges = {
      firstName: form.get('firstName')?.toString(),
      lastName: form.get('lastName')?.toString(),
      phone: form.get('phone')?.toString(),
      city: form.get('city')?.toString(),
      postcode: form.get('postcode')?.toString(),
      marketingConsent: form.get('marketingConsent') === 'on',
    };
    // expect-flow: http relative user.name,user.contact.phone_number,user.contact.address pattern=form-data
    const res = await fetch('/api/me', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(changes),
    });
    if (!res.ok) return;
    posthog.setPersonProperties({ name: `${changes.firstName} ${changes.lastName}`, city: changes.city }); // expect-flow: vendor posthog user.name,user.contact.address.city pattern=form-data
    setSaved(true);
    await refresh();
  }

  async function deleteAccount() {
    if (!window.confirm('Delete your account and order history? This cannot be undone.')) return;
    await fetch('/api/me', { method: 'DELETE' }); // expect-no-flow pattern=no-personal-data
    track('Account Deleted'); // expect-no-flow pattern=no-personal-data
    posthog.reset(); // expect-no-flow pattern=no-personal-data
    await router.push('/');
  }

  return (
    <section className="account">
      <h1>Your details</h1>
      <form onSubmit={onSubmit}>
        <input name="firstName" defaultValue={customer.firstName} autoComplete="given-name" />
        <input name="lastName" defaultValue={customer.lastName} autoComplete="family-name" />
        <input name="phone" type="tel" defaultValue={customer.phone ?? ''} autoComplete="tel" />
        <input name="city" defaultValue={customer.city ?? ''} autoComplete="address-level2" />
        <input name="postcode" defaultValue={customer.postcode ?? ''} autoComplete="postal-code" />
        <label>
          <input name="marketingConsent" type="checkbox" defaultChecked={customer.marketingConsent} /> Email me about new collections
        </label>
        <button>Save</button>
        {saved && <p role="status">Saved.</p>}
      </form>
      <button className="danger" onClick={deleteAccount}>Delete my account</button>
    </section>
  );
}
