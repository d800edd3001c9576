/**
 * The result types shared by every front end (CLI, editor, reports).
 * Positions are 1-based lines and columns, as in SARIF and docs/json-output.md.
 */

/** How serious a finding is; `off` disables a rule. */
export type Severity = 'error' | 'warning' | 'info';
/** A configured severity, where `off` turns a rule off. */
export type SeveritySetting = Severity | 'off';

/** A 1-based source range. */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One step of the path personal data takes from its source to a sink. */
export interface TraceStep {
  file: string;
  line: number;
  column: number;
  note: string;
  /**
   * Internal to the analysis, never in a report: the step is the result of a function of another
   * module (`buildPath(path, params)`), taken to carry its argument `arg`. Linking keeps the data
   * only where that module's summary says the function returns what it was given there.
   */
  via?: ReturnVia;
}

/** A call of another module's function whose result is taken to carry one of its arguments. */
export interface ReturnVia {
  spec: string;
  /** The export name path (`buildPath`, `api.format`, `useApi().get`). */
  name: string;
  arg: number;
  /** The top-level field of an object argument the data was in (`presentWebhook({ event, payload })`). */
  field?: string;
}

/** Another place a finding is about (an undeclared category's other places): SARIF `relatedLocations`. */
export interface RelatedLocation extends Range {
  file: string;
  /** What is at that place, e.g. "email read from the request body". */
  message?: string;
}

/** A finding as the JSON output prints it (docs/json-output.md). */
export interface Finding extends Range {
  rule: string;
  severity: Severity;
  file: string;
  message: string;
  categories?: string[];
  vendor?: string;
  purpose?: string;
  /** Why the code is attributed to `purpose` (docs/annotations.md): an annotation, a manifest path, or the vendor. */
  purposeSource?: 'annotation' | 'path' | 'vendor';
  host?: string;
  trace?: TraceStep[];
  /**
   * The other places the finding is about, in file, line and column order: a workspace scan
   * reports an undeclared category once, at its first place, with every other place here.
   */
  related?: RelatedLocation[];
  /** Accepted in the session's baseline (the editor shows it as a hint). */
  baselined?: boolean;
}

/** Where a category or vendor was seen, for the inventory. */
export interface InventoryLocation {
  file: string;
  line: number;
  categories?: string[];
  /** The purpose of the code there (DESIGN.md §3), when it has one. */
  purpose?: string;
}

/** What the scanned code does with personal data, independent of rules. */
export interface Inventory {
  categories: Record<string, InventoryLocation[]>;
  vendors: Record<string, InventoryLocation[]>;
  /** Where code processes personal data for each purpose (absent when no purpose is resolved). */
  purposes?: Record<string, InventoryLocation[]>;
}

/** A file the engine could not analyse, and why. */
export interface SkippedFile {
  file: string;
  reason: string;
  /** Where the problem is, when it has a position (a syntax error). */
  line?: number;
  column?: number;
}

/** The result of one analysis: one type for every front end. */
export interface ScanResult {
  version: 1;
  manifest: string | null;
  filesScanned: number;
  findings: Finding[];
  inventory: Inventory;
  skipped: SkippedFile[];
  /** How many test files the scan left out (it scans them with `includeTests`, CLI `--include-tests`). Absent in reports of earlier versions. */
  testFilesLeftOut?: number;
}
