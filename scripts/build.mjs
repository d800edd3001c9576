// Bundles the extension, the CLI, the analysis worker and the parser with esbuild, and copies the
// manifest schema. The parser (typescript-estree with TypeScript, most of the size) is a bundle of
// its own that the others load on first use, so start-up and cached scans stay light.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A fingerprint of the engine's sources and data: cached facts of another build are never reused. */
function engineFingerprint(dir = 'src/engine', hash = createHash('sha1')) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) engineFingerprint(path, hash);
    else hash.update(path).update(readFileSync(path));
  }
  return hash;
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  minify: true,
  logLevel: 'warning',
  external: ['vscode'],
  define: { __ENGINE_BUILD__: JSON.stringify(engineFingerprint().digest('hex').slice(0, 12)) },
};

/** Resolves the engine's lazy `require('./estree')` to the separate dist/parser.js bundle. */
const parserAsSeparateBundle = {
  name: 'parser-as-separate-bundle',
  setup(b) {
    b.onResolve({ filter: /^\.\/estree$/ }, () => ({ path: './parser.js', external: true }));
  },
};

/**
 * typescript-estree's Converter, which the editor's incremental parse wraps
 * (src/engine/analysis/incremental-parse.ts), is internal: the package's exports do not list it,
 * so its path is resolved here, to the file the package's own entry bundles.
 */
const estreeInternals = {
  name: 'typescript-estree-internals',
  setup(b) {
    b.onResolve({ filter: /^@typescript-eslint\/typescript-estree\/dist\/convert\.js$/ }, async (args) => {
      const entry = await b.resolve('@typescript-eslint/typescript-estree', { kind: 'require-call', resolveDir: args.resolveDir });
      if (entry.errors.length > 0) return { errors: entry.errors };
      return { path: join(dirname(entry.path), 'convert.js') };
    });
  },
};

mkdirSync('dist', { recursive: true });
const app = { ...common, plugins: [parserAsSeparateBundle] };
await Promise.all([
  build({ ...app, entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.js' }),
  build({ ...app, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...app, entryPoints: ['src/engine/pipeline/worker.ts'], outfile: 'dist/worker.js' }),
  build({ ...common, plugins: [estreeInternals], entryPoints: ['src/engine/analysis/estree.ts'], outfile: 'dist/parser.js' }),
]);
chmodSync('dist/cli.js', 0o755);
copyFileSync('src/engine/data/data-inventory.schema.json', 'dist/data-inventory.schema.json');
