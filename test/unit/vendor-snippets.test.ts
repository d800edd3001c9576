import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSource } from '../../src/engine/analysis/analyze-source';
import { detectionConfig } from '../../src/engine/config';

const dir = join(__dirname, '../../../test/fixtures/vendors');
const config = detectionConfig({ categories: [], vendors: [] });

describe('vendor snippets: a realistic snippet of each vendor SDK is recognised', () => {
  for (const name of readdirSync(dir).sort()) {
    const text = readFileSync(join(dir, name), 'utf8');
    const [, vendor, category] = /^\/\/ expect-vendor: (\S+) (\S+)/.exec(text) ?? [];
    it(`${vendor}: ${name}`, () => {
      const facts = analyzeSource(text, name, config);
      assert.equal(facts.error, undefined, facts.error?.message);
      const flows = facts.flows.filter((f) => f.vendor === vendor);
      const seen = facts.flows.map((f) => `${f.callee} -> ${f.vendor ?? f.host ?? f.kind} [${f.categories.join(',')}]`);
      assert.ok(flows.length > 0, `no flow to ${vendor}; flows: ${seen.join('; ') || 'none'}`);
      assert.ok(flows.some((f) => f.categories.includes(category)), `no ${category} reaches ${vendor}; flows: ${seen.join('; ')}`);
    });
  }
});
