import { writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { escapeControl } from '../engine/escape';
import { MAX_WORKERS } from '../engine/pool';
import { scanWorkspace } from '../engine/scan';
import type { Finding, ScanResult, Severity } from '../engine/types';
import { UsageError, type ParsedArgs } from './args';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';

const FORMATS = ['text', 'json', 'sarif'];
const FAIL_ON = ['error', 'warning', 'info', 'none'];
const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** `privacy-lens scan [DIR]`: scans a workspace and prints the findings; returns the exit code. */
export async function scanCommand(args: ParsedArgs, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const format = String(args.flags.format ?? 'text');
  const failOn = String(args.flags['fail-on'] ?? 'error');
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}`);
  if (args.positionals.length > 1) throw new UsageError('scan takes one directory');
  const root = resolve(args.positionals[0] ?? '.');
  const result = await scanWorkspace({
    root,
    manifest: typeof args.flags.manifest === 'string' ? resolve(args.flags.manifest) : undefined,
    cacheDir: args.flags['no-cache'] ? null : cacheDir(),
    workers: args.flags.workers !== undefined ? workerCount(String(args.flags.workers)) : undefined,
    allowOutsidePolicy: args.flags['allow-outside-policy'] === true,
    onNote: (note) => err(`privacy-lens: note: ${escapeControl(note)}\n`),
  });
  const text = render(result, format, !args.flags.output && process.stdout.isTTY === true && !process.env.NO_COLOR);
  if (typeof args.flags.output === 'string') writeFileSync(args.flags.output, text);
  else out(text);
  if (result.findings.some((f) => f.rule === 'manifest-invalid')) {
    err(`privacy-lens: the manifest ${escapeControl(result.manifest ?? '')} is missing or invalid (see the manifest-invalid findings)\n`);
    return 2;
  }
  return failing(result.findings, failOn) ? 1 : 0;
}

function render(result: ScanResult, format: string, color: boolean): string {
  if (format === 'json') return JSON.stringify(result, null, 2) + '\n';
  if (format === 'sarif') return formatSarif(result);
  return formatText(result, color);
}

function failing(findings: Finding[], failOn: string): boolean {
  if (failOn === 'none') return false;
  return findings.some((f) => RANK[f.severity] >= RANK[failOn as Severity]);
}

/** `--workers N`: an integer from 0 (analyse in-process) to MAX_WORKERS, else a usage error. */
export function workerCount(value: string): number {
  if (!/^\d{1,3}$/.test(value) || Number(value) > MAX_WORKERS) throw new UsageError(`--workers must be an integer from 0 to ${MAX_WORKERS}`);
  return Number(value);
}

/** Where the CLI keeps its facts cache: $PRIVACY_LENS_CACHE, $XDG_CACHE_HOME/privacy-lens or ~/.cache/privacy-lens. */
function cacheDir(): string {
  return process.env.PRIVACY_LENS_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'privacy-lens');
}
