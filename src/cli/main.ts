import { ENGINE_VERSION, escapeControl } from '../engine';
import { parseArgs, UsageError } from './args';
import { baselineCommand } from './baseline-command';
import { draftFromPolicyCommand } from './draft-command';
import { explainCommand } from './explain-command';
import { CliError } from './errors';
import { fixCommand } from './fix-command';
import { initCommand } from './init-command';
import { mergeCommand } from './merge-command';
import { commandHelp, COMMANDS, generalHelp, type CommandName } from './options';
import { reportCommand } from './report-command';
import { scanCommand } from './scan-command';

type Write = (s: string) => void;

/** Runs the CLI with the given arguments; resolves with the exit code. */
export async function main(argv: string[], out: Write = (s) => void process.stdout.write(s), err: Write = (s) => void process.stderr.write(s)): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.flags.version) return print(out, `${ENGINE_VERSION}\n`);
    if (args.command === 'help') return help(args.positionals[0], out);
    if (!args.command) return print(args.flags.help ? out : err, generalHelp(), args.flags.help ? 0 : 2);
    if (!(args.command in COMMANDS)) throw new UsageError(`unknown command "${args.command}" (commands: ${Object.keys(COMMANDS).join(', ')})`);
    if (args.flags.help) return print(out, commandHelp(args.command as CommandName));
    if (args.command === 'scan') return await scanCommand(args, out, err);
    if (args.command === 'merge') return await mergeCommand(args, out);
    if (args.command === 'baseline') return await baselineCommand(args, out);
    if (args.command === 'init') return await initCommand(args, out, err);
    if (args.command === 'report') return await reportCommand(args, out, err);
    if (args.command === 'fix') return await fixCommand(args, out, err);
    if (args.command === 'explain') return await explainCommand(args, out);
    return draftFromPolicyCommand(args, out, err);
  } catch (e) {
    if (e instanceof UsageError) return print(err, `privacy-lens: ${escapeControl(e.message)}\nRun 'privacy-lens help' for usage.\n`, 2);
    if (e instanceof CliError) return print(err, `privacy-lens: ${escapeControl(e.message)}\n`, 2);
    err(`privacy-lens: internal error: ${escapeControl(e instanceof Error ? e.message : String(e))}\n`);
    return 2;
  }
}

function help(command: string | undefined, out: Write): number {
  if (command === undefined) return print(out, generalHelp());
  if (!(command in COMMANDS)) throw new UsageError(`no help for "${command}" (commands: ${Object.keys(COMMANDS).join(', ')})`);
  return print(out, commandHelp(command as CommandName));
}

function print(write: Write, text: string, code = 0): number {
  write(text);
  return code;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
