import { Router } from 'express';
import { logger } from '../logger';

export const accountEventsRouter = Router();

// Customers can register a webhook that is told when a teammate joins their account.
accountEventsRouter.post('/members', async (req, res) => {
  const { email } = req.body;

  // Deliberate: the target host is only known at run time (unresolved-flow).
  await fetch(process.env.WEBHOOK_URL!, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ event: 'member.added', email }),
  });

  logger.info({ event: 'member.added' }, 'member webhook delivered');
  res.sendStatus(204);
});
