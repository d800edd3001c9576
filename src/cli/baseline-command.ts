import { existsSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createBaseline, fingerprintFindings, legacyFingerprints, pruneBaseline, upgradeBaseline, Workspace, type Baseline } from '../engine';
import { UsageError, type ParsedArgs } from './args';
import { CliError, directoryArg, writableFile } from './errors';
import { readerOf } from './review';
import { cacheDir, readBaseline, workerCount } from './scan-command';

/** The default baseline file, at the workspace root. */
export const DEFAULT_BASELINE = 'privacy-lens-baseline.json';

/**
 * `privacy-lens baseline [DIR] [--output FILE] [--prune]`: records today's findings as accepted,
 * keeping the `acceptedBy` and `reason` of entries that are still there; with --prune, only drops
 * the entries no finding matches any more.
 */
export async function baselineCommand(args: ParsedArgs, out: (s: string) => void): Promise<number> {
  if (args.positionals.length > 1) throw new UsageError('baseline takes one directory');
  const root = directoryArg(args.positionals[0] ?? '.');
  const file = typeof args.flags['output-file'] === 'string' ? resolve(args.flags['output-file']) : join(root, DEFAULT_BASELINE);
  writableFile(file);
  const previous = existsSync(file) ? readBaseline(file) : undefined;
  if (args.flags.prune && !previous) throw new CliError(`--prune: there is no baseline at ${relative(process.cwd(), file)} yet`);
  const workspace = new Workspace({
    root,
    manifest: typeof args.flags.manifest === 'string' ? resolve(args.flags.manifest) : undefined,
    cacheDir: args.flags['no-cache'] ? null : cacheDir(),
    workers: args.flags.workers !== undefined ? workerCount(String(args.flags.workers)) : undefined,
    includeTests: args.flags['include-tests'] === true,
  });
  if (workspace.manifestFile.status !== 'ok') throw new CliError(`the manifest ${workspace.manifestPath} is ${workspace.manifestFile.status}; run "privacy-lens scan" to see why, or "privacy-lens init" to create one`);
  const result = await workspace.scan();
  const fingerprints = fingerprintFindings(result.findings, readerOf(root));
  // Entries of an earlier version (an undeclared category once per file) become today's, with their reasons.
  const upgraded = previous && upgradeBaseline(previous, result.findings, fingerprints, result.findings.map((f) => legacyFingerprints(f, readerOf(root))));
  const baseline: Baseline = args.flags.prune ? pruneBaseline(upgraded!, fingerprints) : createBaseline(result.findings, fingerprints, upgraded);
  writeFileSync(file, JSON.stringify(baseline, null, 2) + '\n');
  const shown = relative(process.cwd(), file) || file;
  if (args.flags.prune) out(`Pruned ${previous!.findings.length - baseline.findings.length} fixed entr${previous!.findings.length - baseline.findings.length === 1 ? 'y' : 'ies'} from ${shown}; ${baseline.findings.length} remain.\n`);
  else out(`Recorded ${baseline.findings.length} finding${baseline.findings.length === 1 ? '' : 's'} in ${shown}${previous ? ` (${baseline.findings.filter((e) => e.reason || e.acceptedBy).length} with their reasons kept)` : ''}.\n`);
  return 0;
}
