import { Queue, Worker } from 'bullmq';
import { prisma } from '../lib/prisma';
import { shipToCustomer } from '../services/fulfilment';
import { logger } from '../lib/logger';

const connection = { host: process.env.REDIS_HOST ?? 'localhost', port: 6379 };

export const orderQueue = new Queue<{ orderId: string; email: string }>('orders', { connection });

export const orderWorker = new Worker<{ orderId: string; email: string }>('orders', async (job) => {
  const { orderId, email } = job.data;
  logger.info(`fulfilling ${orderId} for ${email}`); // expect-flow: log log user.contact.email pattern=message-queue
  const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId }, include: { user: true } });
  await shipToCustomer(order); // expect-flow: http api.shipbob.com user.contact.email pattern=message-queue
}, { connection });

orderWorker.on('failed', (job, err) => {
  logger.error(`job ${job?.id} failed for ${job?.data.email}`, { err }); // expect-flow: log log user.contact.email pattern=message-queue
});
orderWorker.on('completed', (job) => logger.info('job done', { id: job.id })); // expect-no-flow pattern=no-personal-data
