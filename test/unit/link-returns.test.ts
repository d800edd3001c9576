import { strict as assert } from 'node:assert';
import { analyzeSource } from '../../src/engine/analysis/analyze-source';
import type { Flow } from '../../src/engine/analysis/facts';
import { detectionConfig } from '../../src/engine/config';
import { withoutReturnedData, workspaceFlows } from '../../src/engine/linking/link';
import { EMPTY_MODULE_MAP } from '../../src/engine/linking/module-map';

const config = detectionConfig({ categories: [], vendors: [] });

function linked(files: Record<string, string>): Map<string, Flow[]> {
  const facts = Object.entries(files).map(([file, text]) => analyzeSource(text, file, config));
  for (const f of facts) assert.equal(f.error, undefined, f.error?.message);
  return workspaceFlows(facts, EMPTY_MODULE_MAP);
}

/**
 * The result of another module's function is taken to carry its arguments while the file is
 * analysed; linking keeps that data only where the callee's summary says it returns it.
 */
describe('data returned by functions of other modules', () => {
  const caller = "import { wrap, drop } from './lib';\nexport function a(email: string) {\n  console.log(wrap(email));\n  console.log(drop(email));\n}\n";
  const lib = "export function wrap(s: string) { return `[${s}]`; }\nexport function drop(s: string) { return s ? 'yes' : 'no'; }\n";

  it('keeps what the callee returns and drops what it does not', () => {
    const flows = linked({ 'src/a.ts': caller, 'src/lib.ts': lib }).get('src/a.ts')!;
    assert.deepEqual(flows.map((f) => `${f.line} ${f.categories.join(',')}`), ['3 user.contact.email']);
  });

  it('leaves no mark of the analysis in the traces it reports', () => {
    const flows = linked({ 'src/a.ts': caller, 'src/lib.ts': lib }).get('src/a.ts')!;
    const steps = flows.flatMap((f) => [...f.trace, ...Object.values(f.traces ?? {}).flat()]);
    assert.ok(steps.some((s) => s.note.startsWith('returned by wrap()')), JSON.stringify(steps));
    assert.ok(steps.every((s) => !('via' in s)), JSON.stringify(steps));
    assert.ok(flows.every((f) => !('hostVia' in f)));
  });

  it('takes nothing from a module that cannot be found', () => {
    const flows = linked({ 'src/a.ts': caller }).get('src/a.ts')!;
    assert.deepEqual(flows.filter((f) => f.kind === 'log'), []);
  });

  it('without linking (when it fails), keeps only the data that needs no other module', () => {
    const facts = analyzeSource("import { wrap } from './lib';\nexport function a(email: string, phone: string) {\n  console.log(wrap(email), phone);\n  fetch(wrap('https://api.example.test/x'), { body: phone });\n}\n", 'src/a.ts', config);
    const flows = facts.flows.flatMap((f) => withoutReturnedData(f) ?? []);
    const log = flows.find((f) => f.kind === 'log')!;
    assert.deepEqual(log.categories, ['user.contact.phone_number']);
    assert.ok(log.trace.every((s) => !s.via));
    const http = flows.find((f) => f.kind === 'http')!;
    assert.equal(http.host, undefined);
    assert.equal(http.hostStatus, 'dynamic');
  });
});
