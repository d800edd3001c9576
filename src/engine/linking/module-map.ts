import { existsSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { readOptionalText, type UnreadFile } from '../core/read-file';
import { BUNDLER_CONFIGS, bundlerAliases } from './bundler-aliases';

/** How a workspace names its modules besides relative paths: tsconfig `paths` and workspace packages. */
export interface ModuleMap {
  /**
   * `paths` of the root tsconfig.json (or jsconfig.json) and of each workspace package's, then the
   * `resolve.alias` of their bundler configurations (bundler-aliases.ts), with targets relative to
   * the root; `scope` is the folder whose files they apply to ('' for all); `exact`: the alias
   * matches that specifier only (a bundler's `'@helpers'`, besides its `'@helpers/*'`).
   */
  paths: { prefix: string; suffix: string; targets: string[]; scope?: string; exact?: boolean }[];
  /** Workspace packages by name: their folder and where their source entry may be (relative to the root). */
  packages: Record<string, WorkspacePackage>;
}

/** A workspace package: its folder, where its source entry may be, and its `exports` subpaths (relative to its folder). */
export interface WorkspacePackage {
  dir: string;
  entries: string[];
  /** `exports` subpaths: `{ key: 'client', target: 'src/client.tsx' }`, `{ key: 'src/*', target: 'src/*.ts' }`. */
  subpaths?: { key: string; target: string }[];
}

/** A workspace with no aliases and no packages. */
export const EMPTY_MODULE_MAP: ModuleMap = { paths: [], packages: {} };

/**
 * Reads the module map of a workspace root. Missing or broken files only mean fewer aliases; files
 * that are there but refused (a FIFO, a device, over the size limit) are added to `unread`.
 */
export function readModuleMap(root: string, unread?: UnreadFile[]): ModuleMap {
  const read = (path: string) => readOptionalText(path, unread);
  const packages = readPackages(root, read);
  const dirs = Object.values(packages).map((p) => p.dir).filter((dir) => dir !== '');
  const scoped = dirs.flatMap((dir) => [...readPaths(root, dir, read), ...readBundlerAliases(root, dir, read)].map((alias) => ({ ...alias, scope: dir })));
  // A package's own aliases come first: `@/lib/*` of apps/web is not that of apps/api.
  return { paths: [...scoped.sort((x, y) => y.scope.length - x.scope.length), ...readPaths(root, '', read), ...readBundlerAliases(root, '', read)], packages };
}

/** The aliases of a folder's bundler configurations, as `paths` entries: `@helpers/*` and `@helpers` itself. */
function readBundlerAliases(root: string, dir: string, read: Read): ModuleMap['paths'] {
  return BUNDLER_CONFIGS.flatMap((name) => {
    const file = posix.join(dir, name);
    const text = read(join(root, file));
    return text === undefined ? [] : bundlerAliases(file, text).flatMap(({ find, target }) => [
      { prefix: `${find.replace(/\/$/, '')}/`, suffix: '', targets: [`${target}/*`] },
      { prefix: find, suffix: '', targets: [target], exact: true },
    ]);
  });
}

/** Reads a workspace file's text, or undefined. */
type Read = (path: string) => string | undefined;

function readJson(read: Read, path: string): Record<string, unknown> | undefined {
  const text = read(path);
  if (text === undefined) return undefined;
  try {
    // tsconfig files allow comments and trailing commas.
    return JSON.parse(stripJsonComments(text).replace(/,(\s*[}\]])/g, '$1')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** JSON with comments to JSON: drops comments outside strings (`"@/*"` and `"**\/*.ts"` are strings). */
export function stripJsonComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end - 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
    } else out += c;
  }
  return out;
}

function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

/**
 * The `paths` of the tsconfig.json (or jsconfig.json) of a folder, following relative `extends`,
 * then its `baseUrl`: as TypeScript does, a module name no pattern resolves is looked for under it
 * (`import { MailerService } from 'src/mailer/mailer.service'` of a NestJS app), then as a package.
 */
function readPaths(root: string, dir: string, read: Read): ModuleMap['paths'] {
  const found = pathsOf(root, ['tsconfig.json', 'jsconfig.json'].map((f) => posix.join(dir, f)), 0, read);
  if (!found) return [];
  const target = (t: string) => posix.normalize(posix.join(found.base, t)).replace(/^\.\//, '');
  const paths = Object.entries(found.paths).map(([pattern, targets]) => {
    const [prefix, suffix = ''] = pattern.split('*');
    return { prefix, suffix, targets: targets.map(target) };
  });
  return found.baseUrl && !paths.some((p) => p.prefix === '' && p.suffix === '') ? [...paths, { prefix: '', suffix: '', targets: [target('*')] }] : paths;
}

/** The `paths` a config declares or inherits, the folder (relative to the root) they are relative to, and whether a `baseUrl` is set. */
function pathsOf(root: string, candidates: string[], depth: number, read: Read): { paths: Record<string, string[]>; base: string; baseUrl: boolean } | undefined {
  for (const file of candidates) {
    const config = readJson(read, join(root, file)) as { extends?: unknown; compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } } | undefined;
    if (!config) continue;
    const dir = posix.dirname(file);
    const options = config.compilerOptions ?? {};
    const baseUrl = typeof options.baseUrl === 'string';
    if (options.paths) return { paths: options.paths, base: posix.join(dir, options.baseUrl ?? '.'), baseUrl };
    const own = baseUrl ? { paths: {}, base: posix.join(dir, options.baseUrl!), baseUrl } : undefined;
    if (typeof config.extends === 'string' && config.extends.startsWith('.') && depth < 3) {
      const parent = posix.normalize(posix.join(dir, config.extends));
      const inherited = pathsOf(root, [parent.endsWith('.json') ? parent : `${parent}.json`], depth + 1, read);
      if (inherited && Object.keys(inherited.paths).length > 0) return { ...inherited, baseUrl: inherited.baseUrl || baseUrl };
      return own ?? inherited;
    }
    return own;
  }
  return undefined;
}

