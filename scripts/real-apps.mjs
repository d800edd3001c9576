#!/usr/bin/env node
// Lays out the real applications of the evaluation (eval/real/<app>.json) from local git clones,
// each at the commit its labels were written for. The applications' source is never committed
// to this repository: this script recreates it on the machine that scores the engine.
//
//   node scripts/real-apps.mjs --from CLONES --out DIR [--app NAME]
//
// CLONES/<app> (or CLONES/<owner>+<name>, or CLONES/<name>) is a clone of the app's repository
// (bare or not) that has the pinned commit. DIR/<app> receives its tree at that commit. Blobs the
// clone lacks (partial clones, snapshots without large files) are listed and skipped; the labels
// never point into them (they are source files).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readRealLabels } from './eval-real.mjs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const labelsDir = join(root, 'eval', 'real');

function usage(message) {
  if (message) console.error(`real-apps: ${message}`);
  console.error('usage: node scripts/real-apps.mjs --from CLONES --out DIR [--app NAME] [--list]');
  process.exit(message ? 2 : 0);
}

function parseArgs(argv) {
  const o = { from: undefined, out: undefined, app: undefined, list: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i] ?? usage(`${a} needs a value`);
    if (a === '--from') o.from = resolve(value());
    else if (a === '--out') o.out = resolve(value());
    else if (a === '--app') o.app = value();
    else if (a === '--list') o.list = true;
    else if (a === '-h' || a === '--help') usage();
    else usage(`unknown argument ${a}`);
  }
  return o;
}

function gitDirOf(clone) {
  for (const candidate of [join(clone, '.git'), join(clone, 'repo'), clone]) {
    if (existsSync(join(candidate, 'HEAD')) && existsSync(join(candidate, 'objects'))) return candidate;
  }
  return undefined;
}

function findClone(from, label) {
  const [owner, name] = new URL(label.repository).pathname.replace(/^\/|\.git$/g, '').split('/');
  for (const dir of [label.app, `${owner}+${name}`, name]) {
    const gitDir = gitDirOf(join(from, dir));
    if (gitDir) return gitDir;
  }
  return undefined;
}

function lsTree(gitDir, commit) {
  const out = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-z', '--full-tree', commit], {
    maxBuffer: 1 << 30,
  });
  const entries = [];
  for (const record of out.toString('utf8').split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, type, oid] = record.slice(0, tab).split(' ');
    if (type === 'blob' && mode !== '120000') entries.push({ mode, oid, path: record.slice(tab + 1) });
  }
  return entries;
}

/** Writes every blob of `entries` under `dest` with one `git cat-file --batch`; returns the paths whose blob is missing. */
function writeBlobs(gitDir, entries, dest) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const missing = [];
    let index = 0;
    let buffer = Buffer.alloc(0);
    let want = -1; // bytes of the current object still to read (plus its trailing newline)
    child.stdout.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (want < 0) {
          const nl = buffer.indexOf(10);
          if (nl < 0) return;
          const header = buffer.subarray(0, nl).toString('utf8');
          buffer = buffer.subarray(nl + 1);
          if (header.endsWith(' missing')) {
            missing.push(entries[index++].path);
            continue;
          }
          want = Number(header.split(' ')[2]);
        }
        if (buffer.length < want + 1) return;
        const entry = entries[index++];
        const file = join(dest, entry.path);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, buffer.subarray(0, want), { mode: entry.mode === '100755' ? 0o755 : 0o644 });
        buffer = buffer.subarray(want + 1);
        want = -1;
      }
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 && index === entries.length ? resolvePromise(missing) : reject(new Error(`git cat-file exited ${code}`)),
    );
    child.stdin.end(entries.map((e) => e.oid).join('\n') + '\n');
  });
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const labels = readRealLabels(labelsDir).filter((l) => !o.app || l.app === o.app);
  if (o.list) {
    for (const l of labels) console.log(`${l.app}\t${l.repository}\t${l.commit}`);
    return;
  }
  if (!o.from || !o.out) usage('--from and --out are needed');
  if (labels.length === 0) usage(o.app ? `no labels for ${o.app} in eval/real` : 'no labels in eval/real');
  let failed = 0;
  for (const label of labels) {
    const gitDir = findClone(o.from, label);
    if (!gitDir) {
      console.error(`${label.app}: no clone of ${label.repository} under ${o.from}`);
      failed++;
      continue;
    }
    try {
      execFileSync('git', ['--git-dir', gitDir, 'cat-file', '-e', `${label.commit}^{commit}`], { stdio: 'ignore' });
    } catch {
      console.error(`${label.app}: ${gitDir} does not have commit ${label.commit} (fetch it first)`);
      failed++;
      continue;
    }
    const dest = join(o.out, label.app);
    rmSync(dest, { recursive: true, force: true });
    mkdirSync(dest, { recursive: true });
    const entries = lsTree(gitDir, label.commit);
    const missing = await writeBlobs(gitDir, entries, dest);
    console.log(
      `${label.app}: ${entries.length - missing.length} files at ${label.commit.slice(0, 12)} in ${dest}` +
        (missing.length ? ` (${missing.length} blobs not in the clone, skipped: ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', ...' : ''})` : ''),
    );
  }
  if (failed) process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(`real-apps: ${err.message}`);
    process.exit(2);
  });
}
