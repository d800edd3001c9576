import type { Range, SeveritySetting } from '../core/types';

/** The legal bases a purpose may declare (docs/manifest.md). */
export const LEGAL_BASES = [
  'contract',
  'consent',
  'legitimate_interest',
  'legal_obligation',
  'vital_interest',
  'public_task',
] as const;

/** The mechanisms a vendor's third-country transfer may declare (GDPR Chapter V). */
export const TRANSFER_MECHANISMS = ['adequacy', 'scc', 'bcr', 'consent', 'none'] as const;

/** A transfer mechanism: adequacy decision, standard contractual clauses, binding corporate rules, consent, or none. */
export type TransferMechanism = (typeof TRANSFER_MECHANISMS)[number];

/** fideslang's default data subjects, the keys `data_subjects` may name. */
export const DATA_SUBJECTS = [
  'anonymous_user',
  'citizen_voter',
  'commuter',
  'consultant',
  'customer',
  'employee',
  'job_applicant',
  'next_of_kin',
  'passenger',
  'patient',
  'prospect',
  'shareholder',
  'supplier_vendor',
  'trainee',
  'visitor',
] as const;

/** A legal basis for processing. */
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** A category the manifest declares, built in or custom. */
export interface DeclaredCategory {
  id: string;
  description?: string;
  match: string[];
  /** How long data of this category is kept: a duration (P2Y) or text. */
  retention?: string;
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
  /** fideslang data subjects (customer, visitor, employee...). */
  dataSubjects: string[];
  /** How long data processed for this purpose is kept: a duration (P2Y) or text. */
  retention?: string;
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
  /** The safeguard of a transfer out of the manifest's `home_region`. */
  transfer?: TransferMechanism;
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
  /** Where the controller is (a region like `eu`), for the undeclared-transfer rule. */
  homeRegion?: string;
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
