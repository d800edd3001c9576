/**
 * The one way the engine reads a file of the workspace. A hostile workspace can put a FIFO, a
 * device, a folder or a huge sparse file where a source, the manifest or a config file is expected:
 * reading it naively hangs the scan forever or reads gigabytes. Here a file is opened without
 * blocking, checked with fstat to be a regular file (on the descriptor, so it cannot be swapped
 * between the check and the read), and read up to a size limit without reading past it.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** The size limit of the files read besides sources (manifest, policy, .gitignore, package.json, tsconfig.json, workspace files, Prisma schemas): 4 MiB. */
export const MAX_WORKSPACE_FILE_SIZE = 4 * 1024 * 1024;

/** A file's bytes, or why it was not read. */
export type ReadResult =
  | { ok: true; bytes: Buffer }
  | {
      ok: false;
      /** `ENOENT` (no such file), `EISDIR` (a folder), `ENOTREG` (a FIFO, device or socket), `EFBIG` (over the limit) or another errno code. */
      code: string;
      /** A sentence fragment that says why, with no file contents: "it is a FIFO, not a regular file". */
      reason: string;
    };

/** Reads a regular file of at most `maxBytes` bytes; never blocks on a FIFO and never reads past the limit. */
export function readRegularFile(path: string, maxBytes = MAX_WORKSPACE_FILE_SIZE): ReadResult {
  try {
    // A first check on the path avoids even opening a device; the check on the descriptor below is the one that counts.
    const refused = refusal(statSync(path), maxBytes);
    if (refused) return refused;
    const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const stats = fstatSync(fd);
      return refusal(stats, maxBytes) ?? readBounded(fd, stats.size, maxBytes);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    return failure(e);
  }
}

/** Reads a regular file as UTF-8 text (like `readFileSync(path, 'utf8')`, a BOM is kept), or says why it was not read. */
export function readRegularText(path: string, maxBytes = MAX_WORKSPACE_FILE_SIZE): { ok: true; text: string } | Extract<ReadResult, { ok: false }> {
  const r = readRegularFile(path, maxBytes);
  return r.ok ? { ok: true, text: r.bytes.toString('utf8') } : r;
}

function refusal(stats: Stats, maxBytes: number): Extract<ReadResult, { ok: false }> | undefined {
  if (stats.isDirectory()) return { ok: false, code: 'EISDIR', reason: 'it is a folder, not a file' };
  if (!stats.isFile()) return { ok: false, code: 'ENOTREG', reason: `it is ${kindOf(stats)}, not a regular file` };
  if (stats.size > maxBytes) return { ok: false, code: 'EFBIG', reason: tooLarge(stats.size, maxBytes) };
  return undefined;
}

/** Reads at most maxBytes + 1 bytes, so a file that grew past the limit since fstat is still refused. */
function readBounded(fd: number, size: number, maxBytes: number): ReadResult {
  let buffer = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxBytes) return { ok: false, code: 'EFBIG', reason: tooLarge(length, maxBytes) };
      const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) return { ok: true, bytes: buffer.subarray(0, length) };
    length += n;
  }
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

function failure(e: unknown): Extract<ReadResult, { ok: false }> {
  const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
  const reasons: Record<string, string> = { ENOENT: 'no such file', EISDIR: 'it is a folder, not a file', EACCES: 'permission denied', EAGAIN: 'it would block' };
  return { ok: false, code, reason: reasons[code] ?? `it cannot be read (${code})` };
}

/** "larger than the size limit (3.0 MiB > 1.0 MiB)". */
export function tooLarge(size: number, maxBytes: number): string {
  return `larger than the size limit (${formatSize(size)} > ${formatSize(maxBytes)})`;
}

function formatSize(n: number): string {
  if (n < 1024) return `${n} bytes`;
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(n / 1024)} KiB`;
}

/** A file of the workspace that is there but was not read (a FIFO, a device, too large), for "Not analysed". */
export interface UnreadFile {
  /** The absolute path. */
  path: string;
  reason: string;
}

/**
 * Reads an optional workspace file (`.gitignore`, `package.json`, a tsconfig, a Prisma schema):
 * its text, or undefined. A missing file is no news; one that is there but refused is added to
 * `unread`, so that it is listed rather than silently ignored.
 */
export function readOptionalText(path: string, unread?: UnreadFile[]): string | undefined {
  const read = readRegularText(path);
  if (read.ok) return read.text;
  if (read.code !== 'ENOENT' && read.code !== 'ENOTDIR') unread?.push({ path, reason: `not read: ${read.reason}` });
  return undefined;
}

/** True when `path` (following links, as far as it exists) is the root or under it. */
export function isInside(root: string, path: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  const rel = relative(real(root), real(path));
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
