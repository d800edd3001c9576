import { closestOption, COMMANDS, optionNamed, type CommandName } from './options';

/** Parsed command-line arguments: the command, positional arguments and options by long name. */
export interface ParsedArgs {
  command?: string;
  positionals: string[];
  flags: Record<string, string | true>;
}

/** Thrown for a usage error: the CLI prints it in one line with a pointer to help, and exits 2. */
export class UsageError extends Error {}

/**
 * Parses `command [positionals] [--option value] [-o value] [--switch]`. Unknown options get a
 * "did you mean"; an option that does not apply to the command is an error, not ignored.
 */
export function parseArgs(argv: string[]): ParsedArgs {
  const out: ParsedArgs = { positionals: [], flags: {} };
  const pending: { name: string; display: string }[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      if (out.command === undefined) out.command = arg;
      else out.positionals.push(arg);
      continue;
    }
    const long = arg.startsWith('--');
    const [raw, inline] = (long ? arg.slice(2) : arg.slice(1)).split(/=(.*)/s, 2);
    if (raw === 'version' || (!long && raw === 'v')) {
      out.flags.version = true;
      continue;
    }
    const spec = optionNamed(raw, !long);
    if (!spec) throw new UsageError(unknown(long ? `--${raw}` : `-${raw}`, raw));
    if (spec.value) {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('-') && value !== '-' && !/^-\d/.test(value))) throw new UsageError(`--${spec.name} needs a value (${spec.value})`);
      out.flags[spec.name] = value;
    } else {
      if (inline !== undefined) throw new UsageError(`--${spec.name} takes no value`);
      // --color and --no-color: the last one given wins.
      if (spec.name === 'color') delete out.flags['no-color'];
      if (spec.name === 'no-color') delete out.flags.color;
      out.flags[spec.name] = true;
    }
    pending.push({ name: spec.name, display: arg.split('=')[0] });
  }
  checkApplies(out, pending);
  return out;
}

function unknown(display: string, raw: string): string {
  const guess = closestOption(raw);
  return `unknown option ${display}${guess ? `; did you mean --${guess}?` : ''}`;
}

/** Every option given must be one of the command's. */
function checkApplies(args: ParsedArgs, given: { name: string; display: string }[]): void {
  const command = args.command === 'help' ? undefined : args.command;
  if (!command || !(command in COMMANDS)) return;
  for (const g of given) {
    const spec = optionNamed(g.name, false)!;
    if (!spec.commands.includes(command as CommandName)) {
      throw new UsageError(`${g.display} does not apply to ${command} (it is an option of ${spec.commands.join(', ')})`);
    }
  }
}
