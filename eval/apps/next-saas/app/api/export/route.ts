import { getUser } from '@/lib/users';

export async function POST(request: Request) {
  const { userId } = await request.json();
  const user = await getUser(userId);
  if (!user) return new Response('not found', { status: 404 });

  const { identifyUser } = await import('@/lib/analytics');
  identifyUser({ id: user.id, email: user.email, name: user.name }); // expect-flow: vendor posthog user.contact.email pattern=dynamic-import

  const { logger } = await import('../../../lib/logger');
  logger.warn({ userId, email: user.email }, 'data export requested'); // expect-flow: log log user.contact.email pattern=dynamic-import

  const mailer = await import('@/lib/mailer');
  await mailer.sendWelcomeEmail(user.email, user.name ?? ''); // expect-flow: vendor resend user.contact.email pattern=dynamic-import
  return Response.json({ queued: true });
}
