import { Hono } from 'hono';
import { db, tasks, users, eq } from '@acme/db';
import * as analytics from '@acme/analytics';
import { log } from '@/lib/log';

export const taskRoutes = new Hono();

taskRoutes.post('/', async (c) => {
  const body = await c.req.json<{ ownerId: string; title: string }>();
  const [task] = await db.insert(tasks).values(body).returning();
  analytics.track({ id: body.ownerId }, 'Task Created', { taskId: task.id }); // expect-flow: vendor mixpanel user.unique_id pattern=workspace-package
  analytics.trackAmplitude(body.ownerId, 'task_created'); // expect-flow: vendor amplitude user.unique_id pattern=barrel-reexport
  log.info('task created', { taskId: task.id, title: task.title }); // expect-no-flow pattern=decoy-name
  return c.json(task, 201);
});

taskRoutes.post('/:id/assign', async (c) => {
  const { assigneeEmail } = await c.req.json<{ assigneeEmail: string }>();
  const assignee = await db.query.users.findFirst({ where: eq(users.email, assigneeEmail) });
  const { identify } = await import('@acme/analytics');
  if (assignee) identify({ id: assignee.id, email: assignee.email, name: assignee.displayName ?? undefined }); // expect-flow: vendor mixpanel user.contact.email pattern=dynamic-import
  return c.json({ ok: Boolean(assignee) });
});
