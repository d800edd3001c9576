import { basename, join, resolve } from 'node:path';
import { inventoryFromFacts } from '../engine/draft/from-code';
import { draftFromCode, extendManifest } from '../engine/draft/init';
import { readRegularText } from '../engine/read-file';
import { analyzeWorkspace, emptyManifest, factsOf, readManifestFile } from '../engine/scan';
import { UsageError, type ParsedArgs } from './args';
import { emitManifest } from './draft-command';

/** `privacy-lens init [DIR]`: drafts a manifest from the code, or adds what is new to DIR's manifest; returns the exit code. */
export async function initCommand(args: ParsedArgs, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (args.positionals.length > 1) throw new UsageError('init takes one directory');
  const root = resolve(args.positionals[0] ?? '.');
  const existing = readManifestFile(root, typeof args.flags.manifest === 'string' ? resolve(args.flags.manifest) : undefined);
  if (existing.status === 'invalid') {
    const e = existing.errors[0];
    err(`privacy-lens: the manifest ${existing.path} is invalid (${e.line}:${e.column} ${e.message}); fix it before running init\n`);
    return 2;
  }
  const manifest = existing.status === 'ok' ? existing.manifest : emptyManifest();
  const inventory = inventoryFromFacts(factsOf(await analyzeWorkspace({ root, cacheDir: null }, manifest)));
  const output = typeof args.flags.output === 'string' ? resolve(args.flags.output) : undefined;
  if (existing.status !== 'ok') return emitManifest(draftFromCode(inventory, { system: basename(root) }), output, out, err);
  const read = readRegularText(join(root, existing.path));
  if (!read.ok) {
    err(`privacy-lens: the manifest ${existing.path} cannot be read: ${read.reason}\n`);
    return 2;
  }
  const extended = extendManifest(read.text, existing.manifest, inventory);
  if (!extended.ok) {
    err(`privacy-lens: cannot add to ${existing.path}: ${extended.error}\n`);
    return 2;
  }
  return emitManifest(extended.text, output, out, err);
}
