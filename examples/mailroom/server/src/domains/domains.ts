import { Router } from 'express';
import { logger } from '../logger';

export const domainsRouter = Router();

// DNS checks run in our own verification service.
const VERIFIER_URL = 'http://dns-verifier.mailroom.internal/v1/checks';

domainsRouter.post('/', async (req, res) => {
  const { domain } = req.body;
  const check = await fetch(VERIFIER_URL, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ domain, records: ['spf', 'dkim', 'mx'] }),
  });
  const result = await check.json();
  res.status(201).json({ domain, verified: result.verified, records: result.records });
});

domainsRouter.get('/', async (req, res) => {
  const response = await fetch(`${VERIFIER_URL}?tenant=${res.locals.tenantId}`);
  const domains: Array<{ name: string; verified: boolean }> = await response.json();

  // Not personal data: only a count is logged.
  logger.info({ domainCount: domains.length });
  res.json(domains);
});
