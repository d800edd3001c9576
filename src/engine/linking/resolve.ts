import { posix } from 'node:path';
import type { ModuleMap } from './module-map';

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Where an import specifier leads: a file of the workspace, a workspace module that is missing, or outside. */
export type Resolution = { kind: 'file'; file: string } | { kind: 'missing' } | { kind: 'external' };

/**
 * Resolves an import specifier from a file to a file of the workspace: relative paths, tsconfig
 * `paths` aliases and workspace packages (`@acme/lib` -> its source), trying the source extensions,
 * `index` files, and `.js` written for `.ts` (ESM-style imports). Paths are relative to the root.
 */
export function resolveModule(from: string, spec: string, files: ReadonlySet<string>, map: ModuleMap): Resolution {
  if (spec.startsWith('.') || spec.startsWith('/')) return found(tryFile(posix.normalize(posix.join(posix.dirname(from), spec)), files));
  // As TypeScript does: the matching pattern with the longest prefix; when none of its targets exists,
  // the usual lookup (workspace packages, then node_modules) is tried (`"*": ["./*"]` catches everything).
  const alias = map.paths
    .filter((a) => (!a.scope || from.startsWith(`${a.scope}/`)) && (!a.exact || spec === a.prefix) && spec.startsWith(a.prefix) && spec.endsWith(a.suffix) && spec.length >= a.prefix.length + a.suffix.length)
    .reduce<ModuleMap['paths'][number] | undefined>((best, a) => (!best || a.prefix.length > best.prefix.length ? a : best), undefined);
  if (!alias) return resolvePackage(spec, files, map);
  const star = spec.slice(alias.prefix.length, spec.length - alias.suffix.length);
  for (const target of alias.targets) {
    const file = tryFile(target.replace('*', star), files);
    if (file) return { kind: 'file', file };
  }
  const fallback = resolvePackage(spec, files, map);
  return fallback.kind === 'file' || alias.prefix === '' ? fallback : { kind: 'missing' };
}

function resolvePackage(spec: string, files: ReadonlySet<string>, map: ModuleMap): Resolution {
  const name = Object.keys(map.packages).find((n) => spec === n || spec.startsWith(`${n}/`));
  if (!name) return { kind: 'external' };
  const pkg = map.packages[name];
  const sub = spec.slice(name.length + 1);
  const exported = sub ? exportedSubpath(pkg.subpaths ?? [], sub) : undefined;
  const candidates = sub
    ? [...(exported ? [posix.join(pkg.dir, exported)] : []), posix.join(pkg.dir, sub), posix.join(pkg.dir, 'src', sub)]
    : pkg.entries.map((e) => posix.join(pkg.dir, e));
  for (const c of candidates) {
    const file = tryFile(c, files);
    if (file) return { kind: 'file', file };
  }
  return { kind: 'missing' };
}

/** The file an `exports` subpath maps a specifier's subpath to (`src/*` -> `src/*.ts`). */
function exportedSubpath(subpaths: { key: string; target: string }[], sub: string): string | undefined {
  for (const { key, target } of subpaths) {
    if (key === sub) return target;
    const star = key.indexOf('*');
    if (star < 0) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (sub.startsWith(prefix) && sub.endsWith(suffix) && sub.length >= prefix.length + suffix.length) {
      return target.replace('*', sub.slice(prefix.length, sub.length - suffix.length));
    }
  }
  return undefined;
}

function found(file: string | undefined): Resolution {
  return file ? { kind: 'file', file } : { kind: 'missing' };
}

function tryFile(base: string, files: ReadonlySet<string>): string | undefined {
  const clean = base.replace(/^\.\//, '');
  if (files.has(clean)) return clean;
  const stem = clean.replace(/\.(js|jsx|mjs|cjs)$/, '');
  for (const candidate of [...EXTENSIONS.map((e) => stem + e), ...EXTENSIONS.map((e) => `${clean}/index${e}`)]) {
    if (files.has(candidate)) return candidate;
  }
  return undefined;
}
