import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPORT_FORMATS, renderReport, Workspace, type ReportFormat } from '../engine';
import { UsageError, type ParsedArgs } from './args';
import { cacheDir, workerCount } from './scan-command';

/** `privacy-lens report [DIR] --format html|md|csv|fides`: scans, then prints the data map; returns the exit code. */
export async function reportCommand(args: ParsedArgs, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const format = String(args.flags.format ?? 'html');
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}`);
  if (args.positionals.length > 1) throw new UsageError('report takes one directory');
  const workspace = new Workspace({
    root: resolve(args.positionals[0] ?? '.'),
    manifest: typeof args.flags.manifest === 'string' ? resolve(args.flags.manifest) : undefined,
    cacheDir: args.flags['no-cache'] ? null : cacheDir(),
    workers: args.flags.workers !== undefined ? workerCount(String(args.flags.workers)) : undefined,
    allowOutsidePolicy: args.flags['allow-outside-policy'] === true,
    includeTests: args.flags['include-tests'] === true,
  });
  await workspace.scan();
  const map = workspace.dataMap();
  if (!map) {
    err(`privacy-lens: the manifest ${workspace.manifestPath} is missing or invalid; run privacy-lens scan to see why\n`);
    return 2;
  }
  const text = renderReport(map, format as ReportFormat);
  if (typeof args.flags['output-file'] === 'string') writeFileSync(args.flags['output-file'], text);
  else out(text);
  return 0;
}
