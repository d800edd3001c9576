import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { VendorIndex } from '../../src/engine/core/catalog';
import { checkFacts } from '../../src/engine/pipeline/check';
import { draftFromPolicy } from '../../src/engine/draft/from-policy';
import { parseManifest } from '../../src/engine/manifest/load';
import { readPolicy, shortQuote } from '../../src/engine/policy';
import { compareWithPolicy, purposeMentioned, stemsOf } from '../../src/engine/policy/drift';
import { policyFileRange, type PolicySource } from '../../src/engine/policy/source';
import { readPolicyDocument } from '../../src/engine/policy/text';

const projectRoot = join(__dirname, '../../..');
const policies = join(projectRoot, 'test/fixtures/policies');
const shared = resolve(process.cwd(), '..', 'shared', 'policies');
const MAILGUN = join(shared, 'mailgun-privacy-policy-2018.md');
const MAILGUN_SHARING = ['aws', 'softlayer', 'rackspace', 'stripe', 'disqus', 'drift', 'mixpanel', 'vwo', 'kissmetrics', 'moz', 'segment', 'google-analytics', 'github', 'twitter', 'pendo', 'customerio', 'hubspot', 'zendesk', 'arin'];

function run(args: string[], cwd = projectRoot): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(projectRoot, 'dist/cli.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', PRIVACY_LENS_CACHE: join(tmpdir(), 'privacy-lens-policy-test-cache') } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function fixture(name: string): { text: string; expected: { vendors: string[]; categories: string[]; purposes: string[]; bases: string[]; lines?: Record<string, number>; categoryLines?: Record<string, number> } } {
  const text = readFileSync(join(policies, name), 'utf8');
  return { text, expected: JSON.parse(readFileSync(join(policies, name.replace(/\.\w+$/, '.expected.json')), 'utf8')) };
}

describe('reading a policy', () => {
  for (const name of ['quillnote-privacy.md', 'pedalway-privacy.html']) {
    it(`finds the vendors, categories, purposes and bases of ${name}, and nothing else`, () => {
      const { text, expected } = fixture(name);
      const r = readPolicy(text, { file: name });
      assert.deepEqual(r.vendors.map((v) => v.id), expected.vendors);
      assert.deepEqual(r.categories.map((c) => c.key), expected.categories);
      assert.deepEqual(r.purposes.map((p) => p.id), expected.purposes);
      assert.deepEqual(r.bases.map((b) => b.basis), expected.bases);
      for (const [id, line] of Object.entries(expected.lines ?? {})) assert.equal(r.vendors.find((v) => v.id === id)?.mentions[0].line, line, id);
      for (const [key, line] of Object.entries(expected.categoryLines ?? {})) assert.equal(r.categories.find((c) => c.key === key)?.mentions[0].line, line, key);
    });
  }

  it('keeps line numbers across hard breaks, strips Markdown and decodes HTML entities', () => {
    const md = readPolicyDocument('# T\n\nFirst line,  \nsecond **bold** [link](https://x.example) line. Next one\non line 4.\n');
    assert.deepEqual(md.sentences.map((s) => [s.line, s.text]), [[1, 'T'], [3, 'First line, second bold link line.'], [4, 'Next one on line 4.']]);
    const html = readPolicyDocument('<p>Caf&eacute; &amp; Co&#46;\n<b>uses</b> Stripe&reg;.</p><ul><li>one</li>\n<li>two</li></ul>', 'html');
    assert.deepEqual(html.blocks.map((b) => [b.kind, b.line, b.text]), [['paragraph', 1, 'Café & Co. uses Stripe®.'], ['item', 2, 'one'], ['item', 3, 'two']]);
  });

  it('does not take common words for vendors, nor the policy owner for a recipient', () => {
    const r = readPolicy('# Acme and Mailgun\n\nWe segment users, let plans drift, stripe the page, and we do not use Heap. Mailgun sends our email via Segment™.');
    assert.deepEqual(r.vendors.map((v) => v.id), ['segment']);
    assert.deepEqual(r.owners, ['mailgun']);
  });

  it('shortens a quote around the words it is about', () => {
    const s = 'This includes the information you provide us when registering to use the platform, like your name, company name, email address and credit card information.';
    assert.equal(shortQuote('short one'), 'short one');
    assert.ok(shortQuote(s, 100, 'credit card').includes('credit card'));
    assert.ok(shortQuote(s, 100, 'credit card').length <= 100);
  });
});

