import pino from 'pino';

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'production' ? 'info' : 'debug'),
  base: { app: 'loom-and-linen' },
  redact: ['req.headers.cookie', 'req.headers.authorization'],
});
