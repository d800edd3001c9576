import { writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { applyEdits, encodeText, escapeControl, fixPlan, isInside, parseManifest, readManifestText, VendorIndex, Workspace, type Finding, type Manifest } from '../engine';
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
  const workspace = new Workspace({ root, manifest: manifestOption, cacheDir: null, includeTests: args.flags['include-tests'] === true });
  const file = workspace.manifestFile;
  if (file.status !== 'ok') {
    const first = file.status === 'invalid' ? ` (${file.path}:${file.errors[0].line}:${file.errors[0].column} ${escapeControl(file.errors[0].message)})` : '';
    err(`privacy-lens: the manifest ${file.path} is ${file.status}${first}; fix it (or run init) first\n`);
    return 2;
  }
  const result = await workspace.scan();
  const path = join(root, file.path);
  const read = readManifestText(path);
  if (!read.ok) {
    err(`privacy-lens: the manifest ${file.path} cannot be read: ${read.reason}\n`);
    return 2;
  }
  const before = read.text;
  const { text, applied, failed } = await fixToFixedPoint(workspace, before, result.findings);
  const notApplied = failed.length ? `Not applied (${failed.length}):\n${failed.map((f) => `  - ${f}`).join('\n')}\n` : '';
  if (applied.length === 0) return print(out, `Nothing to fix in the manifest.\n${notApplied}`);
  if (args.flags['dry-run']) return print(out, `${unifiedDiff(before, text, file.path)}\n${summary(applied, 'Would apply')}${notApplied}`);
  const refused = writeRefusal(root, path, before);
  if (refused) {
    err(`privacy-lens: ${refused}; nothing was written\n`);
    return 2;
  }
  writeFileSync(path, encodeText(text, read.encoding));
  return print(out, summary(applied, 'Applied') + notApplied);
}

/** Rounds of fixes at most: each round's fixes can only add to the manifest, so a few always suffice. */
const MAX_ROUNDS = 8;

/**
 * Applies fixes until none is left: declaring a category can reveal that a purpose lacks it (a
 * finding the first scan could not report), so after each round the session re-checks the scan's
 * facts against the edited manifest (re-analysing only when detection changed) and fixes again.
 * One `fix` run thus leaves no fixable finding, and a second run changes nothing.
 */
async function fixToFixedPoint(workspace: Workspace, before: string, findings: Finding[]): Promise<{ text: string; applied: string[]; failed: string[] }> {
  const applied: string[] = [];
  let text = before;
  let found = findings;
  let failed: string[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const manifest = workspace.manifest;
    if (!manifest) break;
    const step = applyFixes(text, found, manifest, workspace.manifestPath);
    failed = step.failed;
    // A fix made again did not take effect (an edit YAML reads otherwise than meant): stop, and say so.
    const again = step.applied.filter((a) => applied.includes(a));
    if (again.length > 0) return { text, applied, failed: [...failed, ...again.map((a) => `${a}: the edit did not take effect`)] };
    if (step.applied.length === 0) break;
    text = step.text;
    applied.push(...step.applied);
    workspace.reload(text);
    found = workspace.scanned ? workspace.findings() : (await workspace.scan()).findings;
  }
  return { text, applied, failed };
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
  const now = readManifestText(path);
  if (!now.ok || now.text !== before) return 'the manifest changed on disk while fix ran; run fix again';
  return undefined;
}

/**
 * Applies the fix of each finding in turn, skipping any that cannot be made or would leave the
 * manifest invalid; those are listed in `failed` with the reason.
 */
export function applyFixes(text: string, findings: Finding[], manifest: Manifest, file: string): { text: string; applied: string[]; failed: string[] } {
  const vendors = new VendorIndex();
  const applied: string[] = [];
  const failed: string[] = [];
  let current = text;
  let m = manifest;
  // Removing what a scan did not see is left to a person: the scan may not cover all the code.
  for (const f of findings.filter((x) => !x.rule.startsWith('unused-'))) {
    const plan = fixPlan(m, f, vendors.byId(f.vendor ?? '')?.name ?? f.vendor);
    if (!plan) continue;
    const next = applyEdits(current, plan.steps);
    const parsed = next.ok && next.edit ? parseManifest(next.text, file) : undefined;
    const what = `${plan.title} (${f.rule} at ${f.file}:${f.line})`;
    if (!next.ok) failed.push(`${what}: ${next.error}`);
    else if (parsed && !parsed.ok) failed.push(`${what}: the edited manifest would not be valid (${parsed.errors[0].message})`);
    if (!next.ok || !next.edit || !parsed?.ok) continue;
    current = next.text;
    m = parsed.manifest;
    applied.push(what);
  }
  return { text: current, applied, failed: [...new Set(failed)] };
}

function summary(applied: string[], verb: string): string {
  return `${verb} ${applied.length} fix${applied.length === 1 ? '' : 'es'} to the manifest:\n${applied.map((a) => `  - ${a}`).join('\n')}\n`;
}

function print(write: (s: string) => void, text: string): number {
  write(text);
  return 0;
}
