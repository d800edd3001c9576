import { strict as assert } from 'node:assert';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

/** Loads the module in a fresh process, as the CLI does (V8 keeps what one process compiled, so each load needs its own). */
function load(module: string, cacheDir: string, save = true): { exports: unknown; fromCache: boolean } {
  const script = `const m = require(${JSON.stringify(join(__dirname, '../../src/engine/core/code-cache.js'))}).requireWithCodeCache(process.argv[1], process.argv[2]); if (process.argv[3] === 'save') m.save(); process.stdout.write(JSON.stringify({ exports: m.exports, fromCache: m.fromCache }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, module, cacheDir, save ? 'save' : ''], { encoding: 'utf8' })) as { exports: unknown; fromCache: boolean };
}

describe('code cache of the parser bundle', () => {
  let dir: string;
  let module: string;
  let cacheDir: string;
  const source = (n: number) => `const { join } = require('node:path');\nfunction add(a, b) { return a + b; }\nmodule.exports = { n: add(${n}, 1), here: join(__dirname, 'x'), self: __filename };\n`;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pl-code-cache-'));
    module = join(dir, 'bundle.js');
    cacheDir = join(dir, 'cache');
    writeFileSync(module, source(41));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const cacheFiles = () => readdirSync(cacheDir).filter((f) => f.endsWith('.bin'));

  it('loads the module as require would, stores the cache privately, and is read from it the next time', () => {
    const first = load(module, cacheDir);
    assert.deepEqual(first.exports, { n: 42, here: join(dir, 'x'), self: module });
    assert.equal(first.fromCache, false);
    assert.equal(cacheFiles().length, 1);
    assert.equal(statSync(join(cacheDir, cacheFiles()[0])).mode & 0o777, 0o600);
    assert.equal(statSync(cacheDir).mode & 0o777, 0o700);
    const second = load(module, cacheDir);
    assert.equal(second.fromCache, true);
    assert.deepEqual(second.exports, first.exports);
  });

  it('damaged data is rejected and replaced; a cache others may write is not read; another source has its own cache', () => {
    load(module, cacheDir);
    const file = join(cacheDir, cacheFiles()[0]);
    const bytes = readFileSync(file);
    bytes.fill(0x55, 0, 64);
    writeFileSync(file, bytes);
    const damaged = load(module, cacheDir);
    assert.equal(damaged.fromCache, false);
    assert.deepEqual((damaged.exports as { n: number }).n, 42);
    assert.equal(load(module, cacheDir).fromCache, true, 'replaced');
    chmodSync(file, 0o666);
    assert.equal(load(module, cacheDir, false).fromCache, false, 'writable by others: not read');
    chmodSync(file, 0o600);
    // The same length, another text: never compiled from the other's cache.
    writeFileSync(module, source(51));
    const other = load(module, cacheDir);
    assert.equal(other.fromCache, false);
    assert.equal((other.exports as { n: number }).n, 52);
    assert.equal(cacheFiles().length, 1, 'the cache of the old text is removed');
  });
});
