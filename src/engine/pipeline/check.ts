import { hostMatches, isLocalHost, type VendorIndex } from '../core/catalog';
import type { Annotation, FileFacts } from '../analysis/facts';
import type { Manifest } from '../manifest/types';
import type { PolicySource } from '../policy/source';
import { EMPTY_MODULE_MAP, type ModuleMap } from '../linking/module-map';
import { ModuleLinker, withoutReturnedData } from '../linking/link';
import { resolvePurpose } from '../purpose';
import { RULES } from '../rules';
import { interpolate, type Report, type ResolvedFlow, type ResolvedOccurrence, type RuleContext, type RuleModule } from '../rules/rule';
import type { Finding, Inventory, InventoryLocation, SeveritySetting, SkippedFile } from '../core/types';

/** Options of a rule check. */
export interface CheckOptions {
  vendors: VendorIndex;
  /** Whole-workspace scan: enables the unused-* rules. Defaults to false. */
  workspace?: boolean;
  /** Severity overrides by rule id, applied over the manifest's `rules:`. Defaults to {}. */
  severities?: Record<string, SeveritySetting>;
  /** Facts of other files of the workspace, for calls into them (the editor's last scan). Defaults to none. */
  knownFacts?: FileFacts[];
  /** tsconfig paths and workspace packages, to resolve imports. Defaults to none. */
  modules?: ModuleMap;
  /** The manifest's policy file, for the policy-drift rule (pass it once per workspace scan). Defaults to none: no policy-drift findings. */
  policy?: PolicySource;
}

/** Hosts that are always first party: this machine. */

/** What a check gives: findings, the inventory, and what could not be checked (an internal error, positioned). */
export interface CheckResult {
  findings: Finding[];
  inventory: Inventory;
  /** Files whose cross-module flows, or rules whose results, were lost to an internal error: the rest is reported. */
  skipped: SkippedFile[];
}

/** Runs every rule over the facts of some files, against a manifest: findings and the inventory. */
export function checkFacts(facts: FileFacts[], manifest: Manifest, options: CheckOptions): CheckResult {
  const known = new Map((options.knownFacts ?? []).map((f) => [f.file, f]));
  for (const f of facts) known.set(f.file, f);
  const linker = new ModuleLinker(known, options.modules ?? EMPTY_MODULE_MAP, options.vendors);
  const skipped: SkippedFile[] = [];
  const flows = facts.flatMap((f) => {
    let linked: FileFacts['flows'];
    try {
      linked = linker.flowsOf(f);
    } catch (e) {
      // One file's links are lost, not the scan: its own flows are still checked.
      skipped.push({ file: f.file, reason: `internal error while following its calls into other modules: ${describeError(e)}; only its own flows are checked`, line: 1, column: 1 });
      linked = f.flows.flatMap((flow) => withoutReturnedData(flow) ?? []);
    }
    return linked.map((flow) => resolveFlow(flow, f.file, manifest, options.vendors));
  });
  const occurrences = facts.flatMap((f) => f.occurrences.map((o) => resolveOccurrence(o, f.file, manifest)));
  const annotations = new Map(facts.map((f) => [f.file, f.annotations]));
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const severity = severityOf(rule, manifest, options.severities);
    if (severity === 'off') continue;
    const reported: Finding[] = [];
    try {
      const suppressedAt = (file: string, line: number) => suppressed({ rule: rule.meta.id, line }, annotations.get(file) ?? []);
      const base = { manifest, vendors: options.vendors, workspace: options.workspace ?? false, policy: options.policy, suppressed: suppressedAt };
      runRule(rule, base, facts, flows, occurrences, (r) => reported.push(toFinding(rule, severity, r)));
    } catch (e) {
      skipped.push({ file: manifest.file, reason: `internal error in rule ${rule.meta.id}: ${describeError(e)}; its findings are missing`, line: 1, column: 1 });
    }
    findings.push(...reported);
  }
  return { findings: findings.filter((f) => !suppressed(f, annotations.get(f.file) ?? [])).sort(compareFindings), inventory: inventoryOf(flows, occurrences, facts), skipped };
}

