import { init, track as ampTrack, Identify, identify as ampIdentify } from '@amplitude/analytics-node';

init(process.env.AMPLITUDE_API_KEY ?? '', { serverZone: 'EU' });

export function trackAmplitude(userId: string, eventType: string, eventProperties?: Record<string, unknown>) {
  ampTrack(eventType, eventProperties, { user_id: userId }); // expect-maybe-flow pattern=workspace-package
}

export function setEmail(userId: string, email: string) {
  const id = new Identify().set('email', email);
  ampIdentify(id, { user_id: userId }); // expect-flow: vendor amplitude user.unique_id pattern=direct
}
