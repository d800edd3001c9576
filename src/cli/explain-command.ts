import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { formatExplanation, isInside, Workspace } from '../engine';
import { UsageError, type ParsedArgs } from './args';
import { CliError, directoryArg } from './errors';

const FORMATS = ['text', 'json'];

/** `privacy-lens explain FILE:LINE [DIR]`: what the engine saw at the calls of a line, and why; returns the exit code. */
export async function explainCommand(args: ParsedArgs, out: (s: string) => void): Promise<number> {
  const [target, dir, ...rest] = args.positionals;
  if (target === undefined) throw new UsageError('explain needs FILE:LINE (for example: privacy-lens explain src/signup.ts:12)');
  if (rest.length > 0) throw new UsageError('explain takes FILE:LINE and at most one directory');
  const format = String(args.flags.format ?? 'text');
  if (!FORMATS.includes(format)) throw new UsageError(`--format of explain must be one of ${FORMATS.join(', ')}`);
  const { file, line } = fileAndLine(target);
  const root = directoryArg(dir ?? '.');
  const relativeFile = workspaceFile(root, file);
  // The file explained is scanned even when it is test code, as a file named on the command line is.
  const workspace = new Workspace({ root, manifest: typeof args.flags.manifest === 'string' ? resolve(args.flags.manifest) : undefined, cacheDir: null, includeTests: args.flags['include-tests'] === true, keepTestPaths: [relativeFile] });
  const result = await workspace.explain(relativeFile, line);
  if (!result.ok) throw new CliError(result.error.message);
  out(format === 'json' ? `${JSON.stringify(result.explanation, null, 2)}\n` : formatExplanation(result.explanation));
  return 0;
}

/** `src/a.ts:12` split at its last colon; a missing or bad line number is a usage error. */
function fileAndLine(target: string): { file: string; line: number } {
  const m = /^(.*):([^:]*)$/.exec(target);
  if (!m || m[1] === '') throw new UsageError(`explain needs FILE:LINE, with the line after a colon (got "${target}")`);
  if (!/^\d+$/.test(m[2]) || Number(m[2]) < 1) throw new UsageError(`the line of ${m[1]} must be a number from 1 (got "${m[2]}")`);
  return { file: m[1], line: Number(m[2]) };
}

/** FILE relative to the current directory or to DIR, as a path relative to DIR with forward slashes. */
function workspaceFile(root: string, file: string): string {
  const candidates = isAbsolute(file) ? [file] : [resolve(file), resolve(root, file)];
  const existing = candidates.filter((c) => existsSync(c));
  const inside = existing.find((c) => isInside(root, c) && !relative(root, c).startsWith('..'));
  if (inside) return relative(root, inside).split(sep).join('/');
  if (existing.length > 0) throw new CliError(`${file} is outside the workspace ${root}`);
  throw new CliError(`no such file: ${file}`);
}
