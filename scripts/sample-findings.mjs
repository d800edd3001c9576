#!/usr/bin/env node
// A reviewed random sample of every rule's findings on the real applications (eval/real).
//
//   node scripts/sample-findings.mjs (--real DIR [--save-findings FILE] | --from-findings FILE)
//                                    [--seed N] [--per-rule N] [--write [--build COMMIT]] [--json]
//                                    [--include-tests]
//
// --include-tests drafts and scans test code too, as builds before test code was left out did.
//
// --save-findings keeps every finding of the scans in FILE; --from-findings draws from such a file
// again without scanning (another seed, another sample size).
//
// Each app laid out under DIR/<app> is scanned with `dist/cli.js` twice, with two stated manifests:
//   minimal  `version: 1` and nothing else (all the schema requires): its undeclared-vendor,
//            undeclared-category, pii-in-logs, unknown-recipient and unresolved-flow findings;
//   emptied  the draft `privacy-lens init` writes for the app, with every vendor's `categories` and
//            `purposes` and every purpose's `categories` emptied (categories, purposes and their
//            paths are kept): its undeclared-sharing, undeclared-purpose and vendor-purpose-mismatch
//            findings.
// Each finding has a key: app, rule, file and message (and its rank among findings with the same
// four, for repeated messages), which line shifts do not change. Per rule, the sample is the
// --per-rule (15) findings whose keys have the smallest SHA-256 of `seed|key` (seed 20261202 unless
// --seed): a random sample that a new build changes only where its findings change (a new finding
// enters only if its hash is among the 15 smallest), so judgements carry over. Judgements are kept
// in eval/real/rule-review.json, matched back by key. The script prints per-rule precision of the
// sample (judged true over judged) and the sampled findings not yet judged; --write adds those
// to rule-review.json with `verdict: null`, for someone to read the code and judge, and records the
// build (--build, or the project's HEAD) the sample was drawn at.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';
import { readRealLabels } from './eval-real.mjs';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(projectRoot, 'dist', 'cli.js');
export const REVIEW_FILE = join(projectRoot, 'eval', 'real', 'rule-review.json');
export const DEFAULT_SEED = 20261202;
export const DEFAULT_PER_RULE = 15;

/** The rules sampled, each with the manifest its findings are taken from. */
export const SAMPLED_RULES = {
  'undeclared-vendor': 'minimal',
  'undeclared-category': 'minimal',
  'pii-in-logs': 'minimal',
  'unknown-recipient': 'minimal',
  'unresolved-flow': 'minimal',
  'undeclared-sharing': 'emptied',
  'undeclared-purpose': 'emptied',
  'vendor-purpose-mismatch': 'emptied',
};

/** What each manifest is, in words (recorded in rule-review.json). */
export const MANIFESTS = {
  minimal: 'version: 1 and nothing else (all the schema requires)',
  emptied: "the draft `privacy-lens init` writes for the app, with every vendor's categories and purposes and every purpose's categories emptied (top-level categories, purposes and their paths kept)",
};

/**
 * The `emptied` manifest: the init draft's text with every vendor's categories and purposes and every
 * purpose's categories emptied, so that each flow to a vendor is an undeclared sharing, each flow to
 * a vendor from code with a purpose a mismatch, and each category seen in a purpose's paths undeclared
 * for it.
 */
export function emptiedManifest(draftText) {
  const doc = parseDocument(draftText);
  const empty = { vendors: ['categories', 'purposes'], purposes: ['categories'] };
  for (const [key, fields] of Object.entries(empty)) {
    const list = doc.get(key);
    if (!list?.items) continue;
    for (const entry of list.items) for (const field of fields) if (entry?.has?.(field)) entry.set(field, doc.createNode([]));
  }
  return doc.toString();
}

