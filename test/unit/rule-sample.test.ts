import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseManifest } from '../../src/engine';

const root = join(__dirname, '../../..');
const script = join(root, 'scripts/sample-findings.mjs');

/** Runs `body` as an ES module with the functions of scripts/sample-findings.mjs as `m`; returns what it prints as JSON. */
function withSampler<T>(body: string): T {
  const code = `import * as m from ${JSON.stringify(`file://${script}`)};\n${body}`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as T;
}

interface Finding { app: string; rule: string; file: string; line: number; column: number; message: string; key?: string }

const findings: Finding[] = [];
for (const app of ['alpha', 'beta']) {
  for (let i = 1; i <= 20; i++) {
    findings.push({ app, rule: 'pii-in-logs', file: `src/f${i % 4}.ts`, line: i, column: 3, message: `user.contact.email (n${i}) is written to a log` });
    if (i <= 4) findings.push({ app, rule: 'unknown-recipient', file: 'src/h.ts', line: i, column: 1, message: `user.name is sent to h${i}.example` });
  }
}

describe('the reviewed random sample of every rule (scripts/sample-findings.mjs)', function () {
  this.timeout(60_000);

  it('draws the same sample for a seed, whatever the order of the findings, at most N per rule', () => {
    const out = withSampler<{ a: string[]; b: string[]; other: string[]; rules: Record<string, number> }>(`
      const findings = m.withKeys(${JSON.stringify(findings)});
      const keys = (s) => s.map((f) => f.key);
      const a = m.drawSample(findings, { seed: 7, perRule: 15 });
      const b = m.drawSample([...findings].reverse(), { seed: 7, perRule: 15 });
      const other = m.drawSample(findings, { seed: 8, perRule: 15 });
      const rules = {};
      for (const f of a) rules[f.rule] = (rules[f.rule] ?? 0) + 1;
      console.log(JSON.stringify({ a: keys(a), b: keys(b), other: keys(other), rules }));`);
    assert.deepEqual(out.a, out.b);
    assert.notDeepEqual(out.a, out.other);
    assert.deepEqual(out.rules, { 'pii-in-logs': 15, 'unknown-recipient': 8 });
    assert.equal(new Set(out.a).size, out.a.length);
  });

  it('keeps a sample when the findings change elsewhere: a new finding replaces at most one sampled finding', () => {
    const out = withSampler<{ before: string[]; after: string[]; shifted: string[] }>(`
      const base = ${JSON.stringify(findings)};
      const keys = (s) => s.map((f) => f.key);
      const before = m.drawSample(m.withKeys(base), { seed: 7, perRule: 15 });
      const after = m.drawSample(m.withKeys([...base, { app: 'gamma', rule: 'pii-in-logs', file: 'src/new.ts', line: 1, column: 1, message: 'user.name is written to a log' }]), { seed: 7, perRule: 15 });
      const shifted = m.drawSample(m.withKeys(base.map((f) => ({ ...f, line: f.line + 3 }))), { seed: 7, perRule: 15 });
      console.log(JSON.stringify({ before: keys(before), after: keys(after), shifted: keys(shifted) }));`);
    const kept = out.after.filter((k) => out.before.includes(k));
    assert.ok(kept.length >= out.before.length - 1, `only ${kept.length} of ${out.before.length} kept`);
    assert.deepEqual(out.shifted, out.before);
  });

  it('keys a finding by app, rule, file and message, so that a line shift keeps its verdict', () => {
    const out = withSampler<{ keys: string[]; score: { rules: Record<string, { judged: number; true: number; false: number; gone: number; notJudged: number; precision: number }> } }>(`
      const base = [
        { app: 'a', rule: 'pii-in-logs', file: 'x.ts', line: 3, column: 1, message: 'email is logged' },
        { app: 'a', rule: 'pii-in-logs', file: 'x.ts', line: 9, column: 1, message: 'email is logged' },
        { app: 'a', rule: 'pii-in-logs', file: 'y.ts', line: 2, column: 1, message: 'name is logged' },
      ];
      const judged = m.withKeys(base);
      const review = { findings: [
        { ...judged[0], verdict: true },
        { ...judged[1], verdict: false },
        { ...judged[2], verdict: true },
        { app: 'a', rule: 'pii-in-logs', file: 'z.ts', line: 1, message: 'gone', key: 'a|pii-in-logs|z.ts|gone', verdict: true },
      ] };
      const shifted = m.withKeys([...base.map((f) => ({ ...f, line: f.line + 10 })), { app: 'a', rule: 'pii-in-logs', file: 'w.ts', line: 1, column: 1, message: 'new' }]);
      const score = m.scoreRuleReview(review, shifted, shifted);
      console.log(JSON.stringify({ keys: judged.map((f) => f.key), score }));`);
    assert.deepEqual(out.keys, ['a|pii-in-logs|x.ts|email is logged', 'a|pii-in-logs|x.ts|email is logged#2', 'a|pii-in-logs|y.ts|name is logged']);
    const logs = out.score.rules['pii-in-logs'];
    assert.deepEqual({ judged: logs.judged, true: logs.true, false: logs.false, gone: logs.gone, notJudged: logs.notJudged }, { judged: 3, true: 2, false: 1, gone: 1, notJudged: 1 });
    assert.equal(logs.precision, 2 / 3);
  });

  it('empties every vendor\'s categories and purposes and every purpose\'s categories of a draft, and the result is a valid manifest', () => {
    const draft = [
      '# Drafted', 'version: 1', 'categories:', '  - user.name', '  - user.contact.email',
      'purposes:', '  - id: billing', '    categories: [user.name]', '    paths: [src/billing/**]',
      'vendors:', '  # seen at src/a.ts:1', '  - id: stripe', '    purposes: [billing]', '    categories: [user.name, user.contact.email]', '',
    ].join('\n');
    const text = withSampler<string>(`console.log(JSON.stringify(m.emptiedManifest(${JSON.stringify(draft)})));`);
    const parsed = parseManifest(text);
    assert.ok(parsed.ok, JSON.stringify(parsed));
    const manifest = parsed.ok ? parsed.manifest : undefined;
    assert.deepEqual(manifest?.categories.map((c) => c.id), ['user.name', 'user.contact.email']);
    assert.deepEqual(manifest?.purposes.map((p) => [p.id, p.categories, p.paths]), [['billing', [], ['src/billing/**']]]);
    assert.deepEqual(manifest?.vendors.map((v) => [v.id, v.categories, v.purposes]), [['stripe', [], []]]);
    assert.match(text, /# seen at src\/a\.ts:1/);
  });

  it('keeps eval/real/rule-review.json judged: every entry has a verdict, a note and a unique key', () => {
    const review = JSON.parse(readFileSync(join(root, 'eval/real/rule-review.json'), 'utf8')) as { build: string; seed: number; perRule: number; manifests: Record<string, string>; findings: Array<Finding & { verdict: unknown; note: string }> };
    const rules = withSampler<string[]>('console.log(JSON.stringify(Object.keys(m.SAMPLED_RULES)));');
    assert.match(review.build, /^[0-9a-f]{7,40}$/);
    assert.ok(Number.isInteger(review.seed) && review.perRule > 0);
    assert.deepEqual(Object.keys(review.manifests).sort(), ['emptied', 'minimal']);
    assert.ok(review.findings.length > 0);
    for (const f of review.findings) {
      const where = `${f.app}/${f.file}:${f.line} ${f.rule}`;
      assert.equal(typeof f.verdict, 'boolean', `${where} has no verdict`);
      assert.ok(f.note.trim().length > 0, `${where} has no note`);
      assert.ok(rules.includes(f.rule), `${where}: not a sampled rule`);
      assert.ok(f.key?.startsWith(`${f.app}|${f.rule}|${f.file}|${f.message}`), `${where}: key does not match`);
    }
    assert.equal(new Set(review.findings.map((f) => f.key)).size, review.findings.length);
  });

  it('does not take rule-review.json for the labels of an app', () => {
    const apps = spawnSync(process.execPath, ['--input-type=module', '-e', `import { readRealLabels } from ${JSON.stringify(`file://${join(root, 'scripts/eval-real.mjs')}`)}; console.log(JSON.stringify(readRealLabels(${JSON.stringify(join(root, 'eval/real'))}).map((l) => l.app)));`], { encoding: 'utf8' });
    assert.equal(apps.status, 0, apps.stderr);
    const list = JSON.parse(apps.stdout) as string[];
    assert.ok(list.includes('rallly'));
    assert.ok(!list.includes('rule-review'));
  });
});
