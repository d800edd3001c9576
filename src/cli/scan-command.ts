import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { formatMarkdown, parseBaseline, Workspace, type Baseline, type FileFacts, type Finding, type ScanResult, type Severity, type SkippedFile, type WorkspaceOptions } from '../engine';
import { escapeControl, MAX_WORKERS } from '../engine';
import { UsageError, type ParsedArgs } from './args';
import { CliError, directoryArg, writableFile } from './errors';
import { unifiedDiff } from './diff';
import { applyFixes } from './fix-command';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { progressOn } from './progress';
import { review, type Review } from './review';

const FORMATS = ['text', 'json', 'sarif', 'markdown'];
const FAIL_ON = ['error', 'warning', 'info', 'none'];
const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** The options of `scan` (and `merge`), checked before any work is done. */
export interface ScanSettings {
  shard?: { index: number; count: number };
  format: string;
  failOn: string;
  maxWarnings?: number;
  output?: string;
  baseline?: { file: string; baseline: Baseline };
}

/** `privacy-lens scan [PATHS...]`: scans a workspace and prints the findings; returns the exit code. */
export async function scanCommand(args: ParsedArgs, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const settings = scanSettings(args);
  const { root, paths } = targets(args.positionals);
  const options: Partial<WorkspaceOptions> = {
    cacheDir: args.flags['no-cache'] ? null : cacheDir(),
    workers: args.flags.workers !== undefined ? workerCount(String(args.flags.workers)) : undefined,
    allowOutsidePolicy: args.flags['allow-outside-policy'] === true,
    includeTests: args.flags['include-tests'] === true,
    // A test file or folder named on the command line is scanned, as ESLint lints the files it is given.
    keepTestPaths: paths ?? [],
    onNote: (note) => err(`privacy-lens: note: ${escapeControl(note)}\n`),
  };
  const workspace = new Workspace({ ...options, root, manifest: typeof args.flags.manifest === 'string' ? resolve(args.flags.manifest) : undefined, shard: settings.shard });
  if (workspace.manifestFile.status === 'missing') throw new CliError(noManifest(root, workspace.manifestPath));
  const progress = progressOn(process.stderr, args.flags.quiet === true);
  const result = await workspace.scan({ onProgress: progress.onProgress });
  // A shard's own findings are what its files show alone; merge gives the whole report.
  if (workspace.manifestFile.status === 'invalid') {
    out(formatText(result, false));
    err(`privacy-lens: the manifest ${result.manifest} is invalid (see the manifest-invalid findings)\n`);
    return 2;
  }
  const changedSince = typeof args.flags['changed-since'] === 'string' ? args.flags['changed-since'] : undefined;
  if (changedSince) progress.phase(`Analysing ${changedSince}'s tree`);
  const reviewed = await review(workspace, result, { paths, changedSince, baseline: settings.baseline?.baseline, quiet: args.flags.quiet === true }, options, progress.onProgress);
  progress.done();
  const shard = settings.shard ? shardPayload(workspace, settings.shard) : undefined;
  return emit({ ...result, findings: reviewed.findings }, reviewed, settings, args, workspace, out, shard);
}

/** Prints or writes a report and returns the exit code: the end of `scan` and of `merge`. */
export function emit(report: ScanResult, reviewed: Review, settings: ScanSettings, args: ParsedArgs, workspace: Workspace, out: (s: string) => void, shard?: ShardPayload): number {
  const text = shard ? JSON.stringify({ ...jsonReport(report, reviewed, false), shard }, null, 2) + '\n' : render(report, reviewed, settings, args, workspace);
  if (settings.output) writeOutput(settings.output, text, args);
  else out(text);
  return exitCode(reviewed.findings, settings);
}

/** What a shard adds to its JSON report, for `merge`: the facts of its files. */
export interface ShardPayload {
  index: number;
  count: number;
  facts: FileFacts[];
  skipped: SkippedFile[];
}

function shardPayload(workspace: Workspace, shard: { index: number; count: number }): ShardPayload {
  return { ...shard, facts: workspace.factsOfScan(), skipped: workspace.skipped };
}

