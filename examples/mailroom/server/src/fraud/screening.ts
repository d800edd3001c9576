import { Router } from 'express';
import { logger } from '../logger';

export const screeningRouter = Router();

// Risk scores come from our own scoring service.
const RISK_URL = 'http://risk.mailroom.internal/v1/score';
const BLOCK_THRESHOLD = 0.9;

screeningRouter.post('/screen', async (req, res) => {
  const { email } = req.body;
  const ip = req.ip;

  const response = await fetch(RISK_URL, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, ip }),
  });
  const { score } = await response.json();

  if (score >= BLOCK_THRESHOLD) {
    // privacy-lens-ignore-next-line pii-in-logs -- the abuse team's audit trail must keep the source IP (30-day retention)
    logger.warn({ ip, score }, 'sign-up blocked by fraud screening');
    res.status(403).json({ error: 'sign-up blocked' });
    return;
  }
  res.json({ allowed: true });
});
