#!/usr/bin/env node
// Builds the benchmark corpus: real TypeScript sources from npm packages that ship their `src/`.
//
// The corpus lives outside the repository, in $PRIVACY_LENS_BENCH_DIR (default
// ~/.cache/privacy-lens-bench). Each package is fetched once with `npm pack` (pinned version), and
// only its `src/` TypeScript files (.ts, .tsx, .mts, .cts; no declaration files) are copied into
// corpus/<package>/, so the scan sees the authors' sources and no bundled dist/ JavaScript. A
// realistic data-inventory.yaml is written at the corpus root. Every step is skipped when its
// result is already there, so a second run needs no network.
//
// Usage: node scripts/bench-corpus.mjs        (prints the corpus composition)
//        import { ensureCorpus } from './bench-corpus.mjs'

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Pinned packages: about 2,100 files and 320k lines of TypeScript/TSX, close in shape to the
 * 270k-line, 2,087-file monorepo the performance targets refer to (a React app, an editor, SDKs, libraries).
 */
export const PACKAGES = [
  { name: 'tldraw', version: '5.1.1' },
  { name: '@tldraw/editor', version: '5.1.1' },
  { name: '@tldraw/utils', version: '5.1.1' },
  { name: '@tiptap/core', version: '3.34.0' },
  { name: 'ai', version: '6.0.326' },
  { name: '@ai-sdk/provider-utils', version: '4.0.66' },
  { name: 'rxjs', version: '7.8.2' },
  { name: '@reduxjs/toolkit', version: '2.14.0' },
  { name: '@trpc/server', version: '11.25.2' },
  { name: '@trpc/client', version: '11.25.2' },
  { name: '@tanstack/react-router', version: '1.170.46' },
  { name: 'mobx', version: '7.1.3' },
];

const SOURCE = /\.(ts|tsx|mts|cts)$/;
const DECLARATION = /\.d\.(ts|mts|cts)$/;

/** The benchmark folder: $PRIVACY_LENS_BENCH_DIR or ~/.cache/privacy-lens-bench. */
export function benchDir() {
  return process.env.PRIVACY_LENS_BENCH_DIR || join(homedir(), '.cache', 'privacy-lens-bench');
}

const MANIFEST = `# Data inventory of the benchmark corpus (a made-up product built on these libraries).
version: 1
system: Bench Workspace
policy:
  url: https://bench.example.com/privacy
  updated: 2024-01-31

categories:
  - user.name
  - user.contact.email
  - user.contact.phone_number
  - user.unique_id
  - user.device.ip_address
  - user.authorization.password
  - id: user.workspace.document
    description: Documents and drawings the user creates
    match: [document, drawing, shape]

purposes:
  - id: editor
    description: Let the user create and edit documents
    basis: contract
    categories: [user.name, user.unique_id, user.workspace.document]
    paths: ["tldraw/**", "tldraw__editor/**", "tiptap__core/**"]
  - id: ai-assistant
    description: Answer the user's prompts with a language model
    basis: consent
    categories: [user.name, user.contact.email, user.workspace.document]
    paths: ["ai/**", "ai-sdk__provider-utils/**"]
  - id: api
    description: Serve the product's API
    basis: contract
    categories: [user.name, user.contact.email, user.unique_id, user.authorization.password, user.device.ip_address]
    paths: ["trpc__server/**", "trpc__client/**"]
  - id: support
    description: Answer support requests
    basis: contract
    categories: [user.name, user.contact.email, user.contact.phone_number]
  - id: monitoring
    description: Find and fix errors
    basis: legitimate_interest
    categories: [user.unique_id, user.device.ip_address]

vendors:
  - id: openai
    purposes: [ai-assistant]
    categories: [user.workspace.document]
  - id: sentry
    purposes: [monitoring]
    categories: [user.unique_id, user.device.ip_address]
  - id: intercom
    purposes: [support]
    categories: [user.name, user.contact.email]
  - id: segment
    purposes: [editor]
    categories: [user.unique_id]

first_party:
  hosts: ["api.bench.example", "*.bench.internal"]
`;

