import { Router } from 'express';
import { prisma } from '../lib/prisma';
import { logger } from '../lib/logger';
import { analytics } from '../clients/analytics';
import { sendPasswordReset } from '../services/notifications';

export const users = Router();

users.post('/', async (req, res) => {
  const { email, name, phone } = req.body;
  const user = await prisma.user.create({ data: { email, name, phone } });
  logger.info('user created', { email, name }); // expect-flow: log log user.contact.email,user.name pattern=destructuring
  analytics.identify({ id: user.id, email, name }); // expect-flow: vendor mixpanel user.contact.email pattern=cross-module-wrapper
  res.status(201).json(user);
});

users.patch('/:id', async (req, res) => {
  const changes = Object.assign({}, req.body, { updatedBy: req.params.id });
  const user = await prisma.user.update({ where: { id: req.params.id }, data: changes });
  analytics.track(req.params.id, 'profile_updated', { ...changes }); // expect-flow: vendor mixpanel user.unique_id pattern=spread-assign
  logger.info('profile updated', { ...req.body }); // expect-flow: log log user.contact.email pattern=spread-assign
  res.json(user);
});

users.post('/password-reset', async (req, res) => {
  const email = String(req.body.email).trim().toLowerCase();
  await sendPasswordReset(email, `https://shop.example/reset?t=${crypto.randomUUID()}`); // expect-flow: vendor sendgrid user.contact.email pattern=cross-module-wrapper
  res.sendStatus(204);
});
