import { writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { draftFromPolicy, parseManifest, readPolicy, readRegularText } from '../engine';
import { UsageError, type ParsedArgs } from './args';
import { writableFile } from './errors';

/** `privacy-lens draft-from-policy POLICY_FILE [--output FILE]`: prints a manifest drafted from a policy; returns the exit code. */
export function draftFromPolicyCommand(args: ParsedArgs, out: (s: string) => void, err: (s: string) => void): number {
  if (args.positionals.length !== 1) throw new UsageError('draft-from-policy takes one policy file');
  const policyPath = resolve(args.positionals[0]);
  const read = readRegularText(policyPath);
  if (!read.ok) {
    err(`privacy-lens: cannot read the policy file ${args.positionals[0]}: ${read.reason}\n`);
    return 2;
  }
  const output = typeof args.flags['output-file'] === 'string' ? writableFile(args.flags['output-file']) : undefined;
  const policyFile = relative(output ? dirname(output) : process.cwd(), policyPath).split(sep).join('/');
  const draft = draftFromPolicy(readPolicy(read.text, { file: policyPath }), { policyFile });
  return emitManifest(draft, output, out, err);
}

/** Prints a drafted manifest or writes it to `output`, after checking that it validates. */
export function emitManifest(text: string, output: string | undefined, out: (s: string) => void, err: (s: string) => void): number {
  const check = parseManifest(text);
  if (!check.ok) {
    err(`privacy-lens: internal error: the drafted manifest does not validate: ${check.errors[0].message} (line ${check.errors[0].line})\n`);
    return 2;
  }
  if (output) writeFileSync(output, text);
  else out(text);
  return 0;
}
