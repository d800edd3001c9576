#!/usr/bin/env node
// Privacy Lens evaluation: runs the engine over the labelled apps in eval/apps/ and measures
// recall and precision per pattern. See eval/README.md for the label grammar.
//
//   node scripts/eval.mjs [--app NAME] [--holdout] [--json] [--min-recall X] [--min-precision Y]
//                         [--misses N] [--no-build] [--include-tests]
//
// --include-tests scans test code too (the engine leaves it out by default, earlier builds did
// not): to compare recall with and without it.
//
// --holdout scores the held-out apps of eval/holdout/ instead: written after the engine's rules
// and never used to tune them, they tell how the engine does on code it was not fitted to.
// --real DIR scores the real open-source applications of eval/real/<app>.json, laid out under
// DIR/<app> by scripts/real-apps.mjs (see eval/README.md): the number that matters. With
// --rule-sample it also scans each app with the manifests of scripts/sample-findings.mjs and prints
// the per-rule precision of the judged random sample in eval/real/rule-review.json (slower: each
// app is drafted and scanned twice more).
//
// Exit code 0, unless --min-recall / --min-precision are given and missed (then 1), or a usage
// error or an engine that cannot be loaded (then 2). Problems with the corpus (a broken label, a
// fixture the engine could not parse, an invalid manifest) are printed, not fatal.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateRealApp, printReal, readRealLabels, summariseReal } from './eval-real.mjs';
import { printRuleReview, ruleSample } from './sample-findings.mjs';

const require = createRequire(import.meta.url);
const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
let appsDir = join(projectRoot, 'eval', 'apps');
const engineEntry = join(projectRoot, 'out', 'src', 'engine', 'index.js');

const KINDS = new Set(['vendor', 'http', 'log']);
export const PATTERNS = [
  'direct', 'destructuring', 'object-literal', 'template-literal', 'json-stringify', 'local-helper',
  'cross-module-wrapper', 'barrel-reexport', 'path-alias', 'workspace-package', 'class-injected-client',
  'class-field-client', 'callback', 'promise-chain', 'optional-chaining', 'spread-assign',
  'url-search-params', 'form-data', 'typed-parameter', 'zod-schema', 'orm-record', 'whole-record',
  'browser-global', 'jsx-form-input', 'react-hook', 'axios-baseurl', 'env-baseurl', 'graphql-client',
  'message-queue', 'email-sender', 'logger', 'dynamic-import',
  // shapes named by the real-application labels (eval/real)
  'factory-client', 'ai-sdk', 'job-trigger', 'file-upload', 'proxy-forward', 'collection-element', 'config-host',
  // non-flow patterns (decoys): values that look like, or sit next to, personal data but are not
  'no-personal-data', 'decoy-name', 'aggregate', 'hashed-or-redacted', 'vendor-id',
];
const SOURCE_EXT = /\.(?:[cm]?[jt]sx?)$/;

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const o = { app: undefined, json: false, minRecall: undefined, minPrecision: undefined, misses: 10, build: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === '--app') o.app = value();
    else if (a === '--json') o.json = true;
    else if (a === '--min-recall') o.minRecall = ratio(a, value());
    else if (a === '--min-precision') o.minPrecision = ratio(a, value());
    else if (a === '--misses') o.misses = Number.parseInt(value(), 10);
    else if (a === '--no-build') o.build = false;
    else if (a === '--include-tests') o.includeTests = true;
    else if (a === '--holdout') o.holdout = true;
    else if (a === '--real') o.real = value();
    else if (a === '--workers') o.workers = Number.parseInt(value(), 10);
    else if (a === '--dump-flows') o.dumpFlows = value();
    else if (a === '--rule-sample') o.ruleSample = true;
    else if (a === '-h' || a === '--help') usage();
    else usage(`unknown argument ${a}`);
  }
  return o;
}

function ratio(flag, v) {
  let n = Number(v.endsWith('%') ? v.slice(0, -1) : v);
  if (v.endsWith('%') || n > 1) n /= 100;
  if (!Number.isFinite(n) || n < 0 || n > 1) usage(`${flag} takes a number between 0 and 1 (or a percentage)`);
  return n;
}

function usage(problem) {
  const text = 'usage: node scripts/eval.mjs [--app NAME] [--holdout | --real DIR [--workers N] [--dump-flows FILE] [--rule-sample]] [--json] [--min-recall X] [--min-precision Y] [--misses N] [--no-build] [--include-tests]';
  if (problem) {
    console.error(`eval: ${problem}\n${text}`);
    process.exit(2);
  }
  console.log(text);
  process.exit(0);
}

