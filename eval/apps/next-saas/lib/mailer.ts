import { Resend } from 'resend';

const resend = new Resend(process.env.RESEND_API_KEY);
const FROM = 'Launchpad <hello@launchpad.dev>';

export async function sendWelcomeEmail(to: string, firstName: string) {
  // expect-flow: vendor resend user.contact.email pattern=email-sender
  return resend.emails.send({
    from: FROM,
    to,
    subject: `Welcome aboard, ${firstName}!`,
    html: `<p>Hi ${firstName}, your workspace is ready.</p>`,
  });
}

export async function sendInviteEmail(invite: { email: string; inviterName: string; teamName: string; token: string }) {
  const url = `https://app.launchpad.dev/invite/${invite.token}`;
  // expect-flow: vendor resend user.contact.email pattern=email-sender
  await resend.emails.send({ from: FROM, to: invite.email, subject: `${invite.inviterName} invited you to ${invite.teamName}`, text: url });
}
