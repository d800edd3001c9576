import type { NextFunction, Request, Response } from 'express';
import { logger } from '../lib/logger';

export function requestLog(req: Request, res: Response, next: NextFunction) {
  const started = Date.now();
  res.on('finish', () => {
    logger.http(`${req.method} ${req.originalUrl} ${res.statusCode} ${Date.now() - started}ms from ${req.ip}`); // expect-flow: log log user.device.ip_address pattern=template-literal
  });
  next();
}

export function errorHandler(err: Error, req: Request, res: Response, _next: NextFunction) {
  logger.error(err.message, { path: req.path, stack: err.stack }); // expect-no-flow pattern=no-personal-data
  res.status(500).json({ error: 'internal' });
}
