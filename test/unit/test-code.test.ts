import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTestPath, scanWorkspace, Workspace } from '../../src/engine';
import { globNamesTestCode } from '../../src/engine/test-code';

const projectRoot = join(__dirname, '../../..');
const cli = join(projectRoot, 'dist/cli.js');
/** A workspace with product code and test code that both log an email. */
const fixture = join(projectRoot, 'test/fixtures/cases/test-code');
const TEST_FILES = ['e2e/signup.spec.ts', 'packages/test-utils/src/index.ts', 'src/__tests__/profile.ts', 'src/signup.test.ts'];

function run(args: string[], cwd = projectRoot): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, PRIVACY_LENS_CACHE: cache, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let cache: string;
before(() => {
  cache = mkdtempSync(join(tmpdir(), 'privacy-lens-tests-'));
});
after(() => rmSync(cache, { recursive: true, force: true }));

function filesWithFindings(findings: { file: string }[]): string[] {
  return [...new Set(findings.map((f) => f.file))].sort();
}

describe('test code', () => {
  describe('isTestPath', () => {
    const testCode = [
      'src/signup.test.ts', 'src/signup.spec.tsx', 'src/api.e2e.ts', 'test/app.e2e-spec.ts', 'src/Button.stories.tsx', 'src/Button.story.jsx',
      'cypress/component/Form.cy.ts', 'src/user.mock.ts', 'src/user.fixture.ts', 'src/types.test-d.ts',
      'src/__tests__/signup.ts', 'src/__mocks__/axios.js', 'src/__fixtures__/user.ts',
      'test/helpers.js', 'tests/api/users.ts', 'e2e/checkout.ts', 'cypress/support/commands.ts', 'playwright/login.ts',
      'spec/models/user.js', 'specs/user.js', 'src/fixtures/users.ts', 'mocks/handlers.ts', '.storybook/preview.ts', 'src/testing/harness.ts',
      'packages/test-helpers/src/index.ts', 'packages/test-utils/index.js', 'packages/testUtils/index.js', 'packages/e2e-tests/run.ts',
      'apps/web-e2e/src/app.cy.ts', 'apps/web-e2e/src/support/app.po.ts', 'packages/integration-tests/src/users.ts',
      'src/test-utils.tsx', 'src/testUtils.ts', 'src/setupTests.ts', 'jest.setup.js', 'vitest.setup.ts', 'app/tests/page.test.tsx', 'app/__tests__/routes.ts',
    ];
    const productCode = [
      'src/latest/feed.ts', 'src/contest.ts', 'src/attestation/sign.ts', 'src/testimonials/list.tsx', 'src/protest.ts',
      'src/inspect.ts', 'src/spectrum.ts', 'src/specification/load.ts', 'src/stories/StoryViewer.tsx', 'src/features/stories/feed.ts',
      'src/playwright-runner.ts', 'src/mocking-bird.ts', 'src/latest.ts',
      'src/ab-test/assign.ts', 'src/speed-test/run.ts', 'src/fixture-loader/index.ts', 'src/test.ts', 'src/e2ee/encrypt.ts', 'src/attest.ts',
      'apps/web/src/app/api/checker/test/tcp/route.ts', 'app/(dashboard)/testing/page.tsx',
    ];
    for (const path of testCode) it(`${path} is test code`, () => assert.equal(isTestPath(path), true));
    for (const path of productCode) it(`${path} is not`, () => assert.equal(isTestPath(path), false));

    it('reads a glob that names test code as a request for it, and a general glob as none', () => {
      for (const glob of ['e2e/**', '**/*.spec.ts', 'packages/test-utils/**', 'src/__tests__/**/*.ts', './cypress/']) assert.equal(globNamesTestCode(glob), true, glob);
      for (const glob of ['src/**', '**/*.ts', '**/*', 'packages/*/src/**', 'src/latest/**']) assert.equal(globNamesTestCode(glob), false, glob);
    });
  });

  describe('the scan', () => {
    it('leaves test code out by default and counts it; includeTests scans it', async () => {
      const without = await scanWorkspace({ root: fixture, workers: 0, cacheDir: null });
      assert.deepEqual(filesWithFindings(without.findings), ['src/attestation/sign.ts', 'src/contest.ts', 'src/latest/feed.ts', 'src/signup.ts']);
      assert.equal(without.filesScanned, 4);
      assert.equal(without.testFilesLeftOut, 4);
      const withTests = await scanWorkspace({ root: fixture, workers: 0, cacheDir: null, includeTests: true });
      assert.equal(withTests.filesScanned, 8);
      assert.equal(withTests.testFilesLeftOut, 0);
      for (const file of TEST_FILES) assert.ok(withTests.findings.some((f) => f.file === file && f.rule === 'pii-in-logs'), file);
    });

    it('says which files it left out, and keeps the test code the caller names or an include glob names', async () => {
      const session = new Workspace({ root: fixture, workers: 0, cacheDir: null });
      await session.scan();
      assert.deepEqual([...session.testFilesLeftOut].sort(), TEST_FILES);
      const named = await scanWorkspace({ root: fixture, workers: 0, cacheDir: null, keepTestPaths: ['src/signup.test.ts', 'e2e', 'src'] });
      assert.deepEqual(filesWithFindings(named.findings).filter((f) => TEST_FILES.includes(f)), ['e2e/signup.spec.ts', 'src/signup.test.ts'], 'a path that is not test code (src) keeps nothing');
      assert.equal(named.testFilesLeftOut, 2);
      const included = await scanWorkspace({ root: fixture, workers: 0, cacheDir: null, include: ['src/**', 'packages/test-utils/**'] });
      assert.deepEqual(filesWithFindings(included.findings).filter((f) => TEST_FILES.includes(f)), ['packages/test-utils/src/index.ts']);
      assert.equal(included.testFilesLeftOut, 2, 'src/signup.test.ts and src/__tests__/profile.ts: src/** does not name test code; e2e/ is not included at all');
    });

    it('tells the editor which open files it leaves out', () => {
      const session = new Workspace({ root: fixture, workers: 0, cacheDir: null });
      assert.equal(session.leavesOutAsTestCode('src/signup.test.ts'), true);
      assert.equal(session.leavesOutAsTestCode('src/signup.ts'), false);
      session.configure({ includeTests: true });
      assert.equal(session.leavesOutAsTestCode('src/signup.test.ts'), false);
    });
  });

  describe('the CLI', () => {
    it('scan says how many test files it left out and how to scan them; --include-tests scans them', () => {
      const r = run(['scan', fixture, '--no-cache']);
      assert.match(r.stdout, /^4 findings \(0 errors, 4 warnings, 0 info\) in 4 files scanned, 4 test files left out \(--include-tests scans them\)\.$/m);
      assert.doesNotMatch(r.stdout, /signup\.test\.ts/);
      const all = run(['scan', fixture, '--no-cache', '--include-tests']);
      assert.match(all.stdout, /^src\/signup\.test\.ts$/m);
      assert.match(all.stdout, /^8 findings \(0 errors, 8 warnings, 0 info\) in 8 files scanned\.$/m);
    });

    it('--format json carries testFilesLeftOut, and SARIF its run properties', () => {
      const json = JSON.parse(run(['scan', fixture, '--no-cache', '--format', 'json']).stdout);
      assert.equal(json.testFilesLeftOut, 4);
      assert.equal(json.filesScanned, 4);
      assert.equal(JSON.parse(run(['scan', fixture, '--no-cache', '--format', 'json', '--include-tests']).stdout).testFilesLeftOut, 0);
      const sarif = JSON.parse(run(['scan', fixture, '--no-cache', '--format', 'sarif']).stdout);
      assert.deepEqual(sarif.runs[0].properties, { testFilesLeftOut: 4 });
    });

    it('scans a test file named on the command line, as ESLint lints the files it is given', () => {
      const r = run(['scan', 'src/signup.test.ts', '--no-cache', '--format', 'json'], fixture);
      const out = JSON.parse(r.stdout);
      assert.deepEqual(filesWithFindings(out.findings), ['src/signup.test.ts']);
      assert.equal(out.testFilesLeftOut, 3);
    });

    it('init drafts from product code only and says what it left out', () => {
      const r = run(['init', fixture], projectRoot);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /4 test files left out of the draft \(--include-tests drafts from them too\)/);
      assert.doesNotMatch(run(['init', fixture, '--include-tests']).stderr, /left out/);
    });

    it('the README documents the switch, the setting and the JSON field', () => {
      const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
      for (const word of ['--include-tests', 'privacyLens.includeTests', 'testFilesLeftOut']) assert.ok(readme.includes(word), word);
    });
  });
});
