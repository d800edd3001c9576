import type { FastifyInstance } from 'fastify';
import { forwardSignup } from '../lib/webhooks.js';

export default async function signupRoutes(app: FastifyInstance) {
  app.post<{ Body: { email: string; name: string } }>('/signup', async (request) => {
    const status = await forwardSignup({ ...request.body, source: 'ingest' }); // expect-flow: http hooks.partner-crm.io user.contact.email pattern=cross-module-wrapper
    return { forwarded: status < 300 };
  });
}
