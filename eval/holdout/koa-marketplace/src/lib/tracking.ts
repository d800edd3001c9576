import Analytics from 'analytics-node';

/**
 * Thin wrapper around Segment so routes never touch the SDK directly
 * (and so we can swap the destination without a sweep through the codebase).
 */
const segment = new Analytics(process.env.SEGMENT_WRITE_KEY ?? 'dev-write-key', {
  flushAt: process.env.NODE_ENV === 'production' ? 20 : 1,
  enable: process.env.SEGMENT_DISABLED !== '1',
});

export interface MemberTraits {
  id: string;
  email: string;
  fullName?: string | null;
  role?: 'buyer' | 'seller' | 'admin';
  shopName?: string | null;
}

export function identifyMember(member: MemberTraits): void {
  const { id, email, fullName, ...rest } = member;
  // expect-flow: vendor segment user.unique_id,user.contact.email,user.name pattern=typed-parameter
  segment.identify({
    userId: id,
    traits: { email, name: fullName ?? undefined, ...rest },
  });
}

export function trackEvent(userId: string, event: string, properties: Record<string, unknown> = {}): void {
  segment.track({ userId, event, properties, timestamp: new Date() }); // expect-maybe-flow pattern=cross-module-wrapper
}

export function trackAnonymous(event: string, properties: Record<string, unknown> = {}): void {
  segment.track({ anonymousId: 'makers-api', event, properties }); // expect-maybe-flow pattern=cross-module-wrapper
}
