/**
 * The result of `explain FILE:LINE` (`Workspace.explain`, `privacy-lens explain --format json`):
 * plain JSON, version 1, documented in the README ("Why a finding, or none").
 */
import type { Flow, HostStatus, SinkKind } from '../analysis/facts';
import type { RuleId } from '../core/rule-ids';
import type { Finding, Range, TraceStep } from '../core/types';
import type { PurposeSource } from '../purpose';

/** What the engine saw on one line of a file (`privacy-lens explain FILE:LINE --format json`). */
export interface Explanation {
  version: 1;
  file: string;
  line: number;
  manifest: string;
  /** The line's source text. */
  text: string;
  /** False when the scan does not include the file (the manifest's `ignore`, `.gitignore`, test code without `includeTests`): nothing of it is reported. */
  scanned: boolean;
  /** Every call that starts on the line, in source order (else the innermost call that spans it). */
  calls: CallExplanation[];
  /** Places on the line where the engine saw personal data read or entered. */
  sources: SourceExplanation[];
  /** Every finding the scan reports on the line. */
  findings: Finding[];
  /** When no call is on the line: what the engine saw there instead. */
  note?: string;
}

/** One call: what it resolved to, the sinks it reaches, its arguments and the rules' verdicts. */
export interface CallExplanation extends Range {
  /** The callee as written. */
  callee: string;
  /** True when the call starts on an earlier line and spans the line asked about. */
  spans?: boolean;
  resolved: CalleeResolution;
  /** The sinks recognised at the call itself. */
  sinks: SinkSeen[];
  /** The sinks reached through the function it calls (a function of this file or of a workspace module). */
  reaches: SinkSeen[];
  /** Why no sink was recognised at the call, when none was. */
  noSink?: string;
  arguments: ArgumentExplanation[];
  /** The flows of personal data at the call, or through it into a function of this file. */
  flows: FlowExplanation[];
}

/** One argument: the categories the engine gave it and where they came from. */
export interface ArgumentExplanation {
  index: number;
  /** The argument as written (shortened). */
  text: string;
  /** Each category with the steps it took to the argument; empty: no personal data. */
  categories: { category: string; trace: TraceStep[] }[];
  /** For an object: the categories of each of its fields that carries any. */
  fields?: Record<string, string[]>;
  /** Parameters of the function around the call that reach it (the summary callers in other modules are linked with). */
  parameters?: string[];
  /** Records of other modules' models in it (`spec#Model`), whose fields are known once linked. */
  records?: string[];
}

/** A flow of personal data and what each rule that applies decided. */
export interface FlowExplanation extends Range {
  kind: Flow['kind'];
  callee: string;
  vendor?: string;
  vendorName?: string;
  host?: string;
  hostStatus?: Flow['hostStatus'];
  /** For a flow through another module, the file of the sink. */
  module?: string;
  categories: string[];
  purpose?: string;
  purposeSource?: PurposeSource;
  /** True when the flow's sink is elsewhere and the data passes through this call. */
  through?: boolean;
  /** True when the flow's sink is this call but callers passed the data in: it is reported at the outermost such call (`line`, `column`). */
  atCaller?: boolean;
  trace: TraceStep[];
  rules: RuleExplanation[];
}

/** What one rule decided. */
export interface RuleExplanation {
  rule: RuleId;
  /**
   * `reported` (a finding), `baselined` (a finding the baseline accepts), `suppressed` (by an
   * ignore comment), `off` (severity off), `elsewhere` (reported once per file, at another line),
   * `not-scanned` (the file is not scanned), `silent` (the rule found nothing to report).
   */
  status: 'reported' | 'baselined' | 'suppressed' | 'off' | 'elsewhere' | 'not-scanned' | 'silent';
  /** The finding's message (what it says, or would say). */
  message?: string;
  severity?: Finding['severity'];
  /** Why it is not reported. */
  reason?: string;
}

/** A place where personal data is read or entered, with the rules on it. */
export interface SourceExplanation extends Range {
  category: string;
  note: string;
  purpose?: string;
  rules: RuleExplanation[];
}

/** What a callee resolved to. */
export interface CalleeResolution {
  kind: 'local' | 'workspace' | 'package' | 'unresolved-import' | 'vendor' | 'http-client' | 'logger' | 'queue' | 'factory' | 'builtin' | 'unknown' | 'not-evaluated';
  /** The same, in a sentence. */
  text: string;
  /** The import specifier, or the workspace file it resolves to. */
  module?: string;
  /** The export name path (`track`, `default`, `analytics.track`, `Service#track`) or the local function's name. */
  name?: string;
  /** Where a local function is declared. */
  line?: number;
  vendor?: string;
  /** The callee is a global of the runtime (`fetch`, `console`, a vendor's browser global). */
  global?: boolean;
}

/** A sink the engine recognised, at the call or through the function it calls. */
export interface SinkSeen {
  kind: SinkKind;
  callee: string;
  vendor?: string;
  vendorName?: string;
  host?: string;
  hostStatus?: HostStatus;
  /** For a sink reached through a function: where it is. */
  file?: string;
  line?: number;
  /** For a sink at the call: the categories that reached it in the analysis (before linking). */
  categories?: string[];
  /** Why the engine cannot follow it (`unresolved` sinks). */
  reason?: string;
  /** The message queue library an `unresolved` sink publishes with. */
  queue?: string;
}
