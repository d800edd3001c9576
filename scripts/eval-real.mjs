// The real-application evaluation: scores the engine on open-source applications laid out under
// DIR/<app> at the commits pinned in eval/real/<app>.json (see scripts/real-apps.mjs), against
// labels written by reading each application before the engine was run on it.
//
// Per app: flow recall (a labelled flow is found when a flow the engine reports on that line, or
// spanning it, goes to the labelled vendor or host with every labelled category), non-flows
// flagged, vendor recall (a labelled vendor is found when the engine reports it anywhere in the
// app: a flow or a call without personal data), and, for apps whose engine flows were reviewed by
// hand (`review` in the labels), precision = flows judged true / flows reviewed.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const KINDS = new Set(['vendor', 'http', 'log']);
// Files of eval/real that are not an app's labels: label corrections, and the judged sample of
// every rule's findings (scripts/sample-findings.mjs).
const NOT_LABELS = new Set(['vendor-aliases.json', 'rule-review.json']);

function hostMatches(pattern, host) {
  if (!host) return false;
  if (pattern === host) return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) || host === pattern.slice(2);
  return host.endsWith(`.${pattern}`);
}

function covers(flowCategories, wanted) {
  return flowCategories.some((c) => c === wanted || c.startsWith(`${wanted}.`));
}

/** True when the engine flow `flow` is the labelled one: same destination, every labelled category. */
export function realFlowMatches(label, flow) {
  if (label.kind === 'log') {
    if (flow.kind !== 'log') return false;
  } else if (label.kind === 'vendor') {
    if (flow.vendor !== label.target) return false;
  } else {
    const anyHost = label.target === 'unknown' || label.target === 'dynamic';
    const relative = label.target === 'relative' && (flow.hostStatus === 'relative' || (flow.kind === 'http' && flow.host === undefined && flow.hostStatus !== 'dynamic'));
    const ok = (anyHost && (flow.kind === 'http' || flow.kind === 'unresolved')) || relative || hostMatches(label.target, flow.host) || flow.vendor === label.target;
    if (!ok) return false;
  }
  return (label.categories ?? []).every((c) => covers(flow.categories, c));
}

function onLine(flows, line) {
  return flows.filter((f) => f.line === line || (f.line <= line && line <= (f.endLine ?? f.line)));
}

function describe(f) {
  const to = f.kind === 'log' ? 'log' : f.kind === 'http' ? (f.host ?? `(${f.hostStatus ?? 'unknown'} host)`) : (f.vendor ?? f.kind);
  return `${f.kind} ${to} ${f.categories.join(',') || '-'} (${f.callee} at ${f.line}:${f.column})`;
}

/**
 * The label files of eval/real: `{ app, repository, commit, vendors, flows, nonFlows, review? }`,
 * with the vendor ids of vendor-aliases.json (the same service, named differently by a labeller)
 * mapped to the catalog's.
 */
export function readRealLabels(labelsDir) {
  if (!existsSync(labelsDir)) return [];
  const aliasFile = join(labelsDir, 'vendor-aliases.json');
  const aliases = existsSync(aliasFile) ? JSON.parse(readFileSync(aliasFile, 'utf8')).aliases ?? {} : {};
  const id = (v) => aliases[v] ?? v;
  return readdirSync(labelsDir)
    .filter((f) => f.endsWith('.json') && !NOT_LABELS.has(f))
    .sort()
    .map((f) => {
      const label = JSON.parse(readFileSync(join(labelsDir, f), 'utf8'));
      const target = (l) => (l.kind === 'vendor' ? { ...l, target: id(l.target) } : l);
      return {
        app: f.slice(0, -5),
        ...label,
        vendors: (label.vendors ?? []).map((v) => ({ ...v, id: id(v.id) })),
        flows: (label.flows ?? []).map(target),
        nonFlows: (label.nonFlows ?? []).map(target),
      };
    });
}

