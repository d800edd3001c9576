import amqp, { type Channel } from 'amqplib';
import { childLog } from './logger.js';

export type QueueName = 'mail.receipts' | 'mail.shipping' | 'search.reindex';

const QUEUES: QueueName[] = ['mail.receipts', 'mail.shipping', 'search.reindex'];
const log = childLog('queue');

let channelPromise: Promise<Channel> | undefined;

function channel(): Promise<Channel> {
  channelPromise ??= amqp.connect(process.env.AMQP_URL ?? 'amqp://localhost').then(async (connection) => {
    const ch = await connection.createChannel();
    await Promise.all(QUEUES.map((q) => ch.assertQueue(q, { durable: true })));
    return ch;
  });
  return channelPromise;
}

export async function publish<T extends object>(queue: QueueName, payload: T): Promise<void> {
  const ch = await channel();
  ch.sendToQueue(queue, Buffer.from(JSON.stringify(payload)), { persistent: true, contentType: 'application/json' }); // expect-maybe-flow pattern=message-queue
}

export async function consume<T>(queue: QueueName, handler: (payload: T) => Promise<void>): Promise<void> {
  const ch = await channel();
  await ch.prefetch(10);
  await ch.consume(queue, async (msg) => {
    if (!msg) return;
    try {
      await handler(JSON.parse(msg.content.toString('utf8')) as T);
      ch.ack(msg);
    } catch (err) {
      log.error({ err, queue, redelivered: msg.fields.redelivered }, 'message handling failed'); // expect-no-flow pattern=no-personal-data
      ch.nack(msg, false, !msg.fields.redelivered);
    }
  });
}
