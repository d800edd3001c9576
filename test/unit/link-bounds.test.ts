import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../../src/engine';

/**
 * A generated workspace of wrapper chains with wide fan-out: each module's exported function passes
 * its argument to the next module's function from many call sites, and the last one sends it to a
 * vendor. Without de-duplication the linker builds fan-out^depth reaches (the real monorepo that
 * crashed the scan had 333,000); with it, each call site gets one flow.
 */
describe('cross-module linking stays bounded on long wrapper chains with wide fan-out', function () {
  this.timeout(60_000);
  const FAN_OUT = 20;
  let root: string;

  function generate(DEPTH: number): void {
    root = mkdtempSync(join(tmpdir(), 'privacy-lens-fanout-'));
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'data-inventory.yaml'), 'version: 1\ncategories: [user.contact.email]\n');
    writeFileSync(join(root, `src/w${DEPTH}.ts`), "import mixpanel from 'mixpanel';\nexport function w" + DEPTH + "(p: { email: string }) {\n  mixpanel.track('x', { email: p.email });\n}\n");
    for (let i = DEPTH - 1; i >= 0; i--) {
      const calls = Array.from({ length: FAN_OUT }, (_, k) => `  if (p.email.length > ${k}) w${i + 1}(p);`).join('\n');
      writeFileSync(join(root, `src/w${i}.ts`), `import { w${i + 1} } from './w${i + 1}';\nexport function w${i}(p: { email: string }) {\n${calls}\n}\n`);
    }
    writeFileSync(join(root, 'src/app.ts'), "import { w0 } from './w0';\nexport function signup(req: { body: { email: string } }) {\n  w0({ email: req.body.email });\n}\n");
  }
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds the flow at every level, once per call site, with no failed file', async () => {
    generate(5);
    const session = new Workspace({ root, workers: 0 });
    const result = await session.scan();
    assert.deepEqual(result.skipped, []);
    const atApp = result.inventory.vendors.mixpanel?.filter((l) => l.file === 'src/app.ts') ?? [];
    assert.equal(atApp.length, 1, JSON.stringify(atApp));
    assert.deepEqual(atApp[0].categories, ['user.contact.email']);
    const flowsAtApp = result.findings.filter((f) => f.file === 'src/app.ts' && f.vendor === 'mixpanel');
    assert.ok(flowsAtApp.length >= 1 && flowsAtApp.length <= 3, `${flowsAtApp.length} findings at the one call`);
  });

  it('follows a chain through dozens of modules to its vendor', async () => {
    generate(40);
    const result = await new Workspace({ root, workers: 0 }).scan();
    assert.deepEqual(result.skipped, []);
    const atApp = result.findings.filter((f) => f.file === 'src/app.ts');
    assert.ok(atApp.length >= 1 && atApp.every((f) => f.vendor === 'mixpanel'), JSON.stringify(atApp.map((f) => f.rule)));
  });

  it('reports a chain longer than the hop limit as a flow it could not follow, never as nothing', async () => {
    generate(70);
    const result = await new Workspace({ root, workers: 0 }).scan();
    assert.deepEqual(result.skipped, []);
    const unresolved = result.findings.filter((f) => f.file === 'src/app.ts' && f.rule === 'unresolved-flow');
    assert.equal(unresolved.length, 1, JSON.stringify(result.findings.filter((f) => f.file === 'src/app.ts').map((f) => f.rule)));
    assert.match(unresolved[0].message + JSON.stringify(unresolved[0].trace), /more than 64 modules/);
  });

  it('ends a cycle of modules where it closes', async () => {
    generate(3);
    // w3 calls back into w0: the cycle closes, and the vendor at w3 is still found.
    writeFileSync(join(root, 'src/w3.ts'), "import mixpanel from 'mixpanel';\nimport { w0 } from './w0';\nexport function w3(p: { email: string }) {\n  mixpanel.track('x', { email: p.email });\n  if (p.email === '') w0(p);\n}\n");
    const result = await new Workspace({ root, workers: 0 }).scan();
    assert.deepEqual(result.skipped, []);
    assert.ok(result.findings.some((f) => f.file === 'src/app.ts' && f.vendor === 'mixpanel'));
  });
});
