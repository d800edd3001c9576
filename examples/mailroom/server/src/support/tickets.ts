import { Router } from 'express';
import zendesk from 'node-zendesk';
import { config } from '../config';
import { logger } from '../logger';

export const ticketsRouter = Router();

const zd = zendesk.createClient({
  username: config.zendeskUser,
  token: config.zendeskToken,
  subdomain: config.zendeskSubdomain,
});

// Declared: Zendesk receives the requester's name, email and message for support.
ticketsRouter.post('/tickets', async (req, res) => {
  const { name, email, subject, message } = req.body;
  const ticket = await zd.tickets.create({
    ticket: {
      subject,
      comment: { body: message },
      requester: { name, email },
      tags: ['web-form'],
    },
  });
  logger.info({ ticketId: ticket.id }, 'support ticket opened');
  res.status(201).json({ ticket: ticket.id });
});
