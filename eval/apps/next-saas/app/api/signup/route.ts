import { NextResponse } from 'next/server';
import { identifyUser, trackEvent } from '@/lib/analytics';
import { logger } from '@/lib/logger';
import { sendWelcomeEmail } from '@/lib/mailer';
import { createUser } from '@/lib/users';
import { upsertLead } from '../../../lib/crm';

export async function POST(request: Request) {
  const { email, name, company, referrer } = await request.json();
  const ip = request.headers.get('x-forwarded-for') ?? 'unknown';

  const user = await createUser({ email, name, company });
  logger.info({ email, ip }, 'signup received'); // expect-flow: log log user.contact.email,user.device.ip_address pattern=logger

  identifyUser({ id: user.id, email, name }); // expect-flow: vendor posthog user.contact.email pattern=path-alias
  trackEvent(user.id, 'user_signed_up', { referrer, company }); // expect-flow: vendor posthog user.unique_id pattern=path-alias
  await sendWelcomeEmail(email, name?.split(' ')[0] ?? 'there'); // expect-flow: vendor resend user.contact.email pattern=path-alias
  await upsertLead({ email, firstname: name, company }); // expect-flow: http api.hubapi.com user.contact.email pattern=cross-module-wrapper

  logger.info({ plan: user.plan }, 'workspace provisioned'); // expect-no-flow pattern=no-personal-data
  return NextResponse.json({ ok: true, id: user.id }, { status: 201 });
}
