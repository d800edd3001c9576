/**
 * Every option of every command, in one table: the parser, `--help`, `help COMMAND`, "did you
 * mean" and the README's option list all come from it.
 */

/** A command of the CLI. */
export type CommandName = 'scan' | 'merge' | 'baseline' | 'init' | 'draft-from-policy' | 'fix' | 'report' | 'explain';

/** One option: its long name, a short alias, the value it takes (when it takes one) and what it does. */
export interface OptionSpec {
  name: string;
  short?: string;
  /** Other long names for the same option (`--output` for `--output-file`). */
  aliases?: string[];
  /** Placeholder of the value, e.g. FILE; absent for a switch. */
  value?: string;
  commands: readonly CommandName[];
  help: string;
}

const ANALYSING: CommandName[] = ['scan', 'merge', 'baseline', 'init', 'fix', 'report', 'explain'];
/** The options of a report, which merge prints as scan does. */
const REPORTING: CommandName[] = ['scan', 'merge'];

/** The options, in the order help lists them. */
export const OPTIONS: readonly OptionSpec[] = [
  { name: 'manifest', value: 'FILE', commands: ANALYSING, help: 'The manifest to check against. Defaults to DIR/data-inventory.yaml.' },
  { name: 'format', short: 'f', value: 'FORMAT', commands: [...REPORTING, 'report', 'explain'], help: 'scan, merge: text (default), json, sarif (GitHub code scanning) or markdown (a pull-request summary). report: html (default), md, csv (a GDPR Art. 30 record of processing) or fides (a fideslang system manifest). explain: text (default) or json.' },
  { name: 'output-file', short: 'o', aliases: ['output'], value: 'FILE', commands: ['scan', 'merge', 'baseline', 'init', 'draft-from-policy', 'report'], help: 'Write the report (or the manifest, or the baseline) to FILE instead of standard output. baseline defaults to DIR/privacy-lens-baseline.json.' },
  { name: 'fail-on', value: 'LEVEL', commands: REPORTING, help: 'Exit 1 when a reported finding is at or above LEVEL: error (default), warning, info or none.' },
  { name: 'max-warnings', value: 'N', commands: REPORTING, help: 'Exit 1 when more than N warnings are reported. Defaults to no limit.' },
  { name: 'quiet', short: 'q', commands: ['scan', 'merge', 'init'], help: 'scan: report errors only (warnings and notes are not printed and do not count). Both: no progress line on the terminal.' },
  { name: 'baseline', value: 'FILE', commands: REPORTING, help: 'Report only findings not in this baseline (from `privacy-lens baseline`); say how many were baselined and how many entries are fixed.' },
  { name: 'changed-since', value: 'REF', commands: REPORTING, help: 'Report only findings whose sink or trace lies on a line changed since the merge-base of REF and HEAD (git diff with renames), and the inventory changes against REF.' },
  { name: 'sarif-category', value: 'NAME', commands: REPORTING, help: 'SARIF automationDetails.id category, so that several runs (folders, shards) upload side by side. Defaults to none.' },
  { name: 'shard', value: 'I/N', commands: ['scan'], help: 'Analyse only shard I of N (a stable share of the files, by a hash of each path) and write it as JSON for privacy-lens merge. Needs --format json.' },
  { name: 'prune', commands: ['baseline'], help: 'Drop the entries of the existing baseline that no finding matches any more; keep the others (and their reasons) as they are.' },
  { name: 'dry-run', commands: ['fix'], help: 'Print the manifest diff instead of writing it.' },
  { name: 'color', commands: REPORTING, help: 'Colour the text report even when not writing to a terminal (also FORCE_COLOR=1).' },
  { name: 'no-color', commands: REPORTING, help: 'Never colour the text report (also NO_COLOR=1 or FORCE_COLOR=0).' },
  { name: 'no-cache', commands: ['scan', 'baseline', 'report'], help: 'Do not read or write the facts cache ($PRIVACY_LENS_CACHE, else ~/.cache/privacy-lens).' },
  { name: 'allow-outside-policy', commands: ['scan', 'report'], help: "Read the manifest's policy.file even when it is outside the workspace (refused by default: a stranger's repository must not make the tool read other files)." },
  { name: 'include-tests', commands: ['scan', 'baseline', 'init', 'fix', 'report', 'explain'], help: 'Scan test code too: tests, specs, stories, fixtures, mocks, test-helper packages (left out by default; a test file named in PATHS is always scanned).' },
  { name: 'workers', value: 'N', commands: ['scan', 'baseline', 'report'], help: 'Number of analysis worker threads; 0 analyses in-process. Defaults to 0 on two cores or fewer, else the number of cores, at most 4.' },
  { name: 'help', short: 'h', commands: ['scan', 'merge', 'baseline', 'init', 'draft-from-policy', 'fix', 'report', 'explain'], help: 'Show the help of the command.' },
];

