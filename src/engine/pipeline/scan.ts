import { createHash } from 'node:crypto';
import { isAbsolute, join, relative, sep } from 'node:path';
import { analyzeWorkspaceFile, type FileOutcome } from './analyze-workspace-file';
import type { FileFacts } from '../analysis/facts';
import { FactsCache } from './cache';
import { useParserCodeCache } from '../analysis/parse';
import { detectionConfig, detectionHash, detectionInput, type DetectionInput } from '../config';
import { decodeText, DEFAULT_MAX_FILE_SIZE, type TextEncoding } from '../core/decode';
import { listSourceFiles, type WorkspaceFile } from '../files';

export { compareListingOrder } from '../files';
import { parseManifest } from '../manifest/load';
import type { Manifest, ManifestError } from '../manifest/types';
import { readPrismaModels } from '../prisma-models';
import { readRegularFile, type ReadResult, type UnreadFile } from '../core/read-file';
import { analyzeInWorkers, defaultWorkerCount, WORKER_THRESHOLD, workerScript } from './pool';
import type { Finding, ScanResult, SeveritySetting } from '../core/types';

/** Options of a workspace scan. */
export interface ScanOptions {
  /** The workspace root. */
  root: string;
  /** The manifest, relative to the root or absolute. Defaults to `data-inventory.yaml`. */
  manifest?: string;
  /** Globs never scanned, besides the manifest's `ignore`. Defaults to []. */
  exclude?: string[];
  /** Only files matching these globs are scanned. Defaults to every JS/TS file. */
  include?: string[];
  /** Files over this many bytes are reported and not analysed. Defaults to 1 MiB. */
  maxFileSize?: number;
  /** Severity overrides by rule id. Defaults to {}. */
  severities?: Record<string, SeveritySetting>;
  /** Worker threads; 0 analyses in-process. Defaults to 0 on two cores or fewer, else the cores, at most 4. */
  workers?: number;
  /** Folder of the facts cache; null disables it. Defaults to null. */
  cacheDir?: string | null;
  /** Read the root's .gitignore. Defaults to true. */
  gitignore?: boolean;
  /** Scans of fewer files than this run in-process, where starting workers costs more than it saves. Defaults to 48. */
  inProcessBelow?: number;
  /**
   * Analyse only shard `index` (1-based) of `count`: a stable share of the files, chosen by a hash
   * of each path, for `scan --shard` and `merge`. Defaults to all files (1 of 1).
   */
  shard?: { index: number; count: number };
  /** Read a manifest's `policy.file` even when it is outside the root. Defaults to false. */
  allowOutsidePolicy?: boolean;
  /** Scan test code too (tests, specs, stories, fixtures, mocks, test-helper packages: see `isTestPath`). Defaults to false. */
  includeTests?: boolean;
  /**
   * Relative paths whose test code is scanned even without `includeTests`, when the path names
   * test code itself: the files and folders named on the command line. Defaults to [].
   */
  keepTestPaths?: string[];
  /** Called with the relative paths of the test files the listing left out. Defaults to none. */
  onTestCodeLeftOut?: (files: string[]) => void;
  /** Called with notes that are not findings (a facts cache of the wrong shape was rebuilt). Defaults to none. */
  onNote?: (note: string) => void;
  /** Called as files are analysed. Defaults to none. */
  onProgress?: (done: number, total: number) => void;
  /** Cancels the scan: it then rejects with a ScanCancelled error. Defaults to none. */
  signal?: AbortSignal;
}

/** The error a cancelled scan rejects with. */
export class ScanCancelled extends Error {
  constructor() {
    super('the scan was cancelled');
  }
}

/** The defaults of every scan option but the root. */
export const DEFAULT_SCAN_OPTIONS: Required<Omit<ScanOptions, 'root' | 'onProgress' | 'onNote' | 'signal' | 'onTestCodeLeftOut'>> = {
  manifest: 'data-inventory.yaml',
  exclude: [],
  include: [],
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
  severities: {},
  workers: defaultWorkerCount(),
  cacheDir: null,
  gitignore: true,
  inProcessBelow: WORKER_THRESHOLD,
  shard: { index: 1, count: 1 },
  allowOutsidePolicy: false,
  includeTests: false,
  keepTestPaths: [],
};

