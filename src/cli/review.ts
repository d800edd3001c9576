/**
 * What `scan` reports once the workspace is scanned: the findings of the given paths, of the lines
 * changed since a git ref (and not already in the ref's tree), not in the baseline; with what the
 * change adds and removes of the inventory. The logic is the engine's; this file runs git and the
 * scan of the ref's tree.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addNewFiles,
  findingsOnChangedLines,
  fingerprintFindings,
  inventoryChanges,
  isWorkspaceKeyed,
  legacyFingerprints,
  matchBaseline,
  narrowToPlaces,
  newFlows,
  newPlaces,
  parseUnifiedDiff,
  placesOf,
  renameToHead,
  upgradeBaseline,
  Workspace,
  type Baseline,
  type ChangedLines,
  type Finding,
  type InventoryChange,
  type ReviewFlow,
  type ScanResult,
  type WorkspaceOptions,
} from '../engine';
import { diffSince, exportTree, mergeBase, untrackedFiles } from './git';

/** What to narrow the report to. */
export interface ReviewOptions {
  /** Files and folders (relative to the root) to report on; undefined: all. */
  paths?: string[];
  changedSince?: string;
  baseline?: Baseline;
  /** Errors only. */
  quiet?: boolean;
}

/** The reported findings and what was left out, and why. */
export interface Review {
  findings: Finding[];
  fingerprints: string[];
  /** Findings the baseline accepted. */
  baselined: number;
  /** Baseline entries, or findings of the ref's tree, that no finding matches any more. */
  fixed: { rule: string; file: string; message: string; line?: number }[];
  flows: ReviewFlow[];
  /** With --changed-since: the ref, its merge-base with HEAD, and the inventory changes. */
  changes?: { ref: string; mergeBase: string; inventory: InventoryChange[] };
}

/** Reads the workspace's files for fingerprints. */
export function readerOf(root: string): (file: string) => string | undefined {
  return (file) => {
    try {
      return readFileSync(join(root, file), 'utf8');
    } catch {
      return undefined;
    }
  };
}

/** Narrows a scan's findings as the options say. */
export async function review(workspace: Workspace, result: ScanResult, options: ReviewOptions, scanOptions: Partial<WorkspaceOptions>, onProgress?: (done: number, total: number) => void): Promise<Review> {
  const fingerprints = fingerprintFindings(result.findings, readerOf(workspace.root));
  let kept = result.findings.map((_, i) => i);
  // Findings narrowed to some of their places (an undeclared category's, reported once per workspace).
  const narrowed = new Map<number, Finding>();
  const current = (i: number) => narrowed.get(i) ?? result.findings[i];
  if (options.paths) kept = kept.filter((i) => inPathsNarrowed(i, result.findings[i], options.paths!, narrowed));
  const out: Review = { findings: [], fingerprints: [], baselined: 0, fixed: [], flows: newFlows(result.inventory, undefined) };
  if (options.changedSince) {
    const base = await compareWithRef(workspace, result, fingerprints, options.changedSince, scanOptions, onProgress);
    const onChanged = new Set(findingsOnChangedLines(kept.map(current), base.changes));
    kept = kept.filter((i) => {
      if (!onChanged.has(current(i))) return false;
      const before = base.findings.get(fingerprints[i]);
      if (!before) return true;
      // A finding about the whole workspace (an undeclared category) that the base has too: the reviewer sees the places the change adds.
      const added = isWorkspaceKeyed(before.rule) ? newPlaces(current(i), before, base.changes, readerOf(workspace.root), base.read) : [];
      if (added.length) narrowed.set(i, narrowToPlaces(current(i), added, placesOf(before).length));
      return added.length > 0;
    });
    Object.assign(out, { fixed: base.fixed, flows: base.flows, changes: { ref: options.changedSince, mergeBase: base.commit, inventory: base.inventory } });
  }
  if (options.baseline) {
    const baseline = upgradeBaseline(options.baseline, result.findings, fingerprints, result.findings.map((f) => legacyFingerprints(f, readerOf(workspace.root))));
    const match = matchBaseline(kept.map((i) => result.findings[i]), kept.map((i) => fingerprints[i]), baseline);
    const accepted = new Set(match.baselined.map((j) => kept[j]));
    out.baselined = accepted.size;
    kept = kept.filter((i) => !accepted.has(i));
    const present = new Set(fingerprints);
    out.fixed.push(...baseline.findings.filter((e) => !present.has(e.fingerprint)));
  }
  if (options.quiet) kept = kept.filter((i) => result.findings[i].severity === 'error');
  out.findings = kept.map(current);
  out.fingerprints = kept.map((i) => fingerprints[i]);
  return out;
}

