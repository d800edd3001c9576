import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import jwt from 'jsonwebtoken';
import * as Sentry from '@sentry/node';
import { log } from './lib/logger.js';
import type { SessionUser } from './types.js';

export const SESSION_COOKIE = 'mm_session';
const JWT_SECRET = process.env.JWT_SECRET ?? 'dev-only-secret';

export function signSession(user: SessionUser): string {
  return jwt.sign({ id: user.id, email: user.email, role: user.role }, JWT_SECRET, { expiresIn: '14d' });
}

export const requestLogger: Middleware = async (ctx, next) => {
  const started = performance.now();
  ctx.state.requestId = ctx.get('x-request-id') || randomUUID();
  try {
    await next();
  } finally {
    const ms = Math.round(performance.now() - started);
    // expect-flow: log log user.device.ip_address pattern=logger
    log.info({ reqId: ctx.state.requestId, method: ctx.method, path: ctx.path, status: ctx.status, ms, ip: ctx.ip }, 'request');
  }
};

export const errorHandler: Middleware = async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    const status = (err as { status?: number }).status ?? 500;
    ctx.status = status;
    ctx.body = { error: status < 500 ? (err as Error).message : 'Something went wrong on our side' };
    if (status >= 500) {
      Sentry.captureException(err, { tags: { route: String((ctx as { _matchedRoute?: string })._matchedRoute ?? 'unmatched') }, extra: { requestId: ctx.state.requestId } }); // expect-no-flow pattern=no-personal-data
      log.error({ err, reqId: ctx.state.requestId, path: ctx.path }, 'unhandled error'); // expect-no-flow pattern=no-personal-data
    }
  }
};

export const loadSession: Middleware = async (ctx, next) => {
  const token = ctx.cookies.get(SESSION_COOKIE);
  if (token) {
    try {
      const user = jwt.verify(token, JWT_SECRET) as SessionUser;
      ctx.state.user = user;
      Sentry.getIsolationScope().setUser({ id: user.id, email: user.email, ip_address: ctx.ip }); // expect-flow: vendor sentry user.unique_id,user.contact.email,user.device.ip_address pattern=object-literal
    } catch {
      ctx.cookies.set(SESSION_COOKIE, null);
    }
  }
  await next();
};

export const requireUser: Middleware = async (ctx, next) => {
  if (!ctx.state.user) ctx.throw(401, 'Please sign in first');
  await next();
};

export const requireSeller: Middleware = async (ctx, next) => {
  if (ctx.state.user?.role !== 'seller') ctx.throw(403, 'Only makers can do that');
  await next();
};