/** A manifest as read from disk: the manifest, or why there is none. */
export type ManifestFile =
  | { status: 'ok'; manifest: Manifest; path: string }
  | { status: 'missing'; path: string }
  | { status: 'invalid'; path: string; errors: ManifestError[] };

/** Reads and validates the manifest of a workspace. */
export function readManifestFile(root: string, manifestPath = DEFAULT_SCAN_OPTIONS.manifest): ManifestFile {
  const { absolute, path } = manifestLocation(root, manifestPath);
  const { text: _text, ...file } = readManifestAt(absolute, path);
  return file;
}

/** Where a manifest option points: the absolute path, and the path relative to the root with forward slashes. */
export function manifestLocation(root: string, manifestPath = DEFAULT_SCAN_OPTIONS.manifest): { absolute: string; path: string } {
  const absolute = isAbsolute(manifestPath) ? manifestPath : join(root, manifestPath);
  return { absolute, path: relative(root, absolute).split(sep).join('/') };
}

/** Reads a manifest from disk safely (a regular file, bounded): its text, or why there is none. */
export function readManifestAt(absolute: string, path: string): ManifestFile & { text?: string } {
  const read = readManifestText(absolute);
  if (!read.ok && read.code === 'ENOENT') return { status: 'missing', path };
  if (!read.ok) return { status: 'invalid', path, errors: [{ line: 1, column: 1, endLine: 1, endColumn: 1, message: `the manifest ${path} cannot be read: ${read.reason}` }] };
  return { ...manifestFileOf(path, read.text), text: read.text };
}

/**
 * Reads a manifest's bytes safely (a regular file, bounded) and decodes them: UTF-8, with or
 * without a BOM, or UTF-16 with a BOM; the encoding is returned so that an edit is written back in it.
 */
export function readManifestText(absolute: string): { ok: true; text: string; encoding: TextEncoding } | Extract<ReadResult, { ok: false }> {
  const read = readRegularFile(absolute);
  return read.ok ? { ok: true, ...decodeText(read.bytes) } : read;
}

/** Validates a manifest's text (undefined: there is no manifest). */
export function manifestFileOf(path: string, text: string | undefined): ManifestFile {
  if (text === undefined) return { status: 'missing', path };
  const loaded = parseManifest(text, path);
  return loaded.ok ? { status: 'ok', manifest: loaded.manifest, path } : { status: 'invalid', path, errors: loaded.errors };
}

/** Findings that report a broken manifest (rule `manifest-invalid`). */
export function manifestFindings(file: ManifestFile): Finding[] {
  if (file.status === 'ok') return [];
  const errors = file.status === 'missing' ? [{ line: 1, column: 1, endLine: 1, endColumn: 1, message: `no manifest at ${file.path}` }] : file.errors;
  return errors.map((e) => ({ rule: 'manifest-invalid', severity: 'error', file: file.path, ...e }));
}

/** An empty manifest, used when there is none: every flow is then undeclared. */
export function emptyManifest(file = 'data-inventory.yaml'): Manifest {
  return { file, version: 1, categories: [], purposes: [], vendors: [], firstPartyHosts: [], ignore: [], rules: {} };
}

/**
 * Lists and analyses the files of a workspace for a manifest (its `ignore` and custom categories
 * and vendors), without running the rules: front ends that keep the facts (the editor) use this.
 * Files and folders that could not be read (links, special files) are added to `unread`.
 */
export function analyzeWorkspace(options: ScanOptions, manifest: Manifest, unread?: UnreadFile[]): Promise<FileOutcome[]> {
  return analyzeFiles(options, manifest, detectionInput(manifest, readPrismaModels(options.root, unread)), unread);
}

