import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatSarif, SARIF_RELATED_LIMIT } from '../../src/cli/format-sarif';
import { formatText } from '../../src/cli/format-text';
import { createBaseline, fingerprintFindings, formatMarkdown, matchBaseline, scanWorkspace, Workspace, type Finding, type ScanResult } from '../../src/engine';
import { openDocumentFindings } from '../../src/extension/open-findings';
import { git, writeFiles } from './git-repo';
import { validateSarif } from './sarif-schema';

/**
 * A workspace scan reports an undeclared category once, at its first place (file, line, column),
 * with the count and the other places as related locations; the editor's check of one document
 * keeps one finding per file and category. These tests pin that down through every consumer.
 */
const projectRoot = join(__dirname, '../../..');
const cli = join(projectRoot, 'dist/cli.js');

const MANIFEST = 'version: 1\nsystem: Aggregation fixture\ncategories:\n  - user.name\n';
const EMAIL = (fn: string) => `export function ${fn}(req: any) {\n  const { email } = req.body;\n  return email;\n}\n`;
const FILES: Record<string, string> = {
  'data-inventory.yaml': MANIFEST,
  'src/a.ts': [
    'export function a(req: any) {',
    '  const { email } = req.body;',
    '  // privacy-lens-ignore-next-line undeclared-category -- a reviewed exception',
    '  const other = req.body.email;',
    '  const again = req.body.email; const more = req.body.email;',
    '  return [email, other, again, more];',
    '}',
    '',
  ].join('\n'),
  'src/b/one.ts': 'export function one(req: any) {\n  const { email } = req.body;\n  const { phone } = req.body;\n  return [email, phone];\n}\n',
  'src/c.ts': EMAIL('c'),
};

function workspaceWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'privacy-lens-aggregate-'));
  writeFiles(dir, files);
  return dir;
}

function scan(root: string): Promise<ScanResult> {
  return scanWorkspace({ root, workers: 0, cacheDir: null });
}

const undeclared = (r: { findings: Finding[] }) => r.findings.filter((f) => f.rule === 'undeclared-category');
const where = (p: { file: string; line: number }) => `${p.file}:${p.line}`;

