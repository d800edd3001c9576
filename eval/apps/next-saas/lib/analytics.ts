import { PostHog } from 'posthog-node';

const client = new PostHog(process.env.POSTHOG_API_KEY ?? '', {
  host: 'https://eu.i.posthog.com',
  flushAt: 1,
  flushInterval: 0,
});

export interface AnalyticsUser {
  id: string;
  email: string;
  name?: string | null;
  plan?: 'free' | 'pro' | 'team';
}

/** Links the PostHog person to our user and keeps their profile properties current. */
export function identifyUser(user: AnalyticsUser) {
  // expect-flow: vendor posthog user.unique_id,user.contact.email pattern=typed-parameter
  client.identify({
    distinctId: user.id,
    properties: { email: user.email, name: user.name ?? undefined, plan: user.plan },
  });
}

export function trackEvent(distinctId: string, event: string, properties: Record<string, unknown> = {}) {
  client.capture({ distinctId, event, properties }); // expect-maybe-flow pattern=cross-module-wrapper
}

export function trackServerEvent(event: string, properties: Record<string, unknown> = {}) {
  client.capture({ distinctId: 'server', event, properties }); // expect-maybe-flow pattern=cross-module-wrapper
}

export async function flushAnalytics() {
  await client.shutdown();
}
