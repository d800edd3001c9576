/**
 * The git the review needs, run with execFile (no shell), locally only: no fetch, no external diff
 * drivers, text conversions or fsmonitor hooks, so that nothing of the repository is executed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CliError } from './errors';

const SAFE = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'diff.external=', '--no-pager'];

function safePath(path: string): boolean {
  const parts = path.split('/');
  return !path.startsWith('/') && !parts.includes('..') && !parts.includes('.git') && !parts.includes('node_modules');
}

/** Runs git in `cwd`; returns stdout, or throws with git's first line of stderr. */
function git(cwd: string, args: string[], input?: string): Buffer {
  try {
    return execFileSync('git', [...SAFE, ...args], {
      cwd,
      input,
      maxBuffer: 1 << 30,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_EXTERNAL_DIFF: '' },
    });
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim().split('\n')[0];
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError('--changed-since needs git, and git is not on the PATH');
    throw new GitError(stderr || (e instanceof Error ? e.message : String(e)));
  }
}

class GitError extends Error {}

function text(cwd: string, args: string[]): string {
  return git(cwd, args).toString('utf8').trim();
}

/** The merge-base of REF and HEAD, or a one-line error saying why not (unknown ref, shallow clone, not a repository). */
export function mergeBase(cwd: string, ref: string): string {
  try {
    text(cwd, ['rev-parse', '--show-toplevel']);
  } catch {
    throw new CliError(`--changed-since: ${cwd} is not in a git repository`);
  }
  try {
    text(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new CliError(`--changed-since: unknown git ref "${ref}" (in CI, fetch it first, e.g. git fetch origin ${ref.replace(/^origin\//, '')})`);
  }
  try {
    return text(cwd, ['merge-base', ref, 'HEAD']);
  } catch {
    if (text(cwd, ['rev-parse', '--is-shallow-repository']) === 'true') {
      const depth = text(cwd, ['rev-list', '--count', 'HEAD']);
      throw new CliError(
        `--changed-since: this clone is shallow (${depth} commit${depth === '1' ? '' : 's'} of HEAD's history) and does not reach the merge-base of ${ref} and HEAD; ` +
          `fetch the whole history (actions/checkout with fetch-depth: 0, GitLab GIT_DEPTH: 0) or deepen it past the branch point (git fetch --deepen=N, N more than the commits since the branch left ${ref})`,
      );
    }
    throw new CliError(`--changed-since: ${ref} and HEAD have no common ancestor`);
  }
}

/** `git diff` of the working tree against a commit, with renames and no context, paths relative to `cwd`. */
export function diffSince(cwd: string, commit: string): string {
  // Prefixes are set, since diff.noprefix or diff.mnemonicPrefix in a user's config would change them.
  const format = ['--no-ext-diff', '--no-textconv', '--no-color', '--find-renames', '--unified=0', '--relative', '--src-prefix=a/', '--dst-prefix=b/'];
  return git(cwd, ['diff', ...format, commit, '--', '.']).toString('utf8');
}

/** Files of `cwd` git does not track and does not ignore (new files not yet added), relative to `cwd`. */
export function untrackedFiles(cwd: string): string[] {
  return text(cwd, ['ls-files', '--others', '--exclude-standard', '-z', '--', '.']).split('\0').filter(Boolean);
}

/**
 * Writes the tree of `commit` under `cwd` (the scanned folder) into `target`, from raw blobs
 * (`git cat-file --batch`: no smudge filters, nothing checked out or executed).
 */
export function exportTree(cwd: string, commit: string, target: string, maxBytes = 4 << 20): number {
  const entries = git(cwd, ['ls-tree', '-r', '-z', '-l', commit, '--', '.'])
    .toString('utf8')
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, path] = line.split('\t');
      const [mode, type, sha, size] = meta.split(/\s+/);
      return { mode, type, sha, size: Number(size), path };
    })
    // Regular files only (no symlinks, no submodules), not dependencies, and never a path that
    // would leave the target folder (a crafted tree can hold `..` entries that git itself refuses).
    .filter((e) => e.type === 'blob' && e.mode.startsWith('100') && e.size <= maxBytes && safePath(e.path));
  if (entries.length === 0) return 0;
  const out = git(cwd, ['cat-file', '--batch'], entries.map((e) => e.sha).join('\n') + '\n');
  let offset = 0;
  for (const e of entries) {
    const newline = out.indexOf(10, offset);
    const size = Number(out.subarray(offset, newline).toString('utf8').split(' ')[2]);
    const body = out.subarray(newline + 1, newline + 1 + size);
    offset = newline + 1 + size + 1;
    const file = join(target, e.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, body);
  }
  return entries.length;
}
