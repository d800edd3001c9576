import { Hono } from 'hono';
import { userRoutes } from './routes/users';
import { taskRoutes } from './routes/tasks';
import { log } from '@/lib/log';

const app = new Hono();
app.route('/users', userRoutes);
app.route('/tasks', taskRoutes);
log.info('api ready', { port: 8787 }); // expect-no-flow pattern=no-personal-data
export default app;
