import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanWorkspace, type ScanOptions } from '../../src/engine';
import { lexicalFilters, mayHoldUrl } from '../../src/engine/analysis/analyze-source';

/**
 * The fast paths (lexical filters, worker threads, the facts cache) must give the plain path's
 * findings: every fixture workspace and eval application is scanned each way and the results
 * compared whole (findings with their traces, the inventory, the files not analysed).
 */
const corpora = [
  ...folders(join(__dirname, '../../../test/fixtures/cases')),
  ...folders(join(__dirname, '../../../eval/apps')),
];

/** A workspace whose only tie to a vendor is a URL in a string: what the URL filter must let through. */
function urlOnlyWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pl-url-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'data-inventory.yaml'), 'version: 1\ncategories: []\n');
  writeFileSync(join(dir, 'src', 'hooks.ts'), "export const ALERTS = 'https://hooks.slack.com/services/T000/B000/XXXX';\n");
  return dir;
}

function folders(dir: string): string[] {
  return readdirSync(dir).sort().map((name) => join(dir, name)).filter((d) => existsSync(join(d, 'data-inventory.yaml')) || existsSync(join(d, 'options.json')));
}

function extraOptions(dir: string): Partial<ScanOptions> {
  const file = join(dir, 'options.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')).options as Partial<ScanOptions>) : {};
}

/** A scan's result as text, with nothing that depends on the path taken. */
async function resultOf(dir: string, options: Partial<ScanOptions> = {}): Promise<string> {
  const r = await scanWorkspace({ root: dir, workers: 0, cacheDir: null, ...extraOptions(dir), ...options });
  return JSON.stringify({ findings: r.findings, inventory: r.inventory, skipped: r.skipped });
}

/** The result with the lexical filters replaced (the plain path when they let every file through). */
async function withFilter(dir: string, filter: (text: string) => boolean): Promise<string> {
  const original = lexicalFilters.mayHoldUrl;
  lexicalFilters.mayHoldUrl = filter;
  try {
    return await resultOf(dir);
  } finally {
    lexicalFilters.mayHoldUrl = original;
  }
}

describe('fast paths give the plain path findings', function () {
  this.timeout(120_000);
  const plain = new Map<string, string>();
  const synthetic = urlOnlyWorkspace();
  before(async () => {
    corpora.push(synthetic);
    for (const dir of corpora) plain.set(dir, await withFilter(dir, () => true));
  });
  after(() => rmSync(synthetic, { recursive: true, force: true }));

  it('covers every fixture workspace and eval application', () => {
    assert.ok(corpora.length >= 30, `only ${corpora.length} corpora found`);
  });

  it('lexical filters: the same results on every corpus', async () => {
    for (const dir of corpora) assert.equal(await resultOf(dir), plain.get(dir), dir);
  });

  it('a broken filter is caught: dropping every file from the URL pass changes some corpus', async () => {
    let changed = 0;
    for (const dir of corpora) if ((await withFilter(dir, () => false)) !== plain.get(dir)) changed++;
    assert.ok(changed > 0, 'no corpus depends on the URL pass, so the comparison proves nothing');
  });

  it('worker threads: the same results on every corpus', async () => {
    for (const dir of corpora) assert.equal(await resultOf(dir, { workers: 2, inProcessBelow: 0 }), plain.get(dir), dir);
  });

  it('the facts cache: the same results when the cache is written and when it is read', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'pl-fast-'));
    try {
      for (const dir of corpora) {
        assert.equal(await resultOf(dir, { cacheDir }), plain.get(dir), `${dir} (cache written)`);
        assert.equal(await resultOf(dir, { cacheDir }), plain.get(dir), `${dir} (cache read)`);
      }
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('the URL filter lets through every way a string can spell ://', () => {
    for (const text of ["'https://x.io'", "'https:\\/\\/x.io'", "'https\\x3a//x.io'", "'https\\u003a//x.io'", "'https:/\\\n/x.io'", '<a href="https&#58;//x.io">', '<a href="https&colon;//x.io">']) {
      assert.ok(mayHoldUrl(text), text);
    }
    assert.equal(mayHoldUrl("const a = 'x' + \"y\\n\";"), false);
  });
});
