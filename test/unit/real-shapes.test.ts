import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readModuleMap, Workspace, workspaceFlows, type FileFacts } from '../../src/engine';
import { analyzeSource } from '../../src/engine/analysis/analyze-source';
import type { Flow } from '../../src/engine/analysis/facts';
import { detectionConfig } from '../../src/engine/config';

/**
 * Shapes of code seen again and again in real applications (issue: real applications as the
 * yardstick). Each fixture is our own, written for the general shape, not copied from an app.
 */
const config = detectionConfig({ categories: [], vendors: [] });

/** Lays out a workspace from `path -> text`, and returns its flows by file, linked across modules. */
function workspace(files: Record<string, string>): { flows: Map<string, Flow[]>; root: string; facts: FileFacts[] } {
  const root = mkdtempSync(join(tmpdir(), 'privacy-lens-shapes-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const facts = Object.entries(files).filter(([p]) => /\.[cm]?[jt]sx?$/.test(p)).map(([p, text]) => analyzeSource(text, p, config));
  for (const f of facts) assert.equal(f.error, undefined, `${f.file}: ${f.error?.message}`);
  return { flows: workspaceFlows(facts, readModuleMap(root)), root, facts };
}

function describeFlows(list: Flow[] | undefined): string {
  return (list ?? []).map((f) => `${f.line}: ${f.kind} ${f.vendor ?? f.host ?? ''} [${f.categories.join(',')}]`).join('; ') || 'none';
}

function flowAt(flows: Map<string, Flow[]>, file: string, line: number): Flow {
  const found = flows.get(file)?.find((f) => f.line === line);
  assert.ok(found, `no flow at ${file}:${line}; flows there: ${describeFlows(flows.get(file))}`);
  return found;
}

const roots: string[] = [];
after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));
function make(files: Record<string, string>) {
  const w = workspace(files);
  roots.push(w.root);
  return w;
}

describe('real-code shapes: hooks and factories of another module', () => {
  it('a hook returning an object of closures over an SDK: the caller\'s data reaches the SDK', () => {
    const { flows } = make({
      'src/lib/analytics.ts': `import posthog from 'posthog-js';
export function useAnalytics() {
  return {
    capture: (event: string, props: Record<string, unknown>) => posthog.capture(event, props),
    reset: () => posthog.reset(),
  };
}
`,
      'src/app/signup.tsx': `import { useAnalytics } from '../lib/analytics';
export function SignupDone({ email }: { email: string }) {
  const analytics = useAnalytics();
  analytics.capture('signed_up', { email });
  return null;
}
`,
    });
    const f = flowAt(flows, 'src/app/signup.tsx', 4);
    assert.equal(f.vendor, 'posthog');
    assert.deepEqual(f.categories, ['user.contact.email']);
  });

  it('a client returned by an exported factory: `getStripe().customers.create(...)`', () => {
    const { flows } = make({
      'src/stripe.ts': `import Stripe from 'stripe';
export const getStripe = () => new Stripe(process.env.STRIPE_KEY!);
`,
      'src/billing.ts': `import { getStripe } from './stripe';
export async function createCustomer(user: { email: string; name: string }) {
  return getStripe().customers.create({ email: user.email, name: user.name });
}
`,
    });
    const f = flowAt(flows, 'src/billing.ts', 3);
    assert.equal(f.vendor, 'stripe');
    assert.deepEqual(f.categories, ['user.contact.email', 'user.name']);
  });
});

describe('real-code shapes: rendered templates', () => {
  it('an email component rendered with a person\'s name carries the name to the email API, not the component\'s name', () => {
    const { flows } = make({
      'src/emails/welcome.tsx': `export function WelcomeEmail({ firstName }: { firstName: string }) {
  return <p>Hi {firstName}</p>;
}
`,
      'src/send.tsx': `import { Resend } from 'resend';
import { WelcomeEmail } from './emails/welcome';
const resend = new Resend(process.env.RESEND_KEY);
export async function welcome(user: { email: string; fullName: string }) {
  await resend.emails.send({ from: 'hi@example.com', to: user.email, subject: 'Welcome', react: <WelcomeEmail firstName={user.fullName} /> });
}
`,
    });
    const f = flowAt(flows, 'src/send.tsx', 5);
    assert.equal(f.vendor, 'resend');
    assert.deepEqual(f.categories, ['user.contact.email', 'user.name']);
  });

  it('a template with no personal data adds nothing', () => {
    const { flows } = make({
      'src/send.tsx': `import { Resend } from 'resend';
const resend = new Resend(process.env.RESEND_KEY);
export async function digest(to: string[]) {
  await resend.emails.send({ from: 'hi@example.com', to: 'ops@example.com', subject: 'Digest', react: <Digest count={to.length} /> });
}
function Digest({ count }: { count: number }) { return <p>{count} sent</p>; }
`,
    });
    assert.deepEqual(flows.get('src/send.tsx') ?? [], []);
  });
});

describe('real-code shapes: the Vercel AI SDK', () => {
  it('a model id string goes to the AI Gateway with the prompt; a model chosen elsewhere is a flow not followed', () => {
    const { flows } = make({
      'src/ai.ts': `import { generateText, streamText } from 'ai';
import { getModel } from './models';
export async function summarise(user: { email: string }, note: { content: string }) {
  await generateText({ model: 'anthropic/claude-sonnet-4', prompt: \`Summarise for \${user.email}\` });
  return streamText({ model: getModel(), system: 'Be brief', messages: [{ role: 'user', content: user.email }] });
}
`,
      'src/models.ts': `export function getModel() { return process.env.MODEL; }
`,
    });
    const gateway = flowAt(flows, 'src/ai.ts', 4);
    assert.equal(gateway.vendor, 'vercel-ai-gateway');
    assert.deepEqual(gateway.categories, ['user.contact.email']);
    const chosen = flowAt(flows, 'src/ai.ts', 5);
    assert.equal(chosen.kind, 'unresolved');
    assert.equal(chosen.reason, 'to an AI model chosen at run time');
  });
});

describe('real-code shapes: workspace packages', () => {
  it('follows `exports` subpaths and `packages/**` globs of a pnpm workspace', () => {
    const { flows } = make({
      'pnpm-workspace.yaml': 'packages:\n  - apps/*\n  - packages/**/*\n',
      'packages/emails/package.json': JSON.stringify({ name: '@acme/emails', exports: { '.': './src/index.ts', './src/*': './src/*.ts' } }),
      'packages/emails/src/index.ts': `import { Resend } from 'resend';
const resend = new Resend('k');
export async function sendEmail(input: { to: string; subject: string }) {
  await resend.emails.send({ from: 'a@example.com', to: input.to, subject: input.subject });
}
`,
      'packages/emails/src/invite.ts': `import { sendEmail } from './index';
export async function sendInvite(to: string) {
  await sendEmail({ to, subject: 'Join us' });
}
`,
      'apps/web/signup.ts': `import { sendEmail } from '@acme/emails';
import { sendInvite } from '@acme/emails/src/invite';
export async function signup(req: { body: { email: string; friendEmail: string } }) {
  await sendEmail({ to: req.body.email, subject: 'Welcome' });
  await sendInvite(req.body.friendEmail);
}
`,
    });
    assert.equal(flowAt(flows, 'apps/web/signup.ts', 4).vendor, 'resend');
    assert.equal(flowAt(flows, 'apps/web/signup.ts', 5).vendor, 'resend');
  });
});

