import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Minimatch } from 'minimatch';
import { isSourceFile } from './analysis/parse';
import { readOptionalText, type UnreadFile } from './read-file';

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
}

/** Lists the JS/TS source files of a workspace, in a stable order. */
export function listSourceFiles(root: string, options: ListOptions = {}): WorkspaceFile[] {
  const excludes = [...DEFAULT_EXCLUDES, ...(options.exclude ?? []), ...(options.gitignore === false ? [] : gitignoreGlobs(root, options.unread))].map(compile);
  const includes = (options.include ?? []).map(compile);
  const out: WorkspaceFile[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const abs = join(dir, e.name);
      const rel = relative(root, abs).split(sep).join('/');
      if (e.isDirectory()) {
        if (!ALWAYS_SKIPPED.has(e.name) && !excludes.some((m) => m.match(rel) || m.match(`${rel}/`))) walk(abs);
      } else if (e.isFile() && isSourceFile(e.name) && !excludes.some((m) => m.match(rel))) {
        if (includes.length === 0 || includes.some((m) => m.match(rel))) out.push({ absolute: abs, relative: rel });
      }
    }
  };
  walk(root);
  return out;
}

function compile(glob: string): Minimatch {
  return new Minimatch(glob.replace(/^\.\//, ''), { dot: true });
}

/** The root `.gitignore` as globs (comments, negations and nested files are not supported). */
function gitignoreGlobs(root: string, unread?: UnreadFile[]): string[] {
  const text = readOptionalText(join(root, '.gitignore'), unread);
  if (text === undefined) return [];
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'))
    .flatMap(gitignoreToGlobs);
}

function gitignoreToGlobs(line: string): string[] {
  const pattern = line.replace(/\/$/, '');
  const anchored = pattern.includes('/');
  const base = anchored ? pattern.replace(/^\//, '') : `**/${pattern}`;
  return [base, `${base}/**`];
}

/** File size and modification time, for cache checks. */
export function fileStamp(path: string): { size: number; mtimeMs: number } | undefined {
  try {
    const s = statSync(path);
    return { size: s.size, mtimeMs: s.mtimeMs };
  } catch {
    return undefined;
  }
}