/** What each command does and its positional arguments, for help. */
export const COMMANDS: Record<CommandName, { usage: string; summary: string }> = {
  scan: { usage: 'scan [PATHS...]', summary: 'Check the code against the manifest. PATHS are files and folders of the workspace (the current directory); one directory alone is the workspace root. Defaults to ".".' },
  merge: { usage: 'merge SHARD_FILE...', summary: 'Combine the JSON of scan --shard I/N runs into one report, the same as an unsharded scan. Run it in the workspace the shards were made in (it reads the manifest and the files).' },
  baseline: { usage: 'baseline [DIR]', summary: "Record today's findings as accepted (fingerprints that survive line moves), keeping each entry's acceptedBy and reason." },
  init: { usage: 'init [DIR]', summary: "Draft a manifest from what the code does, or add what is new to DIR's manifest." },
  'draft-from-policy': { usage: 'draft-from-policy POLICY_FILE', summary: 'Draft a manifest from a privacy policy (Markdown, HTML or text).' },
  fix: { usage: 'fix [DIR]', summary: 'Apply the manifest-side fixes for the current findings.' },
  report: { usage: 'report [DIR]', summary: 'Scan, then print the data map: an offline HTML page, Markdown tables, a GDPR Art. 30 record of processing (CSV) or a fideslang system manifest.' },
  explain: { usage: 'explain FILE:LINE [DIR]', summary: 'Say what the engine saw at the calls of a line, and why each rule reported or not. For each call: what the callee resolved to, the sink it recognised (or why none), and each argument\'s categories with where they came from. FILE is relative to the current directory or DIR (default ".").' },
};

/** The option a long or short name denotes, if any. */
export function optionNamed(name: string, short: boolean): OptionSpec | undefined {
  return OPTIONS.find((o) => (short ? o.short === name : o.name === name || o.aliases?.includes(name)));
}

/** The known option closest to a mistyped one, if any is close. */
export function closestOption(name: string): string | undefined {
  const names = OPTIONS.flatMap((o) => [o.name, ...(o.aliases ?? [])]).concat(['version']);
  let best: { name: string; distance: number } | undefined;
  for (const candidate of names) {
    const distance = candidate.startsWith(name) && name.length >= 3 ? 1 : editDistance(name, candidate);
    if (distance <= Math.max(2, Math.floor(candidate.length / 4)) && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}

/** The help of one command: usage, what it does, every option explained. */
export function commandHelp(command: CommandName): string {
  const c = COMMANDS[command];
  const options = OPTIONS.filter((o) => o.commands.includes(command)).map((o) => {
    const names = [o.short ? `-${o.short}, ` : '    ', `--${o.name}`, ...(o.aliases ?? []).map((a) => `, --${a}`)].join('');
    return `  ${`${names}${o.value ? ` ${o.value}` : ''}`.padEnd(34)} ${o.help}`;
  });
  return `Usage: privacy-lens ${c.usage} [options]\n\n${c.summary}\n\nOptions:\n${options.join('\n')}\n\n${EXIT_CODES}`;
}

/** The exit codes, as every help text ends. */
export const EXIT_CODES = 'Exit codes: 0 no finding at or above --fail-on (default error) and no more warnings than --max-warnings; 1 there are; 2 usage, manifest, git or file error.\n';

/** The general help: every command in one line. */
export function generalHelp(): string {
  const lines = (Object.keys(COMMANDS) as CommandName[]).map((k) => `  privacy-lens ${COMMANDS[k].usage.padEnd(32)} ${COMMANDS[k].summary.split('. ')[0].replace(/\.$/, '')}.`);
  return `Usage:\n${lines.join('\n')}\n  privacy-lens help COMMAND                       every option of COMMAND explained\n  privacy-lens -v, --version | -h, --help\n\n${EXIT_CODES}`;
}
