import { compileGlobs, type Glob } from './glob';
import type { Manifest } from './manifest/types';

/** Why a piece of code is attributed to a purpose (docs/annotations.md, "The purpose of a code location"). */
export type PurposeSource = 'annotation' | 'path' | 'vendor';

/** The purpose of a code location and why (docs/annotations.md, "The purpose of a code location"). */
export interface ResolvedPurpose {
  purpose?: string;
  source?: PurposeSource;
}

/** The purpose each file's path gives, per manifest: globs are compiled once, files matched once. */
const byPathCache = new WeakMap<Manifest, { globs: { id: string; m: Glob[] }[]; files: Map<string, string | undefined> }>();

/** The first manifest purpose whose `paths` match the file. */
export function purposeOfPath(manifest: Manifest, file: string): string | undefined {
  let cache = byPathCache.get(manifest);
  if (!cache) {
    cache = { globs: manifest.purposes.map((p) => ({ id: p.id, m: compileGlobs(p.paths) })), files: new Map() };
    byPathCache.set(manifest, cache);
  }
  if (!cache.files.has(file)) cache.files.set(file, cache.globs.find((p) => p.m.some((m) => m.match(file)))?.id);
  return cache.files.get(file);
}

/**
 * Resolves the purpose of a location: the innermost annotation; else the first manifest purpose
 * whose paths match the file; else, for a flow to a declared vendor with exactly one purpose, that
 * purpose; else unattributed.
 */
export function resolvePurpose(manifest: Manifest, file: string, annotation?: string, vendorId?: string): ResolvedPurpose {
  if (annotation) return { purpose: annotation, source: 'annotation' };
  const byPath = purposeOfPath(manifest, file);
  if (byPath) return { purpose: byPath, source: 'path' };
  const vendor = vendorId ? manifest.vendors.find((v) => v.id === vendorId) : undefined;
  if (vendor?.purposes.length === 1) return { purpose: vendor.purposes[0], source: 'vendor' };
  return {};
}
