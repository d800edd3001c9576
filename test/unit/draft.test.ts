import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { folderPurpose, inventoryFromFacts, ownNameOf, projectNames } from '../../src/engine/draft/from-code';
import { draftFromCode } from '../../src/engine/draft/init';
import * as edit from '../../src/engine/draft/manifest-edit';
import { parseManifest } from '../../src/engine/manifest/load';
import type { FileFacts } from '../../src/engine/analysis/facts';
import { CATEGORY_POOL, generateManifest, PURPOSE_POOL, random, VENDOR_POOL, type GeneratedManifest } from './manifest-gen';

const projectRoot = join(__dirname, '../../..');
const cli = join(projectRoot, 'dist/cli.js');

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every line before the edited one and every line after it are kept byte for byte, and line breaks stay consistent. */
function assertLinesKept(before: string, after: string, change: edit.TextEdit): void {
  assert.equal(edit.applyEdit(before, change), after);
  assert.ok(!/[\r\n]/.test(before.slice(change.offset, change.offset + change.length)), 'an edit never replaces a line break');
  const a = before.split('\n');
  const b = after.split('\n');
  const editedLine = before.slice(0, change.offset).split('\n').length - 1;
  for (let i = 0; i < editedLine; i++) assert.equal(b[i], a[i], `line ${i + 1} changed`);
  for (let k = 1; k < a.length - editedLine; k++) assert.equal(b[b.length - k], a[a.length - k], `line ${a.length - k + 1} (from the end) changed`);
  assert.ok(b[editedLine].startsWith(a[editedLine].slice(0, change.offset - before.lastIndexOf('\n', change.offset - 1) - 1)));
  if (before.includes('\r\n')) assert.ok(!/[^\r]\n/.test(after), 'CRLF kept for every new line');
}

type Step = { name: string; apply: (text: string) => edit.ManifestEdit; check: (m: GeneratedManifest, parsed: ReturnType<typeof parsedOk>) => void };

function parsedOk(text: string) {
  const r = parseManifest(text);
  assert.ok(r.ok, `the edited manifest validates:\n${text}\n${JSON.stringify(r.errors)}`);
  return r.manifest;
}

