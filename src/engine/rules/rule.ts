import type { VendorIndex } from '../core/catalog';
import type { FileFacts, Flow, Occurrence } from '../analysis/facts';
import type { Manifest } from '../manifest/types';
import type { PolicySource } from '../policy/source';
import type { PurposeSource } from '../purpose';
import type { Range, RelatedLocation, Severity, TraceStep } from '../core/types';
import type { RuleId } from '../core/rule-ids';

/** Where a rule's documentation lives. */
export const DOCS_BASE = 'https://github.com/privacy-lens/privacy-lens/blob/main/README.md#rule-';

/** What every front end needs to know about a rule: one place for id, severity, description, docs. */
export interface RuleMeta {
  id: RuleId;
  defaultSeverity: Severity;
  description: string;
  /** How to resolve a finding of the rule (Markdown; shown as SARIF `help` and in the README). */
  help: string;
  /** Message templates with `{{placeholders}}`. */
  messages: Record<string, string>;
  /** Only meaningful for a whole-workspace scan. */
  workspaceOnly?: boolean;
}

/** A flow with what the manifest says about its recipient and purpose. */
export interface ResolvedFlow extends Flow {
  file: string;
  vendorName?: string;
  declaredVendor?: Manifest['vendors'][number];
  firstParty: boolean;
  purpose?: string;
  purposeSource?: PurposeSource;
}

/** An occurrence with its file and resolved purpose. */
export interface ResolvedOccurrence extends Occurrence {
  file: string;
  purpose?: string;
  purposeSource?: PurposeSource;
}

/** A finding as a rule reports it: the runner adds the rule id and severity. */
export interface Report extends Range {
  file: string;
  messageId?: string;
  data: Record<string, string>;
  categories?: string[];
  vendor?: string;
  purpose?: string;
  purposeSource?: PurposeSource;
  host?: string;
  trace?: TraceStep[];
  /** Other places the finding is about (SARIF `relatedLocations`). */
  related?: RelatedLocation[];
}

/** What a rule can see and do. */
export interface RuleContext {
  manifest: Manifest;
  vendors: VendorIndex;
  workspace: boolean;
  /** The manifest's `policy.file`, read, for the policy-drift rule; absent when there is none or it was not read. */
  policy?: PolicySource;
  report(r: Report): void;
  /** True when a `privacy-lens-ignore-*` comment suppresses this rule at a line (for a rule that reports many places as one finding). */
  suppressed(file: string, line: number): boolean;
}

/** The visitor a rule's create() returns. */
export interface RuleListener {
  flow?(flow: ResolvedFlow): void;
  occurrence?(occurrence: ResolvedOccurrence): void;
  file?(facts: FileFacts): void;
  end?(all: { flows: ResolvedFlow[]; occurrences: ResolvedOccurrence[] }): void;
}

/** A rule: metadata plus a create() (eslint's rule shape). */
export interface RuleModule {
  meta: RuleMeta;
  create(context: RuleContext): RuleListener;
}

/** Fills `{{placeholders}}` in a message template. */
export function interpolate(template: string, data: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, key: string) => (key in data ? data[key] : m));
}

/** A list of categories for a message: "user.name and user.contact.email"; `user` alone reads as a person's record. */
export function listText(items: string[]): string {
  items = items.map((c) => (c === 'user' ? "a person's record" : c));
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The report fields common to every flow finding. */
export function flowReport(flow: ResolvedFlow, data: Record<string, string>, categories = flow.categories): Report {
  return {
    file: flow.file,
    line: flow.line,
    column: flow.column,
    endLine: flow.endLine,
    endColumn: flow.endColumn,
    data: { categories: listText(categories), is: categories.length > 1 ? 'are' : 'is', ...data },
    categories,
    vendor: flow.vendor,
    purpose: flow.purpose,
    purposeSource: flow.purposeSource,
    host: flow.host,
    trace: flow.traces?.[categories[0]] ?? flow.trace,
  };
}
