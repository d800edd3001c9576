/**
 * Baselines: the findings a team has accepted, by fingerprint, with who accepted each and why.
 * `scan --baseline` then reports only new findings, and counts the entries that are now fixed.
 */
import type { Finding } from '../core/types';

/** One accepted finding. */
export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  file: string;
  message: string;
  vendor?: string;
  host?: string;
  categories?: string[];
  /** Who accepted the finding (free text: a name, a team, a ticket). */
  acceptedBy?: string;
  /** Why it is accepted. */
  reason?: string;
}

/** The baseline file (`privacy-lens-baseline.json`). */
export interface Baseline {
  version: 1;
  findings: BaselineEntry[];
}

/** What a baseline does to a scan's findings. */
export interface BaselineMatch {
  /** Findings not in the baseline, in scan order. */
  fresh: Finding[];
  /** Indexes (into the scan's findings) of the baselined ones. */
  baselined: number[];
  /** Baseline entries no finding matches any more. */
  fixed: BaselineEntry[];
}

/** Records findings as a baseline, keeping the decisions (`acceptedBy`, `reason`) of a previous one. */
export function createBaseline(findings: readonly Finding[], fingerprints: readonly string[], previous?: Baseline): Baseline {
  const before = new Map((previous?.findings ?? []).map((e) => [e.fingerprint, e]));
  const entries = findings.map((f, i): BaselineEntry => {
    const entry: BaselineEntry = { fingerprint: fingerprints[i], rule: f.rule, file: f.file, message: f.message };
    if (f.vendor) entry.vendor = f.vendor;
    if (f.host) entry.host = f.host;
    if (f.categories?.length) entry.categories = f.categories;
    const old = before.get(fingerprints[i]);
    if (old?.acceptedBy) entry.acceptedBy = old.acceptedBy;
    if (old?.reason) entry.reason = old.reason;
    return entry;
  });
  entries.sort((a, b) => a.file.localeCompare(b.file) || a.rule.localeCompare(b.rule) || a.fingerprint.localeCompare(b.fingerprint));
  return { version: 1, findings: entries };
}

/**
 * A baseline with its entries of an earlier version brought up to date: an undeclared category was
 * one finding per file, and is one per workspace. When every file's entry of a category's finding
 * (`legacy[i]`, from `legacyFingerprints`) is in the baseline, they become one entry of the
 * finding's fingerprint, keeping the first one's `acceptedBy` and `reason`; when only some are (the
 * category is now processed in a file that was not accepted), they are dropped, and the finding is
 * new. Other entries are kept as they are.
 */
export function upgradeBaseline(baseline: Baseline, findings: readonly Finding[], fingerprints: readonly string[], legacy: readonly (readonly string[])[]): Baseline {
  const byFingerprint = new Map(baseline.findings.map((e) => [e.fingerprint, e]));
  const dropped = new Set<string>();
  const added: BaselineEntry[] = [];
  findings.forEach((f, i) => {
    const old = (legacy[i] ?? []).filter((fp) => byFingerprint.has(fp) && fp !== fingerprints[i]);
    if (old.length === 0) return;
    old.forEach((fp) => dropped.add(fp));
    if (old.length < legacy[i].length || byFingerprint.has(fingerprints[i])) return;
    const first = byFingerprint.get(old[0])!;
    added.push({ ...createBaseline([f], [fingerprints[i]]).findings[0], ...(first.acceptedBy ? { acceptedBy: first.acceptedBy } : {}), ...(first.reason ? { reason: first.reason } : {}) });
  });
  if (dropped.size === 0) return baseline;
  return { version: 1, findings: [...baseline.findings.filter((e) => !dropped.has(e.fingerprint)), ...added] };
}

/** Splits a scan's findings into new and baselined ones, and lists the entries that are fixed. */
export function matchBaseline(findings: readonly Finding[], fingerprints: readonly string[], baseline: Baseline): BaselineMatch {
  const known = new Set(baseline.findings.map((e) => e.fingerprint));
  const present = new Set(fingerprints);
  const fresh: Finding[] = [];
  const baselined: number[] = [];
  findings.forEach((f, i) => (known.has(fingerprints[i]) ? baselined.push(i) : fresh.push(f)));
  return { fresh, baselined, fixed: baseline.findings.filter((e) => !present.has(e.fingerprint)) };
}

/** The baseline without the entries no finding matches any more (`--prune`). */
export function pruneBaseline(baseline: Baseline, fingerprints: readonly string[]): Baseline {
  const present = new Set(fingerprints);
  return { version: 1, findings: baseline.findings.filter((e) => present.has(e.fingerprint)) };
}

/** Reads a baseline file's text: the baseline, or a one-line reason it is not one. */
export function parseBaseline(text: string): { ok: true; baseline: Baseline } | { ok: false; error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  const value = data as Partial<Baseline> | null;
  if (!value || value.version !== 1 || !Array.isArray(value.findings)) return { ok: false, error: 'not a Privacy Lens baseline (expected { "version": 1, "findings": [...] })' };
  const bad = value.findings.findIndex((e) => !e || typeof e.fingerprint !== 'string' || typeof e.rule !== 'string' || typeof e.file !== 'string');
  if (bad >= 0) return { ok: false, error: `entry ${bad + 1} has no fingerprint, rule or file` };
  return { ok: true, baseline: value as Baseline };
}
