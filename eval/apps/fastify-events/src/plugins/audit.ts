import fp from 'fastify-plugin';

export default fp(async (app) => {
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ url: request.url, status: reply.statusCode, ip: request.ip }, 'request done'); // expect-flow: log log user.device.ip_address pattern=logger
  });
  app.addHook('onError', async (request, _reply, error) => {
    request.log.error({ err: error, route: request.routeOptions.url }, 'request failed'); // expect-no-flow pattern=no-personal-data
  });
});