/**
 * `analyzeWorkspace` with the detection input already derived from the manifest and data models.
 * With `keepCache`, the facts cache (when the options have one) is handed to it unsaved, for the
 * caller to store the check's result in and save; else it is saved here.
 */
export async function analyzeFiles(options: ScanOptions, manifest: Manifest, input: DetectionInput, unread?: UnreadFile[], keepCache?: (cache: FactsCache) => void): Promise<FileOutcome[]> {
  const o = { ...DEFAULT_SCAN_OPTIONS, ...options };
  const tests = o.includeTests ? undefined : { keep: o.keepTestPaths, leftOut: [] };
  const listed = listSourceFiles(o.root, { exclude: [...manifest.ignore, ...o.exclude], include: o.include, gitignore: o.gitignore, unread, tests });
  o.onTestCodeLeftOut?.(tests?.leftOut ?? []);
  const shard = o.shard ?? DEFAULT_SCAN_OPTIONS.shard;
  const files = shard.count > 1 ? listed.filter((f) => shardOf(f.relative, shard.count) === shard.index) : listed;
  if (o.signal?.aborted) throw new ScanCancelled();
  const outcomes = await analyzeAll(files, input, o, keepCache);
  if (o.signal?.aborted) throw new ScanCancelled();
  return outcomes;
}

/** The shard (1-based, of `count`) a file belongs to: a stable hash of its relative path. */
export function shardOf(path: string, count: number): number {
  return (parseInt(createHash('sha1').update(path).digest('hex').slice(0, 8), 16) % count) + 1;
}

async function analyzeAll(files: WorkspaceFile[], input: DetectionInput, o: typeof DEFAULT_SCAN_OPTIONS & ScanOptions, keepCache?: (cache: FactsCache) => void): Promise<FileOutcome[]> {
  const cache = o.cacheDir ? FactsCache.open(o.cacheDir, o.root, detectionHash(input), o.maxFileSize, o.onNote) : undefined;
  if (o.cacheDir) useParserCodeCache(o.cacheDir);
  const outcomes: (FileOutcome | undefined)[] = files.map((f) => cache?.get(f));
  const todo = files.filter((_, i) => !outcomes[i]);
  const script = workerScript();
  const fresh = todo.length > 0 && todo.length >= o.inProcessBelow && o.workers > 0 && script !== undefined
    ? await analyzeInWorkers(script, todo, input, o.maxFileSize, o.workers)
    : analyzeHere(todo, input, o);
  let next = 0;
  const all = outcomes.map((x) => x ?? fresh[next++]);
  o.onProgress?.(files.length, files.length);
  if (cache) {
    files.forEach((f, i) => cache.set(f, all[i]));
    if (keepCache) keepCache(cache);
    else cache.save();
  }
  return all;
}

function analyzeHere(files: WorkspaceFile[], input: ReturnType<typeof detectionInput>, o: typeof DEFAULT_SCAN_OPTIONS & ScanOptions): FileOutcome[] {
  const config = detectionConfig(input);
  return files.map((f, i) => {
    if (o.signal?.aborted) throw new ScanCancelled();
    const outcome = analyzeWorkspaceFile(f, config, o.maxFileSize);
    if (i % 20 === 0) o.onProgress?.(i, files.length);
    return outcome;
  });
}

/** The files of a scan that could not be analysed, with the reason. */
export function skippedOf(outcomes: FileOutcome[]): ScanResult['skipped'] {
  const out: ScanResult['skipped'] = [];
  for (const x of outcomes) {
    if ('skipped' in x) out.push({ file: x.file, reason: x.skipped });
    else if (x.facts.error) out.push({ file: x.file, reason: x.facts.error.message, line: x.facts.error.line, column: x.facts.error.column });
  }
  return out;
}

/** The facts of the files that were analysed. */
export function factsOf(outcomes: FileOutcome[]): FileFacts[] {
  return outcomes.flatMap((x) => ('facts' in x ? [x.facts] : []));
}

export { readModuleMap } from '../linking/module-map';
export { workspaceFlows } from '../linking/link';
