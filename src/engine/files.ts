import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isSourceFile } from './analysis/parse';
import { compileGlobs, type Glob } from './glob';
import { isInside, readOptionalText, type UnreadFile } from './core/read-file';
import { globNamesTestCode, isTestPath } from './test-code';

/** Folders never scanned. */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);
/** Files never scanned: minified bundles and declaration files. */
const DEFAULT_EXCLUDES = ['**/*.min.js', '**/*.d.ts', '**/*.bundle.js'];

/** A source file found in a workspace. */
export interface WorkspaceFile {
  absolute: string;
  /** Relative to the root, with forward slashes. */
  relative: string;
}

/** Options of a file listing. */
export interface ListOptions {
  /** Globs (relative to the root) never scanned: the manifest's `ignore` and settings. Defaults to []. */
  exclude?: string[];
  /** When given, only files matching one of these globs are scanned. Defaults to all source files. */
  include?: string[];
  /** Read the root's `.gitignore`. Defaults to true. */
  gitignore?: boolean;
  /** Collects the files that are there but could not be read (a `.gitignore` that is a FIFO). Defaults to none. */
  unread?: UnreadFile[];
  /** Leave test code out (see `isTestPath`), counting what is left out. Defaults to none: test code is listed. */
  tests?: TestCodeFilter;
}

/** How a listing leaves test code out. */
export interface TestCodeFilter {
  /** Test code at or under these relative paths is listed all the same, when the path names test code itself (a file or folder named on the command line). */
  keep: string[];
  /** Collects the relative paths of the test files left out, which the scan would otherwise have read. */
  leftOut: string[];
}

/**
 * Lists the JS/TS source files of a workspace, in a stable order. Links are followed when they
 * lead inside the workspace, each file once: a file or folder reached both at its own path and
 * through a link (or through a link to an ancestor, a loop) is listed at its own path only. Links
 * that lead outside the workspace, broken links, links to what the scan excludes and folders that
 * cannot be read are added to `unread`, for "Not analysed".
 */
