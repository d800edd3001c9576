import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RULE_META } from '../../src/engine/rules';

const projectRoot = join(__dirname, '../../..');
const cli = join(projectRoot, 'dist/cli.js');
const example = join(projectRoot, 'examples/mailroom');
const fixtures = join(projectRoot, 'test/fixtures/cases');

/** Runs the bundled CLI (built by `npm run build` before the tests) with a throwaway cache. */
function run(args: string[], cwd = projectRoot): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, PRIVACY_LENS_CACHE: cache, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let cache: string;
before(() => {
  cache = mkdtempSync(join(tmpdir(), 'privacy-lens-cli-'));
});
after(() => rmSync(cache, { recursive: true, force: true }));

describe('CLI', () => {
  it('scan prints findings like a linter, with the data path and a summary, and exits 1 on errors', () => {
    const r = run(['scan', example]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^web\/src\/pages\/SignupPage\.tsx$/m);
    assert.match(r.stdout, /22:5 {2}error +user\.contact\.email is sent to Intercom, which is not in the sharing list {2}undeclared-vendor/);
    assert.match(r.stdout, /from 22:42 {2}email/);
    assert.match(r.stdout, /-> 22:5 {2}passed to Intercom\(\) here/);
    assert.match(r.stdout, /^8 findings \(3 errors, 4 warnings, 1 info\) in 20 files scanned; 1 could not be followed\.$/m);
  });

  it('--format json prints the contract object of docs/json-output.md', () => {
    const r = run(['scan', example, '--format', 'json']);
    const out = JSON.parse(r.stdout);
    assert.equal(out.version, 1);
    assert.equal(out.manifest, 'data-inventory.yaml');
    assert.equal(out.filesScanned, 20);
    const f = out.findings.find((x: { rule: string }) => x.rule === 'undeclared-vendor');
    assert.deepEqual(
      { file: f.file, line: f.line, column: f.column, vendor: f.vendor, categories: f.categories, severity: f.severity },
      { file: 'web/src/pages/SignupPage.tsx', line: 22, column: 5, vendor: 'intercom', categories: ['user.contact.email'], severity: 'error' },
    );
    assert.ok(f.endLine >= f.line && f.trace.length === 2 && f.trace[0].note.includes('email'));
    assert.ok(out.inventory.categories['user.contact.email'].length > 0);
    assert.ok(out.inventory.vendors.stripe.some((l: { categories: string[] }) => l.categories.length > 0));
  });

  it('--format sarif is SARIF 2.1.0 with rule metadata and code flows', () => {
    const r = run(['scan', example, '--format', 'sarif']);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    const run0 = log.runs[0];
    assert.equal(run0.tool.driver.name, 'Privacy Lens');
    assert.deepEqual(run0.tool.driver.rules.map((x: { id: string }) => x.id), RULE_META.map((m) => m.id));
    const result = run0.results.find((x: { ruleId: string }) => x.ruleId === 'undeclared-sharing');
    assert.equal(run0.tool.driver.rules[result.ruleIndex].id, 'undeclared-sharing');
    assert.equal(result.level, 'error');
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'web/src/analytics/identify.ts');
    assert.equal(result.codeFlows[0].threadFlows[0].locations.length, 2);
    assert.equal(run0.results.find((x: { ruleId: string }) => x.ruleId === 'unresolved-flow').level, 'note');
  });

  it('--fail-on sets the exit code threshold', () => {
    assert.equal(run(['scan', example, '--fail-on', 'none']).code, 0);
    const dir = join(fixtures, 'flow-template-json');
    assert.equal(run(['scan', dir]).code, 0, 'only warnings: exit 0 at the default --fail-on error');
    assert.equal(run(['scan', dir, '--fail-on', 'warning']).code, 1);
  });

  it('--output writes the report to a file', () => {
    const out = join(cache, 'report.sarif');
    const r = run(['scan', example, '--format', 'sarif', '--output', out]);
    assert.equal(r.stdout, '');
    assert.equal(JSON.parse(readFileSync(out, 'utf8')).version, '2.1.0');
  });

  it('--manifest points at another manifest', () => {
    const r = run(['scan', join(fixtures, 'negatives'), '--manifest', join(fixtures, 'rule-unused/data-inventory.yaml'), '--format', 'json']);
    assert.deepEqual(JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule).sort(), ['unused-category', 'unused-vendor', 'unused-vendor']);
  });

  it('exits 2 with positioned findings when the manifest is broken, and when it is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'privacy-lens-broken-'));
    try {
      cpSync(join(fixtures, 'flow-destructuring'), dir, { recursive: true });
      writeFileSync(join(dir, 'data-inventory.yaml'), 'version: 1\ncategories:\n  - user.nmae\n');
      const r = run(['scan', dir]);
      assert.equal(r.code, 2);
      assert.match(r.stdout, /3:5 {2}error +"user\.nmae" is not a built-in category.* {2}manifest-invalid/);
      assert.match(r.stderr, /manifest data-inventory\.yaml is invalid/);
      rmSync(join(dir, 'data-inventory.yaml'));
      const missing = run(['scan', dir]);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /^privacy-lens: no manifest at .*data-inventory\.yaml; create one from the code with "privacy-lens init /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 on usage errors, in one line pointing at help', () => {
    for (const args of [['scan', '--format', 'xml'], ['scan', '--fail-on', 'sometimes'], ['scan', '--bogus'], ['frobnicate']]) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^privacy-lens: .*\nRun 'privacy-lens help' for usage\.\n$/);
    }
    assert.match(run([]).stderr, /^Usage:/);
    assert.equal(run([]).code, 2);
    assert.equal(run(['--help']).code, 0);
    assert.match(run(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('reports files it could not analyse and goes on', () => {
    const r = run(['scan', join(fixtures, 'bad-input'), '--format', 'json']);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.skipped.map((s: { file: string }) => s.file).sort(), ['src/blob.js', 'src/broken.ts']);
    assert.ok(out.findings.some((f: { file: string }) => f.file === 'src/utf16.ts'));
    assert.match(run(['scan', join(fixtures, 'bad-input')]).stdout, /Not analysed:\n {2}src\/blob\.js {2}binary file/);
  });

  it('gives the same results from the cache and from worker threads', () => {
    const first = run(['scan', example, '--format', 'json']).stdout;
    assert.equal(run(['scan', example, '--format', 'json']).stdout, first, 'warm cache');
    assert.equal(run(['scan', example, '--format', 'json', '--no-cache', '--workers', '0']).stdout, first, 'in-process');
  });

  it('fix --dry-run prints the manifest diff; fix applies it and keeps every comment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'privacy-lens-fix-'));
    try {
      cpSync(example, dir, { recursive: true });
      const manifestPath = join(dir, 'data-inventory.yaml');
      const before = readFileSync(manifestPath, 'utf8');
      const dry = run(['fix', dir, '--dry-run']);
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(dry.stdout, /^--- a\/data-inventory\.yaml$/m);
      assert.match(dry.stdout, /^\+ {2}- id: intercom$/m);
      assert.match(dry.stdout, /Would apply 4 fixes to the manifest:/);
      assert.equal(readFileSync(manifestPath, 'utf8'), before, 'a dry run writes nothing');
      assert.match(run(['fix', dir]).stdout, /Applied 4 fixes/);
      const after = readFileSync(manifestPath, 'utf8');
      for (const line of before.split('\n').filter((l) => l.includes('#'))) assert.ok(after.includes(line), `kept: ${line}`);
      const rules = JSON.parse(run(['scan', dir, '--format', 'json']).stdout).findings.map((f: { rule: string }) => f.rule).sort();
      assert.deepEqual(rules, ['pii-in-logs', 'pii-in-logs', 'unknown-recipient', 'unresolved-flow'], 'only findings with no manifest-side fix remain');
      assert.match(run(['fix', dir]).stdout, /Nothing to fix/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
