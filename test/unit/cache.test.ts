import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeFacts, encodeFacts, FactsCache } from '../../src/engine/pipeline/cache';
import { analyzeText } from '../../src/engine/pipeline/analyze-workspace-file';
import { detectionConfig, detectionInput } from '../../src/engine/config';
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
  /** The cache file's header (its first line) and its body (the bytes after). */
  const readCache = () => {
    const bytes = readFileSync(cachePath());
    const newline = bytes.indexOf(10);
    return { header: JSON.parse(bytes.toString('utf8', 0, newline)), body: bytes.subarray(newline + 1) };
  };
  const writeCache = (header: unknown, body: Buffer) => writeFileSync(cachePath(), Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]));
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
    const valid = readFileSync(cachePath());
    const { header, body } = readCache();
    const flipped = Buffer.from(body);
    flipped[flipped.length >> 1] ^= 1;
    const bad: [string, string | Buffer, string][] = [
      ['an array', '[]\n', 'not of format 3'],
      ['no header line', '{"key": 1}', 'no header line'],
      ['an older format', '{"format": 2, "key": "k", "entries": {"a.ts": 5}}\n', 'not of format 3'],
      ['not JSON', 'not json\n', 'its header is not JSON'],
      ['an entry of the wrong shape', `${JSON.stringify({ ...header, entries: { 'a.ts': { hash: '0' } } })}\n${body.toString('utf8')}`, 'the entry of a.ts is not of the expected shape'],
      ['an entry past the end', `${JSON.stringify({ ...header, entries: { 'a.ts': { ...header.entries['a.ts'], offset: body.length } } })}\n${body.toString('utf8')}`, 'the entry of a.ts is not of the expected shape'],
      ['truncated', valid.subarray(0, valid.length - 7), `it is truncated or has grown (${body.length - 7} bytes of facts, ${body.length} expected)`],
      ['a damaged byte', Buffer.concat([valid.subarray(0, valid.length - body.length), flipped]), 'its facts do not match their checksum'],
    ];
    for (const [what, text, reason] of bad) {
      writeFileSync(cachePath(), text);
      const notes: string[] = [];
      assert.deepEqual(await rules(notes), expected, what);
      assert.deepEqual(notes, [`the facts cache ${cachePath()} is not a valid cache (${reason}); it is ignored and rebuilt`], what);
      assert.doesNotThrow(() => readCache(), `${what}: rebuilt`);
      assert.deepEqual(await rules(notes), expected, `${what}: the rebuilt cache is read`);
      assert.equal(notes.length, 1, `${what}: the rebuilt cache is valid`);
    }
  });

  it('a crafted entry for other content does not hide findings', async () => {
    await rules();
    const { header, body } = readCache();
    const empty = Buffer.from(JSON.stringify({ file: 'a.ts', flows: [], occurrences: [], annotations: [] }));
    header.entries['a.ts'] = { ...header.entries['a.ts'], hash: createHash('sha256').update('export {};\n').digest('hex'), offset: body.length, length: empty.length };
    const crafted = Buffer.concat([body, empty]);
    writeCache({ ...header, bodyLength: crafted.length, bodyHash: createHash('sha256').update(crafted).digest('hex'), result: undefined }, crafted);
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
    assert.ok(readCache().header.entries['a.ts']);
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

  it('writes an export summary equal to an earlier one as a reference, and reads it back the same', () => {
    // Methods returning `this` are exported again behind every other method: `Editor#undo().select`.
    const text = "import { send } from './mail';\nexport class Editor {\n  select(id) { send(id); return this; }\n  undo(user) { send(user.email); return this; }\n  redo() { return this; }\n}\n";
    const facts = analyzeText(text, 'a.ts', detectionConfig(detectionInput(null)));
    assert.equal(Object.keys(facts.exports ?? {}).length, 8);
    const encoded = JSON.stringify(encodeFacts(facts));
    assert.equal((encoded.match(/"\$same"/g) ?? []).length, 6);
    assert.ok(encoded.length < JSON.stringify(facts).length / 2, 'the repeated summaries are not written again');
    assert.deepEqual(decodeFacts(JSON.parse(encoded)), JSON.parse(JSON.stringify(facts)));
    assert.throws(() => decodeFacts({ ...facts, exports: { a: { $same: 'b' } } as never }), /export a refers to b, which is not written out/);
  });

  it('takes an unchanged status for the content only when the file had not changed for a while before it was hashed', async () => {
    assert.deepEqual(await rules(), ['pii-in-logs@2']);
    // The file was written just now: its status vouches for nothing, so its content is hashed again.
    const { header, body } = readCache();
    const entry = header.entries['a.ts'];
    assert.ok(entry.stat && entry.at >= entry.stat[2], 'the status and the time of hashing are kept');
    // Facts of other content under that content's hash, with the file's status: only a status taken on trust reaches them.
    const other = Buffer.from(JSON.stringify({ file: 'a.ts', flows: [], occurrences: [], annotations: [] }));
    const crafted = Buffer.concat([body, other]);
    const hash = createHash('sha256').update('export {};\n').digest('hex');
    const withFacts = (at: number) => writeCache({ ...header, entries: { 'a.ts': { ...entry, hash, at, offset: body.length, length: other.length } }, bodyLength: crafted.length, bodyHash: createHash('sha256').update(crafted).digest('hex'), result: undefined }, crafted);
    withFacts(entry.stat[2] + 1000);
    assert.deepEqual(await rules(), ['pii-in-logs@2'], 'hashed within two seconds of its change: read again');
    withFacts(entry.stat[2] + 5000);
    assert.deepEqual(await rules(), ['unused-category@3'], 'hashed long after its change: the status stands for the content');
    // Any edit changes the change time, whatever it does to the size and modification time.
    withFacts(entry.stat[2] + 5000);
    const file = join(root, 'a.ts');
    const before = statSync(file);
    writeFileSync(file, SOURCE);
    utimesSync(file, before.atime, before.mtime);
    assert.deepEqual(await rules(), ['pii-in-logs@2'], 'edited: hashed again');
  });
});
