import { logger } from '@/lib/logger';
import { trackServerEvent } from '@/lib/analytics';

export const dynamic = 'force-dynamic';

export async function GET() {
  const started = Date.now();
  const upstream = await fetch('https://api.launchpad.dev/status'); // expect-no-flow pattern=no-personal-data
  trackServerEvent('health_check', { latencyMs: Date.now() - started, upstream: upstream.status }); // expect-no-flow pattern=no-personal-data
  logger.debug({ latencyMs: Date.now() - started }, 'health ok'); // expect-no-flow pattern=no-personal-data
  return Response.json({ ok: upstream.ok });
}
