import type { Range, SeveritySetting } from '../types';

/** The legal bases a purpose may declare (docs/manifest.md). */
export const LEGAL_BASES = [
  'contract',
  'consent',
  'legitimate_interest',
  'legal_obligation',
  'vital_interest',
  'public_task',
] as const;

/** A legal basis for processing. */
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** A category the manifest declares, built in or custom. */
export interface DeclaredCategory {
  id: string;
  description?: string;
  match: string[];
  builtin: boolean;
  range: Range;
}

/** A purpose the manifest declares. */
export interface DeclaredPurpose {
  id: string;
  description?: string;
  basis?: LegalBasis;
  dataUse?: string;
  categories: string[];
  paths: string[];
  range: Range;
}

/** A vendor on the manifest's sharing list. */
export interface DeclaredVendor {
  id: string;
  name?: string;
  packages: string[];
  hosts: string[];
  purposes: string[];
  categories: string[];
  region?: string;
  /** True when the id is in the built-in catalog. */
  builtin: boolean;
  range: Range;
}

/** A validated data-inventory manifest. */
export interface Manifest {
  /** Path of the manifest file, relative to the workspace root, with forward slashes. */
  file: string;
  version: 1;
  system?: string;
  policy?: { url?: string; file?: string; updated?: string; range: Range };
  categories: DeclaredCategory[];
  purposes: DeclaredPurpose[];
  vendors: DeclaredVendor[];
  firstPartyHosts: string[];
  ignore: string[];
  rules: Record<string, SeveritySetting>;
}

/** A positioned problem in the manifest. */
export interface ManifestError extends Range {
  message: string;
}

/** Reading a manifest is a result, not an exception. */
export type ManifestLoadResult =
  | { ok: true; manifest: Manifest; errors: [] }
  | { ok: false; errors: ManifestError[] };
