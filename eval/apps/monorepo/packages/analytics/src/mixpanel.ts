import Mixpanel from 'mixpanel';

const mp = Mixpanel.init(process.env.MIXPANEL_TOKEN ?? 'dev-token');

export type TrackedUser = { id: string; email?: string; name?: string; orgId?: string };

export function track(user: TrackedUser, event: string, props: Record<string, unknown> = {}) {
  mp.track(event, { distinct_id: user.id, ...props }); // expect-flow: vendor mixpanel user.unique_id pattern=typed-parameter
}

export function identify(user: TrackedUser) {
  mp.people.set(user.id, { $email: user.email, $name: user.name, org: user.orgId }); // expect-flow: vendor mixpanel user.unique_id,user.contact.email pattern=typed-parameter
}