// ---------------------------------------------------------------- engine

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function loadEngine(build, quiet) {
  const stale = !existsSync(engineEntry) || newestMtime(join(projectRoot, 'src', 'engine')) > statSync(engineEntry).mtimeMs;
  if (stale && build) {
    if (!quiet) console.error('eval: compiling the engine (npx tsc -p tsconfig.test.json) ...');
    try {
      execFileSync('npx', ['tsc', '-p', 'tsconfig.test.json'], { cwd: projectRoot, stdio: quiet ? 'pipe' : ['ignore', 'inherit', 'inherit'] });
    } catch {
      // tsc exits non-zero on type errors but still emits; go on if the entry exists.
      if (!existsSync(engineEntry)) {
        console.error('eval: the engine could not be compiled');
        process.exit(2);
      }
      console.error('eval: tsc reported errors; using what it emitted');
    }
  } else if (!existsSync(engineEntry)) {
    console.error(`eval: ${relative(projectRoot, engineEntry)} is missing (run npx tsc -p tsconfig.test.json)`);
    process.exit(2);
  }
  return require(engineEntry);
}

function knownCategories() {
  const taxonomy = JSON.parse(readFileSync(join(projectRoot, 'src', 'engine', 'data', 'taxonomy.json'), 'utf8'));
  const list = Array.isArray(taxonomy.categories) ? taxonomy.categories : Object.values(taxonomy.categories);
  return new Set(list.map((c) => c.fides_key ?? c.key ?? c.id).filter(Boolean));
}

// ---------------------------------------------------------------- labels

function listSources(dir, root = dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) listSources(p, root, out);
    else if (SOURCE_EXT.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(relative(root, p).split(sep).join('/'));
  }
  return out;
}

const LABEL = /expect-(flow|no-flow|maybe-flow)\b:?\s*(.*)$/;

/** The labels of one file: `{ kind: 'flow'|'no-flow'|'maybe', line, ... }`, and problems. */
export function parseLabels(text, file, categories) {
  const lines = text.split(/\r?\n/);
  const labels = [];
  const problems = [];
  let pending = []; // labels on their own line, waiting for the next code line
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const m = LABEL.exec(raw);
    if (!m) {
      if (pending.length && raw.trim() !== '' && !/^\s*(\/\/|\/\*|\*|\{\/\*)/.test(raw)) {
        for (const l of pending) labels.push({ ...l, line: i + 1 });
        pending = [];
      }
      continue;
    }
    const at = m.index;
    const commentStart = Math.max(raw.lastIndexOf('//', at), raw.lastIndexOf('/*', at));
    const before = commentStart >= 0 ? raw.slice(0, commentStart).replace(/\{\s*$/, '') : raw.slice(0, at);
    const trailing = before.trim() !== '';
    const body = m[2].replace(/\*\/\s*\}?\s*$/, '').trim();
    const parsed = parseLabel(m[1], body, categories);
    const where = `${file}:${i + 1}`;
    if (parsed.problem) {
      problems.push(`${where}: ${parsed.problem}: ${raw.trim()}`);
      continue;
    }
    const label = { ...parsed, file, labelLine: i + 1, text: raw.trim() };
    if (trailing) labels.push({ ...label, line: i + 1 });
    else pending.push(label);
  }
  for (const l of pending) problems.push(`${file}:${l.labelLine}: label above no code line`);
  return { labels, problems };
}

function parseLabel(type, body, categories) {
  const tokens = body.split(/\s+/).filter(Boolean);
  const options = {};
  const rest = [];
  for (const t of tokens) {
    const kv = /^([a-z-]+)=(.*)$/.exec(t);
    if (kv) options[kv[1]] = kv[2];
    else rest.push(t);
  }
  const pattern = options.pattern ?? (type === 'flow' ? 'direct' : 'no-personal-data');
  if (!PATTERNS.includes(pattern)) return { problem: `unknown pattern ${pattern}` };
  if (type === 'maybe-flow') return { type: 'maybe', pattern };
  if (type === 'no-flow') return { type: 'no-flow', pattern, note: rest.join(' ') };
  if (rest.length < 3) return { problem: 'expect-flow needs <kind> <target> <categories>' };
  const [kind, target, cats] = rest;
  if (!KINDS.has(kind)) return { problem: `unknown kind ${kind}` };
  const list = cats.split(',').filter(Boolean);
  const unknown = list.filter((c) => !categories.has(c));
  if (unknown.length) return { problem: `unknown categories ${unknown.join(',')}` };
  return { type: 'flow', kind, target, categories: list, pattern };
}

