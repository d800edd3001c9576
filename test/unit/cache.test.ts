import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FactsCache } from '../../src/engine/pipeline/cache';
import { scanWorkspace } from '../../src/engine';

const MANIFEST = 'version: 1\ncategories:\n  - user.contact.email\n';
const SOURCE = 'export function f(user) {\n  console.log(user.email);\n}\n';

describe('facts cache', () => {
  let root: string;
  let cacheDir: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'privacy-lens-cache-root-'));
    cacheDir = join(mkdtempSync(join(tmpdir(), 'privacy-lens-cache-')), 'cache');
    writeFileSync(join(root, 'data-inventory.yaml'), MANIFEST);
    writeFileSync(join(root, 'a.ts'), SOURCE);
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(join(cacheDir, '..'), { recursive: true, force: true });
  });

  const cachePath = () => join(cacheDir, `facts-${createHash('sha1').update(root).digest('hex').slice(0, 16)}.json`);
  const scan = (notes: string[] = []) => scanWorkspace({ root, cacheDir, workers: 0, onNote: (n) => notes.push(n) });
  const rules = async (notes?: string[]) => (await scan(notes)).findings.map((f) => `${f.rule}@${f.line}`);

  it('an edit that keeps the size and restores the modification time is seen', async () => {
    const file = join(root, 'a.ts');
    const before = statSync(file);
    assert.deepEqual(await rules(), ['pii-in-logs@2']);
    writeFileSync(file, SOURCE.replace('console.log(user.email)', 'console.log(user.xxxxx)'));
    utimesSync(file, before.atime, before.mtime);
    assert.equal(statSync(file).size, before.size);
    assert.deepEqual(await rules(), ['unused-category@3']);
  });

  it('a cache file of the wrong shape is ignored and rebuilt with a note, never an internal error', async () => {
    const expected = await rules();
    for (const bad of ['[]', '{"key": 1}', '{"format": 2, "key": "k", "entries": {"a.ts": 5}}', '{"entries": null}', 'not json', '{"format":2,"key":"x","entries":{"a.ts":{"hash":"0","outcome":{}}}}']) {
      writeFileSync(cachePath(), bad);
      const notes: string[] = [];
      assert.deepEqual(await rules(notes), expected, bad);
      assert.deepEqual(notes, [`the facts cache ${cachePath()} is not a valid cache; it is ignored and rebuilt`], bad);
      assert.doesNotThrow(() => JSON.parse(readFileSync(cachePath(), 'utf8')), 'rebuilt');
    }
  });

  it('a crafted entry for other content does not hide findings', async () => {
    await rules();
    const data = JSON.parse(readFileSync(cachePath(), 'utf8'));
    data.entries['a.ts'].outcome = { file: 'a.ts', facts: { file: 'a.ts', flows: [], occurrences: [], annotations: [] } };
    data.entries['a.ts'].hash = createHash('sha256').update('export {};\n').digest('hex');
    writeFileSync(cachePath(), JSON.stringify(data));
    assert.deepEqual(await rules(), ['pii-in-logs@2']);
  });

  it('never follows a link planted at the temporary path, and keeps the cache private', async () => {
    mkdirSync(cacheDir, { recursive: true, mode: 0o755 });
    const victim = join(root, 'victim.txt');
    writeFileSync(victim, 'keep me');
    symlinkSync(victim, `${cachePath()}.tmp`);
    await rules();
    assert.equal(readFileSync(victim, 'utf8'), 'keep me');
    assert.equal(statSync(cacheDir).mode & 0o777, 0o700);
    assert.equal(statSync(cachePath()).mode & 0o777, 0o600);
    assert.ok(JSON.parse(readFileSync(cachePath(), 'utf8')).entries['a.ts']);
  });

  it('reuses the facts of unchanged content', () => {
    const file = { absolute: join(root, 'a.ts'), relative: 'a.ts' };
    const outcome = { file: 'a.ts', skipped: 'marker' };
    const first = FactsCache.open(cacheDir, root, 'k', 1024 * 1024);
    assert.equal(first.get(file), undefined);
    first.set(file, outcome);
    first.save();
    assert.deepEqual(FactsCache.open(cacheDir, root, 'k', 1024 * 1024).get(file), outcome);
    assert.equal(FactsCache.open(cacheDir, root, 'other key', 1024 * 1024).get(file), undefined);
  });
});
