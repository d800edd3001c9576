import * as Sentry from '@sentry/node';
import Koa from 'koa';
import bodyParser from 'koa-bodyparser';
import { sequelize } from './models/index.js';
import { accounts } from './routes/accounts.js';
import { catalog } from './routes/catalog.js';
import { orders } from './routes/orders.js';
import { errorHandler, loadSession, requestLogger } from './middleware.js';
import { log } from './lib/logger.js';

Sentry.init({ dsn: process.env.SENTRY_DSN, environment: process.env.NODE_ENV, tracesSampleRate: 0.1, sendDefaultPii: false }); // expect-no-flow pattern=no-personal-data

const app = new Koa({ proxy: true });

app.use(requestLogger);
app.use(errorHandler);
app.use(bodyParser({ jsonLimit: '256kb', enableTypes: ['json'] }));
app.use(loadSession);

for (const router of [accounts, catalog, orders]) {
  app.use(router.routes()).use(router.allowedMethods());
}

const port = Number(process.env.PORT ?? 4000);

await sequelize.authenticate();
app.listen(port, () => log.info({ port }, 'makers api listening')); // expect-no-flow pattern=no-personal-data
