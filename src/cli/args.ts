/** Parsed command-line arguments: the command, positional arguments and `--flags`. */
export interface ParsedArgs {
  command?: string;
  positionals: string[];
  flags: Record<string, string | true>;
}

/** Thrown for a usage error: the CLI prints it with the usage and exits 2. */
export class UsageError extends Error {}

/** Parses `command [positionals] [--flag value] [--switch]`, with the given flags taking a value. */
export function parseArgs(argv: string[], valueFlags: readonly string[], switches: readonly string[]): ParsedArgs {
  const out: ParsedArgs = { positionals: [], flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      if (out.command === undefined) out.command = arg;
      else out.positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (switches.includes(name)) out.flags[name] = true;
    else if (valueFlags.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      out.flags[name] = value;
    } else throw new UsageError(`unknown option --${name}`);
  }
  return out;
}
