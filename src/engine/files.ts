import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isSourceFile } from './analysis/parse';
import { compileGlobs, type Glob } from './glob';
import { isInside, readOptionalText, type UnreadFile } from './core/read-file';

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
  const gitignore = options.gitignore === false ? [] : gitignoreGlobs(root, options.unread);
  const excludes = [...compile([...DEFAULT_EXCLUDES, ...(options.exclude ?? [])]), ...gitignore];
  const includes = compile(options.include ?? []);
  const out: WorkspaceFile[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      // An unreadable folder is listed, never silently left out (the root's own absence is the caller's business).
      if (dir !== root) options.unread?.push({ path: dir, reason: `folder not read (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const abs = join(dir, e.name);
      const rel = relative(root, abs).split(sep).join('/');
      if (e.isSymbolicLink()) {
        const note = linkNote(root, abs, e.name);
        if (note && !excludes.some((m) => m.match(rel) || m.match(`${rel}/`))) options.unread?.push({ path: abs, reason: note });
      } else if (e.isDirectory()) {
        // `${rel}/` is matched by every glob that matches the folder itself: one match per folder.
        if (!ALWAYS_SKIPPED.has(e.name) && !excludes.some((m) => m.match(`${rel}/`))) walk(abs);
      } else if (e.isFile() && isSourceFile(e.name) && !excludes.some((m) => m.match(rel))) {
        if (includes.length === 0 || includes.some((m) => m.match(rel))) out.push({ absolute: abs, relative: rel });
      }
    }
  };
  walk(root);
  return out;
}

/**
 * Why a link found in the workspace is not analysed under its own name, when it is a source file or
 * a folder: links are not followed, so that no file is analysed twice and none outside the
 * workspace is read; a link inside the workspace is analysed at its target's path.
 */
function linkNote(root: string, path: string, name: string): string | undefined {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return isSourceFile(name) ? 'a broken link, not followed' : undefined;
  }
  if (!stats.isDirectory() && !(stats.isFile() && isSourceFile(name))) return undefined;
  if (!isInside(root, path)) return 'a link to outside the workspace, not followed';
  const target = relative(realpathSync(root), realpathSync(path)).split(sep).join('/');
  return `a link to ${target || '.'}, not followed (files are analysed at their own path)`;
}

function compile(globs: string[], onError?: (error: string) => void): Glob[] {
  return compileGlobs(globs.map((g) => g.replace(/^\.\//, '')), onError);
}

/**
 * The root `.gitignore` as globs (comments, negations and nested files are not supported). A line
 * that cannot be compiled (braces that expand too far) is reported in `unread` and not used.
 */
function gitignoreGlobs(root: string, unread?: UnreadFile[]): Glob[] {
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
