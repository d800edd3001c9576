import type { FastifyInstance } from 'fastify';
import { classifyTicket } from '../lib/triage.js';
import { customerIo } from '../lib/clients.js';

export default async function supportRoutes(app: FastifyInstance) {
  app.post<{ Body: { email: string; message: string } }>('/tickets', async (request) => {
    const ticket = request.body;
    const label = await classifyTicket(ticket); // expect-flow: vendor openai user.content.private pattern=cross-module-wrapper
    await customerIo.post(`/customers/${encodeURIComponent(ticket.email)}/events`, { name: 'ticket_opened', data: { label } }); // expect-flow: http track-eu.customer.io user.contact.email pattern=axios-baseurl
    app.log.info(`ticket from ${ticket.email} labelled ${label}`); // expect-flow: log log user.contact.email pattern=logger
    app.log.info({ label }, 'ticket classified'); // expect-no-flow pattern=no-personal-data
    return { label };
  });
}