// The facts cache of the scans is the temporary folder's, so that the second scan reuses the
// first's analysis and nothing is left in the user's cache.
function runCli(args, cache) {
  const env = { ...process.env, PRIVACY_LENS_CACHE: cache };
  return execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8', env, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Scans one app with both manifests; returns the findings of the sampled rules, each with `app`. */
export function scanApp(root, app, extra = []) {
  if (!existsSync(cli)) throw new Error(`${cli} is missing (run npm run build)`);
  const dir = mkdtempSync(join(tmpdir(), 'privacy-lens-sample-'));
  try {
    const manifests = { minimal: join(dir, 'minimal.yaml'), emptied: join(dir, 'emptied.yaml') };
    writeFileSync(manifests.minimal, 'version: 1\n');
    // The apps have no manifest of their own, so this is the draft of a first day.
    runCli(['init', root, '--output', join(dir, 'draft.yaml'), ...extra], join(dir, 'cache'));
    writeFileSync(manifests.emptied, emptiedManifest(readFileSync(join(dir, 'draft.yaml'), 'utf8')));
    const findings = [];
    for (const [name, file] of Object.entries(manifests)) {
      const result = JSON.parse(runCli(['scan', root, '--manifest', file, '--format', 'json', '--fail-on', 'none', ...extra], join(dir, 'cache')));
      for (const f of result.findings) {
        if (SAMPLED_RULES[f.rule] === name) findings.push({ app, rule: f.rule, file: f.file, line: f.line, column: f.column, message: f.message, fingerprint: f.fingerprint });
      }
    }
    return withKeys(findings);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Gives each finding its review key: app, rule, file and message, and, when several findings share
 * those, its rank among them in file order (`#2`, `#3`, ...).
 */
export function withKeys(findings) {
  const ordered = [...findings].sort(compareFindings);
  const seen = new Map();
  return ordered.map((f) => {
    const base = `${f.app}|${f.rule}|${f.file}|${f.message}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { ...f, key: n === 1 ? base : `${base}#${n}` };
  });
}

function compareFindings(a, b) {
  return a.app.localeCompare(b.app) || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.message.localeCompare(b.message);
}

/** A finding's place in the seeded random order: the SHA-256 of the seed and its key. */
export function sampleRank(seed, key) {
  return createHash('sha256').update(`${seed}|${key}`).digest('hex');
}

/** Per rule, the `perRule` findings of smallest rank (a seeded random sample, stable across builds). */
export function drawSample(findings, { seed = DEFAULT_SEED, perRule = DEFAULT_PER_RULE } = {}) {
  const sample = [];
  for (const rule of Object.keys(SAMPLED_RULES)) {
    const ranked = findings.filter((f) => f.rule === rule).map((f) => ({ f, rank: sampleRank(seed, f.key) }));
    ranked.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
    sample.push(...ranked.slice(0, perRule).map((r) => r.f));
  }
  return sample;
}

/** The judgements of rule-review.json, or an empty review. */
export function readRuleReview(file = REVIEW_FILE) {
  if (!existsSync(file)) return { seed: DEFAULT_SEED, perRule: DEFAULT_PER_RULE, manifests: MANIFESTS, findings: [] };
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * Per-rule precision of the sample (true over judged, among the sampled findings with a verdict),
 * the sampled findings that have no verdict yet, and how many judged findings the build no longer
 * reports (`gone`).
 */
export function scoreRuleReview(review, findings, sample) {
  const current = new Set(findings.map((f) => f.key));
  const verdicts = new Map(review.findings.filter((j) => typeof j.verdict === 'boolean').map((j) => [j.key, j]));
  const rules = {};
  for (const rule of Object.keys(SAMPLED_RULES)) rules[rule] = { findings: 0, judged: 0, true: 0, false: 0, gone: 0, notJudged: 0, precision: null };
  for (const f of findings) rules[f.rule].findings++;
  for (const j of verdicts.values()) if (rules[j.rule] && !current.has(j.key)) rules[j.rule].gone++;
  const notJudged = [];
  for (const f of sample) {
    const r = rules[f.rule];
    const j = verdicts.get(f.key);
    if (!j) {
      notJudged.push(f);
      r.notJudged++;
      continue;
    }
    r.judged++;
    r[j.verdict ? 'true' : 'false']++;
  }
  for (const r of Object.values(rules)) r.precision = r.judged ? r.true / r.judged : null;
  const judged = Object.values(rules).reduce((n, r) => n + r.judged, 0);
  const truePositives = Object.values(rules).reduce((n, r) => n + r.true, 0);
  return { rules, notJudged, judged, truePositives, precision: judged ? truePositives / judged : null };
}

/** The per-rule table. */
export function printRuleReview(score) {
  const line = (cols, widths) => cols.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  const w = [24, 8, 7, 5, 5, 10, 6, 10];
  const pct = (r) => (r.precision === null ? '-' : `${(100 * r.precision).toFixed(1)}%`);
  console.log(line(['rule (sample)', 'findings', 'judged', 'true', 'false', 'precision', 'gone', 'not judged'], w));
  for (const [rule, r] of Object.entries(score.rules)) console.log(line([rule, r.findings, r.judged, r.true, r.false, pct(r), r.gone, r.notJudged], w));
  console.log(`sampled findings: precision ${score.precision === null ? '-' : `${(100 * score.precision).toFixed(1)}%`} (${score.truePositives}/${score.judged}); `
    + `${score.notJudged.length} sampled findings of this build not yet judged; "gone": judged findings this build no longer reports`);
  for (const f of score.notJudged) console.log(`  not judged: ${f.app}/${f.file}:${f.line} ${f.rule}: ${f.message}`);
}

/** Scans every app of `apps` under `realRoot` and returns its findings, the sample and the score. */
export function ruleSample(realRoot, apps, { seed, perRule, review = readRuleReview(), log = () => {} } = {}) {
  const findings = [];
  for (const app of apps) {
    log(`sample-findings: ${app} ...`);
    findings.push(...scanApp(join(realRoot, app), app));
  }
  const sample = drawSample(findings, { seed: seed ?? review.seed, perRule: perRule ?? review.perRule });
  return { findings, sample, score: scoreRuleReview(review, findings, sample) };
}

function parseArgs(argv) {
  const o = { real: undefined, seed: undefined, perRule: undefined, write: false, json: false, build: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (argv[i + 1] === undefined) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--real') o.real = value();
    else if (a === '--seed') o.seed = integer(a, value());
    else if (a === '--per-rule') o.perRule = integer(a, value());
    else if (a === '--write') o.write = true;
    else if (a === '--build') o.build = value();
    else if (a === '--save-findings') o.saveFindings = value();
    else if (a === '--from-findings') o.fromFindings = value();
    else if (a === '--json') o.json = true;
    else if (a === '--include-tests') o.includeTests = true;
    else usage(a === '-h' || a === '--help' ? undefined : `unknown argument ${a}`);
  }
  if (!o.real && !o.fromFindings) usage('--real DIR (or --from-findings FILE) is required');
  return o;
}

function integer(flag, v) {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) usage(`${flag} takes a whole number, not ${v}`);
  return n;
}

function headCommit() {
  return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot, encoding: 'utf8' }).trim();
}

function usage(problem) {
  if (problem) console.error(`sample-findings: ${problem}`);
  console.error('usage: node scripts/sample-findings.mjs (--real DIR [--save-findings FILE] | --from-findings FILE) [--seed N] [--per-rule N] [--write [--build COMMIT]] [--json] [--include-tests]');
  process.exit(problem ? 2 : 0);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const review = readRuleReview();
  let findings;
  if (o.fromFindings) findings = JSON.parse(readFileSync(o.fromFindings, 'utf8'));
  else {
    const apps = readRealLabels(join(projectRoot, 'eval', 'real')).map((l) => l.app).filter((app) => existsSync(join(o.real, app)));
    findings = [];
    for (const app of apps) {
      if (!o.json) console.error(`sample-findings: ${app} ...`);
      findings.push(...scanApp(join(o.real, app), app, o.includeTests ? ['--include-tests'] : []));
    }
  }
  if (o.saveFindings) writeFileSync(o.saveFindings, JSON.stringify(findings));
  const sample = drawSample(findings, { seed: o.seed ?? review.seed, perRule: o.perRule ?? review.perRule });
  const score = scoreRuleReview(review, findings, sample);
  if (o.write) {
    const known = new Set(review.findings.map((j) => j.key));
    const added = sample.filter((f) => !known.has(f.key)).map(({ app, rule, file, line, message, key }) => ({ app, rule, file, line, message, key, verdict: null, note: '' }));
    const next = { ...review, build: o.build ?? review.build ?? headCommit(), seed: o.seed ?? review.seed, perRule: o.perRule ?? review.perRule, manifests: MANIFESTS, findings: [...review.findings, ...added] };
    writeFileSync(REVIEW_FILE, `${JSON.stringify(next, null, 2)}\n`);
    console.error(`sample-findings: ${added.length} sampled findings added to eval/real/rule-review.json without a verdict`);
  }
  if (o.json) console.log(JSON.stringify({ findings: findings.length, sample, score }, null, 2));
  else printRuleReview(score);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => {
    console.error(`sample-findings: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  });
}
