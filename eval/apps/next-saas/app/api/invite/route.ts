import { NextResponse } from 'next/server';
import { trackEvent } from '@/lib/analytics';
import { sendInviteEmail } from '@/lib/mailer';
import { childLogger } from '@/lib/logger';

const log = childLogger('invites');

type InviteBody = { emails: string[]; teamId: string; inviter: { id: string; name: string } };

export async function POST(request: Request) {
  const body = (await request.json()) as InviteBody;
  const invites = body.emails.map((email) => ({ email, inviterName: body.inviter.name, teamName: body.teamId, token: crypto.randomUUID() }));

  await Promise.all(invites.map((invite) => sendInviteEmail(invite))); // expect-flow: vendor resend user.contact.email pattern=callback
  log.info(`sent invites to ${body.emails.join(', ')}`); // expect-flow: log log user.contact.email pattern=template-literal
  trackEvent(body.inviter.id, 'team_invites_sent', { count: invites.length }); // expect-flow: vendor posthog user.unique_id pattern=path-alias
  log.info({ count: invites.length, teamId: body.teamId }, 'invites queued'); // expect-no-flow pattern=aggregate

  return NextResponse.json({ invited: invites.length });
}
