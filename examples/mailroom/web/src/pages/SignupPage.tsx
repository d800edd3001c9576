import { useState, type FormEvent } from 'react';

export function SignupPage() {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    // Same-origin call to our own API.
    const response = await fetch('/api/account/signup', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, email, password }),
    });
    const user = await response.json();

    // Deliberate: a debugging leftover that prints the address in the browser console (pii-in-logs).
    console.log(user.email);

    // Deliberate: Intercom is not on the sharing list (undeclared-vendor).
    Intercom('boot', { app_id: 'mr7x2k', email, name });
    window.location.assign('/domains');
  }

  return (
    <form onSubmit={onSubmit}>
      <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Full name" />
      <input value={email} onChange={(e) => setEmail(e.target.value)} type="email" />
      <input value={password} onChange={(e) => setPassword(e.target.value)} type="password" />
      <button type="submit">Create account</button>
    </form>
  );
}
