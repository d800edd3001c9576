#!/usr/bin/env node
// A long fuzzing campaign: `npm run fuzz -- --runs N [--seed S]` runs the property tests of
// test/unit/fuzz.test.ts: N generated or mutated manifests, N/10 edit sequences, N/50 file trees
// (the normal test run makes 200, 30 and 10).
// A failure prints fast-check's seed and path; `--seed S` replays the campaign that found it.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const value = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = value('--runs') ?? '10000';
const seed = value('--seed');
if (!/^\d+$/.test(runs) || (seed !== undefined && !/^-?\d+$/.test(seed))) {
  console.error('usage: npm run fuzz -- [--runs N] [--seed S]');
  process.exit(2);
}
const compile = spawnSync(process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-p', 'tsconfig.test.json'], { cwd: root, stdio: 'inherit' });
if (compile.status !== 0) process.exit(compile.status ?? 1);
const mocha = createRequire(import.meta.url).resolve('mocha/bin/mocha.js');
const started = Date.now();
const env = { ...process.env, PRIVACY_LENS_FUZZ_RUNS: runs, ...(seed === undefined ? {} : { PRIVACY_LENS_FUZZ_SEED: seed }) };
const run = spawnSync(process.execPath, [mocha, '--no-config', '--timeout', '0', 'out/test/unit/fuzz.test.js'], { cwd: root, stdio: 'inherit', env });
console.log(`fuzz: ${runs} manifests, ${Math.ceil(runs / 10)} edit sequences, ${Math.ceil(runs / 50)} file trees in ${Math.round((Date.now() - started) / 1000)} s${seed === undefined ? '' : ` (seed ${seed})`}`);
process.exit(run.status ?? 1);
