import { Router } from 'express';
import { Analytics } from '@segment/analytics-node';
import { config } from '../config';
import { logger } from '../logger';

export const signupRouter = Router();
const analytics = new Analytics({ writeKey: config.segmentWriteKey });

// Accounts are stored by the provisioning service inside our own network.
const PROVISIONER_URL = 'http://provisioner.mailroom.internal/v1/accounts';

signupRouter.post('/signup', async (req, res) => {
  const { name, email, company, password } = req.body;
  if (!email || !password) {
    res.status(400).json({ error: 'email and password are required' });
    return;
  }

  // Deliberate: the address ends up in the application log (pii-in-logs).
  logger.info(`signup ${email}`);

  const created = await fetch(PROVISIONER_URL, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, email, company, password }),
  });
  if (!created.ok) {
    res.status(502).json({ error: 'could not create the account' });
    return;
  }
  const account = await created.json();

  // Declared: Segment receives the name and email for the account purpose.
  analytics.identify({
    userId: account.id,
    traits: { name, email, plan: 'free' },
  });

  res.status(201).json({ id: account.id });
});