function readPackages(root: string, read: Read): ModuleMap['packages'] {
  const globs = workspaceGlobs(root, read);
  const out: ModuleMap['packages'] = {};
  for (const dir of globs.flatMap((g) => expand(root, g))) {
    const pkg = readJson(read, join(root, dir, 'package.json')) as PackageJson | undefined;
    if (!pkg?.name) continue;
    const subpaths = subpathsOf(pkg.exports);
    out[pkg.name] = { dir, entries: entriesOf(pkg, subpaths), ...(subpaths.length ? { subpaths } : {}) };
  }
  return out;
}

function workspaceGlobs(root: string, read: Read): string[] {
  const pkg = readJson(read, join(root, 'package.json')) as { workspaces?: string[] | { packages?: string[] } } | undefined;
  const fromPackage: unknown = Array.isArray(pkg?.workspaces) ? pkg.workspaces : pkg?.workspaces?.packages ?? [];
  let fromPnpm: unknown = [];
  const pnpm = read(join(root, 'pnpm-workspace.yaml'));
  try {
    if (pnpm !== undefined) fromPnpm = (parseYaml(pnpm) as { packages?: unknown } | null)?.packages ?? [];
  } catch {
    // A broken pnpm workspace file only means fewer packages.
  }
  return [...(Array.isArray(fromPackage) ? fromPackage : []), ...(Array.isArray(fromPnpm) ? fromPnpm : [])].filter((g): g is string => typeof g === 'string' && !g.startsWith('!'));
}

/** `packages/*`-style globs: `*` is one folder level, `**` any number of levels (at most a few, never node_modules). */
function expand(root: string, glob: string): string[] {
  let dirs = [''];
  for (const segment of glob.replace(/\/$/, '').replace(/^\.\//, '').split('/')) {
    if (segment === '**') dirs = dirs.flatMap((d) => descendants(root, d, MAX_GLOBSTAR_DEPTH));
    else dirs = dirs.flatMap((d) => (segment.includes('*') ? subdirs(root, d) : [posix.join(d, segment)]));
  }
  return [...new Set(dirs)].filter((d) => existsSync(join(root, d, 'package.json')));
}

/** How deep `**` of a workspace glob goes. */
const MAX_GLOBSTAR_DEPTH = 4;

function descendants(root: string, dir: string, depth: number): string[] {
  if (depth === 0) return [dir];
  return [dir, ...subdirs(root, dir).flatMap((d) => descendants(root, d, depth - 1))];
}

function subdirs(root: string, dir: string): string[] {
  try {
    return readdirSync(join(root, dir), { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'node_modules').map((e) => posix.join(dir, e.name));
  } catch {
    return [];
  }
}

interface PackageJson {
  name?: string;
  source?: string;
  main?: string;
  module?: string;
  types?: string;
  exports?: unknown;
}

const stripEntry = (p: string) => p.replace(/^\.\//, '').replace(/\.(d\.ts|js|cjs|mjs)$/, '');

/**
 * Where a package's source may be: its `source`, its `exports` root, its built entry mapped back to
 * `src/`, the built entry itself, or `src/index`, `index`.
 */
function entriesOf(pkg: PackageJson, subpaths: { key: string; target: string }[]): string[] {
  const root = subpaths.find((s) => s.key === '')?.target;
  const built = [pkg.module, pkg.main, pkg.types].filter((p): p is string => typeof p === 'string').map(stripEntry);
  const own = [pkg.source, root].filter((p): p is string => typeof p === 'string').map(stripEntry);
  return [...own, ...built.map((p) => p.replace(/^(dist|lib|build|out)\//, 'src/')), ...built, 'src/index', 'index'];
}

/** The subpaths of a package's `exports` (`"."` as key ''), each to the first file its conditions name (source first). */
function subpathsOf(exports: unknown): { key: string; target: string }[] {
  if (typeof exports === 'string') return [{ key: '', target: exports.replace(/^\.\//, '') }];
  if (!exports || typeof exports !== 'object') return [];
  const entries = Object.entries(exports as Record<string, unknown>);
  // `{ "import": "./x", "types": "./y" }` without subpaths: conditions of the root.
  if (entries.every(([k]) => !k.startsWith('.'))) {
    const target = conditionTarget(exports);
    return target ? [{ key: '', target }] : [];
  }
  const out: { key: string; target: string }[] = [];
  for (const [key, value] of entries) {
    if (!key.startsWith('.')) continue;
    const target = conditionTarget(value);
    if (target) out.push({ key: key === '.' ? '' : key.replace(/^\.\//, ''), target });
  }
  return out;
}

function conditionTarget(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') return value.replace(/^\.\//, '');
  if (!value || typeof value !== 'object' || depth > 4) return undefined;
  const conditions = value as Record<string, unknown>;
  for (const c of ['source', 'development', 'types', 'import', 'module', 'default', 'require', 'node']) {
    const target = conditionTarget(conditions[c], depth + 1);
    if (target) return target;
  }
  return undefined;
}
