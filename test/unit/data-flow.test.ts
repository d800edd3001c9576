import { strict as assert } from 'node:assert';
import { analyzeSource } from '../../src/engine/analysis/analyze-source';
import { detectionConfig } from '../../src/engine/config';
import type { Flow } from '../../src/engine/analysis/facts';
import { workspaceFlows } from '../../src/engine/linking/link';
import { EMPTY_MODULE_MAP } from '../../src/engine/linking/module-map';

const config = detectionConfig({ categories: [], vendors: [] });

function flows(text: string, file = 'src/x.ts'): Flow[] {
  const facts = analyzeSource(text, file, config);
  assert.equal(facts.error, undefined, facts.error?.message);
  return facts.flows;
}

function at(list: Flow[], line: number): Flow {
  const found = list.find((f) => f.line === line);
  assert.ok(found, `no flow on line ${line}: ${list.map((f) => `${f.line} ${f.categories}`).join('; ')}`);
  return found;
}

/** Traces and categories of the data-flow rules added with declared types, roles and queues. */
describe('data flow: declared types, roles, queues', () => {
  it('a parameter named like a request stays request input, whatever its declared type', () => {
    const list = flows(`import Mixpanel from 'mixpanel';
const mixpanel = Mixpanel.init('x');
export function signup(req: { body: { email: string } }) {
  const { email } = req.body;
  mixpanel.track('signup', { distinct_id: email });
}`);
    assert.match(at(list, 5).trace[0].note, /email read from the request body/);
  });

  it("a typed record's fields carry their categories when it is sent whole", () => {
    const list = flows(`interface Lead { email: string; company: string; score: number }
export function send(lead: Lead) {
  return fetch('https://api.hubapi.com/x', { method: 'POST', body: JSON.stringify(lead) });
}`);
    assert.deepEqual(at(list, 3).categories, ['user.contact.email', 'user.contact.organization']);
  });

  it("a record with no personal field is not a person's", () => {
    assert.deepEqual(flows(`export function layout(box: { handle: string; width: number }) {
  return fetch('https://layout.example.com/x', { method: 'POST', body: JSON.stringify(box) });
}`), []);
  });

  it('the recipient of an email is an email address, a constant recipient is not', () => {
    const list = flows(`import { Resend } from 'resend';
const resend = new Resend('k');
const OPS = 'ops@example.com';
export async function f(to: string) {
  await resend.emails.send({ from: OPS, to, subject: 'Hi', text: 'x' });
  await resend.emails.send({ from: OPS, to: OPS, subject: 'Hi', text: 'x' });
}`);
    assert.deepEqual(at(list, 5).categories, ['user.contact.email']);
    assert.equal(list.filter((f) => f.line === 6).length, 0);
  });

  it('publishing to a queue is a flow whose consumers are not followed', () => {
    const flow = at(flows(`import { Queue } from 'bullmq';
const q = new Queue('welcome');
export async function f(email: string) {
  await q.add('send', { email });
  await q.add('count', { n: 1 });
}`), 4);
    assert.equal(flow.kind, 'unresolved');
    assert.equal(flow.queue, 'bullmq');
    assert.match(flow.trace[flow.trace.length - 1].note, /message queue \(bullmq\)/);
  });

  it("an email's domain is not the address", () => {
    assert.deepEqual(flows(`export function f(email: string) {
  console.log(email.split('@')[1]);
}`), []);
  });

  it("a promise's catch handler gets the error, not the promised value", () => {
    assert.deepEqual(flows(`declare function sendWelcomeEmail(to: string): Promise<void>;
export function f(user: { email: string }) {
  sendWelcomeEmail(user.email).catch((err) => console.error(err));
}`), []);
  });

  it("a vendor component's props go to the vendor", () => {
    const flow = at(flows(`import { IntercomProvider } from 'react-use-intercom';
export function App({ viewer }: { viewer: { email: string } }) {
  return <IntercomProvider appId="a" autoBootProps={{ email: viewer.email }}>x</IntercomProvider>;
}`, 'src/App.tsx'), 3);
    assert.equal(flow.vendor, 'intercom');
  });

  it("a value a Zod schema of the module parses carries the schema's fields", () => {
    const list = flows(`import { z } from 'zod';
const checkoutSchema = z.object({ email: z.string().email(), phone: z.string() });
export async function submit(raw: unknown) {
  const order = checkoutSchema.parse(raw);
  await fetch('/api/checkout', { method: 'POST', body: JSON.stringify(order) });
}`);
    assert.deepEqual(at(list, 5).categories, ['user.contact.email', 'user.contact.phone_number']);
  });

  it('a property set on a payload after it is built is sent with it', () => {
    const list = flows(`export async function f(person: { email: string; phone?: string }) {
  const values: Record<string, unknown> = { emails: [person.email] };
  if (person.phone) values.phones = [{ number: person.phone }];
  await fetch('https://api.attio.com/v2/x', { method: 'PUT', body: JSON.stringify({ values }) });
}`);
    assert.deepEqual(at(list, 4).categories, ['user.contact.email', 'user.contact.phone_number']);
  });
});