describe('real-code shapes: a team\'s logging package', () => {
  it('its helpers are functions, not loggers: a wide event built by one and logged carries what it was given', () => {
    const { flows } = make({
      'package.json': JSON.stringify({ name: 'app', workspaces: ['packages/*'] }),
      'packages/logger/package.json': JSON.stringify({ name: '@acme/logger', main: 'src/index.ts' }),
      'packages/logger/src/index.ts': `export { createWideEvent } from './wide-event';
export const logger = { info: (...a: unknown[]) => console.log(...a) };
export function logError(message: string, fields: object) { console.error(message, fields); }
`,
      'packages/logger/src/wide-event.ts': `export interface WideEvent { ip?: string; path?: string; [key: string]: unknown }
export function createWideEvent(event: WideEvent): WideEvent {
  return { timestamp: new Date().toISOString(), ...event };
}
`,
      'apps/web/middleware.ts': `import { createWideEvent, logger, logError } from '@acme/logger';
export async function handle(c: { req: { header(name: string): string | undefined; path: string } }) {
  const event = createWideEvent({ ip: c.req.header('x-forwarded-for'), path: c.req.path });
  event.status = 200;
  logger.info(event);
  logError('failed', { ip: c.req.header('x-real-ip') });
  const quiet = createWideEvent({ path: c.req.path });
  logger.info(quiet);
}
`,
    });
    const file = 'apps/web/middleware.ts';
    assert.deepEqual(flowAt(flows, file, 5).categories, ['user.device.ip_address']);
    assert.equal(flowAt(flows, file, 5).kind, 'log');
    assert.equal(flows.get(file)?.some((f) => f.line === 3), false, 'building the event is not writing a log');
    assert.equal(flowAt(flows, file, 6).kind, 'log');
    assert.equal(flows.get(file)?.some((f) => f.line === 8), false, `${describeFlows(flows.get(file))}`);
  });
});

describe('real-code shapes: an access log', () => {
  it('morgan writes what its format\'s tokens take from every request', () => {
    const { flows } = make({
      'src/server.ts': `import morgan from 'morgan';
import express from 'express';
const app = express();
app.use(morgan(':remote-addr :method :url :status - :response-time ms'));
app.use(morgan('combined'));
app.use(morgan('dev'));
app.use(morgan((tokens: any, req: any, res: any) => tokens.method(req, res)));
app.use(require('morgan')('tiny'));
app.use(morgan());
`,
    });
    const file = 'src/server.ts';
    assert.deepEqual(flowAt(flows, file, 4).categories, ['user.device.ip_address']);
    assert.equal(flowAt(flows, file, 4).kind, 'log');
    assert.deepEqual([...flowAt(flows, file, 5).categories].sort(), ['user.account.username', 'user.device', 'user.device.ip_address']);
    assert.deepEqual([...flowAt(flows, file, 9).categories].sort(), ['user.account.username', 'user.device', 'user.device.ip_address']);
    for (const quiet of [6, 7, 8]) assert.equal(flows.get(file)?.some((f) => f.line === quiet), false, `line ${quiet}: ${describeFlows(flows.get(file))}`);
  });
});

describe('real-code shapes: the recipient given to another module\'s email helper', () => {
  it('whatever the caller calls it, what goes in `to` is an email address', () => {
    const { flows } = make({
      'src/email/client.ts': `import { Resend } from 'resend';
export class EmailClient {
  client = new Resend('k');
  async sendMagicLink(req: { page: string; link: string } & { to: string }) {
    await this.client.emails.send({ from: 'no-reply@example.com', subject: \`Sign in to \${req.page}\`, to: req.to, html: req.link });
  }
}
`,
      'src/auth.ts': `import { EmailClient } from './email/client';
const emailClient = new EmailClient();
export async function sendVerificationRequest(params: { identifier: string; url: string }) {
  await emailClient.sendMagicLink({ page: 'Status', link: params.url, to: params.identifier });
  await emailClient.sendMagicLink({ page: 'Status', link: params.url, to: 'ops@example.com' });
}
`,
    });
    const flow = flowAt(flows, 'src/auth.ts', 4);
    assert.equal(flow.vendor, 'resend');
    assert.ok(flow.categories.includes('user.contact.email'), describeFlows(flows.get('src/auth.ts')));
    assert.equal(flows.get('src/auth.ts')?.some((f) => f.line === 5), false, 'a constant address is no one\'s');
  });
});

describe('real-code shapes: a parameter spread into a helper\'s options', () => {
  it('`dispatch({ ...options, label })` sends the fields its callers gave in `options`', () => {
    const { flows } = make({
      'src/emails/send.ts': `import { createTransport } from 'nodemailer';
const transport = createTransport({ host: 'smtp.example.com' });
async function dispatch(options: { to: string; subject?: string; text?: string; label: string }) {
  await transport.sendMail({ from: 'no-reply@example.com', to: options.to, subject: options.subject, text: options.text });
}
export async function sendRawEmail(options: { to: string; subject: string; text?: string; replyTo?: string }) {
  await dispatch({ ...options, label: options.subject });
}
`,
      'src/feedback.ts': `import { sendRawEmail } from './emails/send';
export async function submitFeedback(user: { email: string; name: string }, comment: string) {
  await sendRawEmail({ to: 'team@example.com', subject: 'Feedback', text: \`\${user.name} (\${user.email}): \${comment}\` });
  await sendRawEmail({ to: 'team@example.com', subject: 'Feedback', text: 'nothing personal' });
}
`,
    });
    const flow = flowAt(flows, 'src/feedback.ts', 3);
    assert.equal(flow.vendor, 'smtp');
    assert.deepEqual([...flow.categories].sort(), ['user.contact.email', 'user.name']);
    assert.equal(flows.get('src/feedback.ts')?.some((f) => f.line === 4), false, describeFlows(flows.get('src/feedback.ts')));
  });
});

describe('real-code shapes: Next.js request APIs', () => {
  it('`headers()` and `cookies()` of next/headers are the request\'s', () => {
    const { flows } = make({
      'app/actions.ts': `import { headers, cookies } from 'next/headers';
export async function track(log: { info(x: unknown): void }) {
  log.info({ ip: (await headers()).get('x-forwarded-for') ?? undefined });
  const h = await headers();
  log.info({ agent: h.get('accept-language'), forwarded: h.get('x-real-ip') });
  log.info({ token: (await cookies()).get('access_token')?.value });
}
`,
    });
    assert.deepEqual(flowAt(flows, 'app/actions.ts', 3).categories, ['user.device.ip_address']);
    assert.ok(flowAt(flows, 'app/actions.ts', 5).categories.includes('user.device.ip_address'));
    assert.ok(flowAt(flows, 'app/actions.ts', 6).categories.includes('user.authorization.credentials'), describeFlows(flows.get('app/actions.ts')));
  });
});

describe('real-code shapes: a lazy singleton of a re-exported SDK class', () => {
  it('`posthog()?.capture(...)` in another module reaches the vendor the workspace package re-exports', () => {
    const { flows } = make({
      'package.json': JSON.stringify({ name: 'app', workspaces: ['packages/*'] }),
      'packages/analytics/package.json': JSON.stringify({ name: '@acme/analytics', exports: { './server': './src/server.ts' } }),
      'packages/analytics/src/server.ts': `import { PostHog } from 'posthog-node';
export { PostHog };
`,
      'src/lib/posthog.ts': `import { PostHog } from '@acme/analytics/server';
let instance: PostHog | undefined;
export function posthog() {
  if (!instance && process.env.POSTHOG_KEY) instance = new PostHog(process.env.POSTHOG_KEY, { flushAt: 20 });
  return instance;
}
`,
      'src/billing.ts': `import { posthog } from './lib/posthog';
export function purchased(email: string, plan: string) {
  posthog()?.capture({ distinctId: email, event: 'license_purchase', properties: { plan } });
}
`,
    });
    const flow = flowAt(flows, 'src/billing.ts', 3);
    assert.equal(flow.vendor, 'posthog');
    assert.deepEqual(flow.categories, ['user.contact.email']);
  });
});

