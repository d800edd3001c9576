import { useState } from 'react';
import Intercom from '@intercom/messenger-js-sdk';
import { identifyViewer } from '@/lib/tracking';
import { createAccount } from '@/lib/api';

export function SignupPage() {
  const [form, setForm] = useState({ email: '', displayName: '', companyName: '' });

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const account = await createAccount(form); // expect-flow: http api.acme.dev user.contact.email pattern=path-alias
    identifyViewer({ id: account.id, email: form.email, displayName: form.displayName }); // expect-flow: vendor mixpanel user.contact.email pattern=path-alias
    Intercom({ app_id: 'abc123', user_id: account.id, email: form.email, name: form.displayName }); // expect-flow: vendor intercom user.contact.email pattern=object-literal
  }

  return (
    <form onSubmit={submit}>
      <input name="email" type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
      <input name="displayName" value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
      <input name="companyName" value={form.companyName} onChange={(e) => setForm({ ...form, companyName: e.target.value })} />
      <button>Create account</button>
    </form>
  );
}
