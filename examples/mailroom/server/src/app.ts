import express from 'express';
import { config } from './config';
import { logger } from './logger';
import { signupRouter } from './account/signup';
import { accountEventsRouter } from './account/events';
import { domainsRouter } from './domains/domains';
import { logsRouter } from './logs/stream';
import { ticketsRouter } from './support/tickets';
import { verifyCallerRouter } from './support/verify-caller';
import { newsletterRouter } from './marketing/newsletter';
import { partnerLeadsRouter } from './marketing/partner-leads';
import { billingRouter } from './billing/customers';
import { dunningRouter } from './billing/dunning';
import { screeningRouter } from './fraud/screening';
import { dedicatedIpRouter } from './dedicated-ips/arin';

const app = express();
app.use(express.json({ limit: '100kb' }));

app.use('/api/account', signupRouter, accountEventsRouter);
app.use('/api/fraud', screeningRouter);
app.use('/api/domains', domainsRouter);
app.use('/api/logs', logsRouter);
app.use('/api/support', ticketsRouter, verifyCallerRouter);
app.use('/api/newsletter', newsletterRouter);
app.use('/api/sales', partnerLeadsRouter);
app.use('/api/billing', billingRouter, dunningRouter);
app.use('/api/dedicated-ips', dedicatedIpRouter);

app.get('/healthz', (_req, res) => {
  res.json({ ok: true });
});

app.listen(config.port, () => {
  logger.info({ port: config.port }, 'mailroom api listening');
});
