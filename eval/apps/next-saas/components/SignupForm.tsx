'use client';

import { useForm } from 'react-hook-form';
import posthog from 'posthog-js';

type SignupValues = { email: string; name: string; company: string; password: string };

export function SignupForm({ onDone }: { onDone: () => void }) {
  const { register, handleSubmit, formState } = useForm<SignupValues>();

  const onSubmit = async (values: SignupValues) => {
    posthog.capture('signup_submitted', { email: values.email, company: values.company }); // expect-flow: vendor posthog user.contact.email pattern=react-hook
    window.gtag('event', 'sign_up', { user_email: values.email }); // expect-flow: vendor google-analytics user.contact.email pattern=react-hook
    const res = await fetch('/api/signup', { method: 'POST', body: JSON.stringify(values) }); // expect-flow: http relative user.contact.email pattern=react-hook
    if (res.ok) onDone();
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)}>
      <input type="email" placeholder="you@company.com" {...register('email', { required: true })} />
      <input placeholder="Full name" {...register('name')} />
      <input placeholder="Company" {...register('company')} />
      <input type="password" {...register('password', { minLength: 12 })} />
      <button disabled={formState.isSubmitting}>Create account</button>
    </form>
  );
}
