import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanWorkspace, Workspace, type ScanOptions } from '../../src/engine';

/**
 * The warm paths of a re-scan (a stored check result reused when nothing it reads changed, facts
 * decoded from the cache) must give what a scan without a cache gives, on every fixture workspace
 * and eval application, and after each kind of change that must invalidate the stored result.
 */
const corpora = [...folders(join(__dirname, '../../../test/fixtures/cases')), ...folders(join(__dirname, '../../../eval/apps'))];

function folders(dir: string): string[] {
  return readdirSync(dir).sort().map((name) => join(dir, name)).filter((d) => existsSync(join(d, 'data-inventory.yaml')) || existsSync(join(d, 'options.json')));
}

function extraOptions(dir: string): Partial<ScanOptions> {
  const file = join(dir, 'options.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')).options as Partial<ScanOptions>) : {};
}

async function resultOf(dir: string, options: Partial<ScanOptions> = {}): Promise<string> {
  const r = await scanWorkspace({ root: dir, workers: 0, cacheDir: null, ...extraOptions(dir), ...options });
  return JSON.stringify({ filesScanned: r.filesScanned, findings: r.findings, inventory: r.inventory, skipped: r.skipped });
}

function cacheFile(cacheDir: string, root: string): string {
  return join(cacheDir, `facts-${createHash('sha1').update(root).digest('hex').slice(0, 16)}.json`);
}

/** Rewrites a cache file's header (its first line), keeping its body. */
function editHeader(path: string, edit: (header: Record<string, unknown>) => void): void {
  const bytes = readFileSync(path);
  const newline = bytes.indexOf(10);
  const header = JSON.parse(bytes.toString('utf8', 0, newline)) as Record<string, unknown>;
  edit(header);
  writeFileSync(path, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), bytes.subarray(newline + 1)]));
}

describe('warm paths give the findings of a scan without a cache', function () {
  this.timeout(180_000);
  let cacheDir: string;
  beforeEach(() => {
    cacheDir = mkdtempSync(join(tmpdir(), 'pl-warm-'));
  });
  afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

  it('facts decoded from the cache, checked again, on every corpus', async () => {
    assert.ok(corpora.length >= 30, `only ${corpora.length} corpora found`);
    for (const dir of corpora) {
      const plain = await resultOf(dir);
      assert.equal(await resultOf(dir, { cacheDir }), plain, `${dir} (cache written)`);
      // Without the stored result, every file's facts come from the cache and the rules run again.
      editHeader(cacheFile(cacheDir, dir), (h) => delete h.result);
      assert.equal(await resultOf(dir, { cacheDir }), plain, `${dir} (facts read)`);
      assert.equal(await resultOf(dir, { cacheDir }), plain, `${dir} (result reused)`);
    }
  });

  it('an edit that leaves a file\'s facts as they were (a comment appended) reuses the stored result, without reading the other facts', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pl-warm-root-'));
    try {
      cpSync(join(__dirname, '../../../test/fixtures/cases/flow-cross-module'), root, { recursive: true });
      await resultOf(root, { cacheDir });
      // Damage every stored fact (their checksum still holds): a check that decoded them would report errors.
      const path = cacheFile(cacheDir, root);
      const bytes = readFileSync(path);
      const newline = bytes.indexOf(10);
      const header = JSON.parse(bytes.toString('utf8', 0, newline)) as { entries: Record<string, { offset?: number; length?: number }>; bodyHash: string };
      const body = Buffer.from(bytes.subarray(newline + 1));
      for (const entry of Object.values(header.entries)) if (entry.length) body.fill(0x20, entry.offset, entry.offset! + entry.length);
      header.bodyHash = createHash('sha256').update(body).digest('hex');
      writeFileSync(path, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]));
      const file = join(root, 'src/routes/signup.ts');
      writeFileSync(file, `${readFileSync(file, 'utf8')}\n// a note after the last statement\n`);
      const plain = await resultOf(root);
      assert.equal(await resultOf(root, { cacheDir }), plain);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  describe('a stored result is not reused when what it depends on changed', () => {
    let root: string;
    beforeEach(() => {
      root = mkdtempSync(join(tmpdir(), 'pl-warm-root-'));
      cpSync(join(__dirname, '../../../test/fixtures/cases/flow-cross-module'), root, { recursive: true });
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    /** After a cached scan, `change` makes the workspace (or the options) differ: the cached scan must still equal a plain one. */
    async function afterChange(change: () => Partial<ScanOptions> | void): Promise<void> {
      const before = await resultOf(root, { cacheDir });
      const options = change() ?? {};
      const plain = await resultOf(root, options);
      assert.notEqual(plain, before, 'the change changes the result, so the comparison proves something');
      assert.equal(await resultOf(root, { cacheDir, ...options }), plain);
    }

    const edit = (file: string, change: (text: string) => string) => writeFileSync(join(root, file), change(readFileSync(join(root, file), 'utf8')));

    it('a file edited', () => afterChange(() => edit('src/routes/signup.ts', (t) => `${t}\nexport function extra(user: { email: string }) {\n  console.log(user.email);\n}\n`)));

    it('a file edited that another one calls into: only its facts change, its caller\'s flows follow', () => afterChange(() => {
      edit('src/lib/analytics.ts', (t) => t.replace('client.capture({ distinctId, event, properties });', 'void [distinctId, event, properties];'));
    }));

    it('a line inserted at the top of a file: its facts move, and so do its findings', () => afterChange(() => edit('src/routes/signup.ts', (t) => `// moved down a line\n${t}`)));

    it('a file removed', () => afterChange(() => rmSync(join(root, 'src/config/urls.ts'))));

    it('the manifest edited', () => afterChange(() => {
      const file = join(root, 'data-inventory.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^rules:.*$/m, '') + '\nrules:\n  pii-in-logs: info\n');
    }));

    it('the severities of the options', () => afterChange(() => ({ severities: { 'pii-in-logs': 'off' } })));
  });

  it('a re-scan where nothing changed reads no facts, and what it reports is the stored result', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pl-warm-root-'));
    try {
      cpSync(join(__dirname, '../../../test/fixtures/cases/flow-cross-module'), root, { recursive: true });
      const plain = await resultOf(root);
      await resultOf(root, { cacheDir });
      // Damage every stored fact (their checksum still holds): a re-scan that decoded them would report errors.
      const path = cacheFile(cacheDir, root);
      const bytes = readFileSync(path);
      const newline = bytes.indexOf(10);
      const header = JSON.parse(bytes.toString('utf8', 0, newline)) as { entries: Record<string, { offset?: number; length?: number }>; result: { offset: number; length: number }; bodyLength: number; bodyHash: string };
      const body = Buffer.from(bytes.subarray(newline + 1));
      for (const entry of Object.values(header.entries)) if (entry.length) body.fill(0x20, entry.offset, entry.offset! + entry.length);
      header.bodyHash = createHash('sha256').update(body).digest('hex');
      writeFileSync(path, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]));
      const session = new Workspace({ root, workers: 0, cacheDir });
      const warm = await session.scan();
      assert.equal(JSON.stringify({ filesScanned: warm.filesScanned, findings: warm.findings, inventory: warm.inventory, skipped: warm.skipped }), plain);
      // The facts are decoded only when asked for: here the damaged ones say so, positioned, instead of crashing.
      const facts = session.factsOfScan();
      assert.ok(facts.length > 0 && facts.every((f) => f.error?.message === 'its cached facts could not be read; scan with --no-cache'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