/** Problems with a label file (unknown kinds, patterns or categories, files that do not exist). */
export function checkLabels(label, root, categories, patterns) {
  const problems = [];
  const check = (l, where, isFlow) => {
    if (!KINDS.has(l.kind)) problems.push(`${where}: unknown kind ${l.kind}`);
    if (l.pattern && !patterns.includes(l.pattern)) problems.push(`${where}: unknown pattern ${l.pattern}`);
    if (isFlow) for (const c of l.categories ?? []) if (!categories.has(c)) problems.push(`${where}: unknown category ${c}`);
    if (root && !existsSync(join(root, l.file))) problems.push(`${where}: no file ${l.file}`);
  };
  (label.flows ?? []).forEach((l, i) => check(l, `flows[${i}] ${l.file}:${l.line}`, true));
  (label.nonFlows ?? []).forEach((l, i) => check(l, `nonFlows[${i}] ${l.file}:${l.line}`, false));
  return problems;
}

/** Runs the engine over one laid-out app and scores it against its labels. */
export async function evaluateRealApp(engine, label, root, { categories, patterns, workers, includeTests = false }) {
  const result = { app: label.app, files: 0, flows: [], nonFlows: [], vendors: [], unlabelled: [], reviewed: null, problems: [], engineFlows: [], seconds: 0 };
  if (!existsSync(root)) {
    result.problems.push(`not laid out at ${root} (node scripts/real-apps.mjs --from CLONES --out DIR)`);
    return result;
  }
  result.problems.push(...checkLabels(label, root, categories, patterns));
  const started = Date.now();
  const workspace = new engine.Workspace({ root, workers, cacheDir: null, includeTests });
  const outcomes = await workspace.analyze();
  result.seconds = (Date.now() - started) / 1000;
  result.files = outcomes.length;
  const facts = engine.factsOf(outcomes);
  result.notAnalysed = engine.skippedOf(outcomes).length;
  const flowsByFile = engine.workspaceFlows(facts, workspace.modules);
  const seenVendors = new Set();
  for (const f of facts) for (const u of f.vendorUses ?? []) seenVendors.add(u.vendor);
  for (const [file, flows] of flowsByFile) {
    for (const f of flows) {
      if (f.vendor) seenVendors.add(f.vendor);
      result.engineFlows.push({ file, line: f.line, kind: f.kind, vendor: f.vendor, host: f.host, hostStatus: f.hostStatus, categories: f.categories, callee: f.callee });
    }
  }
  const used = new Set();
  for (const l of label.flows ?? []) {
    const here = onLine(flowsByFile.get(l.file) ?? [], l.line);
    const hit = here.filter((f) => realFlowMatches(l, f));
    hit.forEach((f) => used.add(f));
    result.flows.push({ ...l, found: hit.length > 0, engine: here.map(describe) });
  }
  for (const l of label.nonFlows ?? []) {
    const here = onLine(flowsByFile.get(l.file) ?? [], l.line).filter((f) => f.kind !== 'unresolved');
    here.forEach((f) => used.add(f));
    result.nonFlows.push({ ...l, falsePositive: here.length > 0, engine: here.map(describe) });
  }
  const maybeLines = new Set((label.maybe ?? []).map((m) => `${m.file}:${m.line}`));
  const labelledLines = new Set((label.flows ?? []).map((l) => `${l.file}:${l.line}`));
  for (const [file, flows] of flowsByFile) {
    for (const f of flows) {
      if (used.has(f) || maybeLines.has(`${file}:${f.line}`) || labelledLines.has(`${file}:${f.line}`)) continue;
      result.unlabelled.push({ file, line: f.line, flow: describe(f) });
    }
  }
  for (const v of label.vendors ?? []) result.vendors.push({ id: v.id, name: v.name, found: seenVendors.has(v.id) });
  const review = Array.isArray(label.review) ? label.review : label.review?.flows;
  if (Array.isArray(review)) result.reviewed = reviewPrecision(review, result.engineFlows);
  return result;
}

