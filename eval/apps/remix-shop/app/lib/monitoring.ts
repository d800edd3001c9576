import * as Sentry from '@sentry/remix';

export function setMonitoringUser(user: { id: string; email?: string | null } | null) {
  if (!user) {
    Sentry.setUser(null); // expect-no-flow pattern=no-personal-data
    return;
  }
  Sentry.setUser({ id: user.id, email: user.email ?? undefined }); // expect-flow: vendor sentry user.unique_id,user.contact.email pattern=typed-parameter
}

export function reportCheckoutError(error: unknown, context: { orderId: string; step: string }) {
  Sentry.captureException(error, { tags: { step: context.step }, extra: { orderId: context.orderId } }); // expect-no-flow pattern=no-personal-data
}
