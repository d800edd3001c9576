import { Router } from 'express';
import { logger } from '../logger';

export const logsRouter = Router();

// Delivery events are kept by the event store, inside our network.
const EVENT_STORE = 'http://events.mailroom.internal';

interface DeliveryEvent {
  id: string;
  timestamp: number;
  event: 'accepted' | 'delivered' | 'failed' | 'opened';
  recipient: string;
}

logsRouter.get('/:sendingDomain', async (req, res) => {
  const { sendingDomain } = req.params;
  const since = Number(req.query.since ?? Date.now() - 60_000);

  const response = await fetch(`${EVENT_STORE}/v2/events?domain=${sendingDomain}&since=${since}`);
  const events: DeliveryEvent[] = await response.json();

  const page = events.slice(0, 300).map((e) => ({
    id: e.id,
    at: new Date(e.timestamp).toISOString(),
    event: e.event,
    recipient: e.recipient,
  }));

  logger.debug({ returned: page.length }, 'log page served');
  res.json({ items: page, next: page.length === 300 ? page[299].at : null });
});
