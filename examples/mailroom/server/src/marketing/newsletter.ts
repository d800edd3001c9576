import { Router } from 'express';
import { TrackClient, RegionUS } from 'customerio-node';
import { config } from '../config';

export const newsletterRouter = Router();

const cio = new TrackClient(config.customerioSiteId, config.customerioApiKey, { region: RegionUS });

// Marketing email is opt-in: we only reach Customer.io after an explicit consent tick.
newsletterRouter.post('/subscribe', async (req, res) => {
  const { email, name, newsletter } = req.body;
  if (newsletter !== true) {
    res.status(400).json({ error: 'tick the newsletter box to subscribe' });
    return;
  }
  await cio.identify(email, {
    email,
    name,
    newsletter: true,
    consented_at: Math.floor(Date.now() / 1000),
  });
  res.sendStatus(204);
});
