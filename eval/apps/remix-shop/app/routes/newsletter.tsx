import { json, type ActionFunctionArgs } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { subscribeProfile } from '~/lib/klaviyo.server';
import { upsertMember } from '~/lib/mailchimp.server';

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const email = String(formData.get('email') ?? '').trim();
  const phone = formData.get('phone')?.toString() || null;
  const firstName = formData.get('firstName') as string | null;

  if (!email.includes('@')) return json({ error: 'Please enter a valid email' }, { status: 400 });
  await subscribeProfile(email, phone); // expect-flow: http a.klaviyo.com user.contact.email pattern=form-data
  await upsertMember({ email, firstName: firstName ?? undefined }); // expect-flow: http *.api.mailchimp.com user.contact.email pattern=form-data
  console.info(`newsletter signup ${email}`); // expect-flow: log log user.contact.email pattern=form-data
  return json({ ok: true });
}

export default function Newsletter() {
  const data = useActionData<typeof action>();
  return (
    <Form method="post" className="newsletter">
      <input type="email" name="email" placeholder="you@example.com" required />
      <input type="tel" name="phone" placeholder="Mobile (optional)" />
      <input name="firstName" placeholder="First name" />
      <button type="submit">Subscribe</button>
      {data && 'error' in data ? <p role="alert">{data.error}</p> : null}
    </Form>
  );
}
