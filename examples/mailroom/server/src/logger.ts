import pino from 'pino';
import { config } from './config';

// One structured logger for the whole API. Log ids and counts, never personal data:
// these logs are shipped to the operations team and kept for 30 days.
export const logger = pino({
  level: config.logLevel,
  redact: ['req.headers.authorization', 'req.headers.cookie'],
});