describe('real-code shapes: NextAuth\'s client sign-in', () => {
  it('`signIn(provider, options)` posts the options to the app\'s own auth API', () => {
    const { flows } = make({
      'pages/login.tsx': `import { signIn } from 'next-auth/react';
import { useConfig } from '@acme/router/config';
export async function submit(form: { username: string; password: string }) {
  await signIn('credentials', { username: form.username, password: form.password, redirect: false });
  await signIn('github', { callbackUrl: '/dashboard' });
}
export async function demo() {
  const config = useConfig();
  await signIn('credentials', { username: config?.DEMO_USERNAME, password: config?.DEMO_PASSWORD });
}
`,
    });
    const flow = flowAt(flows, 'pages/login.tsx', 4);
    assert.equal(flow.kind, 'http');
    assert.equal(flow.hostStatus, 'relative');
    assert.deepEqual([...flow.categories].sort(), ['user.account.username', 'user.authorization.password']);
    assert.equal(flows.get('pages/login.tsx')?.some((f) => f.line === 5), false);
    assert.equal(flows.get('pages/login.tsx')?.some((f) => f.line === 9), false, 'a demo account\'s configured credentials are no person\'s');
  });
});

describe('real-code shapes: the request a Hono context wraps', () => {
  it('`c.req.raw.headers.get(...)` reads the request\'s headers', () => {
    const { flows } = make({
      'src/track.ts': `export function track(c: { req: { raw: Request } }, log: { info(x: unknown): void }) {
  log.info({ location: c.req.raw.headers.get('x-forwarded-for') ?? undefined, method: c.req.raw.method });
}
`,
    });
    assert.deepEqual(flowAt(flows, 'src/track.ts', 2).categories, ['user.device.ip_address']);
  });
});

describe('real-code shapes: a request to a vendor\'s API', () => {
  it('the fields with a role for that vendor (`To` of a Twilio message on a FormData) are that data', () => {
    const { flows } = make({
      'src/sms.ts': `export async function sendAlert(settings: { sms: string }, monitor: { name: string }) {
  const body = new FormData();
  body.set('To', settings.sms);
  body.set('From', '+15550100');
  body.set('Body', \`Monitor \${monitor.name} is down\`);
  await fetch('https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json', { method: 'post', body });
  const ops = new FormData();
  ops.set('To', '+15550199');
  ops.set('Body', 'deploy done');
  await fetch('https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json', { method: 'post', body: ops });
}
`,
    });
    const flow = flowAt(flows, 'src/sms.ts', 6);
    assert.equal(flow.vendor, 'twilio');
    assert.deepEqual(flow.categories, ['user.contact.phone_number']);
    assert.equal(flows.get('src/sms.ts')?.some((f) => f.line === 10), false, 'a number written in the code is no one\'s');
  });
});

describe('real-code shapes: a raw email composed for a mail API', () => {
  it('`new MailComposer(options).compile().build()` carries the message to `gmail.users.messages.send({ raw })`', () => {
    const { flows, facts } = make({
      'src/mail.ts': `import MailComposer from 'nodemailer/lib/mail-composer';
import type { gmail_v1 } from '@googleapis/gmail';
const encode = (message: Buffer) => Buffer.from(message).toString('base64').replace(/\\+/g, '-');
async function createMail(options: { to: string; subject: string; html: string }) {
  const message = await new MailComposer(options).compile().build();
  return encode(message);
}
export async function sendEmail(gmail: gmail_v1.Gmail, recipient: string, note: { content: string }) {
  const raw = await createMail({ to: recipient, subject: 'Hello', html: note.content });
  await gmail.users.messages.send({ userId: 'me', requestBody: { raw } });
}
`,
    });
    const flow = flowAt(flows, 'src/mail.ts', 10);
    assert.equal(flow.vendor, 'google-workspace');
    assert.ok(flow.categories.includes('user.contact.email'), describeFlows(flows.get('src/mail.ts')));
    assert.equal(facts[0].vendorUses?.some((u) => u.vendor === 'smtp'), false, 'composing a message talks to no mail server');
  });
});

describe('real-code shapes: private methods', () => {
  it('a payload built by a `#private` method of the class is what the public one sends', () => {
    const { flows } = make({
      'src/email-service.ts': `import { Resend } from 'resend';
type EmailInput = { to?: string[]; user: { email: string }; subject: string };
export class EmailService {
  private client = new Resend('k');
  async sendBulk(emails: EmailInput[]) {
    const payloads = await Promise.all(emails.map((email) => this.#buildPayload(email)));
    await this.client.batch.send(payloads);
  }
  #buildPayload(email: EmailInput) {
    return { from: 'bot@example.com', to: email.to || [email.user.email], subject: email.subject };
  }
}
`,
    });
    const flow = flowAt(flows, 'src/email-service.ts', 7);
    assert.equal(flow.vendor, 'resend');
    assert.ok(flow.categories.includes('user.contact.email'), describeFlows(flows.get('src/email-service.ts')));
  });
});

describe('real-code shapes: a local helper calling another module', () => {
  const mail = `import { Resend } from 'resend';
const resend = new Resend('k');
export async function sendBatch(emails: { to: string; subject: string }[]) {
  await resend.batch.send(emails.map((e) => ({ from: 'bot@example.com', ...e })));
}
`;

  it("a caller's data reaches the other module at each caller of the helper, also on a second call of the same kind", () => {
    const { flows } = make({
      'src/lib/mail.ts': mail,
      'src/job.ts': `import { sendBatch } from './lib/mail';
async function notify({ step, message }: { step: string; message: { to: string; subject: string } }) {
  await sendBatch([message]);
}
export async function run(user: { email: string }) {
  await notify({ step: 'soon', message: { to: user.email, subject: 'Paused soon' } });
  await notify({ step: 'now', message: { to: user.email, subject: 'Paused now' } });
}
`,
    });
    const list = flows.get('src/job.ts');
    for (const line of [6, 7]) {
      const flow = flowAt(flows, 'src/job.ts', line);
      assert.equal(flow.vendor, 'resend', describeFlows(list));
      assert.deepEqual(flow.categories, ['user.contact.email']);
      // The path shows the caller's expression, then the helper's call of the other module.
      const trace = flow.traces?.['user.contact.email'] ?? flow.trace;
      assert.deepEqual(trace.slice(0, 1).map((s) => s.line), [line], JSON.stringify(trace));
      assert.ok(trace.some((s) => s.line === 3 && /passed to sendBatch\(\)/.test(s.note)), JSON.stringify(trace));
    }
    // Not piled on the helper's line: its own code has no personal data.
    assert.ok(!list?.some((f) => f.line === 3), describeFlows(list));
  });

  it("a helper that adds data of its own: the caller's part at the caller, the helper's own at its call", () => {
    const { flows } = make({
      'src/lib/mail.ts': mail,
      'src/notify.ts': `import { sendBatch } from './lib/mail';
import { lookup } from './lookup';
async function notifyHost({ pollId, participantName }: { pollId: string; participantName: string }) {
  const host = await lookup(pollId);
  await sendBatch([{ to: host.email, subject: \`New response from \${participantName}\` }]);
}
export async function respond(participant: { name: string }, pollId: string) {
  await notifyHost({ pollId, participantName: participant.name });
}
`,
      'src/lookup.ts': `export async function lookup(id: string) { return (globalThis as any).db.user.find(id); }
`,
    });
    const list = flows.get('src/notify.ts');
    assert.deepEqual(flowAt(flows, 'src/notify.ts', 8).categories, ['user.name'], describeFlows(list));
    // The host's address, looked up by the helper (its parameter's name says a name, for its own analysis).
    assert.ok(flowAt(flows, 'src/notify.ts', 5).categories.includes('user.contact.email'), describeFlows(list));
  });

  it("data the helper takes from its closure stays at the helper's call of the other module", () => {
    const { flows } = make({
      'src/lib/mail.ts': mail,
      'src/job.ts': `import { sendBatch } from './lib/mail';
export async function run(user: { email: string }, subjects: string[]) {
  const notify = async (subject: string) => {
    await sendBatch([{ to: user.email, subject }]);
  };
  await notify(subjects[0]);
  await notify(subjects[1]);
}
`,
    });
    const list = flows.get('src/job.ts');
    assert.equal(flowAt(flows, 'src/job.ts', 4).vendor, 'resend');
    assert.ok(!list?.some((f) => f.line === 6 || f.line === 7), describeFlows(list));
  });

  it("a form's submit handler sending the fields through another module is reported at that call, not at the form", () => {
    const { flows } = make({
      'src/api.ts': `export function useMutation(path: string) {
  return { mutateAsync: (data: unknown) => fetch(path, { method: 'POST', body: JSON.stringify(data) }) };
}
`,
      'src/LoginForm.tsx': `import { useMutation } from './api';
import { Form, FormField, PasswordField } from '@acme/ui';
export function LoginForm() {
  const { mutateAsync } = useMutation('/auth/login');
  const handleSubmit = async (data: any) => {
    await mutateAsync(data);
  };
  return (
    <Form onSubmit={handleSubmit}>
      <FormField name="username"><input /></FormField>
      <FormField name="password"><PasswordField /></FormField>
    </Form>
  );
}
`,
    });
    const list = flows.get('src/LoginForm.tsx');
    const flow = flowAt(flows, 'src/LoginForm.tsx', 6);
    assert.equal(flow.kind, 'http', describeFlows(list));
    assert.ok(flow.categories.includes('user.authorization.password'), describeFlows(list));
    assert.ok(!list?.some((f) => f.line === 9), describeFlows(list));
  });
});

