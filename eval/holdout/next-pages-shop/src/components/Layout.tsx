import Link from 'next/link';
import { useState, type FormEvent, type ReactNode } from 'react';
import { postJson, useCustomer } from '@/lib/api-client';
import { useIdentify } from '@/hooks/useIdentify';
import { track } from '@/lib/tracking';

export function Layout({ children }: { children: ReactNode }) {
  const { customer } = useCustomer();
  // expect-flow: vendor posthog user.unique_id,user.contact.email,user.name pattern=react-hook
  // expect-flow: vendor amplitude user.unique_id pattern=react-hook
  // expect-flow: vendor google-analytics user.unique_id pattern=react-hook
  useIdentify(customer);

  return (
    <>
      <header className="site-header">
        <Link href="/" className="logo">Loom &amp; Linen</Link>
        <nav>
          <Link href="/search">Search</Link>
          <Link href="/checkout">Basket</Link>
          {customer ? <Link href="/account">Hi, {customer.firstName}</Link> : <Link href="/login">Sign in</Link>}
        </nav>
      </header>
      <main>{children}</main>
      <footer className="site-footer">
        <NewsletterSignup />
        <p>&copy; {new Date().getFullYear()} Loom &amp; Linen Ltd</p>
      </footer>
    </>
  );
}

function NewsletterSignup() {
  const [status, setStatus] = useState<'idle' | 'sending' | 'done' | 'error'>('idle');

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get('email') ?? '').trim();
    const firstName = data.get('firstName')?.toString().trim() || undefined;
    setStatus('sending');
    try {
      await postJson('/api/newsletter', { email, firstName, source: 'footer' }); // expect-flow: http relative user.contact.email,user.name pattern=form-data
      track('Newsletter Subscribed', { location: 'footer' }); // expect-no-flow pattern=no-personal-data
      window.gtag('event', 'generate_lead', { lead_source: 'newsletter' }); // expect-no-flow pattern=no-personal-data
      setStatus('done');
    } catch {
      setStatus('error');
    }
  }

  if (status === 'done') return <p>Thanks! Check your inbox for 10% off your first order.</p>;
  return (
    <form onSubmit={onSubmit} className="newsletter">
      <label htmlFor="nl-first">First name</label>
      <input id="nl-first" name="firstName" autoComplete="given-name" />
      <label htmlFor="nl-email">Email</label>
      <input id="nl-email" name="email" type="email" required autoComplete="email" placeholder="you@example.com" />
      <button disabled={status === 'sending'}>Get 10% off</button>
      {status === 'error' && <p role="alert">Something went wrong, please try again.</p>}
    </form>
  );
}