/**
 * Precision on an app whose engine flows were reviewed by hand: each review entry names a flow
 * (file, line, kind, vendor or host) and a verdict. Engine flows without an entry are listed as
 * not reviewed (a new build's new flows): they are neither true nor false until someone reads them.
 */
function reviewPrecision(review, engineFlows) {
  const keyOf = (f) => `${f.file}:${f.line}:${f.kind}:${f.vendor ?? f.host ?? ''}`;
  const verdicts = new Map(review.map((r) => [keyOf(r), r]));
  let truePositives = 0;
  let falsePositives = 0;
  const notReviewed = [];
  const wrong = [];
  for (const f of engineFlows) {
    const r = verdicts.get(keyOf(f));
    if (!r) notReviewed.push(f);
    else if (r.verdict === true || r.verdict === 'true') truePositives++;
    else {
      falsePositives++;
      wrong.push({ ...f, note: r.note });
    }
  }
  const judged = truePositives + falsePositives;
  return { truePositives, falsePositives, notReviewed: notReviewed.length, precision: judged ? truePositives / judged : null, wrong, unreviewed: notReviewed };
}

function pct(n, d) {
  return d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`;
}

/** Totals over the apps. */
export function summariseReal(results) {
  const apps = results.map((r) => {
    const found = r.flows.filter((l) => l.found).length;
    const fp = r.nonFlows.filter((n) => n.falsePositive).length;
    const vFound = r.vendors.filter((v) => v.found).length;
    return {
      app: r.app, files: r.files, seconds: r.seconds, flows: r.flows.length, found, recall: r.flows.length ? found / r.flows.length : null,
      nonFlows: r.nonFlows.length, falsePositives: fp, vendors: r.vendors.length, vendorsFound: vFound,
      vendorRecall: r.vendors.length ? vFound / r.vendors.length : null, unlabelled: r.unlabelled.length, engineFlows: r.engineFlows.length,
      reviewedPrecision: r.reviewed?.precision ?? null, reviewedTrue: r.reviewed?.truePositives ?? null, reviewedFalse: r.reviewed?.falsePositives ?? null,
      notReviewed: r.reviewed?.notReviewed ?? null, notAnalysed: r.notAnalysed ?? 0,
    };
  });
  const sum = (k) => apps.reduce((n, a) => n + (a[k] ?? 0), 0);
  const reviewedApps = apps.filter((a) => a.reviewedPrecision !== null);
  const rTrue = reviewedApps.reduce((n, a) => n + a.reviewedTrue, 0);
  const rFalse = reviewedApps.reduce((n, a) => n + a.reviewedFalse, 0);
  const overall = {
    apps: apps.length, flows: sum('flows'), found: sum('found'), nonFlows: sum('nonFlows'), falsePositives: sum('falsePositives'),
    vendors: sum('vendors'), vendorsFound: sum('vendorsFound'), failedScans: results.filter((r) => r.failed).length,
    recall: sum('flows') ? sum('found') / sum('flows') : null,
    nonFlowPrecision: sum('found') + sum('falsePositives') ? sum('found') / (sum('found') + sum('falsePositives')) : null,
    vendorRecall: sum('vendors') ? sum('vendorsFound') / sum('vendors') : null,
    reviewedPrecision: rTrue + rFalse ? rTrue / (rTrue + rFalse) : null,
  };
  const patterns = {};
  for (const r of results) {
    for (const l of r.flows) {
      const p = (patterns[l.pattern ?? 'direct'] ??= { flows: 0, found: 0, nonFlows: 0, falsePositives: 0 });
      p.flows++;
      if (l.found) p.found++;
    }
    for (const n of r.nonFlows) {
      const p = (patterns[n.pattern ?? 'no-personal-data'] ??= { flows: 0, found: 0, nonFlows: 0, falsePositives: 0 });
      p.nonFlows++;
      if (n.falsePositive) p.falsePositives++;
    }
  }
  return {
    overall, apps, patterns,
    misses: results.flatMap((r) => r.flows.filter((l) => !l.found).map((l) => ({ app: r.app, ...l }))),
    falsePositives: results.flatMap((r) => r.nonFlows.filter((n) => n.falsePositive).map((n) => ({ app: r.app, ...n }))),
    vendorMisses: results.flatMap((r) => r.vendors.filter((v) => !v.found).map((v) => ({ app: r.app, ...v }))),
    wrong: results.flatMap((r) => (r.reviewed?.wrong ?? []).map((w) => ({ app: r.app, ...w }))),
    problems: results.flatMap((r) => r.problems.map((p) => `${r.app}: ${p}`)),
  };
}

/** The text report. */
export function printReal(s, o) {
  const line = (cols, widths) => cols.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  const w = [12, 6, 6, 6, 7, 5, 4, 8, 8, 7, 10];
  console.log(line(['app', 'files', 'flows', 'found', 'recall', 'non', 'FP', 'vendors', 'v.found', 'v.rec.', 'reviewed'], w));
  for (const a of s.apps) {
    const reviewed = a.reviewedPrecision === null ? '-' : `${pct(a.reviewedTrue, a.reviewedTrue + a.reviewedFalse).trim()}${a.notReviewed ? `+${a.notReviewed}?` : ''}`;
    console.log(line([a.app, a.files, a.flows, a.found, pct(a.found, a.flows), a.nonFlows, a.falsePositives, a.vendors, a.vendorsFound, pct(a.vendorsFound, a.vendors), reviewed], w));
  }
  const v = s.overall;
  console.log();
  const pw = [22, 6, 6, 7, 8, 6];
  console.log(line(['pattern', 'flows', 'found', 'recall', 'non-fl.', 'FP'], pw));
  for (const [p, x] of Object.entries(s.patterns).sort()) console.log(line([p, x.flows, x.found, pct(x.found, x.flows), x.nonFlows, x.falsePositives], pw));
  console.log();
  console.log(`overall: ${v.found}/${v.flows} labelled flows found (recall ${pct(v.found, v.flows).trim()}); ${v.falsePositives}/${v.nonFlows} non-flows flagged; `
    + `vendors ${v.vendorsFound}/${v.vendors} (recall ${pct(v.vendorsFound, v.vendors).trim()}); reviewed precision ${v.reviewedPrecision === null ? '-' : `${(100 * v.reviewedPrecision).toFixed(1)}%`}; failed scans ${v.failedScans}`);
  const limit = (list) => (o.misses < 0 ? list : list.slice(0, o.misses));
  if (s.falsePositives.length) {
    console.log('\nnon-flows flagged:');
    for (const f of s.falsePositives) console.log(`  ${f.app}/${f.file}:${f.line} [${f.pattern}] ${f.note ?? ''}\n      engine: ${f.engine.join(' | ')}`);
  }
  if (s.vendorMisses.length) {
    console.log(`\nvendors not found (${s.vendorMisses.length}):`);
    for (const m of limit(s.vendorMisses)) console.log(`  ${m.app}: ${m.id} (${m.name ?? ''})`);
  }
  if (s.wrong.length) {
    console.log('\nreviewed flows judged false:');
    for (const m of s.wrong) console.log(`  ${m.app}/${m.file}:${m.line} ${m.kind} ${m.vendor ?? m.host ?? ''} ${m.categories.join(',')} ${m.note ?? ''}`);
  }
  if (o.misses !== 0 && s.misses.length) {
    console.log(`\nmissed flows (${limit(s.misses).length} of ${s.misses.length}; --misses N, -1 for all):`);
    for (const m of limit(s.misses)) {
      console.log(`  ${m.app}/${m.file}:${m.line} [${m.pattern}] want ${m.kind} ${m.target} ${(m.categories ?? []).join(',')}${m.note ? `  (${m.note})` : ''}`);
      if (m.engine.length) console.log(`      engine: ${m.engine.join(' | ')}`);
    }
  }
  if (s.problems.length) {
    console.log('\nproblems with the labels or the layout:');
    for (const p of s.problems) console.log(`  ${p}`);
  }
}