/** Reads and checks the report options; throws a UsageError or CliError naming the bad one. */
export function scanSettings(args: ParsedArgs): ScanSettings {
  const format = String(args.flags.format ?? 'text');
  const failOn = String(args.flags['fail-on'] ?? 'error');
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}`);
  const settings: ScanSettings = { format, failOn };
  if (args.flags['max-warnings'] !== undefined) {
    const n = Number(args.flags['max-warnings']);
    if (!Number.isInteger(n) || n < 0) throw new UsageError('--max-warnings must be a whole number of 0 or more');
    settings.maxWarnings = n;
  }
  if (args.flags.workers !== undefined) workerCount(String(args.flags.workers));
  if (typeof args.flags['output-file'] === 'string') settings.output = writableFile(args.flags['output-file']);
  if (typeof args.flags.shard === 'string') settings.shard = shardArg(args.flags.shard, format, args);
  if (typeof args.flags.baseline === 'string') settings.baseline = { file: args.flags.baseline, baseline: readBaseline(args.flags.baseline) };
  return settings;
}

function shardArg(value: string, format: string, args: ParsedArgs): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError('--shard must be I/N with 1 <= I <= N, e.g. --shard 2/4');
  if (format !== 'json') throw new UsageError('--shard writes a shard for privacy-lens merge: use --format json');
  if (args.flags['changed-since'] || args.flags.baseline) throw new UsageError('--shard cannot be combined with --changed-since or --baseline; give those to merge');
  return { index, count };
}

/** Reads a baseline file, or a one-line error naming it. */
export function readBaseline(path: string): Baseline {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CliError(`cannot read the baseline ${path} (create it with privacy-lens baseline)`);
  }
  const parsed = parseBaseline(text);
  if (!parsed.ok) throw new CliError(`the baseline ${path} is ${parsed.error}`);
  return parsed.baseline;
}

/** The workspace root and the paths under it to report on: one directory alone is the root (`scan DIR`); else the current directory is. */
function targets(positionals: string[]): { root: string; paths?: string[] } {
  if (positionals.length === 0) return { root: directoryArg('.') };
  if (positionals.length === 1 && existsSync(positionals[0]) && statSync(positionals[0]).isDirectory()) return { root: directoryArg(positionals[0]) };
  const root = process.cwd();
  const paths = positionals.map((p) => {
    if (!existsSync(p)) throw new CliError(`no such file or directory: ${p}`);
    const rel = relative(root, resolve(p));
    if (rel.startsWith('..') || isAbsolute(rel)) throw new CliError(`${p} is outside the workspace ${root}`);
    return rel.split(sep).join('/');
  });
  return { root, paths };
}

function noManifest(root: string, path: string): string {
  const shown = relative(process.cwd(), join(root, path)) || path;
  const dir = relative(process.cwd(), root) || '.';
  return `no manifest at ${shown}; create one from the code with "privacy-lens init ${dir} --output ${shown}" or from your privacy policy with "privacy-lens draft-from-policy POLICY_FILE --output ${shown}" (or point at one with --manifest FILE)`;
}

function render(report: ScanResult, reviewed: Review, settings: ScanSettings, args: ParsedArgs, workspace: Workspace): string {
  if (settings.format === 'json') return JSON.stringify(jsonReport(report, reviewed, settings.baseline !== undefined), null, 2) + '\n';
  if (settings.format === 'sarif') return formatSarif(report, { fingerprints: reviewed.fingerprints, category: stringFlag(args, 'sarif-category') });
  if (settings.format === 'markdown') return markdown(report, reviewed, workspace);
  return formatText(report, useColor(args, settings)) + reviewLines(reviewed, settings);
}

function jsonReport(report: ScanResult, reviewed: Review, baseline: boolean) {
  const findings = report.findings.map((f, i) => ({ ...f, fingerprint: reviewed.fingerprints[i] }));
  const extra: Record<string, unknown> = {};
  if (reviewed.changes) extra.changes = { ref: reviewed.changes.ref, mergeBase: reviewed.changes.mergeBase, inventory: reviewed.changes.inventory, fixed: reviewed.fixed };
  if (baseline) extra.baseline = { baselined: reviewed.baselined, fixed: fixedEntries(reviewed) };
  return { ...report, findings, ...extra };
}

function markdown(report: ScanResult, reviewed: Review, workspace: Workspace): string {
  const manifest = workspace.manifest!;
  const text = workspace.manifestText ?? '';
  const fixed = applyFixes(text, report.findings, manifest, workspace.manifestPath);
  const manifestDiff = fixed.applied.length ? unifiedDiff(text, fixed.text, workspace.manifestPath) : undefined;
  const server = process.env.GITHUB_SERVER_URL;
  const linkBase = server && process.env.GITHUB_REPOSITORY && process.env.GITHUB_SHA ? `${server}/${process.env.GITHUB_REPOSITORY}/blob/${process.env.GITHUB_SHA}/` : undefined;
  const against = reviewed.changes ? reviewed.changes.ref : undefined;
  return formatMarkdown(
    { against, newFindings: report.findings, fixed: reviewed.fixed, baselined: reviewed.baselined, flows: reviewed.flows, inventory: reviewed.changes?.inventory ?? [], manifestEdits: fixed.applied, manifestDiff, filesScanned: report.filesScanned, testFilesLeftOut: report.testFilesLeftOut },
    { linkBase },
  );
}

/** How many baseline entries no finding matches any more (the rest of `fixed` are the base's findings). */
function fixedEntries(reviewed: Review): number {
  return reviewed.fixed.filter((f) => 'fingerprint' in f).length;
}

/** The text report's closing lines on the baseline and the change. */
function reviewLines(reviewed: Review, settings: ScanSettings): string {
  const lines: string[] = [];
  if (reviewed.changes) {
    const inv = reviewed.changes.inventory.map((c) => `${c.change === 'added' ? '+' : '-'}${c.kind} ${c.id}`);
    lines.push(`Changes since ${reviewed.changes.ref} (merge-base ${reviewed.changes.mergeBase.slice(0, 12)}): ${inv.length ? inv.join(', ') : 'no inventory changes'}; ${reviewed.fixed.length} fixed.`);
  }
  if (settings.baseline) {
    const fixed = fixedEntries(reviewed);
    const prune = fixed ? ` (drop them with "privacy-lens baseline --prune --output ${settings.baseline.file}")` : '';
    lines.push(`${reviewed.baselined} finding${reviewed.baselined === 1 ? '' : 's'} baselined in ${settings.baseline.file}; ${fixed} baseline entr${fixed === 1 ? 'y is' : 'ies are'} fixed${prune}.`);
  }
  return lines.map((l) => `${l}\n`).join('');
}

/** Colour as ESLint decides it: --color/--no-color, then FORCE_COLOR, then NO_COLOR, then whether stdout is a terminal. */
function useColor(args: ParsedArgs, settings: ScanSettings): boolean {
  if (args.flags.color) return true;
  if (args.flags['no-color']) return false;
  const force = process.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (process.env.NO_COLOR) return false;
  return !settings.output && process.stdout.isTTY === true;
}

function writeOutput(path: string, text: string, args: ParsedArgs): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new CliError(`cannot write ${stringFlag(args, 'output-file')}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

function stringFlag(args: ParsedArgs, name: string): string | undefined {
  return typeof args.flags[name] === 'string' ? (args.flags[name] as string) : undefined;
}

function exitCode(findings: Finding[], settings: ScanSettings): number {
  if (settings.maxWarnings !== undefined && findings.filter((f) => f.severity === 'warning').length > settings.maxWarnings) return 1;
  if (settings.failOn === 'none') return 0;
  return findings.some((f) => RANK[f.severity] >= RANK[settings.failOn as Severity]) ? 1 : 0;
}

/** `--workers N`: an integer from 0 (analyse in-process) to MAX_WORKERS, else a usage error. */
export function workerCount(value: string): number {
  if (!/^\d{1,3}$/.test(value) || Number(value) > MAX_WORKERS) throw new UsageError(`--workers must be an integer from 0 to ${MAX_WORKERS}`);
  return Number(value);
}

/** Where the CLI keeps its facts cache: $PRIVACY_LENS_CACHE, $XDG_CACHE_HOME/privacy-lens or ~/.cache/privacy-lens. */
export function cacheDir(): string {
  return process.env.PRIVACY_LENS_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'privacy-lens');
}
