import { createHash } from 'node:crypto';
import type { DetectionConfig } from './analysis/state';
import { builtinVendorIndex, VendorIndex, type VendorDef } from './core/catalog';
import type { Manifest } from './manifest/types';
import type { DataModels } from './prisma-models';
import { CategoryMatcher, customCategory, type CategoryDef } from './core/taxonomy';

/** The manifest parts that change what the analysis detects (not what rules decide). */
export interface DetectionInput {
  categories: CategoryDef[];
  vendors: VendorDef[];
  /** Data models (Prisma) of the workspace. Defaults to none. */
  models?: DataModels;
}

/** The engine version, part of every cache key. */
export const ENGINE_VERSION = '0.1.0';

declare const __ENGINE_BUILD__: string | undefined;
/** The fingerprint of the engine's sources, set by the bundler (scripts/build.mjs); `dev` when run from `tsc` output. */
const ENGINE_BUILD = typeof __ENGINE_BUILD__ === 'string' ? __ENGINE_BUILD__ : 'dev';
/** The shape of per-file facts: bumped whenever the analysis records something new, so caches refresh. */
const FACTS_VERSION = 15;

/** Custom categories and vendors of a manifest, as plain data that crosses worker threads. */
export function detectionInput(manifest: Manifest | null, models?: DataModels): DetectionInput {
  if (!manifest) return { categories: [], vendors: [], models };
  const categories = manifest.categories
    .filter((c) => c.match.length > 0)
    .map((c) => customCategory(c.id, c.description ?? c.id, c.match));
  const catalog = builtinVendorIndex();
  const vendors: VendorDef[] = [];
  for (const v of manifest.vendors) {
    const base = catalog.byId(v.id);
    if (base && v.packages.length + v.hosts.length === 0 && !v.name) continue;
    vendors.push({
      id: v.id,
      name: v.name ?? base?.name ?? v.id,
      aliases: base?.aliases ?? [],
      kind: base?.kind ?? 'other',
      packages: [...v.packages, ...(base?.packages ?? [])],
      hosts: [...v.hosts, ...(base?.hosts ?? [])],
      globals: base?.globals ?? [],
      sends: base?.sends ?? ['*'],
      docs: base?.docs,
      custom: true,
    });
  }
  return { categories, vendors, models };
}

/** Builds the matcher and vendor index for a detection input. */
export function detectionConfig(input: DetectionInput): DetectionConfig {
  return { matcher: new CategoryMatcher(input.categories), vendors: new VendorIndex(input.vendors), models: input.models ?? {} };
}

/** A stable hash of a detection input, for cache keys. */
export function detectionHash(input: DetectionInput): string {
  return createHash('sha1').update(`${ENGINE_VERSION}/facts-${FACTS_VERSION}/${ENGINE_BUILD}`).update(JSON.stringify(input)).digest('hex');
}