describe('the Mailgun policy (../shared)', () => {
  before(function () {
    if (!existsSync(MAILGUN)) {
      console.log('    ../shared is absent: skipping the Mailgun policy test');
      this.skip();
    }
  });

  it('names all 19 vendors of the sharing list and no other (recall 19/19, precision 1.0)', () => {
    const found = readPolicy(readFileSync(MAILGUN, 'utf8'), { file: MAILGUN }).vendors.map((v) => v.id);
    const truePositives = found.filter((id) => MAILGUN_SHARING.includes(id)).length;
    const recall = truePositives / MAILGUN_SHARING.length;
    const precision = found.length ? truePositives / found.length : 0;
    assert.deepEqual({ recall, precision, found: found.length }, { recall: 1, precision: 1, found: 19 });
  });

  it('finds the nine purposes, the bases contract and consent, and the personal data', () => {
    const r = readPolicy(readFileSync(MAILGUN, 'utf8'), { file: MAILGUN });
    assert.deepEqual(r.purposes.map((p) => p.id), ['account-access', 'realtime-logs', 'support', 'marketing', 'billing', 'fraud-prevention', 'service-providers', 'dedicated-ips', 'legal-compliance']);
    assert.deepEqual(r.purposes.map((p) => p.mention.line), [33, 34, 35, 36, 37, 38, 39, 40, 41]);
    assert.deepEqual(r.bases.map((b) => [b.basis, b.mention.line]), [['contract', 49], ['consent', 49]]);
    for (const key of ['user.name', 'user.contact.organization', 'user.contact.email', 'user.contact.address', 'user.financial.credit_card', 'user.authorization.credentials', 'user.account.domain']) {
      assert.ok(r.categories.some((c) => c.key === key), key);
    }
    assert.equal(r.vendors.find((v) => v.id === 'stripe')?.mentions[0].line, 57);
  });

  it('drafts a valid manifest with the policy line of every entry', () => {
    const draft = draftFromPolicy(readPolicy(readFileSync(MAILGUN, 'utf8')), { policyFile: 'docs/privacy.md' });
    const parsed = parseManifest(draft);
    assert.ok(parsed.ok, JSON.stringify(parsed.errors));
    assert.equal(parsed.manifest.vendors.length, 19);
    assert.match(draft, /# policy line 57: "We use a Stripe®, to process subscription payments[^"]*"\n {2}- id: stripe\n {4}purposes: \[billing\]\n {4}categories: \[user\.financial\.credit_card\]/);
    assert.match(draft, /# policy line 63: "[^"]*ARIN[^"]*"\n {2}- id: arin\n {4}purposes: \[dedicated-ips\]/);
  });

  it('names the Privacy Shield and Standard Contractual Clauses, and its retention; the draft sets them', () => {
    const reading = readPolicy(readFileSync(MAILGUN, 'utf8'), { file: MAILGUN });
    assert.deepEqual(reading.transfers.map((t) => [t.mechanism, t.mention.line]), [['scc', 86], ['adequacy', 84]]);
    assert.deepEqual([reading.retention?.retention, reading.retention?.mention.line], ['as long as is necessary to provide our services to you', 78]);
    const parsed = parseManifest(draftFromPolicy(reading));
    assert.ok(parsed.ok, JSON.stringify(parsed.errors));
    assert.ok(parsed.manifest.vendors.every((v) => v.transfer === 'scc'));
    assert.ok(parsed.manifest.purposes.every((p) => p.retention === 'as long as is necessary to provide our services to you'));
  });
});

describe('transfers and retention in a policy', () => {
  const POLICY = [
    '# Privacy notice of Example Ltd',
    '',
    '## Where we send your data',
    '',
    'We send your email address to Mailchimp to deliver our newsletter.',
    '',
    'Transfers outside the EEA rely on Binding Corporate Rules of our group.',
    '',
    '## How long we keep it',
    '',
    'We keep your personal data for three years after your last order.',
    '',
  ].join('\n');

  it('finds the safeguard and a duration, with their lines', () => {
    const reading = readPolicy(POLICY, { file: 'notice.md' });
    assert.deepEqual(reading.transfers.map((t) => [t.mechanism, t.mention.line, t.mention.text]), [['bcr', 7, 'Binding Corporate Rules']]);
    assert.deepEqual([reading.retention?.retention, reading.retention?.mention.line], ['P3Y', 11]);
  });

  it('drafts transfer on each vendor and retention on each purpose, each quoting its line', () => {
    const draft = draftFromPolicy(readPolicy(POLICY, { file: 'notice.md' }));
    const parsed = parseManifest(draft);
    assert.ok(parsed.ok, JSON.stringify(parsed.errors));
    assert.deepEqual(parsed.manifest.vendors.map((v) => [v.id, v.transfer]), [['mailchimp', 'bcr']]);
    assert.match(draft, /\n {4}transfer: bcr # policy line 7: "Transfers outside the EEA rely on Binding Corporate Rules of our group\."\n/);
    assert.match(draft, /^# Transfer safeguards the policy names: bcr \(line 7\)\./m);
  });

  it('finds nothing in a policy that says nothing of them', () => {
    const reading = readPolicy('# Notice\n\nWe use your email to send receipts.\n', { file: 'n.md' });
    assert.deepEqual([reading.transfers, reading.retention], [[], undefined]);
  });
});

describe('draft-from-policy', () => {
  for (const name of ['quillnote-privacy.md', 'pedalway-privacy.html']) {
    it(`drafts a manifest that validates from ${name}, every entry under its source comment`, () => {
      const draft = draftFromPolicy(readPolicy(fixture(name).text, { file: name }), { policyFile: name });
      const parsed = parseManifest(draft);
      assert.ok(parsed.ok, JSON.stringify(parsed.errors));
      const entries = draft.split('\n').filter((l) => /^ {2}- /.test(l)).length;
      assert.equal(draft.match(/^ {2}# policy line \d+: "/gm)?.length, entries);
      assert.equal(parsed.manifest.policy?.file, name);
    });
  }
});

describe('policy drift', () => {
  const manifestText = 'version: 1\npolicy:\n  file: docs/privacy.md\ncategories: [user.name]\npurposes:\n  - id: billing\n  - id: telemetry-upload\n    description: Upload crash dumps\nvendors:\n  - id: stripe\n  - id: posthog\n';
  const manifest = () => { const r = parseManifest(manifestText); assert.ok(r.ok); return r.manifest; };
  const source = (text?: string): PolicySource => ({ file: 'docs/privacy.md', text, error: text === undefined ? 'no such file' : undefined, range: policyFileRange(manifestText)! });

  it('reports vendors on one list only and purposes the policy never mentions, positioned in the manifest', () => {
    const drift = compareWithPolicy(manifest(), source('We bill you monthly.\nPayments go through Stripe and Mixpanel.'), new VendorIndex().all());
    assert.deepEqual(drift.map((d) => [d.kind, d.vendor ?? d.purpose, d.line, d.policyLine]), [
      ['vendorNotInPolicy', 'posthog', 11, undefined], ['vendorNotInManifest', 'mixpanel', 3, 2], ['purposeNotInPolicy', 'telemetry-upload', 7, undefined],
    ]);
  });

  it('is a policy-drift finding of the rule run, and an unreadable policy is one finding at policy.file', () => {
    const r = checkFacts([], manifest(), { vendors: new VendorIndex(), workspace: true, policy: source(undefined) });
    const drift = r.findings.filter((f) => f.rule === 'policy-drift');
    assert.deepEqual(drift.map((f) => [f.line, f.column, f.severity, f.message]), [[3, 9, 'warning', 'policy.file docs/privacy.md cannot be read (no such file), so the manifest cannot be compared with the policy']]);
  });

  it('counts a purpose as mentioned by a word of its id or two key words of its description', () => {
    const stems = stemsOf('We prevent fraud, show real-time logs and assign dedicated addresses.');
    assert.ok(purposeMentioned({ id: 'fraud-prevention' }, stems));
    assert.ok(purposeMentioned({ id: 'realtime-logs' }, stems));
    assert.ok(purposeMentioned({ id: 'ips', description: 'Assign dedicated addresses' }, stems));
    assert.ok(!purposeMentioned({ id: 'marketing', description: 'Newsletters about offers' }, stems));
  });
});

describe('CLI draft-from-policy and policy-drift in scan', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-lens-policy-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('draft-from-policy prints a valid manifest, or writes it with --output naming the policy relative to it', () => {
    const r = run(['draft-from-policy', 'test/fixtures/policies/pedalway-privacy.html']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(parseManifest(r.stdout).ok);
    assert.match(r.stdout, /# policy line 31: "[^"]*HubSpot[^"]*"\n {2}- id: hubspot/);
    const out = join(dir, 'data-inventory.yaml');
    assert.equal(run(['draft-from-policy', join(policies, 'quillnote-privacy.md'), '--output', out]).code, 0);
    const parsed = parseManifest(readFileSync(out, 'utf8'));
    assert.ok(parsed.ok && resolve(dir, parsed.manifest.policy!.file!) === join(policies, 'quillnote-privacy.md'));
    assert.equal(run(['draft-from-policy', join(dir, 'missing.md')]).code, 2);
  });

  it('scan reports policy drift on the manifest, and a missing policy.file at its node', () => {
    cpSync(join(projectRoot, 'examples/mailroom'), dir, { recursive: true });
    const manifestPath = join(dir, 'data-inventory.yaml');
    writeFileSync(manifestPath, readFileSync(manifestPath, 'utf8').replace('  updated: 2018-08-31', '  updated: 2018-08-31\n  file: docs/privacy.md'));
    const policy = 'We use your data for your account, real-time logs, support, marketing, billing, fraud prevention, our service providers and legal compliance.\n\nWe share data with Stripe, Segment, Mixpanel, Drift, Zendesk, Customer.io and Hotjar.\n';
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs', 'privacy.md'), policy);
    const drift = JSON.parse(run(['scan', dir, '--format', 'json', '--no-cache']).stdout).findings.filter((f: { rule: string }) => f.rule === 'policy-drift');
    assert.deepEqual(drift.map((f: { file: string; vendor?: string; purpose?: string }) => [f.file, f.vendor ?? f.purpose]), [['data-inventory.yaml', 'hotjar'], ['data-inventory.yaml', 'dedicated-ips'], ['data-inventory.yaml', 'arin']]);
    assert.match(drift[0].message, /names Hotjar \(policy line 3\)/);
    rmSync(join(dir, 'docs', 'privacy.md'));
    const missing = JSON.parse(run(['scan', dir, '--format', 'json', '--no-cache']).stdout).findings.filter((f: { rule: string }) => f.rule === 'policy-drift');
    const fileLine = readFileSync(manifestPath, 'utf8').split('\n').indexOf('  file: docs/privacy.md') + 1;
    assert.deepEqual(missing.map((f: { line: number; column: number }) => [f.line, f.column]), [[fileLine, 9]]);
  });
});
