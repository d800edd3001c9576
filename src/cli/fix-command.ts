import { writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { applyEdits, fixPlan, isInside, parseManifest, readRegularText, VendorIndex, Workspace, type Finding, type Manifest } from '../engine';
import { UsageError, type ParsedArgs } from './args';
import { unifiedDiff } from './diff';
import { directoryArg } from './errors';

/**
 * `privacy-lens fix [DIR] [--dry-run]`: applies the manifest-side fixes of the current findings
 * (the same edits as the editor's quick fixes), keeping every comment and all formatting of the
 * manifest outside the edits. With --dry-run it prints the diff instead of writing.
 */
export async function fixCommand(args: ParsedArgs, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (args.positionals.length > 1) throw new UsageError('fix takes one directory');
  const root = directoryArg(args.positionals[0] ?? '.');
  const manifestOption = typeof args.flags.manifest === 'string' ? resolve(args.flags.manifest) : undefined;
  const workspace = new Workspace({ root, manifest: manifestOption, cacheDir: null });
  const file = workspace.manifestFile;
  if (file.status !== 'ok') {
    err(`privacy-lens: the manifest ${file.path} is ${file.status}; fix it (or run init) first\n`);
    return 2;
  }
  const result = await workspace.scan();
  const path = join(root, file.path);
  const read = readRegularText(path);
  if (!read.ok) {
    err(`privacy-lens: the manifest ${file.path} cannot be read: ${read.reason}\n`);
    return 2;
  }
  const before = read.text;
  const { text, applied } = applyFixes(before, result.findings, file.manifest, file.path);
  if (applied.length === 0) return print(out, 'Nothing to fix in the manifest.\n');
  if (args.flags['dry-run']) return print(out, `${unifiedDiff(before, text, file.path)}\n${summary(applied, 'Would apply')}`);
  const refused = writeRefusal(root, path, before);
  if (refused) {
    err(`privacy-lens: ${refused}; nothing was written\n`);
    return 2;
  }
  writeFileSync(path, text);
  return print(out, summary(applied, 'Applied'));
}

/**
 * Why fix must not write the manifest at `path`, or undefined: a manifest inside the workspace
 * that is a link to a file outside it (a stranger's repository must not make fix write elsewhere),
 * or a manifest whose text is no longer `before` (changed on disk while fix ran).
 */
export function writeRefusal(root: string, path: string, before: string): string | undefined {
  const lexical = relative(resolve(root), resolve(path));
  const named = lexical !== '..' && !lexical.startsWith(`..${sep}`);
  if (named && !isInside(root, path)) return 'the manifest is a link to a file outside the workspace';
  const now = readRegularText(path);
  if (!now.ok || now.text !== before) return 'the manifest changed on disk while fix ran; run fix again';
  return undefined;
}

/** Applies the fix of each finding in turn, skipping any that would leave the manifest invalid. */
export function applyFixes(text: string, findings: Finding[], manifest: Manifest, file: string): { text: string; applied: string[] } {
  const vendors = new VendorIndex();
  const applied: string[] = [];
  let current = text;
  let m = manifest;
  // Removing what a scan did not see is left to a person: the scan may not cover all the code.
  for (const f of findings.filter((x) => !x.rule.startsWith('unused-'))) {
    const plan = fixPlan(m, f, vendors.byId(f.vendor ?? '')?.name ?? f.vendor);
    if (!plan) continue;
    const next = applyEdits(current, plan.steps);
    const parsed = next.ok ? parseManifest(next.text, file) : undefined;
    if (!next.ok || !next.edit || !parsed?.ok) continue;
    current = next.text;
    m = parsed.manifest;
    applied.push(`${plan.title} (${f.rule} at ${f.file}:${f.line})`);
  }
  return { text: current, applied };
}

function summary(applied: string[], verb: string): string {
  return `${verb} ${applied.length} fix${applied.length === 1 ? '' : 'es'} to the manifest:\n${applied.map((a) => `  - ${a}`).join('\n')}\n`;
}

function print(write: (s: string) => void, text: string): number {
  write(text);
  return 0;
}
