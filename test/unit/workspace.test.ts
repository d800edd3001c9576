import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareFindings, isSourceFile, placesOf, Workspace, type Finding } from '../../src/engine';

const projectRoot = join(__dirname, '../../..');
const cli = join(projectRoot, 'dist/cli.js');
const example = join(projectRoot, 'examples/mailroom');

/** A policy that names Intercom and Mixpanel but none of the example's other vendors. */
const POLICY = '# Privacy notice\n\nWe use Intercom for support chat.\n\nWe share usage data with Mixpanel.\n';

/** The fields that make two findings the same finding. */
const key = (f: Finding) => `${f.rule} ${f.severity} ${f.file}:${f.line}:${f.column} ${f.message}`;

describe('Workspace session: one manifest, one set of rules, for every front end', function () {
  this.timeout(60_000);
  let root: string;

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'privacy-lens-session-'));
    cpSync(example, root, { recursive: true });
    writeFileSync(join(root, 'privacy.md'), POLICY);
    const manifest = readFileSync(join(root, 'data-inventory.yaml'), 'utf8');
    writeFileSync(join(root, 'data-inventory.yaml'), manifest.replace('policy:\n', 'policy:\n  file: privacy.md\n'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('gives the CLI and the editor path the same findings, policy-drift included', async () => {
    const r = spawnSync(process.execPath, [cli, 'scan', root, '--format', 'json', '--no-cache'], { encoding: 'utf8' });
    const fromCli: Finding[] = JSON.parse(r.stdout).findings;
    assert.ok(fromCli.some((f) => f.rule === 'policy-drift'), 'the CLI reports policy-drift');

    // The editor: a session reads the manifest as an open document, analyses the workspace (the
    // Scan Workspace command), then re-checks edited documents one by one.
    const editor = new Workspace({ root, workers: 0 });
    editor.reload(readFileSync(join(root, 'data-inventory.yaml'), 'utf8'));
    const drift = editor.manifestProblems().filter((f) => f.rule === 'policy-drift');
    assert.deepEqual(drift.map(key).sort(), fromCli.filter((f) => f.rule === 'policy-drift').map(key).sort(), 'policy-drift before any scan');
    await editor.scan();
    assert.deepEqual(editor.findings().map(key), fromCli.map(key));
    assert.deepEqual(editor.manifestProblems().map(key), fromCli.filter((f) => f.file === 'data-inventory.yaml').map(key));

    // Every source file checked as a document gives the scan's findings of that file, except the
    // workspace-only rules (unused-* on the manifest, and categories reported once per workspace).
    const files = [...new Set(fromCli.map((f) => f.file))].filter(isSourceFile);
    assert.ok(files.length >= 5, files.join(', '));
    // An undeclared category, reported once per workspace, is checked once per file: at the file's first place.
    const places = fromCli.filter((f) => f.rule === 'undeclared-category').flatMap((f) => placesOf(f).map((p) => ({ f, p })));
    for (const file of new Set([...files, ...places.map(({ p }) => p.file)])) {
      const checked = editor.checkDocument(file, readFileSync(join(root, file), 'utf8'));
      const scanned = fromCli.filter((f) => f.file === file && f.rule !== 'undeclared-category');
      const firsts = places.filter(({ p }, i) => p.file === file && !places.slice(0, i).some((q) => q.f === places[i].f && q.p.file === file));
      const perFile = firsts.map(({ f, p }): Finding => ({ ...f, ...p, message: `${f.categories?.[0]} is processed here (${p.message}) but is not declared under categories` }));
      assert.deepEqual(checked.sort(compareFindings).map(key), [...scanned, ...perFile].sort(compareFindings).map(key), file);
    }
  });

  it('reloads the manifest: a fixed policy clears policy-drift, an invalid manifest yields only its errors', () => {
    const session = new Workspace({ root, workers: 0 });
    assert.ok(session.manifestProblems().some((f) => f.rule === 'policy-drift'));
    const text = session.manifestText ?? '';
    session.reload(text.replace('  file: privacy.md\n', ''));
    assert.deepEqual(session.manifestProblems(), []);
    session.reload('version: 2\n');
    const problems = session.manifestProblems();
    assert.ok(problems.length > 0 && problems.every((f) => f.rule === 'manifest-invalid' && f.file === 'data-inventory.yaml'), JSON.stringify(problems));
    assert.deepEqual(session.checkDocument('server/src/routes/signup.ts', 'console.log(user.email);\n'), [], 'no checks against an invalid manifest');
  });

  it('drops the facts of a scan when the manifest changes what detection looks for', async () => {
    const session = new Workspace({ root, workers: 0 });
    await session.scan();
    assert.ok(session.scanned);
    assert.deepEqual(session.reload(session.manifestText).detectionChanged, false, 'same manifest: facts kept');
    assert.ok(session.scanned);
    const changed = session.reload((session.manifestText ?? '') + '\nignore: ["web/**"]\n');
    assert.equal(changed.detectionChanged, true);
    assert.equal(session.scanned, false, 'facts analysed for another detection input are dropped');
  });

  it('lists in the inventory every vendor the code reaches, with or without personal data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'privacy-lens-vendors-'));
    try {
      writeFileSync(join(dir, 'data-inventory.yaml'), 'version: 1\n');
      writeFileSync(join(dir, 'a.ts'), [
        "import * as Sentry from '@sentry/node';",
        "import { Client } from 'not-a-vendor';",
        "Sentry.init({ dsn: process.env.SENTRY_DSN });",
        "export const hook = 'https://hooks.slack.com/services/T000/B000';",
        "export const docs = 'https://docs.stripe.com/api';",
        "export async function ping() { await fetch('https://api.github.com/zen'); }",
        "new Client();",
      ].join('\n'));
      const result = await new Workspace({ root: dir, workers: 0 }).scan();
      assert.deepEqual(Object.keys(result.inventory.vendors).sort(), ['github', 'sentry', 'slack'], 'a documentation link is not a vendor the code talks to');
      assert.deepEqual(result.inventory.vendors.sentry, [{ file: 'a.ts', line: 3, categories: [] }], 'the call, not also the import');
      assert.deepEqual(result.findings.filter((f) => f.rule.startsWith('undeclared')), [], 'no personal data: nothing to declare');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('init on a workspace without a manifest', function () {
  this.timeout(60_000);
  it('drafts what the whole workspace does, cross-module flows included: a scan with the draft reports no undeclared-* finding', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'privacy-lens-init-'));
    try {
      cpSync(example, dir, { recursive: true });
      rmSync(join(dir, 'data-inventory.yaml'));
      const r = spawnSync(process.execPath, [cli, 'init', dir, '--output', join(dir, 'data-inventory.yaml')], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const result = await new Workspace({ root: dir, workers: 0 }).scan();
      const undeclared = result.findings.filter((f) => f.rule.startsWith('undeclared-'));
      assert.deepEqual(undeclared.map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}`), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
