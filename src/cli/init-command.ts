import { basename, resolve } from 'node:path';
import { draftFromCode, extendManifest, Workspace } from '../engine';
import { UsageError, type ParsedArgs } from './args';
import { emitManifest } from './draft-command';
import { directoryArg, writableFile } from './errors';
import { progressOn } from './progress';

/** `privacy-lens init [DIR]`: drafts a manifest from the code, or adds what is new to DIR's manifest; returns the exit code. */
export async function initCommand(args: ParsedArgs, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (args.positionals.length > 1) throw new UsageError('init takes one directory');
  const root = directoryArg(args.positionals[0] ?? '.');
  const workspace = new Workspace({ root, manifest: typeof args.flags.manifest === 'string' ? resolve(args.flags.manifest) : undefined, cacheDir: null, includeTests: args.flags['include-tests'] === true });
  const existing = workspace.manifestFile;
  if (existing.status === 'invalid') {
    const e = existing.errors[0];
    err(`privacy-lens: the manifest ${existing.path} is invalid (${e.line}:${e.column} ${e.message}); fix it before running init\n`);
    return 2;
  }
  const progress = progressOn(process.stderr, args.flags.quiet === true);
  const inventory = await workspace.codeInventory({ onProgress: progress.onProgress });
  progress.done();
  const leftOut = workspace.testFilesLeftOut.length;
  if (leftOut > 0) err(`privacy-lens: note: ${leftOut} test file${leftOut === 1 ? '' : 's'} left out of the draft (--include-tests drafts from them too)\n`);
  const output = typeof args.flags['output-file'] === 'string' ? writableFile(args.flags['output-file']) : undefined;
  if (existing.status !== 'ok') return emitManifest(draftFromCode(inventory, { system: basename(root) }), output, out, err);
  const extended = extendManifest(workspace.manifestText ?? '', existing.manifest, inventory);
  if (!extended.ok) {
    err(`privacy-lens: cannot add to ${existing.path}: ${extended.error}\n`);
    return 2;
  }
  return emitManifest(extended.text, output, out, err);
}
