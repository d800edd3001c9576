import { Router } from 'express';

export const verifyCallerRouter = Router();

const ACCOUNTS_URL = 'http://accounts.mailroom.internal/v1/verify';

// Before a phone agent changes account settings, they confirm who is calling.
verifyCallerRouter.post('/verify-caller', async (req, res) => {
  // Deliberate: support asks for the postal address on file, which the
  // support purpose does not declare (undeclared-purpose).
  const { email, postalAddress } = req.body;

  const response = await fetch(ACCOUNTS_URL, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, postalAddress }),
  });
  const { match } = await response.json();
  res.json({ verified: match === true });
});