describe("real-code shapes: a person's whole record", () => {
  it('a record of unknown fields logged whole carries the fields the code read from it, and only from that variable', () => {
    const { flows } = make({
      'src/hooks.ts': `export const hooks = {
  after: async (user) => {
    await register({ id: user.id, email: user.email }).catch((error) => {
      console.error('sign-up failed', { error, user });
    });
  },
  before: async (user) => {
    console.warn('blocked', { user });
  },
};
async function register(x: unknown) {}
`,
    });
    assert.deepEqual(flowAt(flows, 'src/hooks.ts', 4).categories, ['user', 'user.contact.email', 'user.unique_id']);
    // Another variable of the same name, in another function, read no field.
    assert.deepEqual(flowAt(flows, 'src/hooks.ts', 8).categories, ['user']);
  });

  it("a record a hook of another module gives (`const { data: user } = useUser()`) logged whole; handed to another module, that module's reads tell", () => {
    const { flows } = make({
      'src/hooks.ts': `export function useUser() { return { data: (globalThis as any).cache.user }; }
`,
      'src/provider.tsx': `import posthog from 'posthog-js';
export function UserProvider({ user }: { user: any }) {
  posthog.identify(user.id);
  return null;
}
`,
      'src/page.tsx': `import { useUser } from './hooks';
import { UserProvider } from './provider';
export function Page() {
  const { data: user } = useUser();
  const zone = user.timeZone;
  console.log(user);
  return <UserProvider user={user ?? null} />;
}
`,
    });
    const list = flows.get('src/page.tsx');
    assert.ok(flowAt(flows, 'src/page.tsx', 6).categories.includes('user'), describeFlows(list));
    // The time zone read here is not what UserProvider sends to PostHog.
    const posthog = flowAt(flows, 'src/page.tsx', 7);
    assert.ok(!posthog.categories.includes('user.location.imprecise'), describeFlows(list));
  });
});

describe("real-code shapes: the app's own request layer", () => {
  const layer = {
    'src/services/interceptor.ts': `export class InterceptorService {
  private current: { execute(req: unknown): { response: Promise<unknown> } } | undefined;
  execute(req: unknown) {
    return this.current!.execute(req);
  }
}
`,
    'src/modules/di.ts': `const services = new Map<unknown, unknown>();
export function getService<T>(cls: new () => T): T {
  return services.get(cls) as T;
}
`,
    'src/encode.ts': `import { pipe } from 'fp-ts/function';
export const content = {
  json: <T>(body: T) => ({ kind: 'json', content: pipe(body, JSON.stringify) }),
};
`,
  };

  it('a request described by `{ url, method, headers, content }` handed to a layer that sends it nowhere known is a request to its URL', () => {
    const { flows } = make({
      ...layer,
      'src/auth.ts': `import { getService } from './modules/di';
import { InterceptorService } from './services/interceptor';
import { content } from './encode';
const interceptor = getService(InterceptorService);
export async function sendMagicLink(email: string) {
  const { response } = interceptor.execute({
    url: \`\${import.meta.env.VITE_API_URL}/auth/signin\`,
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    content: content.json({ email }),
  });
  return response;
}
export async function refresh(refreshToken: string) {
  return interceptor.execute({ url: 'https://api.example.com/auth/refresh', method: 'GET', headers: { Authorization: \`Bearer \${refreshToken}\` } });
}
export async function status(path: string) {
  return interceptor.execute({ url: path, headers: { Accept: 'application/json' } });
}
`,
    });
    const list = flows.get('src/auth.ts');
    const signIn = flowAt(flows, 'src/auth.ts', 6);
    assert.equal(signIn.kind, 'http', describeFlows(list));
    assert.equal(signIn.hostStatus, 'dynamic');
    // Through fp-ts's pipe, which gives on what it is given.
    assert.deepEqual(signIn.categories, ['user.contact.email']);
    const refresh = flowAt(flows, 'src/auth.ts', 15);
    assert.equal(refresh.host, 'api.example.com');
    assert.deepEqual(refresh.categories, ['user.authorization.credentials']);
    // No method: not known to be a request.
    assert.ok(!list?.some((f) => f.line === 18), describeFlows(list));
  });
});

describe('real-code shapes: a list of typed records', () => {
  it("a function given `links: Link[]` reads its elements' fields by the declared type, also when its only caller passes another module's results", () => {
    const { flows } = make({
      'src/batch.ts': `export default async function nextBatch(o: { take: number }) {
  return (globalThis as any).db.link.findMany({ take: o.take });
}
`,
      'src/worker.ts': `import nextBatch from './batch';
type Link = { url: string; collection: { ownerId: number } };
const logInfo = (message: string) => console.log('%s', message);
export async function start() {
  logInfo('starting');
  await loop();
}
async function processBatch(links: Link[], onDisconnect: () => void) {
  await Promise.allSettled(links.map(async (link) => logInfo(\`archiving \${link.url} for user \${link.collection.ownerId}\`)));
}
async function loop() {
  while (true) {
    const links = await nextBatch({ take: 5 });
    await processBatch(links, () => {});
  }
}
`,
    });
    assert.deepEqual(flowAt(flows, 'src/worker.ts', 9).categories, ['user.unique_id']);
  });
});

