import pino from 'pino';

export const log = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: 'makers-api', env: process.env.NODE_ENV ?? 'development' },
  redact: { paths: ['password', 'req.headers.authorization', 'req.headers.cookie'], remove: true },
  transport: process.env.NODE_ENV === 'production' ? undefined : { target: 'pino-pretty' },
});

export const childLog = (component: string) => log.child({ component });