/** The folder of a package in the corpus: `@scope/name` becomes `scope__name`. */
function folderOf(name) {
  return name.replace(/^@/, '').replace('/', '__');
}

function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const abs = join(dir, e.name);
    if (e.isDirectory()) walk(abs, out);
    else if (e.isFile()) out.push(abs);
  }
  return out;
}

function lineCount(path) {
  const text = readFileSync(path, 'utf8');
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return text.length > 0 && !text.endsWith('\n') ? n + 1 : n;
}

function fetchPackage(pkg, corpus, tarballs, log) {
  const target = join(corpus, folderOf(pkg.name));
  const marker = join(target, '.bench-complete');
  if (existsSync(marker)) return target;
  rmSync(target, { recursive: true, force: true });
  mkdirSync(tarballs, { recursive: true });
  const spec = `${pkg.name}@${pkg.version}`;
  const tarball = join(tarballs, `${folderOf(pkg.name)}-${pkg.version}.tgz`);
  if (!existsSync(tarball)) {
    log(`fetching ${spec}`);
    const out = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', tarballs], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const produced = join(tarballs, out.trim().split('\n').pop());
    if (produced !== tarball) cpSync(produced, tarball), rmSync(produced);
  }
  const tmp = mkdtempSync(join(tarballs, 'x-'));
  try {
    execFileSync('tar', ['xzf', tarball, '-C', tmp]);
    const src = join(tmp, 'package', 'src');
    if (!existsSync(src)) throw new Error(`${spec} ships no src/ folder`);
    let copied = 0;
    for (const file of walk(src)) {
      if (!SOURCE.test(file) || DECLARATION.test(file)) continue;
      const dest = join(target, 'src', relative(src, file));
      mkdirSync(join(dest, '..'), { recursive: true });
      cpSync(file, dest);
      copied++;
    }
    if (copied === 0) throw new Error(`${spec} ships no TypeScript sources in src/`);
    writeFileSync(join(target, 'package.json'), JSON.stringify({ name: pkg.name, version: pkg.version, private: true }, null, 2) + '\n');
    writeFileSync(marker, `${spec}\n`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return target;
}

/**
 * Makes sure the corpus is complete (fetching what is missing) and returns its composition:
 * { root, packages: [{ name, version, folder, files, lines }], files, lines, largest }.
 */
export function ensureCorpus({ log = (s) => process.stderr.write(`${s}\n`) } = {}) {
  const base = benchDir();
  const corpus = join(base, 'corpus');
  const tarballs = join(base, 'tarballs');
  mkdirSync(corpus, { recursive: true });
  const packages = [];
  let largest = { path: '', lines: 0 };
  for (const pkg of PACKAGES) {
    const folder = fetchPackage(pkg, corpus, tarballs, log);
    const files = walk(folder).filter((f) => SOURCE.test(f) && !DECLARATION.test(f));
    let lines = 0;
    for (const f of files) {
      const n = lineCount(f);
      lines += n;
      if (n > largest.lines) largest = { path: f, lines: n };
    }
    packages.push({ ...pkg, folder: folderOf(pkg.name), files: files.length, lines });
  }
  const manifest = join(corpus, 'data-inventory.yaml');
  if (!existsSync(manifest)) writeFileSync(manifest, MANIFEST);
  return {
    root: corpus,
    packages,
    files: packages.reduce((n, p) => n + p.files, 0),
    lines: packages.reduce((n, p) => n + p.lines, 0),
    largest,
  };
}

/** The non-test corpus file whose line count is closest to `lines` (the editor benchmark's document). */
export function fileNear(root, lines) {
  let best = { path: '', lines: 0, diff: Infinity };
  for (const f of walk(root)) {
    // A source module, not a test: what a developer most often edits.
    if (!SOURCE.test(f) || DECLARATION.test(f) || /(^|[/.])(test|tests|spec|__tests__)([/.]|$)/.test(relative(root, f)) || !statSync(f).isFile()) continue;
    const n = lineCount(f);
    const diff = Math.abs(n - lines);
    if (diff < best.diff) best = { path: f, lines: n, diff };
  }
  return { path: best.path, lines: best.lines };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const c = ensureCorpus();
  console.log(`corpus: ${c.root}`);
  for (const p of c.packages) console.log(`  ${`${p.name}@${p.version}`.padEnd(34)} ${String(p.files).padStart(5)} files ${String(p.lines).padStart(8)} lines`);
  console.log(`  ${'total'.padEnd(34)} ${String(c.files).padStart(5)} files ${String(c.lines).padStart(8)} lines`);
}

/** The ESLint the benchmark compares with, pinned: installed by `ensureEslint` into the bench folder, never the repo's. */
export const ESLINT_PACKAGES = ['eslint@9.39.5', '@typescript-eslint/parser@8.73.0', 'typescript@6.0.3'];

/** The flat config of the comparison: @typescript-eslint/parser for TypeScript files, and no rules at all. */
const ESLINT_CONFIG = `import parser from '@typescript-eslint/parser';
export default [{ files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'], languageOptions: { parser } }];
`;

/**
 * Installs the pinned ESLint and @typescript-eslint/parser into $PRIVACY_LENS_BENCH_DIR/eslint (once; a
 * second run needs no network) and writes its no-rules config. Returns { bin, config, versions }.
 */
export function ensureEslint({ log = (s) => process.stderr.write(`${s}\n`) } = {}) {
  const dir = join(benchDir(), 'eslint');
  const marker = join(dir, `.installed-${ESLINT_PACKAGES.join('+').replace(/[/@]/g, '_')}`);
  if (!existsSync(marker)) {
    log(`installing ${ESLINT_PACKAGES.join(' ')} into ${dir}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'privacy-lens-bench-eslint', private: true, type: 'module' }, null, 2) + '\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--save-exact', '--prefix', dir, ...ESLINT_PACKAGES], { stdio: ['ignore', 'ignore', 'inherit'] });
    writeFileSync(marker, `${ESLINT_PACKAGES.join('\n')}\n`);
  }
  const config = join(dir, 'eslint.config.mjs');
  writeFileSync(config, ESLINT_CONFIG);
  return { bin: join(dir, 'node_modules', 'eslint', 'bin', 'eslint.js'), config, versions: ESLINT_PACKAGES };
}

/**
 * A workspace of about `count` files cut from the corpus, for the scaling curve: an even spread
 * of its files when there are enough, else all of them and copies under copy-2/, copy-3/...
 * Built once into $PRIVACY_LENS_BENCH_DIR/scale/<count>. Returns { root, files, lines }.
 */
export function scaledCorpus(corpus, count) {
  const root = join(benchDir(), 'scale', String(count));
  const marker = join(root, '.bench-complete');
  const sources = walk(corpus.root).filter((f) => SOURCE.test(f) && !DECLARATION.test(f)).sort();
  if (!existsSync(marker)) {
    rmSync(root, { recursive: true, force: true });
    for (let i = 0; i < count; i++) {
      const from = sources[count <= sources.length ? Math.floor((i * sources.length) / count) : i % sources.length];
      const copy = Math.floor(i / sources.length);
      const dest = join(root, copy === 0 ? '' : `copy-${copy + 1}`, relative(corpus.root, from));
      mkdirSync(join(dest, '..'), { recursive: true });
      cpSync(from, dest);
    }
    cpSync(join(corpus.root, 'data-inventory.yaml'), join(root, 'data-inventory.yaml'));
    writeFileSync(marker, `${count}\n`);
  }
  const files = walk(root).filter((f) => SOURCE.test(f) && !DECLARATION.test(f));
  return { root, files: files.length, lines: files.reduce((n, f) => n + lineCount(f), 0) };
}
