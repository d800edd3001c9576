/**
 * The guarantees of README "Security and privacy", each with the test that proves it. The guard
 * (test/guard.ts, loaded for the whole run) refuses network, name lookups and processes other
 * than git from product code, in the test process, its worker threads and the CLI it spawns; these
 * tests check that the guard is real and exercise every front end under it.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { main } from '../../src/cli/main';
import { scanWorkspace } from '../../src/engine';
import { calledByProduct, productWrites } from '../guard';

const project = resolve(__dirname, '../../..');
const example = join(project, 'examples/mailroom');

/** Runs `code` as if it were a module of the engine (its file name under out/src/engine), in this process. */
function asEngineModule(code: string): unknown {
  const filename = join(project, 'out/src/engine/probe-of-the-guard.js');
  const m = new Module(filename, module) as Module & { _compile(code: string, filename: string): void };
  m.filename = filename;
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(join(project, 'out/src/engine'));
  m._compile(code, filename);
  return m.exports;
}

describe('security and privacy: the guard is real', () => {
  it('refuses a connection, a lookup, fetch and a process from engine code, and lets git and the tests through', () => {
    const probe = asEngineModule(`
      exports.connect = () => require('node:net').connect(9, '127.0.0.1');
      exports.tls = () => require('node:tls').connect(443, 'example.com');
      exports.lookup = () => require('node:dns').lookup('example.com', () => {});
      exports.http = () => require('node:https').get('https://example.com/');
      exports.fetch = () => fetch('https://example.com/');
      exports.spawn = () => require('node:child_process').spawnSync('sh', ['-c', 'true']);
      exports.exec = () => require('node:child_process').execSync('true');
      exports.fork = () => require('node:child_process').fork('x.js');
      exports.git = () => require('node:child_process').spawnSync('git', ['--version']).status;
    `) as Record<string, () => unknown>;
    for (const name of ['connect', 'tls', 'lookup', 'http', 'fetch', 'spawn', 'exec', 'fork']) {
      assert.throws(probe[name], /Privacy Lens test guard: product code attempted/, name);
    }
    assert.equal(probe.git(), 0);
    assert.equal(spawnSync('sh', ['-c', 'true']).status, 0, 'a test may start a process');
    // The refusals above are in the guard's log: clear them, the root hook fails the run on any other.
    rmSync(process.env.PRIVACY_LENS_GUARD_LOG!, { force: true });
  });

  it('knows product frames from test frames', () => {
    assert.equal(calledByProduct(`Error\n    at f (${join(project, 'out/src/engine/scan.js')}:1:2)`), true);
    assert.equal(calledByProduct(`Error\n    at f (${join(project, 'dist/worker.js')}:1:2)`), true);
    assert.equal(calledByProduct(`Error\n    at f (${join(project, 'out/test/unit/cli.test.js')}:1:2)`), false);
  });
});

