import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Analytics } from '@segment/analytics-node';

@Injectable()
export class AnalyticsService implements OnModuleDestroy {
  private readonly segment = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY ?? '' });

  identify(userId: string, traits: Record<string, unknown>) {
    this.segment.identify({ userId, traits }); // expect-maybe-flow pattern=class-injected-client
  }

  track(userId: string, event: string, properties: Record<string, unknown> = {}) {
    this.segment.track({ userId, event, properties }); // expect-maybe-flow pattern=class-injected-client
  }

  trackAnonymous(event: string, properties: Record<string, unknown> = {}) {
    this.segment.track({ anonymousId: 'server', event, properties }); // expect-maybe-flow pattern=class-injected-client
  }

  async onModuleDestroy() {
    await this.segment.closeAndFlush();
  }
}
