import Fastify from 'fastify';
import audit from './plugins/audit.js';
import trackRoutes from './routes/track.js';
import supportRoutes from './routes/support.js';
import signupRoutes from './routes/signup.js';

const app = Fastify({ logger: { level: 'info', redact: ['req.headers.authorization'] } });
await app.register(audit);
await app.register(trackRoutes);
await app.register(supportRoutes);
await app.register(signupRoutes);

const address = await app.listen({ port: Number(process.env.PORT ?? 4000), host: '0.0.0.0' });
app.log.info(`listening on ${address}`); // expect-no-flow pattern=no-personal-data
