import { minimatch } from 'minimatch';
import type { Manifest } from './manifest/types';
import type { PurposeSource } from './rules/rule';

/** The purpose of a code location and why (DESIGN.md §3). */
export interface ResolvedPurpose {
  purpose?: string;
  source?: PurposeSource;
}

/**
 * Resolves the purpose of a location: the innermost annotation; else the first manifest purpose
 * whose paths match the file; else, for a flow to a declared vendor with exactly one purpose, that
 * purpose; else unattributed.
 */
export function resolvePurpose(manifest: Manifest, file: string, annotation?: string, vendorId?: string): ResolvedPurpose {
  if (annotation) return { purpose: annotation, source: 'annotation' };
  const byPath = manifest.purposes.find((p) => p.paths.some((glob) => minimatch(file, glob, { dot: true })));
  if (byPath) return { purpose: byPath.id, source: 'path' };
  const vendor = vendorId ? manifest.vendors.find((v) => v.id === vendorId) : undefined;
  if (vendor?.purposes.length === 1) return { purpose: vendor.purposes[0], source: 'vendor' };
  return {};
}