describe('real-code shapes: what a person wrote, given as an object of fields', () => {
  it("`content: { Title: input.title }` given to a helper that sends it to a model is what the person wrote; `{ kind: 'poll' }` is fixed", () => {
    const { flows } = make({
      'src/moderation.ts': `import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
async function ask(text: string) {
  return generateText({ model: openai('gpt-4.1'), messages: [{ role: 'system', content: 'Moderate.' }, { role: 'user', content: text }] });
}
export async function moderateContent({ content }: { content: Record<string, string> }) {
  const text = Object.entries(content).map(([k, v]) => \`\${k}: \${v}\`).join('\\n');
  return ask(text);
}
`,
      'src/polls.ts': `import { moderateContent } from './moderation';
export async function createPoll(input: { title: string; description?: string }) {
  await moderateContent({ content: { Title: input.title, Description: input.description || '' } });
  await moderateContent({ content: { Kind: 'poll' } });
}
`,
    });
    const list = flows.get('src/polls.ts');
    const flow = flowAt(flows, 'src/polls.ts', 3);
    assert.equal(flow.vendor, 'openai', describeFlows(list));
    assert.deepEqual(flow.categories, ['user.content.private']);
    assert.ok(!list?.some((f) => f.line === 4), describeFlows(list));
  });
});

describe("real-code shapes: an object literal's methods and a package class's instances", () => {
  it("`this.getHeaders()` in a method of an object literal, reading a token kept in an rxjs BehaviorSubject, sends it", () => {
    const { flows } = make({
      'src/auth.ts': `import { BehaviorSubject } from 'rxjs';
export const currentUser$ = new BehaviorSubject<{ accessToken: string } | null>(null);
export const def = {
  getHeaders() {
    const accessToken = currentUser$.value?.accessToken;
    return accessToken ? { Authorization: \`Bearer \${accessToken}\` } : {};
  },
  async verify() {
    await fetch('https://api.example.com/auth/verify', { headers: { Accept: 'application/json', ...this.getHeaders() } });
  },
};
`,
    });
    assert.deepEqual(flowAt(flows, 'src/auth.ts', 9).categories, ['user.authorization.credentials'], describeFlows(flows.get('src/auth.ts')));
  });
});

describe("real-code shapes: a GraphQL operation through the app's own client", () => {
  it('`runMutation(UpdateUserDocument, { displayName })` sends its variables to the GraphQL endpoint when the client is not followed', () => {
    const { flows } = make({
      'src/gql.ts': `const client: { value?: { mutation(doc: unknown, vars: unknown): { toPromise(): Promise<unknown> } } } = {};
export const runMutation = (mutation: unknown, variables: object) => () => client.value!.mutation(mutation, variables).toPromise();
`,
      'src/api.ts': `import { runMutation } from './gql';
import { UpdateUserDisplayNameDocument, CreateCollectionDocument } from './generated/graphql';
export const updateUserDisplayName = (updatedDisplayName: string) => runMutation(UpdateUserDisplayNameDocument, { updatedDisplayName })();
export async function createCollection(root: () => Promise<any>) {
  const result = await root();
  const parentID = result.createRootUserCollection.id;
  return runMutation(CreateCollectionDocument, { parentID, title: 'Examples' })();
}
`,
      'src/generated/graphql.ts': `export const UpdateUserDisplayNameDocument = { kind: 'Document' };
export const CreateCollectionDocument = { kind: 'Document' };
`,
    });
    const list = flows.get('src/api.ts');
    const flow = flowAt(flows, 'src/api.ts', 3);
    assert.equal(flow.kind, 'http', describeFlows(list));
    assert.deepEqual(flow.categories, ['user.name']);
    // A user's collection's id is the collection's, not the person's.
    assert.ok(!list?.some((f) => f.line === 7), describeFlows(list));
  });

  it("a caller of a wrapper around such an operation: the caller's data is that request's too", () => {
    const { flows } = make({
      'src/gql.ts': `const client: { value?: { mutation(doc: unknown, vars: unknown): Promise<unknown> } } = {};
export const runMutation = (mutation: unknown, variables: object) => client.value!.mutation(mutation, variables);
`,
      'src/invite.ts': `import { runMutation } from './gql';
import { CreateTeamInvitationDocument } from './generated/graphql';
export const createTeamInvitation = (address: string, teamID: string) => runMutation(CreateTeamInvitationDocument, { inviteeEmail: address, teamID });
`,
      'src/generated/graphql.ts': `export const CreateTeamInvitationDocument = { kind: 'Document' };
`,
      'src/team.ts': `import { createTeamInvitation } from './invite';
export async function invite(member: { email: string }, teamID: string) {
  await createTeamInvitation(member.email, teamID);
}
`,
    });
    const flow = flowAt(flows, 'src/team.ts', 3);
    assert.equal(flow.kind, 'http', describeFlows(flows.get('src/team.ts')));
    assert.deepEqual(flow.categories, ['user.contact.email']);
  });
});

describe('real-code shapes: flags named after data', () => {
  it('a field declared boolean (`preferOTP: boolean`, `usedLastAccountCookie: boolean`) is a flag, not the data its name mentions', () => {
    const { flows, facts } = make({
      'src/login.ts': `type Props = { email: string; preferOTP: boolean; usedLastAccountCookie?: boolean | null };
export async function signIn(props: Props) {
  const { email, preferOTP, usedLastAccountCookie } = props;
  console.info('sign-in', { preferOTP, usedLastAccountCookie });
  await fetch('/auth/email', { method: 'POST', body: JSON.stringify({ email, preferOTP }) });
}
`,
    });
    const list = flows.get('src/login.ts');
    assert.ok(!list?.some((f) => f.line === 4), describeFlows(list));
    assert.deepEqual(flowAt(flows, 'src/login.ts', 5).categories, ['user.contact.email']);
    const categories = new Set(facts[0].occurrences.map((o) => o.category));
    assert.ok(!categories.has('user.authorization.credentials') && !categories.has('user.device.cookie'), JSON.stringify([...categories]));
  });

  it("the id of a record that may hold an email (one channel among others) is the record's; of one that always does, the person's", () => {
    const { flows } = make({
      'src/notify.ts': `type Subscription = { id: number; pageId: number; channelType: 'email' | 'slack'; email?: string; slackChannelId?: string };
type Signup = { id: string; email: string };
export function deliver(sub: Subscription, signup: Signup) {
  console.warn('delivery failed', sub.id);
  console.warn('signup failed', signup.id);
}
`,
    });
    const list = flows.get('src/notify.ts');
    assert.ok(!list?.some((f) => f.line === 4), describeFlows(list));
    assert.deepEqual(flowAt(flows, 'src/notify.ts', 5).categories, ['user.unique_id']);
  });
});

describe('real-code shapes: an OAuth code exchange', () => {
  it("the `code` of `{ grant_type: 'authorization_code', code }` is the person's credential; a `code` elsewhere is not", () => {
    const { flows } = make({
      'src/oauth.ts': `export async function exchange(tokenEndpoint: string, params: URLSearchParams) {
  const code = params.get('code');
  await fetch('https://auth.example.com/oauth/token', {
    method: 'POST',
    body: JSON.stringify({ grant_type: 'authorization_code', code, redirect_uri: 'https://app.example.com/cb' }),
  });
  await fetch('https://api.example.com/errors', { method: 'POST', body: JSON.stringify({ code }) });
}
`,
    });
    const list = flows.get('src/oauth.ts');
    assert.deepEqual(flowAt(flows, 'src/oauth.ts', 3).categories, ['user.authorization.credentials'], describeFlows(list));
    assert.ok(!list?.some((f) => f.line === 7), describeFlows(list));
  });
});