export function listSourceFiles(root: string, options: ListOptions = {}): WorkspaceFile[] {
  const gitignore = options.gitignore === false ? [] : gitignoreGlobs(root, options.unread);
  const excludes = [...compile([...DEFAULT_EXCLUDES, ...(options.exclude ?? [])]), ...gitignore];
  const includes = compile(options.include ?? []);
  const isLeftOut = testCodeLeftOut(options.include ?? [], options.tests);
  const excluded = (rel: string, folder: boolean) => excludes.some((m) => (folder ? m.match(`${rel}/`) : m.match(rel)));
  const realRoot = realOrSelf(root);
  const files: WorkspaceFile[] = [];
  const seenFiles = new Set<string>();
  const seenFolders = new Set<string>();
  const links: { path: string; rel: string; name: string }[] = [];
  const addFile = (absolute: string, rel: string, real: string) => {
    if (seenFiles.has(real) || excluded(rel, false)) return;
    seenFiles.add(real);
    if (includes.length > 0 && !includes.some((m) => m.match(rel))) return;
    if (isLeftOut(rel)) options.tests!.leftOut.push(rel);
    else files.push({ absolute, relative: rel });
  };
  // `real` is the folder's path with every link resolved: the key that stops loops and duplicates.
  const walk = (dir: string, real: string, relDir: string): void => {
    seenFolders.add(real);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      // An unreadable folder is listed, never silently left out (the root's own absence is the caller's business).
      if (dir !== root) options.unread?.push({ path: dir, reason: `folder not read (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const rel = relDir ? `${relDir}/${e.name}` : e.name;
      if (e.isSymbolicLink()) links.push({ path: join(dir, e.name), rel, name: e.name });
      // `${rel}/` is matched by every glob that matches the folder itself: one match per folder.
      else if (e.isDirectory()) {
        if (!ALWAYS_SKIPPED.has(e.name) && !excluded(rel, true)) walk(join(dir, e.name), join(real, e.name), rel);
      } else if (e.isFile() && isSourceFile(e.name)) addFile(join(dir, e.name), rel, join(real, e.name));
    }
  };
  walk(root, realRoot, '');
  // Links are followed after the folders themselves, so that what has its own path is listed there.
  for (let i = 0; i < links.length; i++) {
    const link = links[i];
    if (excluded(link.rel, false) || excluded(link.rel, true)) continue;
    const target = followLink(realRoot, link.path, link.name, (rel, folder) => excluded(rel, folder) || rel.split('/').some((s) => ALWAYS_SKIPPED.has(s)));
    if ('note' in target) {
      if (target.note) options.unread?.push({ path: link.path, reason: target.note });
    } else if (target.folder) {
      if (!seenFolders.has(target.real)) walk(target.real, target.real, link.rel);
    } else addFile(target.real, link.rel, target.real);
  }
  // Each path is split once, not once per comparison.
  const keyed = files.map((file) => ({ file, parts: file.relative.split('/') }));
  return keyed.sort((a, b) => compareParts(a.parts, b.parts)).map((k) => k.file);
}

/**
 * Whether a listed file is test code to leave out: never without a filter; else when it is test
 * code, not under a kept path, and not matched by an `include` glob that names test code itself
 * (a team that writes `include: ["e2e/**"]` asks for those files).
 */
export function testCodeLeftOut(include: string[], tests: TestCodeFilter | undefined): (rel: string) => boolean {
  if (!tests) return () => false;
  const asked = compile(include.filter(globNamesTestCode));
  // A path kept is one that names test code itself: `scan src` still leaves `src/a.test.ts` out, `scan src/a.test.ts` does not.
  const keep = tests.keep.map((k) => k.replace(/^\.\//, '').replace(/\/+$/, '')).filter((k) => isTestPath(k) || isTestPath(`${k}/x`));
  const kept = (rel: string) => keep.some((k) => rel === k || rel.startsWith(`${k}/`));
  return (rel) => isTestPath(rel) && !kept(rel) && !asked.some((m) => m.match(rel));
}

/** The order a workspace listing gives files (folders walked depth-first, names sorted): to merge shards in it. */
export function compareListingOrder(a: string, b: string): number {
  return compareParts(a.split('/'), b.split('/'));
}

function compareParts(x: string[], y: string[]): number {
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return x.length - y.length;
}

type LinkTarget = { real: string; folder: boolean } | { note: string | undefined };

/**
 * Where a link found in the workspace leads, when it is to be followed: a source file or a folder
 * inside the workspace that the scan does not exclude. Otherwise why not (no note for links to
 * other kinds of file, which a scan would not read anyway).
 */
function followLink(realRoot: string, path: string, name: string, skipped: (rel: string, folder: boolean) => boolean): LinkTarget {
  let stats;
  let real;
  try {
    stats = statSync(path);
    real = realpathSync(path);
  } catch {
    return { note: isSourceFile(name) ? 'a broken link, not followed' : undefined };
  }
  const folder = stats.isDirectory();
  if (!folder && !(stats.isFile() && isSourceFile(name))) return { note: undefined };
  if (!isInside(realRoot, real)) return { note: 'a link to outside the workspace, not followed' };
  const rel = relative(realRoot, real).split(sep).join('/');
  if (rel && skipped(rel, folder)) return { note: `a link to ${rel}, which the scan excludes, not followed` };
  return { real, folder };
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function compile(globs: string[], onError?: (error: string) => void): Glob[] {
  return compileGlobs(globs.map((g) => g.replace(/^\.\//, '')), onError);
}

/**
 * The root `.gitignore` as globs (comments, negations and nested files are not supported). A line
 * that cannot be compiled (braces that expand too far) is reported in `unread` and not used.
 */
export function gitignoreGlobs(root: string, unread?: UnreadFile[]): Glob[] {
  const path = join(root, '.gitignore');
  const text = readOptionalText(path, unread);
  if (text === undefined) return [];
  return text.split(/\r?\n/).flatMap((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('!')) return [];
    let refused = false;
    const globs = compile(gitignoreToGlobs(line), (error) => {
      if (!refused) unread?.push({ path, reason: `line ${i + 1} is not used: ${error}` });
      refused = true;
    });
    return refused ? [] : globs;
  });
}

function gitignoreToGlobs(line: string): string[] {
  const pattern = line.replace(/\/$/, '');
  const anchored = pattern.includes('/');
  const base = anchored ? pattern.replace(/^\//, '') : `**/${pattern}`;
  return [base, `${base}/**`];
}