describe('security and privacy: every front end under the guard', () => {
  let sandbox: string;
  beforeEach(() => {
    sandbox = mkdtempSync(join(tmpdir(), 'privacy-lens-security-'));
  });
  afterEach(() => rmSync(sandbox, { recursive: true, force: true }));

  it('scans in-process, in worker threads and through the spawned CLI with no network, no process but git, and no write outside the workspace and its cache', async () => {
    const ws = join(sandbox, 'ws');
    const cache = join(sandbox, 'cache');
    cpSync(example, ws, { recursive: true });
    const before = productWrites.length;
    await scanWorkspace({ root: ws, cacheDir: cache, workers: 2, inProcessBelow: 0 });
    const previous = process.env.PRIVACY_LENS_CACHE;
    process.env.PRIVACY_LENS_CACHE = cache;
    try {
      const out = { text: '' };
      const write = (s: string) => (out.text += s);
      assert.equal(await main(['scan', ws, '--format', 'sarif', '--output', join(ws, 'report.sarif'), '--fail-on', 'none'], write, write), 0, out.text);
      assert.equal(await main(['baseline', ws, '--output', join(ws, 'baseline.json')], write, write), 0, out.text);
      assert.equal(await main(['report', ws, '--format', 'html', '--output', join(ws, 'map.html')], write, write), 0, out.text);
      writeFileSync(join(ws, 'data-inventory.yaml'), 'version: 1\ncategories:\n  - user.name\n');
      assert.equal(await main(['fix', ws], write, write), 0, out.text);
    } finally {
      if (previous === undefined) delete process.env.PRIVACY_LENS_CACHE;
      else process.env.PRIVACY_LENS_CACHE = previous;
    }
    const cli = spawnSync(process.execPath, [join(project, 'dist/cli.js'), 'scan', ws, '--fail-on', 'none'], { encoding: 'utf8', env: { ...process.env, PRIVACY_LENS_CACHE: cache } });
    assert.equal(cli.status, 0, cli.stderr);
    const writes = productWrites.slice(before);
    assert.ok(writes.length > 0, 'the writes are seen');
    const outside = writes.filter((p) => !isUnder(p, ws) && !isUnder(p, cache));
    assert.deepEqual(outside, []);
  });

  it('never runs workspace code: a source, a config and a package script that would leave a mark leave none', async () => {
    const ws = join(sandbox, 'ws');
    const marker = join(sandbox, 'ran');
    mkdirSync(join(ws, 'src'), { recursive: true });
    const leave = `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');`;
    writeFileSync(join(ws, 'data-inventory.yaml'), 'version: 1\ncategories:\n  - user.name\n');
    writeFileSync(join(ws, 'src/index.js'), `${leave}\nmodule.exports = {};\n`);
    writeFileSync(join(ws, 'eslint.config.js'), leave);
    writeFileSync(join(ws, 'privacy-lens.config.js'), leave);
    writeFileSync(join(ws, 'package.json'), JSON.stringify({ name: 'x', scripts: { prepare: `node -e "${leave.replace(/"/g, '\\"')}"` }, main: 'src/index.js' }));
    writeFileSync(join(ws, 'tsconfig.json'), JSON.stringify({ extends: './src/index.js', compilerOptions: { paths: { '@/*': ['./src/*'] } } }));
    const out = { text: '' };
    const write = (t: string) => (out.text += t);
    await main(['scan', ws, '--no-cache', '--fail-on', 'none'], write, write);
    await main(['init', ws], write, write);
    await scanWorkspace({ root: ws, cacheDir: null, workers: 1, inProcessBelow: 0 });
    assert.equal(readdirSync(sandbox).includes('ran'), false, out.text);
  });

  it('keeps personal data out of the cache, the logs and the output: only categories, rules and positions', async () => {
    const ws = join(sandbox, 'ws');
    const cache = join(sandbox, 'cache');
    mkdirSync(join(ws, 'src'), { recursive: true });
    writeFileSync(join(ws, 'data-inventory.yaml'), 'version: 1\ncategories:\n  - user.name\n');
    writeFileSync(
      join(ws, 'src/seed.ts'),
      "import mixpanel from 'mixpanel';\nconst email = 'jane.roe@example.org';\nconst name = 'Jane Roe';\nmixpanel.track('seeded', { email, name, phone: '+44 20 7946 0958' });\nconsole.log('user', email, name);\n",
    );
    const out = { text: '' };
    const write = (s: string) => (out.text += s);
    const previous = process.env.PRIVACY_LENS_CACHE;
    process.env.PRIVACY_LENS_CACHE = cache;
    try {
      for (const format of ['text', 'json', 'sarif', 'markdown']) await main(['scan', ws, '--format', format], write, write);
    } finally {
      if (previous === undefined) delete process.env.PRIVACY_LENS_CACHE;
      else process.env.PRIVACY_LENS_CACHE = previous;
    }
    assert.match(out.text, /pii-in-logs/, 'the scan found the flows');
    const cached = filesUnder(cache).map((p) => readFileSync(p, 'utf8')).join('\n');
    assert.ok(cached.length > 0, 'the cache was written');
    for (const value of ['jane.roe@example.org', 'Jane Roe', '7946 0958']) {
      assert.ok(!cached.includes(value), `the cache holds ${value}`);
      assert.ok(!out.text.includes(value), `the output holds ${value}`);
    }
  });
});

function isUnder(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