describe('data flow across modules: what a wrapper parameter is', () => {
  function linked(files: Record<string, string>): Map<string, Flow[]> {
    const facts = Object.entries(files).map(([file, text]) => analyzeSource(text, file, config));
    return workspaceFlows(facts, EMPTY_MODULE_MAP);
  }

  it('a spread of unknown content passed to a typed wrapper passes what the type declares', () => {
    const flowsByFile = linked({
      'src/crm.ts': `export interface CrmPerson { email: string; phone?: string; source?: string }
export async function upsertPerson(person: CrmPerson) {
  await fetch('https://api.attio.com/v2/people', { method: 'PUT', body: JSON.stringify(person) });
}`,
      'src/me.ts': `import { upsertPerson } from './crm';
declare function load(): Promise<object>;
export async function f() {
  const updated = await load();
  await upsertPerson({ ...updated, source: 'profile' });
}`,
    });
    assert.deepEqual(at(flowsByFile.get('src/me.ts') ?? [], 5).categories, ['user.contact.email', 'user.contact.phone_number']);
  });

  it("the field names of a parameter that is not a person's are not read as a person's", () => {
    const flowsByFile = linked({
      'src/internal.ts': `export function check(observable: { name_: string }) {
  console.warn('[mobx] ' + observable.name_);
}`,
      'src/value.ts': `import { check } from './internal';
declare function make(): object;
export function report() {
  const atom = make();
  check(atom);
}`,
    });
    assert.deepEqual(flowsByFile.get('src/value.ts') ?? [], []);
  });

  it("a field of a record typed in another module has the category that module's type gives it", () => {
    const flowsByFile = linked({
      'src/types.ts': `export interface ShippingAddress { name: string; line1: string; city: string; phone?: string }`,
      'src/ship.ts': `import type { ShippingAddress } from './types';
export async function label(a: ShippingAddress) {
  await fetch('https://api.goshippo.com/shipments/', { method: 'POST', body: JSON.stringify({ to: a.name, street: a.line1 }) });
}`,
    });
    assert.ok(at(flowsByFile.get('src/ship.ts') ?? [], 3).categories.includes('user.name'));
  });
});


/** What an unknown function's name says it returns: the noun after a getter verb, before a preposition. */
describe('data flow: results known by the name of the function', () => {
  function occurrences(text: string): string[] {
    const facts = analyzeSource(text, 'src/x.ts', config);
    assert.equal(facts.error, undefined, facts.error?.message);
    return facts.occurrences.map((o) => `${o.line} ${o.category}`);
  }

  it('a getter names what it returns', () => {
    assert.deepEqual(occurrences("import { getUserEmail } from './lib';\nconst a = getUserEmail();\n"), ['2 user.contact.email']);
  });

  it('what follows a preposition only qualifies the result', () => {
    assert.deepEqual(occurrences("import * as lib from './lib';\nconst a = lib.findUserByEmail(x);\nconst b = lib.selectRepliesForEmail(x);\nconst c = lib.getEmailForUser(x);\n"), ['4 user.contact.email']);
  });

  it('setters and actions return nothing they name', () => {
    assert.deepEqual(occurrences("import { useState } from 'react';\nconst [pin, setPassword] = useState('');\nsetPassword('');\n"), []);
    assert.deepEqual(occurrences("import * as lib from './lib';\nlib.setPassword('');\nlib.requestVerificationEmail();\nconst ok = lib.isEmailVerified(x);\nconst added = lib.addCookies(list);\n"), []);
  });
});