function countStyles(text: string, styles: Record<string, number>): void {
  if (text.includes('\r\n')) styles.crlf++;
  if (/- \{id:/.test(text)) styles.flowMapItem++;
  if (/:\s*(#.*)?\r?\n\s*- /.test(text)) styles.blockList++;
  if (/'user|"user/.test(text)) styles.quoted++;
  if (/ # /.test(text)) styles.comments++;
}

/** What a parsed manifest declares, in the generator's terms. */
function modelOf(text: string, m: ReturnType<typeof parsedOk>): GeneratedManifest {
  return {
    text,
    categories: m.categories.map((c) => c.id),
    purposes: m.purposes.map((p) => ({ id: p.id, categories: p.categories })),
    vendors: m.vendors.map((v) => ({ id: v.id, purposes: v.purposes, categories: v.categories })),
  };
}

/** One random edit that makes sense for this manifest. */
function randomStep(m: GeneratedManifest, rand: () => number): Step | undefined {
  const newCategory = CATEGORY_POOL.find((c) => !m.categories.includes(c));
  const newVendor = VENDOR_POOL.find((v) => !m.vendors.some((x) => x.id === v));
  const newPurpose = PURPOSE_POOL.find((p) => !m.purposes.some((x) => x.id === p));
  const vendor = m.vendors[0];
  const purpose = m.purposes[0];
  const steps: (Step | undefined)[] = [
    newCategory ? { name: `addCategory ${newCategory}`, apply: (t) => edit.addCategory(t, newCategory, 'seen at src/a.ts:1'), check: (_, p) => assert.ok(p.categories.some((c) => c.id === newCategory)) } : undefined,
    newVendor ? { name: `addVendor ${newVendor}`, apply: (t) => edit.addVendor(t, { id: newVendor, categories: m.categories.slice(0, 2), purposes: m.purposes.slice(0, 1).map((p) => p.id) }, 'seen at src/b.ts:2'), check: (_, p) => assert.deepEqual(p.vendors.find((v) => v.id === newVendor)?.categories, m.categories.slice(0, 2)) } : undefined,
    newPurpose ? { name: `addPurpose ${newPurpose}`, apply: (t) => edit.addPurpose(t, { id: newPurpose, description: 'A: purpose, "quoted"', categories: [m.categories[0]] }), check: (_, p) => assert.equal(p.purposes.find((x) => x.id === newPurpose)?.description, 'A: purpose, "quoted"') } : undefined,
    vendor && m.categories.find((c) => !vendor.categories.includes(c)) ? stepToVendor(vendor.id, 'categories', m.categories.find((c) => !vendor.categories.includes(c))!) : undefined,
    vendor && purpose && !vendor.purposes.includes(purpose.id) ? stepToVendor(vendor.id, 'purposes', purpose.id) : undefined,
    purpose && m.categories.find((c) => !purpose.categories.includes(c)) ? stepToPurpose(purpose.id, m.categories.find((c) => !purpose.categories.includes(c))!) : undefined,
  ];
  const possible = steps.filter((s): s is Step => s !== undefined);
  return possible.length ? possible[Math.floor(rand() * possible.length)] : undefined;
}

function stepToVendor(id: string, key: 'categories' | 'purposes', value: string): Step {
  const apply = key === 'categories' ? (t: string) => edit.addCategoryToVendor(t, id, value) : (t: string) => edit.addPurposeToVendor(t, id, value);
  return { name: `add ${value} to vendor ${id}`, apply, check: (_, p) => assert.ok(p.vendors.find((v) => v.id === id)![key].includes(value)) };
}

function stepToPurpose(id: string, category: string): Step {
  return { name: `add ${category} to purpose ${id}`, apply: (t) => edit.addCategoryToPurpose(t, id, category), check: (_, p) => assert.ok(p.purposes.find((x) => x.id === id)!.categories.includes(category)) };
}

describe('manifest-edit', () => {
  it('keeps every original line outside the edit, and the result validates (400 generated manifests, two edits each)', () => {
    const styles = { crlf: 0, flowMapItem: 0, blockList: 0, quoted: 0, comments: 0 };
    for (let seed = 1; seed <= 400; seed++) {
      let m = generateManifest(seed);
      countStyles(m.text, styles);
      assert.ok(parseManifest(m.text).ok, `generated manifest ${seed} is valid:\n${m.text}`);
      const rand = random(seed * 7919);
      for (let round = 0; round < 2; round++) {
        const step = randomStep(m, rand);
        if (!step) break;
        const r = step.apply(m.text);
        assert.ok(r.ok && r.edit, `seed ${seed}, ${step.name}: ${r.ok ? 'no edit' : r.error}`);
        assertLinesKept(m.text, r.text, r.edit);
        const parsed = parsedOk(r.text);
        step.check(m, parsed);
        m = modelOf(r.text, parsed);
      }
    }
    for (const [style, count] of Object.entries(styles)) assert.ok(count > 40, `the generator covers ${style} (${count})`);
  });

  it('does nothing when the entry is already there, and says why when it cannot edit', () => {
    const text = 'version: 1\ncategories: [user.name]\nvendors:\n  - id: stripe\n    categories: [user.name]\n';
    assert.deepEqual(edit.addCategory(text, 'user.name'), { ok: true, edit: null, text });
    assert.deepEqual(edit.addCategoryToVendor(text, 'stripe', 'user.name'), { ok: true, edit: null, text });
    assert.deepEqual(edit.addCategoryToVendor(text, 'segment', 'user.name'), { ok: false, error: 'no vendor "segment" in vendors' });
    assert.equal(edit.addCategory('version: [1\n', 'user.name').ok, false);
    assert.equal(edit.addCategory('- a\n- b\n', 'user.name').ok, false);
  });

  it('adds a missing top-level key after the rest, and fills an empty `key:` in place', () => {
    const r = edit.addVendor('version: 1 # keep\ncategories: [user.name]\n', { id: 'stripe', categories: ['user.name'] }, 'seen at src/pay.ts:3');
    assert.ok(r.ok);
    assert.equal(r.text, 'version: 1 # keep\ncategories: [user.name]\n\nvendors:\n  # seen at src/pay.ts:3\n  - id: stripe\n    purposes: []\n    categories: [user.name]\n');
    const filled = edit.addCategory('version: 1\ncategories:\n# none yet\n', 'user.name');
    assert.ok(filled.ok && parsedOk(filled.text).categories[0].id === 'user.name');
  });

  it('diffEdit gives one edit from the old text to the new, for a quick fix made of several steps', () => {
    const text = 'version: 1\ncategories: [user.name]\nvendors: []\n';
    const r = edit.applyEdits(text, [(t) => edit.addCategory(t, 'user.contact.email'), (t) => edit.addVendor(t, { id: 'stripe', categories: ['user.contact.email'] })]);
    assert.ok(r.ok && r.edit);
    assert.equal(edit.applyEdit(text, r.edit), r.text);
    assert.ok(parsedOk(r.text).vendors[0].categories.includes('user.contact.email'));
  });
});

describe('init drafting', () => {
  it('takes purposes from feature folders and annotations, not from layer folders', () => {
    assert.deepEqual(folderPurpose('server/src/billing/customers.ts'), { id: 'billing', path: 'server/src/billing/**' });
    assert.deepEqual(folderPurpose('src/Dedicated IPs/arin.ts'), { id: 'dedicated-ips', path: 'src/Dedicated IPs/**' });
    assert.equal(folderPurpose('web/src/pages/Signup.tsx'), undefined);
    assert.equal(folderPurpose('src/index.ts'), undefined);
    const facts: FileFacts[] = [{ file: 'src/index.ts', flows: [], annotations: [{ kind: 'purpose', purpose: 'fraud', rules: [], line: 2, column: 1, endLine: 2, endColumn: 30 }],
      occurrences: [{ category: 'user.device.ip_address', note: 'ip', purposeAnnotation: 'fraud', line: 3, column: 1, endLine: 3, endColumn: 3 }] }];
    const draft = draftFromCode(inventoryFromFacts(facts));
    assert.match(draft, /# from a privacy-lens purpose= annotation, seen at src\/index\.ts:2\n {2}- id: fraud\n {4}categories: \[user\.device\.ip_address\]/);
    assert.ok(parseManifest(draft).ok);
  });
});

describe('init drafting of first-party hosts', () => {
  it('knows a project by the scope of its packages, a one-word package name and its folder, never by a layer', () => {
    assert.deepEqual(projectNames(['@acme/web', '@acme/api', 'web', 'mailroom-example', 'ui'], 'acmecorp'), ['acme', 'acmecorp']);
    assert.deepEqual(projectNames(['rallly', '@types/node'], 'app'), ['rallly']);
    assert.deepEqual(projectNames([], 'my-repo'), []);
    assert.equal(ownNameOf('checker.acme.dev', ['acme']), 'acme');
    assert.equal(ownNameOf('acme-checker.fly.dev', ['acme']), 'acme');
    assert.equal(ownNameOf('api.acmeanalytics.com', ['acme']), undefined, 'a word of the host, not a part of one');
  });

  it('drafts hosts named like the project as first party, each for review, and leaves the others in the comment', () => {
    const flow = (host: string, line: number) => ({ kind: 'http' as const, host, hostStatus: 'known' as const, categories: ['user.contact.email'], callee: 'fetch', line, column: 1, endLine: line, endColumn: 9, trace: [] });
    const facts = [{ file: 'src/sync.ts', flows: [flow('licensing.acme.io', 3), flow('api.partner.example', 7), flow('localhost', 9)], annotations: [], occurrences: [] }] as unknown as FileFacts[];
    const draft = draftFromCode(inventoryFromFacts(facts, ['acme']));
    const parsed = parseManifest(draft);
    assert.ok(parsed.ok, JSON.stringify(parsed.errors));
    assert.deepEqual(parsed.manifest.firstPartyHosts, ['licensing.acme.io']);
    assert.match(draft, /# named like the project \(acme\): your own service\? seen at src\/sync\.ts:3\n {4}- licensing\.acme\.io/);
    assert.match(draft, /^# {3}api\.partner\.example \(seen at src\/sync\.ts:7\)$/m);
    assert.doesNotMatch(draft, /^# {3}licensing/m);
    assert.doesNotMatch(draft, /localhost/, 'this machine is first party, never listed');
  });
});

describe('CLI init', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-lens-init-'));
    cpSync(join(projectRoot, 'examples/mailroom'), dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('drafts a valid manifest from the code, each entry saying where it was seen', () => {
    unlinkSync(join(dir, 'data-inventory.yaml'));
    const r = run(['init', dir]);
    assert.equal(r.code, 0, r.stderr);
    const parsed = parseManifest(r.stdout);
    assert.ok(parsed.ok, JSON.stringify(parsed.errors));
    assert.deepEqual(parsed.manifest.vendors.map((v) => v.id), ['arin', 'customerio', 'drift', 'intercom', 'mixpanel', 'segment', 'stripe', 'zendesk']);
    assert.deepEqual(parsed.manifest.purposes.find((p) => p.id === 'billing')?.paths, ['server/src/billing/**', 'web/src/billing/**']);
    assert.match(r.stdout, /# seen at web\/src\/pages\/SignupPage\.tsx:22\n {2}- id: intercom\n {4}purposes: \[\]\n {4}categories: \[user\.contact\.email\]/);
    assert.match(r.stdout, /^# {3}api\.mailroom\.example \(seen at web\/src\/billing\/BillingForm\.tsx:\d+\)$/m);
    assert.equal(parsed.manifest.firstPartyHosts.length, 0, 'first-party hosts are never added on their own');
  });

  it('on an existing manifest adds only what is new, keeping every comment and line byte for byte', () => {
    const before = readFileSync(join(dir, 'data-inventory.yaml'), 'utf8');
    const out = join(dir, 'extended.yaml');
    const r = run(['init', dir, '--output', out]);
    assert.equal(r.code, 0, r.stderr);
    const after = readFileSync(out, 'utf8');
    const added = '\n  # seen at web/src/pages/SignupPage.tsx:22\n  - id: intercom\n    purposes: []\n    categories: [user.contact.email]';
    const arin = before.indexOf('# dedicated IP re-assignment');
    const lastVendorEnd = before.indexOf('\n', before.indexOf('    transfer:', arin));
    assert.equal(after, before.slice(0, lastVendorEnd) + added + before.slice(lastVendorEnd));
    assert.ok(parseManifest(after).ok);
  });

  it('refuses an invalid manifest with exit code 2', () => {
    writeFileSync(join(dir, 'data-inventory.yaml'), 'version: 2\n');
    const r = run(['init', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /data-inventory\.yaml is invalid \(1:10 version must be 1\)/);
  });
});
