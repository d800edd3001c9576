import express from 'express';
import { users } from './routes/users';
import { orders } from './routes/orders';
import { requestLog, errorHandler } from './middleware/requestLog';
import { logger } from './lib/logger';

const app = express();
app.use(express.json());
app.use(requestLog);
app.use('/users', users);
app.use('/orders', orders);
app.use(errorHandler);

const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => logger.info('server started', { port })); // expect-no-flow pattern=no-personal-data
