// Bundles the extension, the CLI and the analysis worker with esbuild, and copies the manifest schema.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  minify: true,
  logLevel: 'warning',
  external: ['vscode'],
};

mkdirSync('dist', { recursive: true });
await Promise.all([
  build({ ...common, entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.js' }),
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['src/engine/worker.ts'], outfile: 'dist/worker.js' }),
]);
chmodSync('dist/cli.js', 0o755);
copyFileSync('src/engine/data/data-inventory.schema.json', 'dist/data-inventory.schema.json');