// ---------------------------------------------------------------- matching

function hostMatches(pattern, host) {
  if (!host) return false;
  if (pattern === host) return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  return false;
}

function covers(flowCategories, wanted) {
  return flowCategories.some((c) => c === wanted || c.startsWith(`${wanted}.`));
}

function flowMatches(label, flow) {
  if (flow.kind !== label.kind) return false;
  if (label.kind === 'vendor' && flow.vendor !== label.target) return false;
  if (label.kind === 'http') {
    const relativeHost = label.target === 'relative' && (flow.hostStatus === 'relative' || flow.host === undefined);
    const dynamicHost = label.target === 'dynamic' && flow.hostStatus === 'dynamic';
    if (!relativeHost && !dynamicHost && !hostMatches(label.target, flow.host) && flow.vendor !== label.target) return false;
  }
  return label.categories.every((c) => covers(flow.categories, c));
}

function describeFlow(f) {
  const to = f.kind === 'log' ? 'log' : f.kind === 'http' ? (f.host ?? `(${f.hostStatus ?? 'unknown'} host)`) : f.vendor;
  return `${f.kind} ${to} ${f.categories.join(',') || '-'} (${f.callee} at ${f.line}:${f.column})`;
}

function evaluateApp(engine, name, categories, includeTests = false) {
  const root = join(appsDir, name);
  const manifestFile = engine.readManifestFile(root);
  const result = { app: name, files: 0, labels: [], nonFlows: [], unlabelled: [], problems: [] };
  if (manifestFile.status !== 'ok') {
    result.problems.push(`data-inventory.yaml is ${manifestFile.status}: ${(manifestFile.errors ?? []).map((e) => `${e.line}:${e.column} ${e.message}`).join('; ')}`);
    return Promise.resolve(result);
  }
  const custom = new Set(manifestFile.manifest.categories.map((c) => (typeof c === 'string' ? c : c.id ?? c.key)).filter(Boolean));
  const allCategories = new Set([...categories, ...custom]);
  return engine.analyzeWorkspace({ root, workers: 0, cacheDir: null, includeTests }, manifestFile.manifest).then((outcomes) => {
    for (const s of engine.skippedOf(outcomes)) result.problems.push(`${s.file}${s.line ? `:${s.line}:${s.column}` : ''}: not analysed: ${s.reason}`);
    const flowsByFile = engine.workspaceFlows(engine.factsOf(outcomes), engine.readModuleMap(root));
    const files = listSources(root);
    result.files = files.length;
    for (const file of files) {
      const { labels, problems } = parseLabels(readFileSync(join(root, file), 'utf8'), file, allCategories);
      result.problems.push(...problems);
      const flows = flowsByFile.get(file) ?? [];
      const used = new Set();
      const byLine = new Map();
      for (const l of labels) byLine.set(l.line, [...(byLine.get(l.line) ?? []), l]);
      for (const l of labels.filter((x) => x.type === 'flow')) {
        const onLine = flows.filter((f) => f.line === l.line);
        const hit = onLine.filter((f) => flowMatches(l, f));
        hit.forEach((f) => used.add(f));
        result.labels.push({ app: name, file, line: l.line, kind: l.kind, target: l.target, categories: l.categories, pattern: l.pattern, found: hit.length > 0, engine: onLine.map(describeFlow), text: l.text });
      }
      for (const l of labels.filter((x) => x.type === 'no-flow')) {
        const onLine = flows.filter((f) => f.line === l.line);
        onLine.forEach((f) => used.add(f));
        result.nonFlows.push({ app: name, file, line: l.line, pattern: l.pattern, falsePositive: onLine.length > 0, engine: onLine.map(describeFlow) });
      }
      for (const f of flows) {
        if (used.has(f)) continue;
        const here = byLine.get(f.line) ?? [];
        if (here.some((l) => l.type === 'maybe' || l.type === 'flow')) continue; // maybe-lines; wrong-shape flows on labelled lines show up as misses
        result.unlabelled.push({ app: name, file, line: f.line, flow: describeFlow(f) });
      }
    }
    return result;
  });
}

