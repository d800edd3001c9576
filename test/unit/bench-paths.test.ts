import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const projectRoot = join(__dirname, '../../..');

/**
 * `npm run bench` loads modules of the compiled engine by path (it is never run by the tests: its
 * timings are reported, not asserted). A move of one of them must fail here, not on the next benchmark.
 */
describe('the benchmark script', () => {
  it('loads only engine modules that exist', () => {
    const script = readFileSync(join(projectRoot, 'scripts/bench.mjs'), 'utf8');
    const required = [...script.matchAll(/req\('\.\/([^']+)'\)/g)].map((m) => m[1]);
    const checked = [...script.matchAll(/existsSync\(join\(engineDir, ((?:'[^']+'(?:, )?)+)\)\)/g)].map((m) => m[1].split(', ').map((p) => p.slice(1, -1)).join('/'));
    assert.ok(required.length >= 5 && checked.length >= 1, `found ${required.length} modules and ${checked.length} checks`);
    for (const path of [...required, ...checked]) {
      const source = join(projectRoot, 'src/engine', path.replace(/\.js$/, '.ts'));
      assert.ok(existsSync(source), `scripts/bench.mjs loads ${path}, but src/engine/${path.replace(/\.js$/, '.ts')} does not exist`);
    }
  });
});