describe('real-code shapes: an AI model chosen among providers', () => {
  it('a prompt given to a model picked by a switch over providers reaches each of them', () => {
    const { flows } = make({
      'src/ai.ts': `import { generateText } from 'ai';
import { createOpenAI } from '@ai-sdk/openai';
import { createAnthropic } from '@ai-sdk/anthropic';
function getModel(provider: string) {
  switch (provider) {
    case 'openai':
      return createOpenAI({ apiKey: process.env.OPENAI_API_KEY })('gpt-4o-mini');
    default:
      return createAnthropic({ apiKey: process.env.ANTHROPIC_API_KEY })('claude-haiku');
  }
}
export async function summarise(user: { email: string }, text: string) {
  return generateText({ model: getModel(process.env.LLM ?? 'openai'), prompt: \`Summarise for \${user.email}: \${text}\` });
}
`,
    });
    const list = flows.get('src/ai.ts') ?? [];
    const vendors = list.filter((f) => f.line === 13).map((f) => f.vendor).sort();
    assert.deepEqual(vendors, ['anthropic', 'openai'], describeFlows(list));
  });

  it("a community provider (`@openrouter/ai-sdk-provider`) makes a model: a record whose key is given to it is no flow; the prompt reaches OpenRouter", () => {
    const { flows } = make({
      'src/llm/model.ts': `import { createOpenRouter } from '@openrouter/ai-sdk-provider';
export function getModel(userAi: { aiApiKey: string | null }) {
  const openrouter = createOpenRouter({ apiKey: userAi.aiApiKey ?? process.env.OPENROUTER_API_KEY });
  return openrouter.chat('anthropic/claude-sonnet');
}
`,
      'src/draft.ts': `import { generateText } from 'ai';
import { getModel } from './llm/model';
export async function draft(account: { user: { email: string; aiApiKey: string | null } }, text: string) {
  const model = getModel(account.user);
  return generateText({ model, prompt: text });
}
`,
    });
    const list = flows.get('src/draft.ts') ?? [];
    // The account's record is not sent to OpenRouter by making the provider.
    assert.ok(!list.some((f) => f.line === 4 && f.vendor === 'openrouter'), describeFlows(list));
  });
});

describe('real-code shapes: the whole pipeline', () => {
  it('a scan of a workspace with these shapes reports them through the session', async () => {
    const { root } = make({
      'data-inventory.yaml': 'version: 1\n',
      'src/lib/analytics.ts': `import posthog from 'posthog-js';
export const useAnalytics = () => ({ identify: (id: string, traits: object) => posthog.identify(id, traits) });
`,
      'src/app.tsx': `import { useAnalytics } from './lib/analytics';
export function Profile({ user }: { user: { id: string; email: string } }) {
  const { identify } = useAnalytics();
  const analytics = useAnalytics();
  analytics.identify(user.id, { email: user.email });
  return null;
}
`,
    });
    const result = await new Workspace({ root, workers: 0 }).scan();
    const posthog = result.inventory.vendors.posthog ?? [];
    assert.ok(posthog.some((l) => l.file === 'src/app.tsx' && l.line === 5 && l.categories?.includes('user.contact.email')), JSON.stringify(posthog));
  });
});

describe('real-code shapes: factories of factories', () => {
  it('a getter caching a client made by another module\'s factory', () => {
    const { flows } = make({
      'packages/billing/package.json': JSON.stringify({ name: '@acme/billing', main: 'src/index.ts' }),
      'packages/billing/src/index.ts': `import Stripe from 'stripe';
export function createStripeClient(options: { secretKey: string }) {
  return new Stripe(options.secretKey);
}
`,
      'package.json': JSON.stringify({ name: 'root', workspaces: ['packages/*', 'apps/*'] }),
      'apps/web/billing/service.ts': `import { createStripeClient } from '@acme/billing';
let client: ReturnType<typeof createStripeClient> | undefined;
export function getStripe() {
  if (!client) client = createStripeClient({ secretKey: process.env.STRIPE_KEY! });
  return client;
}
`,
      'apps/web/account.ts': `import { getStripe } from './billing/service';
export async function changeEmail(req: { body: { newEmail: string } }, customerId: string) {
  await getStripe().customers.update(customerId, { email: req.body.newEmail });
}
`,
    });
    const f = flowAt(flows, 'apps/web/account.ts', 3);
    assert.equal(f.vendor, 'stripe');
    assert.deepEqual(f.categories, ['user.contact.email'], 'the customer id Stripe issued is not the person\'s data');
  });
});

describe('real-code shapes: ids a vendor issued', () => {
  it('a Stripe customer or subscription id sent back to Stripe is not the person\'s data; the app\'s own user id is', () => {
    const { flows } = make({
      'src/billing.ts': `import Stripe from 'stripe';
const stripe = new Stripe('k');
export async function update(user: { id: string; email: string; stripeCustomerId: string }, subscriptionId: string) {
  await stripe.customers.update(user.stripeCustomerId, { email: user.email });
  await stripe.subscriptions.update(subscriptionId, { metadata: { userId: user.id } });
  await stripe.invoices.list({ customer: user.stripeCustomerId });
}
`,
    });
    assert.deepEqual(flowAt(flows, 'src/billing.ts', 4).categories, ['user.contact.email']);
    assert.deepEqual(flowAt(flows, 'src/billing.ts', 5).categories, ['user.unique_id']);
    assert.equal(flows.get('src/billing.ts')?.find((f) => f.line === 6), undefined);
  });
});

describe('real-code shapes: React form state', () => {
  it('a form kept in useState and posted whole carries its fields', () => {
    const { flows } = make({
      'src/register.tsx': `import { useState } from 'react';
type Form = { name: string; email: string; password: string; accept: boolean };
export function Register() {
  const [form, setForm] = useState<Form>({ name: '', email: '', password: '', accept: false });
  const [other] = useState({ name: '', phone: '' });
  const [tag] = useState({ name: '', color: '' });
  async function submit() {
    const { ...request } = form;
    await fetch('/api/v1/users', { method: 'POST', body: JSON.stringify(request) });
    await fetch('/api/contacts', { method: 'POST', body: JSON.stringify({ name: other.name }) });
    await fetch('/api/tags', { method: 'POST', body: JSON.stringify({ name: tag.name }) });
  }
  return <button onClick={submit} />;
}
`,
    });
    assert.deepEqual(flowAt(flows, 'src/register.tsx', 9).categories, ['user.authorization.password', 'user.contact.email', 'user.name']);
    // A lone name is a person's beside a field that is a person's by itself (a phone), not beside a colour.
    assert.deepEqual(flowAt(flows, 'src/register.tsx', 10).categories, ['user.name']);
    assert.equal((flows.get('src/register.tsx') ?? []).some((f) => f.line === 11), false);
  });
});

describe('real-code shapes: ids a vendor issued, through a wrapper', () => {
  it('a wrapper deleting a Stripe customer by its id sends no personal data', () => {
    const { flows } = make({
      'src/stripe.ts': `import Stripe from 'stripe';
const stripe = new Stripe('k');
export async function deleteStripeCustomer(id: string) {
  await stripe.customers.del(id);
}
`,
      'src/account.ts': `import { deleteStripeCustomer } from './stripe';
export async function remove(user: { customerId: string; email: string }) {
  await deleteStripeCustomer(user.customerId);
}
`,
    });
    assert.deepEqual(flows.get('src/account.ts') ?? [], []);
  });

  it('an issued id passed as a field of a wrapper\'s argument, or as a record\'s id, is not the person\'s either', () => {
    const { flows } = make({
      'src/stripe.ts': `import Stripe from 'stripe';
export const getStripe = () => new Stripe('k');
export async function portal(input: { customerId: string }) {
  return getStripe().billingPortal.sessions.create({ customer: input.customerId });
}
`,
      'src/billing.ts': `import { getStripe, portal } from './stripe';
export async function open(user: { customerId: string }, userSubscription: { id: string }) {
  await portal({ customerId: user.customerId });
  await getStripe().subscriptions.retrieve(userSubscription.id);
}
`,
    });
    assert.deepEqual(flows.get('src/billing.ts') ?? [], []);
  });
});

