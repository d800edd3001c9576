import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BILLING, git, reviewRepo, SIGNUP, writeFiles } from './git-repo';
import { validateSarif } from './sarif-schema';

const projectRoot = join(__dirname, '../../..');
const cli = join(projectRoot, 'dist/cli.js');
const example = join(projectRoot, 'examples/mailroom');

let cache: string;
let repo: string;
before(() => {
  cache = mkdtempSync(join(tmpdir(), 'privacy-lens-review-cache-'));
  repo = reviewRepo();
});
after(() => {
  rmSync(cache, { recursive: true, force: true });
  rmSync(repo, { recursive: true, force: true });
});

/** Runs the bundled CLI in `cwd`. */
function run(args: string[], cwd = repo, env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, PRIVACY_LENS_CACHE: cache, NO_COLOR: '1', FORCE_COLOR: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(args: string[], cwd = repo) {
  const r = run([...args, '-f', 'json'], cwd);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return JSON.parse(r.stdout);
}


describe('SARIF for GitHub code scanning', () => {
  it('validates against the SARIF 2.1.0 schema, with help, tags and security-severity on every rule', () => {
    const log = JSON.parse(run(['scan', example, '-f', 'sarif']).stdout);
    assert.deepEqual(validateSarif(log), []);
    for (const rule of log.runs[0].tool.driver.rules) {
      assert.ok(rule.helpUri && rule.help.text && rule.help.markdown, `${rule.id}: helpUri and help (GH2012)`);
      assert.ok(rule.properties.tags.includes('privacy'));
      assert.match(rule.properties['security-severity'], /^\d+\.\d$/);
    }
  });

  it('gives each result a unique fingerprint, stable when the code moves down', () => {
    const results = JSON.parse(run(['scan', example, '-f', 'sarif']).stdout).runs[0].results;
    const fps = results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['privacyLens/v1']);
    assert.equal(new Set(fps).size, results.length);
    const before = JSON.parse(run(['scan', '-f', 'sarif'], repo).stdout).runs[0].results;
    const signup = (rs: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; partialFingerprints: object }[]) =>
      rs.find((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'src/signup.ts')!;
    const dir = mkdtempSync(join(tmpdir(), 'privacy-lens-moved-'));
    try {
      cpSync(repo, dir, { recursive: true });
      writeFileSync(join(dir, 'src/signup.ts'), `// one line more\n\n${readFileSync(join(dir, 'src/signup.ts'), 'utf8')}`);
      const after = JSON.parse(run(['scan', '-f', 'sarif'], dir).stdout).runs[0].results;
      assert.equal(signup(after).locations[0].physicalLocation.region.startLine, signup(before).locations[0].physicalLocation.region.startLine + 2);
      assert.deepEqual(signup(after).partialFingerprints, signup(before).partialFingerprints);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sets automationDetails.id from --sarif-category and lists files not analysed as notifications', () => {
    const log = JSON.parse(run(['scan', join(projectRoot, 'test/fixtures/cases/bad-input'), '-f', 'sarif', '--sarif-category', 'web']).stdout);
    assert.deepEqual(validateSarif(log), []);
    assert.equal(log.runs[0].automationDetails.id, 'privacy-lens/web/');
    const notes = log.runs[0].invocations[0].toolExecutionNotifications;
    assert.deepEqual(notes.map((n: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => n.locations[0].physicalLocation.artifactLocation.uri).sort(), ['src/blob.js', 'src/broken.ts']);
  });
});

describe('scan --changed-since', () => {
  it('reports only what the branch adds: not the renamed file, not the moved block', () => {
    const out = json(['scan', '--changed-since', 'main']);
    assert.deepEqual(out.findings.map((f: { file: string; vendor: string }) => `${f.file} ${f.vendor}`), ['src/billing.ts segment']);
    assert.deepEqual(out.changes.inventory.map((c: { change: string; kind: string; id: string }) => `${c.change} ${c.kind} ${c.id}`), ['added vendor segment', 'added category user.name']);
    assert.match(out.changes.mergeBase, /^[0-9a-f]{40}$/);
    assert.equal(run(['scan', '--changed-since', 'main']).code, 1);
    assert.equal(run(['scan', '--changed-since', 'HEAD']).code, 0, 'nothing changed since HEAD');
  });

  it('counts uncommitted and untracked files as changed, and what they fix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'privacy-lens-wip-'));
    try {
      cpSync(repo, dir, { recursive: true });
      writeFiles(dir, { 'src/extra.ts': BILLING.replace('upgrade', 'downgrade'), 'src/signup.ts': SIGNUP.replace("mixpanel.track('signup', { email, plan });", "mixpanel.track('signup', { plan });") });
      const out = json(['scan', '--changed-since', 'main'], dir);
      assert.deepEqual(out.findings.map((f: { file: string }) => f.file), ['src/billing.ts', 'src/extra.ts']);
      assert.ok(out.changes.fixed.some((f: { file: string; rule: string }) => f.file === 'src/signup.ts' && f.rule === 'undeclared-vendor'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('works on a workspace in a subfolder of the repository (a monorepo package)', () => {
    const mono = mkdtempSync(join(tmpdir(), 'privacy-lens-mono-'));
    try {
      git(mono, 'init', '-q', '-b', 'main');
      writeFiles(mono, { 'packages/web/data-inventory.yaml': readFileSync(join(repo, 'data-inventory.yaml'), 'utf8'), 'packages/web/src/signup.ts': SIGNUP, 'other/x.ts': BILLING });
      git(mono, 'add', '-A');
      git(mono, 'commit', '-q', '-m', 'base');
      writeFiles(mono, { 'packages/web/src/billing.ts': BILLING, 'other/y.ts': BILLING });
      const out = json(['scan', 'packages/web', '--changed-since', 'main'], mono);
      assert.deepEqual(out.findings.map((f: { file: string }) => f.file), ['src/billing.ts']);
      assert.deepEqual(out.changes.inventory.map((c: { id: string }) => c.id), ['segment', 'user.name']);
    } finally {
      rmSync(mono, { recursive: true, force: true });
    }
  });

  it('says what is wrong with the ref or the clone, in one line', () => {
    const bad = run(['scan', '--changed-since', 'no-such-branch']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^privacy-lens: --changed-since: unknown git ref "no-such-branch".*\n$/);
    const shallow = mkdtempSync(join(tmpdir(), 'privacy-lens-shallow-'));
    try {
      git(tmpdir(), 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${repo}`, shallow);
      git(shallow, 'fetch', '-q', '--depth', '1', 'origin', 'main:main');
      const r = run(['scan', '--changed-since', 'main'], shallow);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /this clone is shallow \(1 commit of HEAD's history\).*fetch-depth: 0/);
    } finally {
      rmSync(shallow, { recursive: true, force: true });
    }
    const plain = mkdtempSync(join(tmpdir(), 'privacy-lens-nogit-'));
    try {
      writeFiles(plain, { 'data-inventory.yaml': readFileSync(join(repo, 'data-inventory.yaml'), 'utf8') });
      assert.match(run(['scan', '--changed-since', 'main'], plain).stderr, /is not in a git repository/);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });

  it('--format markdown is the pull-request summary of the change', () => {
    const r = run(['scan', '--changed-since', 'main', '-f', 'markdown'], repo, { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 'abc' });
    assert.match(r.stdout, /^:x: \*\*1 new privacy error\*\* \(against main\)/m);
    assert.match(r.stdout, /\| `user\.contact\.email` \| _none_ \| segment \| \[src\/billing\.ts:5\]\(https:\/\/github\.com\/o\/r\/blob\/abc\/src\/billing\.ts#L5\) \|/);
    assert.match(r.stdout, /- Add Segment to the sharing list \(undeclared-vendor at src\/billing\.ts:5\)/);
    assert.match(r.stdout, /\*\*\+\*\* vendor `segment`/);
    assert.match(r.stdout, /<details><summary>The manifest diff[^\n]*\n\n```diff\n--- a\/data-inventory\.yaml\n\+\+\+ b\/data-inventory\.yaml\n[\s\S]*\n\+vendors: .*segment.*\n```\n<\/details>/);
  });
});

describe('baselines', () => {
  it('baseline records findings; scan --baseline reports only new ones and counts baselined and fixed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'privacy-lens-baseline-'));
    try {
      cpSync(repo, dir, { recursive: true });
      git(dir, 'checkout', '-q', 'main');
      assert.match(run(['baseline'], dir).stdout, /^Recorded 3 findings in privacy-lens-baseline\.json\.$/m);
      const file = join(dir, 'privacy-lens-baseline.json');
      const baseline = JSON.parse(readFileSync(file, 'utf8'));
      const mixpanel = baseline.findings.find((e: { vendor?: string }) => e.vendor === 'mixpanel');
      Object.assign(mixpanel, { acceptedBy: 'dpo@example.com', reason: 'DPA signed 2026-01-10' });
      writeFileSync(file, JSON.stringify(baseline));
      git(dir, 'checkout', '-q', 'feature');
      const text = run(['scan', '--baseline', 'privacy-lens-baseline.json'], dir);
      assert.equal(text.code, 1);
      // The rename gives the log finding a new fingerprint (the file is part of it): it is new again.
      assert.match(text.stdout, /^2 findings \(1 error, 1 warning, 0 info\)/m);
      assert.doesNotMatch(text.stdout, /src\/signup\.ts/, 'the moved block is baselined');
      assert.match(text.stdout, /^1 finding baselined in privacy-lens-baseline\.json; 2 baseline entries are fixed \(drop them with "privacy-lens baseline --prune/m);
      const out = json(['scan', '--baseline', 'privacy-lens-baseline.json'], dir);
      assert.deepEqual(out.baseline, { baselined: 1, fixed: 2 });
      assert.match(run(['baseline', '--prune'], dir).stdout, /^Pruned 2 fixed entries from privacy-lens-baseline\.json; 1 remains?\.$/m);
      const pruned = JSON.parse(readFileSync(file, 'utf8'));
      assert.equal(pruned.findings.length, 1);
      assert.equal(pruned.findings[0].reason, 'DPA signed 2026-01-10', 'decisions are kept');
      assert.deepEqual(json(['scan', '--baseline', 'privacy-lens-baseline.json'], dir).baseline, { baselined: 1, fixed: 0 });
      writeFileSync(join(dir, 'empty.json'), '{"version":1,"findings":[]}');
      assert.deepEqual(json(['scan', '--baseline', 'empty.json'], dir).baseline, { baselined: 0, fixed: 0 }, 'said even when nothing matched');
      assert.match(run(['scan', '--baseline', 'missing.json'], dir).stderr, /^privacy-lens: cannot read the baseline missing\.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('CLI conventions', () => {
  it('-o/--output-file, --max-warnings, --quiet', () => {
    const out = join(cache, 'r.json');
    assert.equal(run(['scan', example, '-f', 'json', '-o', out]).stdout, '');
    assert.equal(JSON.parse(readFileSync(out, 'utf8')).version, 1);
    assert.equal(run(['scan', example, '--fail-on', 'none', '--max-warnings', '10']).code, 0);
    assert.equal(run(['scan', example, '--fail-on', 'none', '--max-warnings', '3']).code, 1, '4 warnings');
    const quiet = json(['scan', example, '--quiet']);
    assert.ok(quiet.findings.length > 0 && quiet.findings.every((f: { severity: string }) => f.severity === 'error'));
  });

  it('--color, --no-color and FORCE_COLOR', () => {
    const esc = /\u001b\[/;
    assert.match(run(['scan', example, '--color']).stdout, esc);
    assert.doesNotMatch(run(['scan', example, '--color', '--no-color']).stdout, esc);
    assert.match(run(['scan', example], repo, { FORCE_COLOR: '1' }).stdout, esc);
    assert.doesNotMatch(run(['scan', example], repo, { FORCE_COLOR: '0' }).stdout, esc);
  });

  it('help COMMAND and -h explain every option; -v prints the version', () => {
    const help = run(['help', 'scan']);
    assert.equal(help.code, 0);
    for (const o of ['-f, --format', '-o, --output-file, --output', '--max-warnings', '-q, --quiet', '--baseline', '--changed-since', '--sarif-category', '--no-color']) assert.ok(help.stdout.includes(o), o);
    assert.equal(run(['scan', '-h']).stdout, help.stdout);
    assert.match(run(['help', 'baseline']).stdout, /--prune/);
    assert.match(run(['-v']).stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('"did you mean" for unknown options; options of another command are errors', () => {
    const typo = run(['scan', '--max-warning', '3']);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /^privacy-lens: unknown option --max-warning; did you mean --max-warnings\?$/m);
    assert.match(run(['scan', '--dry-run']).stderr, /^privacy-lens: --dry-run does not apply to scan \(it is an option of fix\)$/m);
    assert.match(run(['fix', '-f', 'json']).stderr, /-f does not apply to fix/);
  });

  it('one-line errors naming the path: missing dir, a file for a dir, unwritable output, no manifest', () => {
    const cases: [string[], RegExp][] = [
      [['scan', 'no/such/dir'], /^privacy-lens: no such file or directory: no\/such\/dir\n$/],
      [['baseline', 'src/signup.ts'], /^privacy-lens: not a directory: src\/signup\.ts/],
      [['scan', '-o', 'no/such/dir/out.json'], /^privacy-lens: cannot write no\/such\/dir\/out\.json: no such directory no\/such\/dir\n$/],
      [['scan', '-o', 'src'], /^privacy-lens: cannot write src: it is a directory\n$/],
      [['scan', 'src'], /^privacy-lens: no manifest at src\/data-inventory\.yaml; create one from the code with "privacy-lens init src --output src\/data-inventory\.yaml" or from your privacy policy with "privacy-lens draft-from-policy/],
    ];
    for (const [args, message] of cases) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
    }
    if (process.getuid?.() !== 0) {
      const locked = mkdtempSync(join(tmpdir(), 'privacy-lens-locked-'));
      chmodSync(locked, 0o500);
      try {
        assert.match(run(['scan', '-o', join(locked, 'out.txt')]).stderr, /cannot write .*out\.txt: permission denied/);
      } finally {
        chmodSync(locked, 0o700);
        rmSync(locked, { recursive: true, force: true });
      }
    }
  });

  it('scan PATHS... reports on the given files and folders, with the whole workspace known', () => {
    const out = json(['scan', 'src/billing.ts', 'src/audit-log.ts']);
    assert.deepEqual(out.findings.map((f: { file: string }) => f.file).sort(), ['src/audit-log.ts', 'src/billing.ts']);
    assert.equal(out.filesScanned, 3);
  });
});

describe('scan --shard and merge', () => {
  for (const [name, dir, count] of [['the example', example, 3], ['cross-module flows', join(projectRoot, 'test/fixtures/cases/flow-cross-module'), 2]] as const) {
    it(`merging the shards of ${name} gives the unsharded report, in JSON and SARIF`, () => {
      const files = Array.from({ length: count }, (_, i) => join(cache, `shard-${count}-${i + 1}.json`));
      files.forEach((file, i) => {
        const r = run(['scan', '--shard', `${i + 1}/${count}`, '-f', 'json', '-o', file, '--no-cache'], dir);
        assert.ok(r.code === 0 || r.code === 1, r.stderr);
      });
      const shardFiles = files.map((f) => JSON.parse(readFileSync(f, 'utf8')).shard.facts.length);
      assert.ok(shardFiles.filter((n) => n > 0).length > 1, `files spread over the shards: ${shardFiles}`);
      for (const format of ['json', 'sarif']) {
        const whole = run(['scan', '-f', format, '--no-cache'], dir);
        const merged = run(['merge', ...files, '-f', format], dir);
        assert.equal(merged.code, whole.code, merged.stderr);
        assert.equal(merged.stdout, whole.stdout, format);
      }
    });
  }

  it('says which shard is missing, and that --shard needs JSON', () => {
    const file = join(cache, 'shard-3-1.json');
    assert.match(run(['merge', file], example).stderr, /^privacy-lens: shards 2\/3, 3\/3 missing\n$/);
    assert.match(run(['merge', join(example, 'data-inventory.yaml')], example).stderr, /cannot read the shard .*data-inventory\.yaml/);
    assert.match(run(['scan', '--shard', '1/2'], example).stderr, /--shard writes a shard for privacy-lens merge: use --format json/);
    assert.match(run(['scan', '--shard', '3/2', '-f', 'json'], example).stderr, /--shard must be I\/N/);
  });
});