/** A rule's severity: the option's override, else the manifest's `rules:`, else the rule's default. */
export function severityOf(rule: RuleModule, manifest: Manifest, severities: Record<string, SeveritySetting> | undefined): SeveritySetting {
  return severities?.[rule.meta.id] ?? manifest.rules[rule.meta.id] ?? rule.meta.defaultSeverity;
}

/** What one rule decides about one flow or occurrence on its own (for explain): the findings it would report, before severity and suppression. */
export interface RuleVerdict {
  rule: RuleModule;
  severity: SeveritySetting;
  reported: Finding[];
}

/**
 * Runs each rule that looks at flows (or occurrences) over one resolved flow (or occurrence)
 * alone: the rules' own decisions, which explain turns into "reported" or "why not".
 */
export function verdictsOf(item: { flow: ResolvedFlow } | { occurrence: ResolvedOccurrence }, manifest: Manifest, options: Pick<CheckOptions, 'vendors' | 'severities'>): RuleVerdict[] {
  const out: RuleVerdict[] = [];
  for (const rule of RULES) {
    const severity = severityOf(rule, manifest, options.severities);
    const reported: Finding[] = [];
    // No place is suppressed here: explain says itself which comment suppresses a finding.
    const listener = rule.create({ manifest, vendors: options.vendors, workspace: false, suppressed: () => false, report: (r) => reported.push(toFinding(rule, severity === 'off' ? rule.meta.defaultSeverity : severity, r)) });
    if ('flow' in item && listener.flow) listener.flow(item.flow);
    else if ('occurrence' in item && listener.occurrence) listener.occurrence(item.occurrence);
    else continue;
    out.push({ rule, severity, reported });
  }
  return out;
}

function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function runRule(
  rule: RuleModule,
  base: Omit<RuleContext, 'report'>,
  facts: FileFacts[],
  flows: ResolvedFlow[],
  occurrences: ResolvedOccurrence[],
  report: (r: Report) => void,
): void {
  const listener = rule.create({ ...base, report });
  if (listener.file) facts.forEach((f) => listener.file!(f));
  if (listener.flow) flows.forEach((f) => listener.flow!(f));
  if (listener.occurrence) occurrences.forEach((o) => listener.occurrence!(o));
  listener.end?.({ flows, occurrences });
}

/** A flow with what the manifest says about its recipient and purpose. */
export function resolveFlow(flow: FileFacts['flows'][number], file: string, manifest: Manifest, vendors: VendorIndex): ResolvedFlow {
  const declaredVendor = flow.vendor ? manifest.vendors.find((v) => v.id === flow.vendor) : undefined;
  const { purpose, source } = resolvePurpose(manifest, file, flow.purposeAnnotation, declaredVendor?.id);
  const firstParty = flow.kind === 'http' && flow.hostStatus !== 'dynamic' && (flow.hostStatus === 'relative' || isFirstParty(flow.host, manifest));
  const vendorName = flow.vendor ? vendors.byId(flow.vendor)?.name ?? declaredVendor?.name : undefined;
  return { ...flow, file, declaredVendor, firstParty, vendorName, purpose, purposeSource: source };
}

function isFirstParty(host: string | undefined, manifest: Manifest): boolean {
  if (!host) return false;
  return isLocalHost(host) || manifest.firstPartyHosts.some((p) => hostMatches(p, host) || p === host);
}

/** An occurrence with its file and purpose. */
export function resolveOccurrence(o: FileFacts['occurrences'][number], file: string, manifest: Manifest): ResolvedOccurrence {
  const { purpose, source } = resolvePurpose(manifest, file, o.purposeAnnotation);
  return { ...o, file, purpose, purposeSource: source };
}