describe('real-code shapes: a Prisma client generated into the workspace', () => {
  it('writes to the app\'s own database through a generated client are not flows to somewhere unknown', () => {
    const { flows } = make({
      'prisma/seed.ts': `import { PrismaClient } from '../generated/prisma/client';
const prisma = new PrismaClient();
export async function seed(req: { body: { email: string } }) {
  await prisma.user.create({ data: { email: req.body.email } });
}
`,
    });
    assert.deepEqual(flows.get('prisma/seed.ts') ?? [], []);
  });
});

describe('real-code shapes: what a browser page knows of its visitor', () => {
  it('a tracker reading the page, referrer and language through an alias of window sends them, same-origin, from each caller of its send helper', () => {
    const { flows } = make({
      'src/tracker.js': `(w => {
  const { navigator: { language }, location, document } = w;
  const { referrer } = document;
  const { href, origin } = location;
  const payload = () => ({ url: href, referrer, language });
  const send = (body) => fetch(\`\${origin}/api/send\`, { method: 'POST', body: JSON.stringify(body) });
  send({ origin });
  send(payload());
  const track = (name) => send({ ...payload(), name });
  track('click');
})(window);
`,
    });
    const list = flows.get('src/tracker.js') ?? [];
    assert.deepEqual(list.map((f) => `${f.line} ${f.kind} ${f.hostStatus} [${f.categories.join(',')}]`).sort(), [
      '8 http relative [user.behavior.browsing_history,user.demographic.language]',
      '9 http relative [user.behavior.browsing_history,user.demographic.language]',
    ]);
  });

  it('the page address the app builds a request on is its own origin, not the visitor\'s data', () => {
    const { flows } = make({
      'src/client.ts': `export function load(id: string) {
  return fetch(window.location.origin + '/api/items/' + id);
}
export function lang() {
  return fetch('https://i18n.example.com/strings', { headers: { 'Accept-Language': navigator.language } });
}
`,
    });
    assert.equal(describeFlows(flows.get('src/client.ts')), '5: http i18n.example.com [user.demographic.language]');
  });
});

describe('real-code shapes: the recipient of an email, logged', () => {
  it('what a function sends an email to is an email address wherever it reads it, before or after the send', () => {
    const { flows } = make({
      'src/mailer.ts': `import nodemailer from 'nodemailer';
const transporter = nodemailer.createTransport({ host: 'smtp.example.com' });
export async function deliver(data: { to: string; subject: string }) {
  console.info(\`sending "\${data.subject}" to \${data.to}\`);
  try {
    await transporter.sendMail({ to: data.to, subject: data.subject });
  } catch (e) {
    console.error('failed', { recipient: data.to, e });
  }
}
export function period(range: { from: Date; to: Date }) {
  console.log('until', range.to);
}
`,
    });
    const logs = (flows.get('src/mailer.ts') ?? []).filter((f) => f.kind === 'log').map((f) => `${f.line} [${f.categories.join(',')}]`);
    assert.deepEqual(logs, ['4 [user.contact.email]', '8 [user.contact.email]']);
  });
});

describe('real-code shapes: a catch-all tsconfig path in a monorepo app', () => {
  it('`"*": ["./*"]` that finds no file falls back to the workspace package, as TypeScript does', () => {
    const { flows } = make({
      'package.json': '{ "name": "root", "private": true, "workspaces": ["apps/*", "packages/*"] }',
      'apps/web/package.json': '{ "name": "web", "dependencies": { "@acme/emails": "workspace:*" } }',
      'apps/web/tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./src/*"], "*": ["./*"] } } }',
      'apps/web/src/cron.ts': `import { sendEmail } from '@acme/emails';
import { missing } from '@/lib/missing';
export async function remind(user: { email: string }) {
  await sendEmail({ to: [user.email], subject: 'hi' });
  missing(user.email);
}
`,
      'packages/emails/package.json': '{ "name": "@acme/emails", "main": "./src/index.ts" }',
      'packages/emails/src/index.ts': "export { sendEmail } from './send';\n",
      'packages/emails/src/send.ts': `import { Resend } from 'resend';
const resend = new Resend('k');
export const sendEmail = async (email: { to: string[]; subject: string }) => {
  await resend.emails.send(email);
};
`,
    });
    assert.equal(describeFlows(flows.get('apps/web/src/cron.ts')), '4: vendor resend [user.contact.email]; 5: unresolved  [user.contact.email]');
  });
});

describe('real-code shapes: one call of another module, analysed for several callers', () => {
  it('keeps what every analysis of the call saw: the caller\'s data at the caller, what the helper\'s declared type says at the helper', () => {
    const { flows } = make({
      'src/dub.ts': `import { Dub } from 'dub';
const dub = new Dub({ token: 'k' });
export async function trackLead(user: { id: string; name: string; email: string }) {
  await dub.track.lead({ customerExternalId: user.id, customerName: user.name, customerEmail: user.email });
}
`,
      'src/auth.ts': `import { trackLead } from './dub';
async function postSignUp({ id, email, name }: { id: string; email: string; name: string }) {
  await trackLead({ id, email, name });
}
export const hooks = { after: async (created: { email: string }) => postSignUp({ id: 'x', email: created.email, name: 'n' }) };
`,
    });
    assert.equal(describeFlows(flows.get('src/auth.ts')), '5: vendor dub [user.contact.email]; 3: vendor dub [user.contact.email,user.name,user.unique_id]');
  });
});

describe('real-code shapes: aliases of a bundler configuration', () => {
  it("Vite's resolve.alias (an object of path.resolve, a list of find/replacement) resolves imports, read and never run", () => {
    const { flows } = make({
      'package.json': '{ "name": "root", "private": true, "workspaces": ["packages/*"] }',
      'packages/web/package.json': '{ "name": "web" }',
      'packages/web/vite.config.ts': `import path from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
export default defineConfig({
  resolve: {
    alias: {
      '@helpers': path.resolve(__dirname, '../common/src/helpers'),
      '~': fileURLToPath(new URL('./src', import.meta.url)),
      [process.env.ALIAS ?? 'x']: path.resolve(__dirname, 'ignored'),
      '@elsewhere': path.resolve(process.cwd(), 'src'),
    },
  },
});
`,
      'packages/web/src/profile.ts': `import { track } from '@helpers/track';
import { notify } from '~/notify';
import { lost } from '@elsewhere/lost';
import { helpers } from '@helpersx';
export function save(user: { email: string }) {
  track(user.email);
  notify(user.email);
  lost(user.email);
  helpers(user.email);
}
`,
      'packages/web/src/notify.ts': `export function notify(email: string) {
  console.log(email);
}
`,
      'packages/common/package.json': '{ "name": "common" }',
      'packages/common/vite.config.mjs': `export default { resolve: { alias: [{ find: '@lib', replacement: './lib' }, { find: /^#/, replacement: './x' }] } };
`,
      'packages/common/src/helpers/track.ts': `import posthog from 'posthog-js';
export function track(email: string) {
  posthog.capture('saved', { email });
}
`,
      'packages/common/src/use.ts': `import { log } from '@lib/log';
export function use(email: string) {
  log(email);
}
`,
      'packages/common/lib/log.ts': `export function log(email: string) {
  console.info(email);
}
`,
    });
    // The target of a computed key, of process.cwd() and of a lookalike name are not guessed: the
    // packages they name are not the workspace's, and no flow is made up for them.
    assert.equal(describeFlows(flows.get('packages/web/src/profile.ts')), '6: vendor posthog [user.contact.email]; 7: log  [user.contact.email]');
    assert.equal(describeFlows(flows.get('packages/common/src/use.ts')), '3: log  [user.contact.email]');
  });
});