/** True when a finding is in the paths; an undeclared category's is, narrowed to them, when any of its places is. */
function inPathsNarrowed(i: number, f: Finding, paths: string[], narrowed: Map<number, Finding>): boolean {
  if (!isWorkspaceKeyed(f.rule)) return inPaths(f.file, paths);
  const places = placesOf(f);
  const inside = places.filter((p) => inPaths(p.file, paths));
  if (inside.length > 0 && inside.length < places.length) narrowed.set(i, narrowToPlaces(f, inside));
  return inside.length > 0;
}

function inPaths(file: string, paths: string[]): boolean {
  return paths.some((p) => p === '' || p === '.' || file === p || file.startsWith(p.endsWith('/') ? p : `${p}/`));
}

interface RefComparison {
  commit: string;
  changes: ChangedLines;
  /** The base's findings (renamed to the head's paths) by fingerprint. */
  findings: Map<string, Finding>;
  /** Reads a file of the base's tree (by its path there) that a base finding points at. */
  read: (file: string) => string | undefined;
  fixed: Review['fixed'];
  flows: ReviewFlow[];
  inventory: InventoryChange[];
}

/** Scans the merge-base's tree (exported to a temporary folder, never run) and compares it with the scan. */
async function compareWithRef(
  workspace: Workspace,
  result: ScanResult,
  fingerprints: string[],
  ref: string,
  scanOptions: Partial<WorkspaceOptions>,
  onProgress?: (done: number, total: number) => void,
): Promise<RefComparison> {
  const root = workspace.root;
  const commit = mergeBase(root, ref);
  const changes = addNewFiles(parseUnifiedDiff(diffSince(root, commit)), untrackedFiles(root));
  const tree = mkdtempSync(join(tmpdir(), 'privacy-lens-base-'));
  try {
    exportTree(root, commit, tree);
    const own = readerOf(tree)(workspace.manifestPath) !== undefined;
    // No facts cache: it is keyed by the root, and each run's temporary root is new.
    const baseWorkspace = new Workspace({ ...scanOptions, cacheDir: null, root: tree, manifest: own ? workspace.manifestPath : join(root, workspace.manifestPath) });
    const base = await baseWorkspace.scan({ onProgress });
    const renamed = base.findings.map((f) => renameToHead(f, changes));
    const readBase = readerOf(tree);
    const baseFingerprints = fingerprintFindings(renamed, (file) => readBase(changes.renames.get(file) ?? file));
    // The tree is removed below: keep the text of the files the base's findings point at, for their places.
    const texts = new Map<string, string | undefined>();
    for (const f of base.findings) for (const p of placesOf(f)) if (!texts.has(p.file)) texts.set(p.file, readBase(p.file));
    const present = new Set(fingerprints);
    const fixed = renamed.filter((f, i) => !present.has(baseFingerprints[i]) && f.rule !== 'manifest-invalid');
    const baseFlows = new Set(newFlows(base.inventory, undefined).map((f) => `${renameFile(f.file, changes)}|${f.vendor}|${f.category}`));
    const flows = newFlows(result.inventory, changes).filter((f) => !baseFlows.has(`${f.file}|${f.vendor}|${f.category}`));
    const findings = new Map(baseFingerprints.map((fp, i) => [fp, renamed[i]]));
    return { commit, changes, findings, read: (file) => texts.get(file), fixed, flows, inventory: inventoryChanges(base.inventory, result.inventory) };
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
}

function renameFile(file: string, changes: ChangedLines): string {
  for (const [to, from] of changes.renames) if (from === file) return to;
  return file;
}
