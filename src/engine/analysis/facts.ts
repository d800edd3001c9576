import type { Range, TraceStep } from '../types';

/**
 * What one file does with personal data, before any rule looks at it. Facts depend only on the
 * file's text and the detection configuration (taxonomy, catalog, custom categories and vendors),
 * so they are plain JSON: they cross worker threads and are cached by content hash.
 */
export interface FileFacts {
  /** Path relative to the workspace root, with forward slashes. */
  file: string;
  flows: Flow[];
  occurrences: Occurrence[];
  annotations: Annotation[];
  /** Set when the file could not be analysed; flows and occurrences are then empty. */
  error?: { message: string; line: number; column: number };
}

/** Where personal data goes: a vendor SDK, an HTTP request or a log. */
export type SinkKind = 'vendor' | 'http' | 'log';

/** Whether the host of an HTTP sink is known, same-origin, or known only at run time. */
export type HostStatus = 'known' | 'relative' | 'dynamic';

/** Personal data reaching a sink. */
export interface Flow extends Range {
  kind: SinkKind;
  /** The call as written, shortened: `mixpanel.track`, `fetch`, `console.log`. */
  callee: string;
  /** The catalog or manifest vendor id, when the sink belongs to a vendor. */
  vendor?: string;
  host?: string;
  hostStatus?: HostStatus;
  categories: string[];
  /** The most telling path to the sink (the longest of the categories' paths). */
  trace: TraceStep[];
  /** Each category's own path to the sink. */
  traces?: Record<string, TraceStep[]>;
  /** The innermost `privacy-lens purpose=` annotation around the sink. */
  purposeAnnotation?: string;
}

/** A place where code processes a personal data category (where the data enters or is read). */
export interface Occurrence extends Range {
  category: string;
  note: string;
  purposeAnnotation?: string;
}

/** A `privacy-lens` comment. */
export interface Annotation extends Range {
  kind: 'purpose' | 'ignore-line' | 'ignore-next-line' | 'invalid';
  purpose?: string;
  /** Rule ids named by an ignore; empty means every rule. */
  rules: string[];
  reason?: string;
  /** For `invalid`: what is wrong. */
  problem?: string;
}
