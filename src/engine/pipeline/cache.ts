import { chmodSync, closeSync, constants, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { FileOutcome } from './analyze-workspace-file';
import type { ExportSummary, FileFacts } from '../analysis/facts';
import type { WorkspaceFile } from '../files';
import { readRegularFile } from '../core/read-file';

/** The version of the cache file's shape; a file of another version is ignored. */
const CACHE_FORMAT = 3;
/** The largest cache file read: a bigger one is ignored and rebuilt. */
const MAX_CACHE_FILE_SIZE = 256 * 1024 * 1024;
/**
 * A file's status (size, modification and change times, inode) stands for its content only when
 * the change time is this much older than the moment the content was hashed: an edit within the
 * same tick of a coarse clock (or of a file system that keeps whole seconds) could keep all four.
 */
const RACY_MS = 2000;

/** What a file's status says about it: size, mtime and ctime (ms), inode. */
type Status = [size: number, mtimeMs: number, ctimeMs: number, ino: number];

/** An entry of the header: the content hash, the status it was read with and when, and where its outcome is in the body. */
interface HeaderEntry {
  hash: string;
  stat?: Status;
  /** When the content was hashed (ms since the epoch), taken before the file was read. */
  at?: number;
  /** Why the file was not analysed (a cached `skipped` outcome); else its facts are at `offset`. */
  skipped?: string;
  /** The SHA-256 of its facts' bytes (absent in caches written before it was kept: computed when needed). */
  factsHash?: string;
  offset?: number;
  length?: number;
}

interface Header {
  format: typeof CACHE_FORMAT;
  key: string;
  /** Length and SHA-256 of the body: a truncated or damaged file is ignored as a whole. */
  bodyLength: number;
  bodyHash: string;
  entries: Record<string, HeaderEntry>;
  result?: { key: string; offset: number; length: number };
}

/** A kept entry for the next save: the header entry and the bytes of its outcome (unless skipped). */
interface Next {
  entry: HeaderEntry;
  bytes?: Buffer;
}

/**
 * Facts of unchanged files, kept between scans, and the result of the last check. An entry is
 * reused while the file's content hash is unchanged and the detection configuration (engine
 * version, custom categories and vendors) is the same. The hash is computed again unless the
 * file's size, modification and change times and inode are those it was hashed with, and it was
 * hashed more than two seconds after its last change (so an edit cannot hide in one clock tick;
 * a change time cannot be set back by a program). The last check's result is kept under a key
 * the caller derives from every input of the check (the files' content hashes among them), so a
 * re-scan where nothing changed reuses it without reading any facts.
 *
 * The file is one line of JSON (the header: entries, hashes, where each outcome is), then the
 * body: each outcome's JSON, decoded only when its facts are used. Export summaries that share
 * their sinks (a class's methods reached through `this`-returning chains) are written once.
 *
 * The cache is private to the user (folder 0700, file 0600), checked when read (a file of the
 * wrong shape, truncated or damaged is ignored and rebuilt, with a note), and written through a
 * fresh temporary file opened with O_EXCL and O_NOFOLLOW, so a link planted at the temporary path
 * is never followed.
 */
export class FactsCache {
  private readonly next = new Map<string, Next>();
  /** Hashes computed (or vouched for by the file's status) by get(), so set() does not read each file a second time. */
  private readonly hashes = new Map<string, { hash: string; stat?: Status; at?: number }>();
  private changed = false;
  private resultEntry: { key: string; bytes: Buffer } | undefined;

  private constructor(
    private readonly path: string,
    private readonly key: string,
    private readonly previous: Record<string, HeaderEntry>,
    private readonly body: Buffer,
    private readonly previousResult: Header['result'],
    private readonly maxFileSize: number,
  ) {}

  /** Opens the cache of a workspace root; a missing cache starts empty, and a bad one too, after `onNote`. */
  static open(dir: string, root: string, detectionKey: string, maxFileSize: number, onNote?: (note: string) => void): FactsCache {
    const path = join(dir, `facts-${createHash('sha1').update(root).digest('hex').slice(0, 16)}.json`);
    const empty = () => new FactsCache(path, detectionKey, Object.create(null) as Record<string, HeaderEntry>, Buffer.alloc(0), undefined, maxFileSize);
    const read = readRegularFile(path, MAX_CACHE_FILE_SIZE);
    if (!read.ok) {
      if (read.code !== 'ENOENT') onNote?.(`the facts cache ${path} is ignored and rebuilt: ${read.reason}`);
      return empty();
    }
    const parsed = parseCacheFile(read.bytes);
    if (typeof parsed === 'string') {
      onNote?.(`the facts cache ${path} is not a valid cache (${parsed}); it is ignored and rebuilt`);
      return empty();
    }
    if (parsed.header.key !== detectionKey) return empty();
    return new FactsCache(path, detectionKey, parsed.header.entries, parsed.body, parsed.header.result, maxFileSize);
  }

  /** The cached outcome of a file, if its content has not changed; its facts are decoded when first read. */
  get(file: WorkspaceFile): FileOutcome | undefined {
    const entry = this.previous[file.relative];
    const hash = this.hashOf(file, entry);
    if (!entry || hash === undefined || entry.hash !== hash) return undefined;
    if (entry.skipped !== undefined) return { file: file.relative, skipped: entry.skipped };
    const bytes = this.body.subarray(entry.offset!, entry.offset! + entry.length!);
    return lazyOutcome(file.relative, bytes);
  }

  /**
   * What a file's outcome as set this run is, for the key of a stored check result: the hash of
   * its facts (equal facts, equal check; an edit that leaves them as they were, as a comment after
   * the last statement does, keeps the key), or why it was not analysed. Undefined when the file
   * has no entry this run (it could not be read).
   */
  outcomeKey(file: string): string | undefined {
    const next = this.next.get(file);
    if (!next) return undefined;
    if (next.entry.skipped !== undefined) return `skipped: ${next.entry.skipped}`;
    if (next.entry.factsHash === undefined) {
      // An entry of a cache written before the hash was kept: it is kept from now on.
      next.entry.factsHash = sha256(next.bytes!);
      this.changed = true;
    }
    return next.entry.factsHash;
  }

  /** Records the outcome of a file for the next scan. */
  set(file: WorkspaceFile, outcome: FileOutcome): void {
    const seen = this.hashes.get(file.relative) ?? this.readHash(file);
    if (seen === undefined) return;
    const old = this.previous[file.relative];
    const entry: HeaderEntry = { hash: seen.hash, ...(seen.stat ? { stat: seen.stat, at: seen.at } : {}) };
    if (old && old.hash === seen.hash) {
      // Unchanged content: its bytes are copied as they are. A status newly vouched for is worth a save.
      if (trusted(entry) && !(sameStatus(old, entry) && old.at === entry.at)) this.changed = true;
      if (old.skipped !== undefined) this.next.set(file.relative, { entry: { ...entry, skipped: old.skipped } });
      else if ('facts' in outcome) this.next.set(file.relative, { entry: old.factsHash ? { ...entry, factsHash: old.factsHash } : entry, bytes: this.body.subarray(old.offset!, old.offset! + old.length!) });
      else this.next.set(file.relative, { entry: { ...entry, skipped: outcome.skipped } });
      if (('skipped' in outcome) !== (old.skipped !== undefined)) this.changed = true;
      return;
    }
    this.changed = true;
    if ('skipped' in outcome) this.next.set(file.relative, { entry: { ...entry, skipped: outcome.skipped } });
    else {
      const bytes = Buffer.from(JSON.stringify(encodeFacts(outcome.facts)));
      this.next.set(file.relative, { entry: { ...entry, factsHash: sha256(bytes) }, bytes });
    }
  }

  /** The stored result of the last check, if it was stored under this key. */
  result<T>(key: string): T | undefined {
    const r = this.previousResult;
    if (!r || r.key !== key) return undefined;
    try {
      return JSON.parse(this.body.toString('utf8', r.offset, r.offset + r.length)) as T;
    } catch {
      return undefined;
    }
  }

  /** Keeps the result of this run's check, for a next run with the same key. */
  setResult(key: string, result: unknown): void {
    if (this.previousResult?.key === key) {
      this.resultEntry = { key, bytes: this.body.subarray(this.previousResult.offset, this.previousResult.offset + this.previousResult.length) };
      return;
    }
    this.changed = true;
    this.resultEntry = { key, bytes: Buffer.from(JSON.stringify(result)) };
  }

  /** Writes the cache atomically when anything changed; a write failure only loses the cache. */
  save(): void {
    const removed = Object.keys(this.previous).some((file) => !this.next.has(file));
    const resultLost = this.previousResult !== undefined && this.resultEntry === undefined;
    if (!this.changed && !removed && !resultLost) return;
    const parts: Buffer[] = [];
    let offset = 0;
    const entries: Record<string, HeaderEntry> = {};
    for (const [file, { entry, bytes }] of this.next) {
      if (bytes) {
        entries[file] = { ...entry, offset, length: bytes.length };
        parts.push(bytes);
        offset += bytes.length;
      } else entries[file] = entry;
    }
    let result: Header['result'];
    if (this.resultEntry) {
      result = { key: this.resultEntry.key, offset, length: this.resultEntry.bytes.length };
      parts.push(this.resultEntry.bytes);
      offset += this.resultEntry.bytes.length;
    }
    const body = Buffer.concat(parts, offset);
    const header: Header = { format: CACHE_FORMAT, key: this.key, bodyLength: body.length, bodyHash: createHash('sha256').update(body).digest('hex'), entries, ...(result ? { result } : {}) };
    const dir = join(this.path, '..');
    const temp = `${this.path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      chmodSync(dir, 0o700);
      const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
      try {
        writeAll(fd, Buffer.from(`${JSON.stringify(header)}\n`));
        writeAll(fd, body);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.path);
    } catch {
      // The cache is an optimisation: a read-only or full disk must not fail the scan.
      rmSync(temp, { force: true });
    }
  }

  /** The content hash of a file: the entry's, when the file's status vouches for it, else of its bytes read now. */
  private hashOf(file: WorkspaceFile, entry: HeaderEntry | undefined): string | undefined {
    if (entry?.stat && trusted(entry)) {
      const stat = statusOf(file.absolute);
      if (stat && sameStatus(entry, { hash: entry.hash, stat })) {
        this.hashes.set(file.relative, { hash: entry.hash, stat: entry.stat, at: entry.at });
        return entry.hash;
      }
    }
    return this.readHash(file)?.hash;
  }

  /** The SHA-256 of a file's bytes, with its status just before; undefined when it cannot be read (it is then analysed, and refused, afresh). */
  private readHash(file: WorkspaceFile): { hash: string; stat?: Status; at?: number } | undefined {
    const at = Date.now();
    const stat = statusOf(file.absolute);
    const read = readRegularFile(file.absolute, this.maxFileSize);
    if (!read.ok) return undefined;
    const seen = { hash: createHash('sha256').update(read.bytes).digest('hex'), ...(stat ? { stat, at } : {}) };
    this.hashes.set(file.relative, seen);
    return seen;
  }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A file's status, or undefined when it cannot be had. */
function statusOf(path: string): Status | undefined {
  try {
    const s = statSync(path);
    return [s.size, s.mtimeMs, s.ctimeMs, s.ino];
  } catch {
    return undefined;
  }
}

function sameStatus(a: HeaderEntry, b: HeaderEntry): boolean {
  return a.stat !== undefined && b.stat !== undefined && a.stat.every((x, i) => x === b.stat![i]);
}

/** True when an entry's status may stand for its content: the file had not changed for RACY_MS when it was hashed. */
function trusted(entry: HeaderEntry): boolean {
  return entry.stat !== undefined && entry.at !== undefined && entry.stat[1] < entry.at - RACY_MS && entry.stat[2] < entry.at - RACY_MS;
}

function writeAll(fd: number, bytes: Buffer): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** An outcome whose facts are decoded from the cache when first read. */
function lazyOutcome(file: string, bytes: Buffer): FileOutcome {
  let facts: FileFacts | undefined;
  return {
    file,
    get facts(): FileFacts {
      return (facts ??= decodeOrError(file, bytes));
    },
  };
}

function decodeOrError(file: string, bytes: Buffer): FileFacts {
  try {
    const facts = decodeFacts(JSON.parse(bytes.toString('utf8')) as FileFacts);
    if (isFacts(file, facts)) return facts;
  } catch {
    // Reported below as the file's error.
  }
  // Only a cache damaged in a way its checksum did not catch gets here: the file is reported, never a crash.
  return { file, flows: [], occurrences: [], annotations: [], error: { message: 'its cached facts could not be read; scan with --no-cache', line: 1, column: 1 } };
}

/** An export summary written as a reference to an earlier export with the same sinks and result. */
interface SameAs {
  $same: string;
}

/**
 * Facts as written to the cache: an export summary equal to an earlier export's (a class's
 * methods reached through `this`-returning chains, `Editor#select` and `Editor#undo().select`,
 * have the same sinks) is written as a reference to that export. Nothing else changes.
 */
export function encodeFacts(facts: FileFacts): FileFacts {
  if (!facts.exports) return facts;
  const firstByText = new Map<string, string>();
  const exports: Record<string, ExportSummary | SameAs> = {};
  let shared = false;
  for (const [name, summary] of Object.entries(facts.exports)) {
    const text = JSON.stringify(summary);
    const same = firstByText.get(text);
    if (same !== undefined) {
      exports[name] = { $same: same };
      shared = true;
    } else {
      exports[name] = summary;
      firstByText.set(text, name);
    }
  }
  return shared ? { ...facts, exports: exports as Record<string, ExportSummary> } : facts;
}

/** The facts `encodeFacts` wrote, with each shared export's summary restored (sharing the arrays of the one it refers to). */
export function decodeFacts(facts: FileFacts): FileFacts {
  if (!facts.exports) return facts;
  for (const [name, summary] of Object.entries(facts.exports as Record<string, ExportSummary | SameAs>)) {
    if (!('$same' in summary)) continue;
    const original = facts.exports[summary.$same] as ExportSummary | SameAs | undefined;
    if (!original || '$same' in original) throw new Error(`export ${name} refers to ${summary.$same}, which is not written out`);
    facts.exports[name] = { ...original };
  }
  return facts;
}

/** The header and body of a cache file's bytes, or why it is not a cache of this format. */
function parseCacheFile(bytes: Buffer): { header: Header; body: Buffer } | string {
  const newline = bytes.indexOf(10);
  if (newline < 0) return 'no header line';
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8', 0, newline));
  } catch {
    return 'its header is not JSON';
  }
  if (!isObject(data) || data.format !== CACHE_FORMAT) return `not of format ${CACHE_FORMAT}`;
  if (typeof data.key !== 'string' || typeof data.bodyLength !== 'number' || typeof data.bodyHash !== 'string' || !isObject(data.entries)) return 'its header is not of the expected shape';
  const body = bytes.subarray(newline + 1);
  if (body.length !== data.bodyLength) return `it is truncated or has grown (${body.length} bytes of facts, ${data.bodyLength} expected)`;
  if (createHash('sha256').update(body).digest('hex') !== data.bodyHash) return 'its facts do not match their checksum';
  const entries: Record<string, HeaderEntry> = Object.create(null) as Record<string, HeaderEntry>;
  for (const [file, entry] of Object.entries(data.entries)) {
    if (!isEntry(entry, body.length)) return `the entry of ${file} is not of the expected shape`;
    entries[file] = entry;
  }
  const result = data.result;
  if (result !== undefined && !(isObject(result) && typeof result.key === 'string' && inBody(result.offset, result.length, body.length))) return 'its stored result is not of the expected shape';
  return { header: { ...(data as unknown as Header), entries }, body };
}

function isEntry(entry: unknown, bodyLength: number): entry is HeaderEntry {
  if (!isObject(entry) || typeof entry.hash !== 'string' || !/^[0-9a-f]{64}$/.test(entry.hash)) return false;
  if (entry.stat !== undefined && !(Array.isArray(entry.stat) && entry.stat.length === 4 && entry.stat.every((x) => typeof x === 'number') && typeof entry.at === 'number')) return false;
  if (entry.factsHash !== undefined && !(typeof entry.factsHash === 'string' && /^[0-9a-f]{64}$/.test(entry.factsHash))) return false;
  if (entry.skipped !== undefined) return typeof entry.skipped === 'string';
  return inBody(entry.offset, entry.length, bodyLength);
}

function inBody(offset: unknown, length: unknown, bodyLength: number): boolean {
  return Number.isInteger(offset) && Number.isInteger(length) && (offset as number) >= 0 && (length as number) > 0 && (offset as number) + (length as number) <= bodyLength;
}

function isFacts(file: string, facts: unknown): facts is FileFacts {
  return isObject(facts) && facts.file === file && Array.isArray(facts.flows) && Array.isArray(facts.occurrences) && Array.isArray(facts.annotations);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
