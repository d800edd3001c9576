import Mixpanel from 'mixpanel';

export class AnalyticsClient {
  private readonly mixpanel = Mixpanel.init(process.env.MIXPANEL_TOKEN ?? '', { host: 'api-eu.mixpanel.com' });

  identify(user: { id: string; email: string; name?: string | null }) {
    // expect-flow: vendor mixpanel user.unique_id,user.contact.email pattern=class-field-client
    this.mixpanel.people.set(user.id, { $email: user.email, $name: user.name ?? undefined });
  }

  track(distinctId: string, event: string, props: Record<string, unknown> = {}) {
    this.mixpanel.track(event, { distinct_id: distinctId, ...props }); // expect-maybe-flow pattern=cross-module-wrapper
  }

  deploymentMarker(version: string) {
    this.mixpanel.track('deploy', { distinct_id: 'system', version }); // expect-no-flow pattern=no-personal-data
  }
}

export const analytics = new AnalyticsClient();
