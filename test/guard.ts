/**
 * The guarantees of README "Security and privacy", held during the whole test run: Privacy Lens's
 * own code (out/src, dist) never opens a network connection, never looks a name up, never starts a
 * process other than `git` (for `--changed-since`), and every file it writes is recorded so that a
 * test can check where. Tests themselves may spawn the CLI and git: only calls whose nearest caller
 * is product code are checked. Loaded by mocha (`.mocharc.json` `require`), by every worker thread
 * (its `execArgv`) and by every Node child process (`NODE_OPTIONS`), so that the CLI spawned by a
 * test and the analysis workers are guarded too. A refused call throws, and is also recorded in a
 * file the root hook checks at the end, so that code which swallows the error cannot hide it.
 */
// Default imports are the modules themselves (not a copy of their exports), so that replacing a function replaces it for every caller.
import childProcess from 'node:child_process';
import dns from 'node:dns';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import workerThreads from 'node:worker_threads';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';

const HOOK = __filename;
const PROJECT = resolve(__dirname, '..', '..');
// With source maps a frame may name the TypeScript file: src/ is product code too.
const PRODUCT = [join(PROJECT, 'out', 'src') + sep, join(PROJECT, 'dist') + sep, join(PROJECT, 'src') + sep];
const append = fs.appendFileSync;
const LOG = (process.env.PRIVACY_LENS_GUARD_LOG ??= join(tmpdir(), `privacy-lens-guard-${process.pid}.log`));
/** Spawns product code may make: git, for `scan --changed-since` and `review`. */
const ALLOWED_COMMANDS = new Set(['git']);

/** Where product code wrote, in this process (for the test that checks it stays in the workspace and cache). */
export const productWrites: string[] = [];

/** The file of the nearest caller outside this hook and Node's internals, from a stack trace. */
export function callerFile(stack: string): string | undefined {
  for (const line of stack.split('\n').slice(1)) {
    const m = /\(?((?:\/|[A-Za-z]:\\)[^():]+):\d+:\d+\)?$/.exec(line.trim());
    if (m && m[1] !== HOOK && !m[1].includes(`${sep}node_modules${sep}`)) return m[1];
  }
  return undefined;
}

/** True when the nearest caller in a stack trace is Privacy Lens's own code. */
export function calledByProduct(stack: string): boolean {
  const file = callerFile(stack);
  return file !== undefined && PRODUCT.some((p) => file.startsWith(p));
}

/** Records and throws: product code attempted something it must never do. */
function refuse(what: string): never {
  const message = `Privacy Lens test guard: product code attempted ${what}`;
  try {
    append(LOG, `${message}\n${new Error().stack}\n\n`);
  } catch {
    // The record is a second line of defence; the throw below is the first.
  }
  throw new Error(message);
}

function guard<T extends object>(module: T, name: keyof T & string, check: (args: unknown[]) => string | undefined): void {
  const original = module[name] as unknown as (...args: unknown[]) => unknown;
  if (typeof original !== 'function' || (original as { guarded?: boolean }).guarded) return;
  const wrapped = function (this: unknown, ...args: unknown[]) {
    const refused = check(args);
    if (refused && calledByProduct(new Error().stack ?? '')) refuse(refused);
    return original.apply(this, args);
  };
  Object.defineProperty(wrapped, 'guarded', { value: true });
  Object.defineProperty(module, name, { value: wrapped, writable: true, configurable: true });
}

const always = (what: string) => () => what;
for (const name of ['connect', 'createConnection'] as const) guard(net, name, always(`net.${name}`));
guard(net.Socket.prototype, 'connect', always('net.Socket#connect'));
guard(tls, 'connect', always('tls.connect'));
for (const name of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveTxt', 'resolveMx', 'reverse'] as const) guard(dns, name, always(`dns.${name}`));
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6'] as const) guard(dns.promises, name, always(`dns.promises.${name}`));
for (const name of ['request', 'get'] as const) {
  guard(http, name, always(`http.${name}`));
  guard(https, name, always(`https.${name}`));
}
if (typeof globalThis.fetch === 'function') guard(globalThis, 'fetch', always('fetch'));

// A process: refused unless it is git (by file name, not through a shell).
const command = (args: unknown[]) => {
  const file = String(args[0] ?? '');
  return ALLOWED_COMMANDS.has(file) ? undefined : `to run ${file}`;
};
for (const name of ['spawn', 'spawnSync', 'execFile', 'execFileSync'] as const) guard(childProcess, name, command);
for (const name of ['exec', 'execSync', 'fork'] as const) guard(childProcess, name, (args) => `child_process.${name}(${String(args[0])})`);

// Writes: recorded with their path (the check is the test's, which knows the workspace and cache).
const WRITE_FLAGS = /[wa+]/;
const record = (path: unknown) => {
  if ((typeof path === 'string' || path instanceof URL || Buffer.isBuffer(path)) && calledByProduct(new Error().stack ?? '')) productWrites.push(resolve(String(path)));
  return undefined;
};
for (const name of ['writeFileSync', 'writeFile', 'appendFileSync', 'appendFile', 'mkdirSync', 'mkdir', 'rmSync', 'unlinkSync', 'createWriteStream', 'copyFileSync', 'symlinkSync', 'truncateSync', 'chmodSync'] as const) {
  guard(fs, name, (args) => record(args[0]));
}
guard(fs, 'renameSync', (args) => (record(args[0]), record(args[1])));
guard(fs, 'openSync', (args) => (typeof args[1] === 'number' ? args[1] & (fs.constants.O_WRONLY | fs.constants.O_RDWR) : WRITE_FLAGS.test(String(args[1] ?? 'r'))) ? record(args[0]) : undefined);
guard(fs.promises, 'writeFile', (args) => record(args[0]));

// Worker threads and child Node processes load this guard too.
const Worker = workerThreads.Worker;
class GuardedWorker extends Worker {
  constructor(filename: string | URL, options: workerThreads.WorkerOptions = {}) {
    super(filename, { ...options, execArgv: [...(options.execArgv ?? process.execArgv), '--require', HOOK] });
  }
}
Object.defineProperty(workerThreads, 'Worker', { value: GuardedWorker, writable: true, configurable: true });
if (!(process.env.NODE_OPTIONS ?? '').includes(HOOK)) process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(HOOK)}`.trim();

/** Mocha's root hooks: the run fails when product code attempted anything refused, even if it caught the error. */
export const mochaHooks = {
  beforeAll(): void {
    fs.rmSync(LOG, { force: true });
  },
  afterAll(): void {
    const log = fs.existsSync(LOG) ? fs.readFileSync(LOG, 'utf8') : '';
    fs.rmSync(LOG, { force: true });
    if (log) throw new Error(`product code attempted what it must never do during the tests:\n${log}`);
  },
};
