import { chmodSync, closeSync, constants, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { FileOutcome } from './analyze-workspace-file';
import type { WorkspaceFile } from '../files';
import { readRegularFile, readRegularText } from '../core/read-file';

/** The version of the cache file's shape; a file of another version is ignored. */
const CACHE_FORMAT = 2;
/** The largest cache file read: a bigger one is ignored and rebuilt. */
const MAX_CACHE_FILE_SIZE = 256 * 1024 * 1024;

interface Entry {
  /** SHA-256 of the file's bytes. */
  hash: string;
  outcome: FileOutcome;
}

interface CacheFile {
  format: typeof CACHE_FORMAT;
  key: string;
  entries: Record<string, Entry>;
}

/**
 * Facts of unchanged files, kept between scans. An entry is reused while the file's content hash
 * is unchanged (size and modification time can be restored by an edit) and the detection
 * configuration (engine version, custom categories and vendors) is the same; the rules always run
 * again, so manifest edits that only change purposes or sharing never need a re-analysis. The
 * cache is private to the user (folder 0700, file 0600), checked when read (a file of the wrong
 * shape is ignored and rebuilt, with a note), and written through a fresh temporary file opened
 * with O_EXCL and O_NOFOLLOW, so a link planted at the temporary path is never followed.
 */
export class FactsCache {
  private readonly next: Record<string, Entry> = {};
  /** Hashes computed by get(), so set() does not read each file a second time. */
  private readonly hashes = new Map<string, string>();
  private changed = false;

  private constructor(
    private readonly path: string,
    private readonly key: string,
    private readonly previous: Record<string, Entry>,
    private readonly maxFileSize: number,
  ) {}

  /** Opens the cache of a workspace root; a missing cache starts empty, and a bad one too, after `onNote`. */
  static open(dir: string, root: string, detectionKey: string, maxFileSize: number, onNote?: (note: string) => void): FactsCache {
    const path = join(dir, `facts-${createHash('sha1').update(root).digest('hex').slice(0, 16)}.json`);
    const read = readRegularText(path, MAX_CACHE_FILE_SIZE);
    if (!read.ok) {
      if (read.code !== 'ENOENT') onNote?.(`the facts cache ${path} is ignored and rebuilt: ${read.reason}`);
      return new FactsCache(path, detectionKey, {}, maxFileSize);
    }
    const entries = validEntries(read.text);
    if (!entries) onNote?.(`the facts cache ${path} is not a valid cache; it is ignored and rebuilt`);
    const reused = entries && entries.key === detectionKey ? entries.entries : {};
    return new FactsCache(path, detectionKey, reused, maxFileSize);
  }

  /** The cached outcome of a file, if its content has not changed. */
  get(file: WorkspaceFile): FileOutcome | undefined {
    const hash = this.hashOf(file);
    const entry = this.previous[file.relative];
    return entry && hash !== undefined && entry.hash === hash ? entry.outcome : undefined;
  }

  /** Records the outcome of a file for the next scan. */
  set(file: WorkspaceFile, outcome: FileOutcome): void {
    const hash = this.hashes.get(file.relative) ?? this.hashOf(file);
    if (hash === undefined) return;
    if (this.previous[file.relative]?.hash !== hash) this.changed = true;
    this.next[file.relative] = { hash, outcome };
  }

  /** Writes the cache atomically when anything changed; a write failure only loses the cache. */
  save(): void {
    if (!this.changed && Object.keys(this.next).length === Object.keys(this.previous).length) return;
    const dir = join(this.path, '..');
    const temp = `${this.path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      chmodSync(dir, 0o700);
      const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
      try {
        writeSync(fd, JSON.stringify({ format: CACHE_FORMAT, key: this.key, entries: this.next } satisfies CacheFile));
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.path);
    } catch {
      // The cache is an optimisation: a read-only or full disk must not fail the scan.
      rmSync(temp, { force: true });
    }
  }

  /** The SHA-256 of a file's bytes; undefined when it cannot be read (it is then analysed, and refused, afresh). */
  private hashOf(file: WorkspaceFile): string | undefined {
    const read = readRegularFile(file.absolute, this.maxFileSize);
    if (!read.ok) return undefined;
    const hash = createHash('sha256').update(read.bytes).digest('hex');
    this.hashes.set(file.relative, hash);
    return hash;
  }
}

/** The entries of a cache file's text, or undefined when it is not a cache of this format. */
function validEntries(text: string): { key: string; entries: Record<string, Entry> } | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(data) || data.format !== CACHE_FORMAT || typeof data.key !== 'string' || !isObject(data.entries)) return undefined;
  const entries: Record<string, Entry> = Object.create(null) as Record<string, Entry>;
  for (const [file, entry] of Object.entries(data.entries)) {
    if (!isEntry(file, entry)) return undefined;
    entries[file] = entry;
  }
  return { key: data.key, entries };
}

function isEntry(file: string, entry: unknown): entry is Entry {
  if (!isObject(entry) || typeof entry.hash !== 'string' || !/^[0-9a-f]{64}$/.test(entry.hash) || !isObject(entry.outcome)) return false;
  const outcome = entry.outcome;
  if (outcome.file !== file) return false;
  if ('skipped' in outcome) return typeof outcome.skipped === 'string';
  const facts = outcome.facts;
  return isObject(facts) && facts.file === file && Array.isArray(facts.flows) && Array.isArray(facts.occurrences) && Array.isArray(facts.annotations);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
