import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../src/engine';
import { BILLING, git, reviewRepo, SIGNUP_MOVED } from './git-repo';

const cli = join(__dirname, '../../../dist/cli.js');

describe('Workspace session: the editor honours the CLI baseline', function () {
  this.timeout(60_000);
  let root: string;

  before(() => {
    root = reviewRepo();
    git(root, 'checkout', '-q', 'main');
    const r = spawnSync(process.execPath, [cli, 'baseline', '--no-cache'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('marks the findings the baseline accepted, in a scan and in an edited document', async () => {
    const session = new Workspace({ root, workers: 0, cacheDir: null, baseline: 'privacy-lens-baseline.json' });
    assert.equal(session.hasBaseline, true);
    const scanned = (await session.scan()).findings;
    assert.ok(scanned.length > 0 && scanned.every((f) => f.baselined), 'everything on main is baselined');
    // The editor moves the vendor call down and adds a new one: the moved finding stays baselined.
    const moved = session.checkDocument('src/signup.ts', SIGNUP_MOVED);
    assert.deepEqual(moved.map((f) => [f.rule, f.baselined]), [['undeclared-vendor', true]]);
    const added = session.checkDocument('src/signup.ts', `${SIGNUP_MOVED}\n${BILLING.replace(/^import .*\n/, "import { Analytics } from '@segment/analytics-node';\n")}`);
    assert.deepEqual(added.map((f) => [f.vendor, f.baselined ?? false]), [['mixpanel', true], ['segment', false]]);
  });

  it('hides them with baselinedFindings: hide, and marks nothing without a baseline', async () => {
    const hiding = new Workspace({ root, workers: 0, cacheDir: null, baseline: 'privacy-lens-baseline.json', baselinedFindings: 'hide' });
    assert.deepEqual((await hiding.scan()).findings, []);
    const none = new Workspace({ root, workers: 0, cacheDir: null });
    assert.ok((await none.scan()).findings.every((f) => f.baselined === undefined));
    const broken = new Workspace({ root, workers: 0, cacheDir: null, baseline: 'data-inventory.yaml' });
    assert.equal(broken.hasBaseline, false);
    assert.ok(readFileSync(join(root, 'privacy-lens-baseline.json'), 'utf8').includes('"fingerprint"'));
  });
});
