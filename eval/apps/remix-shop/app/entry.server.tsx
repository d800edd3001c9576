import * as Sentry from '@sentry/remix';
import { renderToString } from 'react-dom/server';
import { RemixServer } from '@remix-run/react';
import type { EntryContext } from '@remix-run/node';

Sentry.init({ dsn: process.env.SENTRY_DSN, tracesSampleRate: 0.1, sendDefaultPii: false }); // expect-no-flow pattern=no-personal-data

export default function handleRequest(request: Request, status: number, headers: Headers, context: EntryContext) {
  const html = renderToString(<RemixServer context={context} url={request.url} />);
  headers.set('Content-Type', 'text/html');
  return new Response(`<!DOCTYPE html>${html}`, { status, headers });
}
