import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compareListingOrder, Workspace, type FileFacts, type ScanResult, type SkippedFile } from '../engine';
import { UsageError, type ParsedArgs } from './args';
import { CliError, directoryArg } from './errors';
import { review } from './review';
import { emit, scanSettings, type ShardPayload } from './scan-command';

/**
 * `privacy-lens merge SHARD_FILE...`: combines the shards of `scan --shard I/N --format json` into
 * one report. The shards carry the facts of their files; the rules run here once over all of them,
 * so the report is the one an unsharded scan gives (cross-shard flows included).
 */
export async function mergeCommand(args: ParsedArgs, out: (s: string) => void): Promise<number> {
  if (args.positionals.length === 0) throw new UsageError('merge takes the JSON files of scan --shard I/N --format json');
  const settings = scanSettings(args);
  const shards = args.positionals.map(readShard);
  checkComplete(shards.map((s) => s.payload), args.positionals);
  const root = directoryArg('.');
  const workspace = new Workspace({ root, manifest: typeof args.flags.manifest === 'string' ? resolve(args.flags.manifest) : undefined, cacheDir: null });
  if (workspace.manifestFile.status !== 'ok') throw new CliError(`the manifest ${workspace.manifestPath} is ${workspace.manifestFile.status}: run merge in the workspace the shards were made in`);
  const facts: FileFacts[] = shards.flatMap((s) => s.payload.facts).sort((a, b) => compareListingOrder(a.file, b.file));
  const skipped: SkippedFile[] = shards.flatMap((s) => s.payload.skipped).sort((a, b) => compareListingOrder(a.file, b.file));
  workspace.setFacts(facts, skipped);
  const filesScanned = shards.reduce((n, s) => n + s.filesScanned, 0);
  // Every shard lists the whole workspace, so each counts the same test files left out.
  const testFilesLeftOut = Math.max(0, ...shards.map((s) => s.testFilesLeftOut));
  const result: ScanResult = { version: 1, manifest: workspace.manifestPath, filesScanned, findings: workspace.findings(), inventory: workspace.inventory(), skipped, testFilesLeftOut };
  const changedSince = typeof args.flags['changed-since'] === 'string' ? args.flags['changed-since'] : undefined;
  const reviewed = await review(workspace, result, { changedSince, baseline: settings.baseline?.baseline, quiet: args.flags.quiet === true }, { cacheDir: null });
  return emit({ ...result, findings: reviewed.findings }, reviewed, settings, args, workspace, out);
}

function readShard(path: string): { payload: ShardPayload; filesScanned: number; testFilesLeftOut: number } {
  let data: { filesScanned?: number; testFilesLeftOut?: number; shard?: ShardPayload };
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new CliError(`cannot read the shard ${path} (a file of scan --shard I/N --format json)`);
  }
  if (!data?.shard || !Array.isArray(data.shard.facts)) throw new CliError(`${path} is not a shard: make it with scan --shard I/N --format json`);
  return { payload: data.shard, filesScanned: data.filesScanned ?? data.shard.facts.length, testFilesLeftOut: typeof data.testFilesLeftOut === 'number' ? data.testFilesLeftOut : 0 };
}

/** Every shard 1..N once, all of the same N. */
function checkComplete(shards: ShardPayload[], paths: string[]): void {
  const count = shards[0].count;
  const odd = shards.findIndex((s) => s.count !== count);
  if (odd >= 0) throw new CliError(`${paths[odd]} is a shard of ${shards[odd].count}, ${paths[0]} of ${count}`);
  const seen = new Set<number>();
  shards.forEach((s, i) => {
    if (seen.has(s.index)) throw new CliError(`${paths[i]} repeats shard ${s.index}/${count}`);
    seen.add(s.index);
  });
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length) throw new CliError(`shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing`);
}
