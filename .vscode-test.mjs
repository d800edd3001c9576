// Configuration for @vscode/test-cli (`vscode-test`, Node 22+) on machines that can download VS Code.
// Offline, the same suite runs inside code-server: see test/e2e/README.md.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  label: 'in-host',
  files: 'out/test/suite/**/*.test.js',
  workspaceFolder: './test/e2e/workspace',
  version: '1.90.0',
  mocha: { ui: 'bdd', timeout: 60000 },
});
