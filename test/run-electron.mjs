// Runs the in-host suite (out/test/suite) in a downloaded VS Code with @vscode/test-electron 2.x,
// for machines online (`npm run test:electron`). Offline, use `bash .ci/e2e.sh` (code-server).
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const workspace = join(mkdtempSync(join(tmpdir(), 'privacy-lens-ws-')), 'workspace');
cpSync(join(root, 'test/e2e/workspace'), workspace, { recursive: true });
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? '1.90.0',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out/test/suite/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  console.error(`in-host tests failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
