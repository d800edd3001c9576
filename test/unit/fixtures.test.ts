import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanWorkspace, type ScanOptions } from '../../src/engine';
import type { Finding, ScanResult } from '../../src/engine/core/types';

/**
 * Fixture-directory tests: each folder of test/fixtures/cases is a workspace with a manifest and
 * an expected.json listing every finding (rule, file:line, vendor, categories) and every file not
 * analysed. UPDATE_FIXTURES=1 rewrites expected.json from the current results, for review in git.
 */
const root = join(__dirname, '../../../test/fixtures/cases');

/** A finding reduced to what the fixtures pin down. */
export function summarize(f: Finding): string {
  const extra = [f.vendor ? `vendor=${f.vendor}` : '', f.host ? `host=${f.host}` : '', f.categories ? `[${f.categories.join(',')}]` : ''].filter(Boolean);
  return `${f.severity} ${f.rule} ${f.file}:${f.line} ${extra.join(' ')}`.trim();
}

function actual(result: ScanResult): { findings: string[]; skipped: string[] } {
  return {
    findings: result.findings.map(summarize),
    skipped: result.skipped.map((s) => `${s.file}${s.line ? `:${s.line}` : ''}: ${s.reason}`),
  };
}

describe('fixture workspaces', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, async () => {
      const dir = join(root, name);
      const optionsFile = join(dir, 'options.json');
      const extra = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')).options as Partial<ScanOptions>) : {};
      const result = await scanWorkspace({ root: dir, workers: 0, cacheDir: null, ...extra });
      const got = actual(result);
      const expectedFile = join(dir, 'expected.json');
      if (process.env.UPDATE_FIXTURES) writeFileSync(expectedFile, JSON.stringify(got, null, 2) + '\n');
      assert.deepEqual(got, JSON.parse(readFileSync(expectedFile, 'utf8')));
    });
  }
});