function toFinding(rule: RuleModule, severity: Finding['severity'], r: Report): Finding {
  const message = interpolate(rule.meta.messages[r.messageId ?? 'default'], r.data);
  const finding: Finding = {
    rule: rule.meta.id,
    severity,
    file: r.file,
    line: r.line,
    column: r.column,
    endLine: r.endLine,
    endColumn: r.endColumn,
    message,
  };
  if (r.categories?.length) finding.categories = r.categories;
  if (r.vendor) finding.vendor = r.vendor;
  if (r.purpose) finding.purpose = r.purpose;
  if (r.purpose && r.purposeSource) finding.purposeSource = r.purposeSource;
  if (r.host) finding.host = r.host;
  if (r.trace?.length) finding.trace = r.trace;
  if (r.related?.length) finding.related = r.related;
  return finding;
}

/** True when a `privacy-lens-ignore-*` comment suppresses the finding. */
function suppressed(f: Pick<Finding, 'rule' | 'line'>, annotations: Annotation[]): boolean {
  return suppressedBy(f, annotations) !== undefined;
}

/** The `privacy-lens-ignore-*` comment that suppresses a finding, if any. */
export function suppressedBy(f: Pick<Finding, 'rule' | 'line'>, annotations: Annotation[]): Annotation | undefined {
  return annotations.find((a) => {
    if (a.rules.length > 0 && !a.rules.includes(f.rule)) return false;
    if (a.kind === 'ignore-line') return a.line === f.line || a.endLine === f.line;
    if (a.kind === 'ignore-next-line') return a.endLine + 1 === f.line;
    return false;
  });
}

/**
 * Where each category is seen, and where each vendor is reached: with the categories it receives
 * (flows), or without personal data (imports, calls, requests and URLs of the vendor that carry
 * none), so that the inventory lists every vendor the code talks to. An import is listed only for
 * a file that reaches the vendor nowhere else.
 */
function inventoryOf(flows: ResolvedFlow[], occurrences: ResolvedOccurrence[], facts: FileFacts[]): Inventory {
  const inventory: Inventory = { categories: {}, vendors: {} };
  const seen = new Set<string>();
  for (const o of occurrences) {
    const key = `c|${o.category}|${o.file}|${o.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    (inventory.categories[o.category] ??= []).push(withPurpose({ file: o.file, line: o.line }, o.purpose));
  }
  const at = new Set<string>();
  for (const f of flows) {
    if (!f.vendor) continue;
    (inventory.vendors[f.vendor] ??= []).push(withPurpose({ file: f.file, line: f.line, categories: f.categories }, f.purpose));
    at.add(`${f.vendor}|${f.file}|${f.line}`);
  }
  for (const file of facts) {
    const uses = file.vendorUses ?? [];
    for (const u of uses) {
      if (at.has(`${u.vendor}|${file.file}|${u.line}`)) continue;
      if (u.how === 'import' && (uses.some((x) => x.vendor === u.vendor && x.how !== 'import') || flows.some((f) => f.vendor === u.vendor && f.file === file.file))) continue;
      at.add(`${u.vendor}|${file.file}|${u.line}`);
      (inventory.vendors[u.vendor] ??= []).push({ file: file.file, line: u.line, categories: [] });
    }
  }
  for (const list of Object.values(inventory.vendors)) list.sort((x, y) => x.file.localeCompare(y.file) || x.line - y.line);
  // Purposes the code's personal data is processed for (annotations, paths, a vendor's one purpose).
  const purposes: NonNullable<Inventory['purposes']> = {};
  for (const x of [...occurrences, ...flows]) {
    if (!x.purpose) continue;
    const key = `p|${x.purpose}|${x.file}|${x.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    (purposes[x.purpose] ??= []).push({ file: x.file, line: x.line });
  }
  if (Object.keys(purposes).length > 0) inventory.purposes = purposes;
  return inventory;
}

function withPurpose(location: InventoryLocation, purpose: string | undefined): InventoryLocation {
  if (purpose) location.purpose = purpose;
  return location;
}

/** Findings in file, line, column and rule order. */
export function compareFindings(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
}