describe('real-code shapes: where a parameter sits in the argument it is passed on in', () => {
  it('`{ extra: { accountId } }` reaches what the callee does with `extra`, not with its `userEmail`', () => {
    const { flows } = make({
      'src/report.ts': `import posthog from 'posthog-js';
export function report(error: unknown, context: { userEmail?: string; extra?: object }) {
  if (context.userEmail) posthog.identify(context.userEmail);
  console.error(error, context.extra);
}
`,
      'src/save.ts': `import { report } from './report';
export function save({ accountId, token }: { accountId: string; token: string }) {
  if (!token) report('no token', { extra: { accountId } });
}
`,
      'src/route.ts': `import { save } from './save';
export function handle(user: { id: string }, token: string) {
  save({ accountId: user.id, token });
}
`,
    });
    assert.equal(describeFlows(flows.get('src/route.ts')), '3: log  [user.unique_id]');
  });
});

describe('real-code shapes: a tsconfig baseUrl without paths', () => {
  it("`import … from 'src/mailer/mailer.service'` resolves under the package's baseUrl, packages still as packages", () => {
    const { flows } = make({
      'package.json': '{ "name": "root", "private": true, "workspaces": ["packages/*"] }',
      'packages/api/package.json': '{ "name": "api" }',
      'packages/api/tsconfig.json': '{ "extends": "./tsconfig.base.json", "compilerOptions": { "baseUrl": "./" } }',
      'packages/api/tsconfig.base.json': '{ "compilerOptions": { "strict": true } }',
      'packages/api/src/mailer/mailer.service.ts': `import { Resend } from 'resend';
const resend = new Resend('k');
export class MailerService {
  async sendEmail(to: string) {
    await resend.emails.send({ to, from: 'noreply@acme.example', subject: 'Hi', text: 'Hi' });
  }
}
`,
      'packages/api/src/auth/auth.service.ts': `import { MailerService } from 'src/mailer/mailer.service';
export class AuthService {
  constructor(private readonly mailer: MailerService) {}
  async signIn(email: string) {
    await this.mailer.sendEmail(email);
  }
}
`,
    });
    assert.equal(describeFlows(flows.get('packages/api/src/auth/auth.service.ts')), '5: vendor resend [user.contact.email]');
  });
});

describe('real-code shapes: a workspace package re-exporting a vendor SDK', () => {
  it('`export * from \'@upstash/redis\'` (or a named re-export) makes the name the SDK for the packages importing it', () => {
    const { flows } = make({
      'package.json': '{ "name": "root", "private": true, "workspaces": ["packages/*", "apps/*"] }',
      'packages/upstash/package.json': '{ "name": "@acme/upstash", "main": "./src/index.ts", "dependencies": { "@upstash/redis": "1" } }',
      'packages/upstash/src/index.ts': `export * from './client';\nexport * from '@upstash/redis';\n`,
      'packages/upstash/src/client.ts': `export const version = 1;\n`,
      'packages/mail/package.json': '{ "name": "@acme/mail", "main": "./index.ts", "dependencies": { "resend": "1" } }',
      'packages/mail/index.ts': `export { Resend as Mailer } from 'resend';\nexport { z } from 'zod';\n`,
      'apps/jobs/package.json': '{ "name": "jobs", "dependencies": { "@acme/upstash": "workspace:*", "@acme/mail": "workspace:*" } }',
      'apps/jobs/src/cron.ts': `import { Redis } from '@acme/upstash';
import { Mailer, z } from '@acme/mail';
const redis = Redis.fromEnv();
const mailer = new Mailer('k');
export async function start(user: { userId: number; email: string }) {
  await redis.set(\`workflow:user:\${user.userId}\`, 1);
  await mailer.emails.send({ to: user.email, from: 'ops@acme.example', subject: 'Hi', text: 'Hi' });
  return z.string().parse(user.email);
}
`,
    });
    assert.equal(describeFlows(flows.get('apps/jobs/src/cron.ts')), '6: vendor upstash [user.unique_id]; 7: vendor resend [user.contact.email]');
  });
});

describe('real-code shapes: a vendor client as a typed parameter', () => {
  it('`client: WebClient`, `gmail: gmail_v1.Gmail`, `stripe: Stripe` imported as types are those vendors\' clients; a data type of the package is not', () => {
    const { flows } = make({
      'package.json': '{ "name": "app", "dependencies": { "@slack/web-api": "7", "@googleapis/gmail": "1", "stripe": "14", "@supabase/supabase-js": "2" } }',
      'src/mail.ts': `import type { WebClient } from '@slack/web-api';
import type { gmail_v1 } from '@googleapis/gmail';
import type Stripe from 'stripe';
import type { User } from '@supabase/supabase-js';
export async function lookup(client: WebClient, email: string) {
  return client.users.lookupByEmail({ email });
}
export async function send(gmail: gmail_v1.Gmail, email: string) {
  return gmail.users.messages.send({ userId: 'me', requestBody: { raw: email } });
}
export async function charge(stripe: Stripe, email: string) {
  return stripe.customers.create({ email });
}
export function greet(user: User, log: (s: string) => void) {
  log(user.email ?? '');
}
`,
    });
    assert.equal(describeFlows(flows.get('src/mail.ts')), '6: vendor slack [user.contact.email]; 9: vendor google-workspace [user.contact.email]; 12: vendor stripe [user.contact.email]');
  });

  it('a messaging workspace\'s own member ids sent back to it are not the person\'s data; an email is', () => {
    const { flows } = make({
      'package.json': '{ "name": "app", "dependencies": { "@slack/web-api": "7" } }',
      'src/home.ts': `import { WebClient } from '@slack/web-api';
const slack = new WebClient('xoxb');
export async function publishHome(userId: string, email: string) {
  await slack.views.publish({ user_id: userId, view: { type: 'home', blocks: [] } });
  await slack.users.conversations({ types: 'private_channel', user: userId });
  await slack.users.lookupByEmail({ email });
}
`,
    });
    assert.equal(describeFlows(flows.get('src/home.ts')), '6: vendor slack [user.contact.email]');
  });
});

describe('real-code shapes: the query string of a link', () => {
  it('a token read from a parsed link (`new URL(link).searchParams`, `new URLSearchParams(location.search)`) is a credential; its org or prompt are not a person\'s', () => {
    const { flows } = make({
      'package.json': '{ "name": "app", "dependencies": { "axios": "1" } }',
      'src/auth.ts': `import axios from 'axios';
export async function signInWithEmailLink(url: string) {
  const token = new URLSearchParams(new URL(url).search).get('token');
  await axios.post('https://api.acme.example/auth/verify', { token });
}
export async function verify(link: string) {
  const params = new URL(link).searchParams;
  await axios.post('https://api.acme.example/auth/verify', { code: params.get('token'), prompt: params.get('prompt') });
}
export async function workspace() {
  const org = new URLSearchParams(window.location.search).get('org');
  await axios.post('https://api.acme.example/org', { org });
}
`,
    });
    assert.equal(describeFlows(flows.get('src/auth.ts')), '4: http api.acme.example [user.authorization.credentials]; 8: http api.acme.example [user.authorization.credentials]');
  });
});
