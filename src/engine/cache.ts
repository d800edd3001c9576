import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { FileOutcome } from './analyze-files';
import { fileStamp, type WorkspaceFile } from './files';

interface Entry {
  size: number;
  mtimeMs: number;
  outcome: FileOutcome;
}

interface CacheFile {
  key: string;
  entries: Record<string, Entry>;
}

/**
 * Facts of unchanged files, kept between scans. An entry is reused while the file's size and
 * modification time are unchanged and the detection configuration (engine version, custom
 * categories and vendors) is the same; the rules always run again, so manifest edits that only
 * change purposes or sharing never need a re-analysis.
 */
export class FactsCache {
  private readonly next: Record<string, Entry> = {};
  /** Stamps read by get(), so set() does not stat each file a second time. */
  private readonly stamps = new Map<string, { size: number; mtimeMs: number }>();
  private changed = false;

  private constructor(
    private readonly path: string,
    private readonly key: string,
    private readonly previous: Record<string, Entry>,
  ) {}

  /** Opens the cache of a workspace root; a missing or unreadable cache starts empty. */
  static open(dir: string, root: string, detectionKey: string): FactsCache {
    const path = join(dir, `facts-${createHash('sha1').update(root).digest('hex').slice(0, 16)}.json`);
    try {
      const data = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
      return new FactsCache(path, detectionKey, data.key === detectionKey ? data.entries : {});
    } catch {
      return new FactsCache(path, detectionKey, {});
    }
  }

  /** The cached outcome of a file, if it has not changed. */
  get(file: WorkspaceFile): FileOutcome | undefined {
    const entry = this.previous[file.relative];
    const stamp = fileStamp(file.absolute);
    if (stamp) this.stamps.set(file.relative, stamp);
    if (!entry || !stamp || entry.size !== stamp.size || entry.mtimeMs !== stamp.mtimeMs) return undefined;
    return entry.outcome;
  }

  /** Records the outcome of a file for the next scan. */
  set(file: WorkspaceFile, outcome: FileOutcome): void {
    const stamp = this.stamps.get(file.relative) ?? fileStamp(file.absolute);
    if (!stamp) return;
    const old = this.previous[file.relative];
    if (!old || old.size !== stamp.size || old.mtimeMs !== stamp.mtimeMs) this.changed = true;
    this.next[file.relative] = { ...stamp, outcome };
  }

  /** Writes the cache atomically when anything changed; a write failure only loses the cache. */
  save(): void {
    if (!this.changed && Object.keys(this.next).length === Object.keys(this.previous).length) return;
    try {
      mkdirSync(join(this.path, '..'), { recursive: true });
      writeFileSync(`${this.path}.tmp`, JSON.stringify({ key: this.key, entries: this.next } satisfies CacheFile));
      renameSync(`${this.path}.tmp`, this.path);
    } catch {
      // The cache is an optimisation: a read-only or full disk must not fail the scan.
    }
  }
}