function run(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let root: string;
let result: ScanResult;
before(async () => {
  root = workspaceWith(FILES);
  result = await scan(root);
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('undeclared-category in a workspace scan', () => {
  it('reports each category once, at its first place, with the count and the other places in order', () => {
    const [email, phone] = undeclared(result);
    assert.equal(undeclared(result).length, 2);
    assert.equal(where(email), 'src/a.ts:2');
    assert.deepEqual(email.categories, ['user.contact.email']);
    // One place per line (line 5 has two reads), and the suppressed line 4 is no place.
    assert.deepEqual(email.related?.map(where), ['src/a.ts:5', 'src/b/one.ts:2', 'src/c.ts:2']);
    assert.deepEqual(email.related?.[0], { file: 'src/a.ts', line: 5, column: 17, endLine: 5, endColumn: 31, message: 'email read from the request body (user.contact.email)' });
    assert.equal(email.message, 'user.contact.email is processed here (email read from the request body (user.contact.email)) and in 3 other places in 3 files, but is not declared under categories');
    assert.equal(where(phone), 'src/b/one.ts:3');
    assert.equal(phone.related, undefined);
    assert.match(phone.message, /^user\.contact\.phone_number is processed here \(.*\) but is not declared under categories$/);
  });

  it('says "in this file" when every other place is in the first place\'s file', async () => {
    const dir = workspaceWith({ 'data-inventory.yaml': MANIFEST, 'src/x.ts': 'export function x(req: any) {\n  const { email } = req.body;\n  return req.body.email;\n}\n' });
    try {
      assert.match(undeclared(await scan(dir))[0].message, / and in 1 other place in this file, /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps every place in the inventory, the suppressed one too', () => {
    assert.deepEqual(result.inventory.categories['user.contact.email'].map(where), ['src/a.ts:2', 'src/a.ts:4', 'src/a.ts:5', 'src/b/one.ts:2', 'src/c.ts:2']);
  });

  it('the editor checks an open document alone: one finding per file and category, without related places', async () => {
    const session = new Workspace({ root, workers: 0, cacheDir: null });
    await session.scan();
    const own = session.checkDocument('src/b/one.ts', FILES['src/b/one.ts']).filter((f) => f.rule === 'undeclared-category');
    assert.deepEqual(own.map((f) => `${where(f)} ${f.categories}`), ['src/b/one.ts:2 user.contact.email', 'src/b/one.ts:3 user.contact.phone_number']);
    assert.ok(own.every((f) => f.related === undefined && !/other place/.test(f.message)));
    const a = session.checkDocument('src/a.ts', FILES['src/a.ts']).filter((f) => f.rule === 'undeclared-category');
    assert.deepEqual(a.map(where), ['src/a.ts:2']);
    // The session's workspace findings are still aggregated.
    assert.equal(undeclared({ findings: session.findings() }).length, 2);
  });

  it('an open document keeps its own finding after a workspace scan reports the category elsewhere', () => {
    const [email, phone] = undeclared(result);
    const ownEmail: Finding = { ...email, file: 'src/c.ts', line: 2, related: undefined };
    assert.deepEqual(openDocumentFindings([], [ownEmail]), [ownEmail]);
    assert.deepEqual(openDocumentFindings([email], [{ ...ownEmail, file: 'src/a.ts' }]), [email], 'the scan reports it in this file: its aggregate is shown');
    assert.deepEqual(openDocumentFindings([phone], [ownEmail, { ...phone, rule: 'pii-in-logs' }]), [phone, ownEmail], 'other rules come from the scan');
  });
});

describe('undeclared-category fingerprints and baselines', () => {
  const read = (dir: string) => (file: string) => readFileSync(join(dir, file), 'utf8');
  const emailFingerprint = (r: ScanResult, dir: string) => fingerprintFindings(r.findings, read(dir))[r.findings.findIndex((f) => f.rule === 'undeclared-category' && f.categories?.[0] === 'user.contact.email')];

  it('keeps its fingerprint when a place is added before or after the first, or the first moves', async () => {
    const before = emailFingerprint(result, root);
    for (const [name, text] of [['src/0-first.ts', EMAIL('first')], ['src/z-last.ts', EMAIL('last')], ['src/a.ts', `// moved down\n\n${FILES['src/a.ts']}`]]) {
      const dir = workspaceWith({ ...FILES, [name]: text });
      try {
        const after = await scan(dir);
        assert.equal(emailFingerprint(after, dir), before, name);
        const baseline = createBaseline(result.findings, fingerprintFindings(result.findings, read(root)));
        const match = matchBaseline(after.findings, fingerprintFindings(after.findings, read(dir)), baseline);
        assert.ok(!match.fresh.some((f) => f.rule === 'undeclared-category'), `${name}: still baselined`);
        assert.deepEqual(match.fixed, []);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const other = undeclared(result).find((f) => f.categories?.[0] === 'user.contact.phone_number')!;
    assert.notEqual(fingerprintFindings([other], read(root))[0], before, 'another category, another fingerprint');
  });

  it('a baselined category is a hint in the editor too, in every open file', async () => {
    const dir = workspaceWith(FILES);
    try {
      const scanned = await scan(dir);
      writeFileSync(join(dir, 'baseline.json'), JSON.stringify(createBaseline(scanned.findings, fingerprintFindings(scanned.findings, read(dir)))));
      const session = new Workspace({ root: dir, workers: 0, cacheDir: null, baseline: 'baseline.json' });
      await session.scan();
      const own = session.checkDocument('src/c.ts', FILES['src/c.ts']).filter((f) => f.rule === 'undeclared-category');
      assert.deepEqual(own.map((f) => `${where(f)} ${f.baselined}`), ['src/c.ts:2 true']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('baselines recorded when an undeclared category was one finding per file', function () {
  this.timeout(120_000);
  /** The fingerprint the per-file finding had: rule, file, sink text, no recipient, the category; ordinal 1. */
  const old = (file: string, sink: string, category: string) => `${createHash('sha256').update(['undeclared-category', file, sink, '', category].join('\u0000')).digest('hex').slice(0, 32)}:1`;
  const entry = (file: string, sink: string, category: string) => ({ fingerprint: old(file, sink, category), rule: 'undeclared-category', file, message: '…', categories: [category], reason: `accepted ${file}` });
  const LEGACY = [
    entry('src/a.ts', 'email', 'user.contact.email'),
    entry('src/b/one.ts', 'email', 'user.contact.email'),
    entry('src/c.ts', 'email', 'user.contact.email'),
    entry('src/b/one.ts', 'phone', 'user.contact.phone_number'),
  ];

  it('still accept the category when every file was accepted, in scan, in the editor and when re-recorded', async () => {
    const dir = workspaceWith({ ...FILES, 'baseline.json': JSON.stringify({ version: 1, findings: LEGACY }) });
    try {
      const out = JSON.parse(run(['scan', '--no-cache', '-f', 'json', '--baseline', 'baseline.json'], dir).stdout);
      assert.deepEqual(undeclared(out), []);
      assert.deepEqual(out.baseline, { baselined: 2, fixed: 0 });
      const session = new Workspace({ root: dir, workers: 0, cacheDir: null, baseline: 'baseline.json' });
      await session.scan();
      assert.deepEqual(session.checkDocument('src/c.ts', FILES['src/c.ts']).filter((f) => f.rule === 'undeclared-category').map((f) => f.baselined), [true]);
      assert.ok(undeclared({ findings: session.findings() }).every((f) => f.baselined));
      assert.equal(run(['baseline', '--no-cache', '--output', 'baseline.json'], dir).code, 0);
      const recorded = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')).findings.filter((e: { rule: string }) => e.rule === 'undeclared-category');
      assert.deepEqual(recorded.map((e: { file: string; reason: string }) => `${e.file} ${e.reason}`), ['src/a.ts accepted src/a.ts', 'src/b/one.ts accepted src/b/one.ts']);
      assert.ok(recorded.every((e: { fingerprint: string }) => !LEGACY.some((l) => l.fingerprint === e.fingerprint)), 'recorded with today\'s fingerprints');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('report the category when a file of it was not accepted, without calling the other entries fixed', () => {
    const dir = workspaceWith({ ...FILES, 'baseline.json': JSON.stringify({ version: 1, findings: LEGACY.filter((e) => e.file !== 'src/c.ts') }) });
    try {
      const out = JSON.parse(run(['scan', '--no-cache', '-f', 'json', '--baseline', 'baseline.json'], dir).stdout);
      assert.deepEqual(undeclared(out).map((f: Finding) => `${where(f)} ${f.categories}`), ['src/a.ts:2 user.contact.email']);
      assert.deepEqual(out.baseline, { baselined: 1, fixed: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('undeclared-category in the reports', () => {
  const many: Finding = {
    rule: 'undeclared-category',
    severity: 'error',
    file: 'src/a.ts',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 6,
    message: 'user.contact.email is processed here (body[email]) and in 1,005 other places in 1,005 files, but is not declared under categories',
    categories: ['user.contact.email'],
    related: Array.from({ length: 1005 }, (_, i) => ({ file: `src/f${String(i).padStart(4, '0')}.ts`, line: 2, column: 3, endLine: 2, endColumn: 8, message: 'email' })),
  };
  const one = (findings: Finding[]): ScanResult => ({ version: 1, manifest: 'data-inventory.yaml', filesScanned: 3, findings, inventory: { categories: {}, vendors: {} }, skipped: [] });

  it('SARIF: relatedLocations with ids, physical locations and messages, linked from the message; valid SARIF 2.1.0', () => {
    const log = JSON.parse(formatSarif(result, { fingerprints: fingerprintFindings(result.findings, () => undefined) }));
    assert.deepEqual(validateSarif(log), []);
    const email = log.runs[0].results.find((r: { ruleId: string; relatedLocations?: unknown[] }) => r.ruleId === 'undeclared-category' && r.relatedLocations);
    assert.deepEqual(
      email.relatedLocations.map((l: { id: number; physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }; message: { text: string } }) => `${l.id} ${l.physicalLocation.artifactLocation.uri}:${l.physicalLocation.region.startLine} ${l.message.text}`),
      ['1 src/a.ts:5 email read from the request body (user.contact.email)', '2 src/b/one.ts:2 email read from the request body (user.contact.email)', '3 src/c.ts:2 email read from the request body (user.contact.email)'],
    );
    assert.match(email.message.text, /and in 3 other places in 3 files, but is not declared under categories\. Other places: \[src\/a\.ts:5\]\(1\), \[src\/b\/one\.ts:2\]\(2\), \[src\/c\.ts:2\]\(3\)\.$/);
    const phone = log.runs[0].results.find((r: { ruleId: string; relatedLocations?: unknown[] }) => r.ruleId === 'undeclared-category' && !r.relatedLocations);
    assert.doesNotMatch(phone.message.text, /Other places/);
  });

  it('SARIF: escapes the message\'s own brackets, links the first five and keeps at most 999 related locations', () => {
    const log = JSON.parse(formatSarif(one([many]), { fingerprints: ['x:1'] }));
    assert.deepEqual(validateSarif(log), []);
    const r = log.runs[0].results[0];
    assert.equal(r.relatedLocations.length, SARIF_RELATED_LIMIT);
    assert.deepEqual(r.relatedLocations.map((l: { id: number }) => l.id).slice(-2), [998, 999]);
    assert.match(r.message.text, /^user\.contact\.email is processed here \(body\\\[email\\\]\) and in 1,005 other places/);
    assert.match(r.message.text, /\[src\/f0004\.ts:2\]\(5\), and 1000 more \(the first 999 are listed\)\.$/);
  });

  it('text: one line for the finding, the first three other places, and a count of the rest', () => {
    const text = formatText(one([many]), false);
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('undeclared-category'));
    assert.deepEqual(lines.slice(at + 1, at + 5), [
      '      also src/f0000.ts:2:3  email',
      '      also src/f0001.ts:2:3  email',
      '      also src/f0002.ts:2:3  email',
      '      ... 1,002 more (--format json or sarif lists every place)',
    ]);
    assert.match(text, /^1 finding \(1 error, 0 warnings, 0 info\)/m);
    const small = formatText(result, false);
    assert.match(small, /^ {6}also 5:17 {2}email read from the request body \(user\.contact\.email\)$/m, 'a place in the same file is shown by line and column');
    assert.doesNotMatch(small, /more \(--format json/);
  });

  it('markdown: the row links the first three other places and counts the rest', () => {
    const summary = { newFindings: [many, ...undeclared(result)], fixed: [], flows: [], inventory: [], manifestEdits: [], filesScanned: 3 };
    const md = formatMarkdown(summary);
    assert.match(md, /but is not declared under categories<br>also `src\/f0000\.ts:2`, `src\/f0001\.ts:2`, `src\/f0002\.ts:2` and 1002 more \| `src\/a\.ts:1` \|/);
    assert.match(md, /<br>also `src\/a\.ts:5`, `src\/b\/one\.ts:2`, `src\/c\.ts:2` \| `src\/a\.ts:2` \|/);
  });
});

describe('undeclared-category through the CLI', function () {
  this.timeout(120_000);

  it('JSON: the finding has its other places under "related"', () => {
    const out = JSON.parse(run(['scan', '--no-cache', '-f', 'json'], root).stdout);
    const email = out.findings.find((f: Finding) => f.rule === 'undeclared-category' && f.related);
    assert.deepEqual(email.related.map(where), ['src/a.ts:5', 'src/b/one.ts:2', 'src/c.ts:2']);
    assert.match(email.fingerprint, /^[0-9a-f]{32}:1$/);
  });

  it('scan PATHS... reports an undeclared category when any of its places is in the paths, narrowed to those places', () => {
    const narrowed = (paths: string[]) => undeclared(JSON.parse(run(['scan', ...paths, '--no-cache', '-f', 'json'], root).stdout)).map((f: Finding) => `${where(f)} ${f.categories} [${(f.related ?? []).map(where)}] ${f.message.replace(/.*\) /, '')}`);
    assert.deepEqual(narrowed(['src/c.ts']), ['src/c.ts:2 user.contact.email [] but is not declared under categories']);
    assert.deepEqual(narrowed(['src/b', 'src/c.ts']), [
      'src/b/one.ts:2 user.contact.email [src/c.ts:2] and in 1 other place in 1 file, but is not declared under categories',
      'src/b/one.ts:3 user.contact.phone_number [] but is not declared under categories',
    ]);
    assert.deepEqual(narrowed(['src/a.ts', 'src/b', 'src/c.ts']), [
      'src/a.ts:2 user.contact.email [src/a.ts:5,src/b/one.ts:2,src/c.ts:2] and in 3 other places in 3 files, but is not declared under categories',
      'src/b/one.ts:3 user.contact.phone_number [] but is not declared under categories',
    ]);
  });

  it('merging shards re-aggregates: the merged report equals the unsharded scan, in JSON and SARIF', () => {
    const files: Record<string, string> = { 'data-inventory.yaml': MANIFEST };
    for (let i = 0; i < 9; i++) files[`src/m${i}.ts`] = EMAIL(`m${i}`);
    const dir = workspaceWith(files);
    try {
      const shards = [1, 2, 3].map((i) => join(dir, `shard-${i}.json`));
      shards.forEach((file, i) => assert.equal(run(['scan', '--shard', `${i + 1}/3`, '-f', 'json', '-o', file, '--no-cache'], dir).code, 1));
      const perShard = shards.map((f) => JSON.parse(readFileSync(f, 'utf8')).shard.facts.length);
      assert.ok(perShard.filter((n) => n > 0).length > 1, `files spread over the shards: ${perShard}`);
      for (const format of ['json', 'sarif']) {
        const whole = run(['scan', '-f', format, '--no-cache'], dir);
        const merged = run(['merge', ...shards, '-f', format], dir);
        assert.equal(merged.stdout, whole.stdout, format);
      }
      const merged = JSON.parse(run(['merge', ...shards, '-f', 'json'], dir).stdout);
      assert.deepEqual(undeclared(merged).map((f: Finding) => `${where(f)} ${f.related?.length}`), ['src/m0.ts:2 8']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--max-warnings counts findings, not places', () => {
    const dir = workspaceWith({ ...FILES, 'data-inventory.yaml': `${MANIFEST}rules:\n  undeclared-category: warning\n` });
    try {
      assert.equal(run(['scan', '--no-cache', '--fail-on', 'none', '--max-warnings', '2'], dir).code, 0);
      assert.equal(run(['scan', '--no-cache', '--fail-on', 'none', '--max-warnings', '1'], dir).code, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fix declares the category once, which fixes every place', () => {
    const dir = workspaceWith(FILES);
    try {
      assert.equal(run(['fix'], dir).code, 0);
      const manifest = readFileSync(join(dir, 'data-inventory.yaml'), 'utf8');
      assert.match(manifest, /user\.contact\.email/);
      assert.match(manifest, /user\.contact\.phone_number/);
      const after = JSON.parse(run(['scan', '--no-cache', '-f', 'json'], dir).stdout);
      assert.deepEqual(undeclared(after), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--changed-since reports the places a change adds to a category already undeclared, and a newly undeclared category whole', () => {
    const dir = workspaceWith(FILES);
    try {
      git(dir, 'init', '-q', '-b', 'main');
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '-m', 'base');
      git(dir, 'checkout', '-q', '-b', 'feature');
      // Moved down and re-indented only: no new place.
      writeFiles(dir, { 'src/c.ts': `// moved\n\n${EMAIL('c').replace('  const', '    const')}` });
      git(dir, 'commit', '-q', '-am', 'move');
      assert.deepEqual(undeclared(JSON.parse(run(['scan', '--changed-since', 'main', '-f', 'json', '--no-cache'], dir).stdout)), []);
      writeFiles(dir, { 'src/d.ts': EMAIL('d'), 'src/e.ts': 'export function e(req: any) {\n  const { ssn, email } = req.body;\n  return [ssn, email, req.body.email];\n}\n' });
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '-m', 'new places');
      const out = JSON.parse(run(['scan', '--changed-since', 'main', '-f', 'json', '--no-cache'], dir).stdout);
      const [email, ...rest] = undeclared(out);
      assert.equal(where(email), 'src/d.ts:2');
      assert.deepEqual(email.related?.map(where), ['src/e.ts:2', 'src/e.ts:3']);
      assert.equal(email.message, 'user.contact.email is processed here (email read from the request body (user.contact.email)) and in 2 other new places in 1 file, but is not declared under categories (already undeclared before this change, at 4 places)');
      assert.deepEqual(rest.map((f: Finding) => `${where(f)} ${f.categories} ${f.related?.length}`), ['src/e.ts:2 user.government_id.national_identification_number undefined']);
      const base = JSON.parse(run(['scan', '-f', 'json', '--no-cache'], dir).stdout);
      const fingerprintOf = (f: Finding | undefined) => (f as (Finding & { fingerprint?: string }) | undefined)?.fingerprint;
      assert.ok(fingerprintOf(email));
      assert.equal(fingerprintOf(email), fingerprintOf(undeclared(base).find((f: Finding) => f.categories?.[0] === 'user.contact.email')), 'the narrowed finding keeps the category\'s fingerprint');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
