import type { FastifyInstance } from 'fastify';
import { braze, customerIo, GEO_URL } from '../lib/clients.js';

type TrackBody = { userId: string; email?: string; event: string; properties?: Record<string, unknown> };

export default async function trackRoutes(app: FastifyInstance) {
  app.post<{ Body: TrackBody }>('/track', async (request, reply) => {
    const { userId, email, event, properties } = request.body;
    // expect-flow: http *.braze.eu user.unique_id pattern=axios-baseurl
    await braze.post('/users/track', {
      events: [{ external_id: userId, name: event, time: new Date().toISOString(), properties }],
    });
    if (email) await customerIo.put(`/customers/${userId}`, { email }); // expect-flow: http track-eu.customer.io user.contact.email pattern=destructuring
    request.log.info({ userId, event }, 'event tracked'); // expect-flow: log log user.unique_id pattern=destructuring
    return reply.code(202).send();
  });

  app.post<{ Body: { externalId: string; firstName: string; email: string } }>('/identify', async (request) => {
    const { externalId, ...attributes } = request.body;
    await braze.post('/users/track', { attributes: [{ external_id: externalId, first_name: attributes.firstName, email: attributes.email }] }); // expect-flow: http *.braze.eu user.contact.email pattern=object-literal
    const geo = await fetch(`${GEO_URL}/lookup?ip=${encodeURIComponent(request.ip)}`).then((r) => r.json()); // expect-flow: http geo.events.internal user.device.ip_address pattern=env-baseurl
    return { ok: true, country: geo.country };
  });

  app.get('/healthz', async () => {
    await braze.get('/subscription/status/get?subscription_group_id=health'); // expect-no-flow pattern=no-personal-data
    return { ok: true };
  });
}
