import { ENGINE_VERSION } from '../engine/config';
import { escapeControl } from '../engine/escape';
import { MAX_WORKERS } from '../engine/pool';
import { parseArgs, UsageError } from './args';
import { draftFromPolicyCommand } from './draft-command';
import { fixCommand } from './fix-command';
import { initCommand } from './init-command';
import { scanCommand } from './scan-command';

const USAGE = `Usage:
  privacy-lens scan [DIR] [--manifest FILE] [--format text|json|sarif] [--output FILE]
                    [--fail-on error|warning|info|none] [--no-cache] [--workers N]
                    [--allow-outside-policy]
                    --workers N: 0 (in-process) to ${MAX_WORKERS} worker threads (default: the cores, at most 4)
                    --allow-outside-policy: read the manifest's policy.file even outside DIR
  privacy-lens init [DIR] [--manifest FILE] [--output FILE]
                    draft a manifest from what the code does (or add what is new to DIR's manifest)
  privacy-lens draft-from-policy POLICY_FILE [--output FILE]
                    draft a manifest from a privacy policy (Markdown, HTML or text)
  privacy-lens fix [DIR] [--manifest FILE] [--dry-run]
                    apply the manifest-side fixes for the current findings (--dry-run prints a diff)
  privacy-lens --version | --help

Exit codes: 0 no finding at or above --fail-on (default error); 1 there are; 2 usage or manifest error.
`;

const VALUE_FLAGS = ['manifest', 'format', 'output', 'fail-on', 'workers'];
const SWITCHES = ['help', 'version', 'no-cache', 'dry-run', 'allow-outside-policy'];

/** Runs the CLI with the given arguments; resolves with the exit code. */
export async function main(argv: string[], out = (s: string) => void process.stdout.write(s), err = (s: string) => void process.stderr.write(s)): Promise<number> {
  try {
    const args = parseArgs(argv, VALUE_FLAGS, SWITCHES);
    if (args.flags.version) return print(out, `${ENGINE_VERSION}\n`);
    if (args.flags.help || !args.command) return print(args.command || args.flags.help ? out : err, USAGE, args.flags.help ? 0 : 2);
    if (args.command === 'scan') return await scanCommand(args, out, err);
    if (args.command === 'init') return await initCommand(args, out, err);
    if (args.command === 'fix') return await fixCommand(args, out, err);
    if (args.command === 'draft-from-policy') return draftFromPolicyCommand(args, out, err);
    throw new UsageError(`unknown command "${args.command}"`);
  } catch (e) {
    if (e instanceof UsageError) return print(err, `privacy-lens: ${escapeControl(e.message)}\n\n${USAGE}`, 2);
    err(`privacy-lens: internal error: ${escapeControl(e instanceof Error ? e.message : String(e))}\n`);
    return 2;
  }
}

function print(write: (s: string) => void, text: string, code = 0): number {
  write(text);
  return code;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
