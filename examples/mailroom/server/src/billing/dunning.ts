import { Router } from 'express';
import { TrackClient, RegionUS } from 'customerio-node';
import { config } from '../config';

export const dunningRouter = Router();

const cio = new TrackClient(config.customerioSiteId, config.customerioApiKey, { region: RegionUS });

// Called by the Stripe webhook relay when a renewal charge fails.
dunningRouter.post('/payment-failed', async (req, res) => {
  const { email, invoiceId, amountDue } = req.body;

  // Deliberate: Customer.io is declared for marketing only, and this is billing
  // code (vendor-purpose-mismatch). The event triggers a "please update your card" email.
  await cio.track(email, {
    name: 'payment_failed',
    data: { email, invoiceId, amountDue },
  });

  res.sendStatus(204);
});