// ---------------------------------------------------------------- report

function pct(n, d) {
  return d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`;
}

function summarise(results) {
  const labels = results.flatMap((r) => r.labels);
  const nonFlows = results.flatMap((r) => r.nonFlows);
  const unlabelled = results.flatMap((r) => r.unlabelled);
  const patterns = {};
  for (const p of PATTERNS) patterns[p] = { flows: 0, found: 0, nonFlows: 0, falsePositives: 0 };
  for (const l of labels) {
    patterns[l.pattern].flows++;
    if (l.found) patterns[l.pattern].found++;
  }
  for (const n of nonFlows) {
    patterns[n.pattern].nonFlows++;
    if (n.falsePositive) patterns[n.pattern].falsePositives++;
  }
  for (const p of Object.values(patterns)) {
    p.recall = p.flows ? p.found / p.flows : null;
    p.precision = p.found + p.falsePositives ? p.found / (p.found + p.falsePositives) : null;
  }
  const tp = labels.filter((l) => l.found).length;
  const fp = nonFlows.filter((n) => n.falsePositive).length;
  const overall = {
    flows: labels.length,
    found: tp,
    nonFlows: nonFlows.length,
    falsePositives: fp,
    unlabelled: unlabelled.length,
    recall: labels.length ? tp / labels.length : null,
    precision: tp + fp + unlabelled.length ? tp / (tp + fp + unlabelled.length) : null,
    precisionLabelledLines: tp + fp ? tp / (tp + fp) : null,
  };
  const apps = results.map((r) => {
    const t = r.labels.filter((l) => l.found).length;
    const f = r.nonFlows.filter((n) => n.falsePositive).length;
    return {
      app: r.app, files: r.files, flows: r.labels.length, found: t, nonFlows: r.nonFlows.length, falsePositives: f, unlabelled: r.unlabelled.length,
      recall: r.labels.length ? t / r.labels.length : null, precision: t + f + r.unlabelled.length ? t / (t + f + r.unlabelled.length) : null,
    };
  });
  return { overall, apps, patterns, misses: labels.filter((l) => !l.found), falsePositives: nonFlows.filter((n) => n.falsePositive), unlabelled, problems: results.flatMap((r) => r.problems.map((p) => `${r.app}/${p}`)) };
}

function printText(s, o) {
  const line = (cols, widths) => cols.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  const w = [22, 6, 6, 7, 6, 6, 7, 8, 9];
  console.log(line(['app', 'files', 'flows', 'found', 'recall', 'non', 'FP', 'unlab.', 'precision'], w));
  for (const a of s.apps) console.log(line([a.app, a.files, a.flows, a.found, pct(a.found, a.flows), a.nonFlows, a.falsePositives, a.unlabelled, pct(a.found, a.found + a.falsePositives + a.unlabelled)], w));
  console.log();
  const pw = [22, 6, 6, 7, 8, 6, 9];
  console.log(line(['pattern', 'flows', 'found', 'recall', 'non-fl.', 'FP', 'precision'], pw));
  for (const [p, x] of Object.entries(s.patterns)) {
    if (!x.flows && !x.nonFlows) continue;
    console.log(line([p, x.flows, x.found, pct(x.found, x.flows), x.nonFlows, x.falsePositives, pct(x.found, x.found + x.falsePositives)], pw));
  }
  const v = s.overall;
  console.log();
  console.log(`overall: ${v.found}/${v.flows} labelled flows found (recall ${pct(v.found, v.flows).trim()}); `
    + `${v.falsePositives}/${v.nonFlows} non-flows flagged; ${v.unlabelled} unlabelled flows; `
    + `precision ${pct(v.found, v.found + v.falsePositives + v.unlabelled).trim()} `
    + `(labelled lines only: ${pct(v.found, v.found + v.falsePositives).trim()})`);
  if (s.falsePositives.length) {
    console.log('\nfalse positives (flows on expect-no-flow lines):');
    for (const f of s.falsePositives) console.log(`  ${f.app}/${f.file}:${f.line} [${f.pattern}]  ${f.engine.join(' | ')}`);
  }
  if (s.unlabelled.length) {
    console.log('\nunlabelled flows:');
    for (const u of s.unlabelled) console.log(`  ${u.app}/${u.file}:${u.line}  ${u.flow}`);
  }
  if (o.misses !== 0 && s.misses.length) {
    const shown = o.misses < 0 ? s.misses : s.misses.slice(0, o.misses);
    console.log(`\nmissed flows (${shown.length} of ${s.misses.length}; --misses N, -1 for all):`);
    for (const m of shown) {
      console.log(`  ${m.app}/${m.file}:${m.line} [${m.pattern}] want ${m.kind} ${m.target} ${m.categories.join(',')}`);
      console.log(`      ${m.text}`);
      if (m.engine.length) console.log(`      engine: ${m.engine.join(' | ')}`);
    }
  }
  if (s.problems.length) {
    console.log('\nproblems with the corpus:');
    for (const p of s.problems) console.log(`  ${p}`);
  }
}

// ---------------------------------------------------------------- main

async function mainReal(o) {
  if (o.ruleSample && o.app) usage('--rule-sample draws its sample across all apps: leave out --app');
  const labels = readRealLabels(join(projectRoot, 'eval', 'real')).filter((l) => !o.app || l.app === o.app);
  if (labels.length === 0) usage(o.app ? `no labels eval/real/${o.app}.json` : 'no labels in eval/real');
  const engine = loadEngine(o.build, o.json);
  const categories = knownCategories();
  const results = [];
  for (const label of labels) {
    if (!o.json) console.error(`eval: ${label.app} ...`);
    try {
      results.push(await evaluateRealApp(engine, label, join(o.real, label.app), { categories, patterns: PATTERNS, workers: o.workers, includeTests: o.includeTests === true }));
    } catch (e) {
      results.push({ app: label.app, failed: true, files: 0, flows: (label.flows ?? []).map((l) => ({ ...l, found: false, engine: [] })), nonFlows: [], vendors: (label.vendors ?? []).map((v) => ({ ...v, found: false })), unlabelled: [], reviewed: null, engineFlows: [], problems: [`the scan failed: ${e instanceof Error ? e.message : String(e)}`] });
    }
  }
  const summary = summariseReal(results);
  if (o.ruleSample) {
    const apps = results.filter((r) => !r.failed && r.files > 0).map((r) => r.app);
    const { score } = ruleSample(o.real, apps, { log: o.json ? undefined : (m) => console.error(m) });
    summary.ruleSample = { ...score, notJudged: score.notJudged.map(({ app, rule, file, line, message }) => ({ app, rule, file, line, message })) };
  }
  if (o.dumpFlows) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(o.dumpFlows, JSON.stringify(Object.fromEntries(results.map((r) => [r.app, { engineFlows: r.engineFlows, unlabelled: r.unlabelled }])), null, 2));
  }
  if (o.json) console.log(JSON.stringify(summary, null, 2));
  else {
    printReal(summary, o);
    if (summary.ruleSample) {
      console.log('\nper-rule precision of the judged random sample (eval/real/rule-review.json, scripts/sample-findings.mjs):');
      printRuleReview(summary.ruleSample);
    }
  }
  let code = 0;
  if (o.minRecall !== undefined && (summary.overall.recall ?? 0) < o.minRecall) code = 1;
  if (o.minPrecision !== undefined && (summary.overall.reviewedPrecision ?? 0) < o.minPrecision) code = 1;
  process.exit(code);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.real) return mainReal(o);
  if (o.holdout) appsDir = join(projectRoot, 'eval', 'holdout');
  const apps = readdirSync(appsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  if (o.app && !apps.includes(o.app)) usage(`no app ${o.app} (apps: ${apps.join(', ')})`);
  const engine = loadEngine(o.build, o.json);
  const categories = knownCategories();
  const results = [];
  for (const app of o.app ? [o.app] : apps) results.push(await evaluateApp(engine, app, categories, o.includeTests === true));
  const summary = summarise(results);
  if (o.json) console.log(JSON.stringify(summary, null, 2));
  else printText(summary, o);
  let code = 0;
  if (o.minRecall !== undefined && (summary.overall.recall ?? 0) < o.minRecall) {
    console.error(`eval: recall ${summary.overall.recall?.toFixed(3)} is below --min-recall ${o.minRecall}`);
    code = code || 1;
  }
  if (o.minPrecision !== undefined && (summary.overall.precision ?? 0) < o.minPrecision) {
    console.error(`eval: precision ${summary.overall.precision?.toFixed(3)} is below --min-precision ${o.minPrecision}`);
    code = code || 1;
  }
  process.exit(code);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
