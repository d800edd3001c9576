import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { VendorIndex } from '../catalog';
import type { CategoryMatcher, MatchContext } from '../taxonomy';
import type { TraceStep } from '../types';
import { purposeAt, type PurposeRegion } from './annotations';
import type { Flow, Occurrence } from './facts';
import { Scope } from './scope';
import { collectCategories, UNKNOWN, type LocalFunction, type Trace, type Value } from './values';

/** The knowledge a file analysis needs besides the file itself. */
export interface DetectionConfig {
  matcher: CategoryMatcher;
  vendors: VendorIndex;
}

/** Extra facts about a flow's sink. */
export interface SinkInfo {
  kind: Flow['kind'];
  callee: string;
  vendor?: string;
  host?: string;
  hostStatus?: Flow['hostStatus'];
}

const MAX_INLINE_DEPTH = 4;

/**
 * The state of one file's analysis: where flows and occurrences are collected, the purpose regions,
 * and the bookkeeping of local function calls (inlining depth, the functions still to analyse).
 */
export class FileAnalyzer {
  readonly flows = new Map<string, Flow>();
  readonly occurrences = new Map<string, Occurrence>();
  readonly pending: LocalFunction[] = [];
  readonly analysed = new Set<TSESTree.Node>();
  readonly returns: Value[][] = [];
  readonly thisStack: Map<string, Value>[] = [];
  readonly callStack: TSESTree.Node[] = [];
  private readonly memo = new Map<TSESTree.Node, Map<string, Value>>();
  /** False while a function body is re-analysed for one call site: its sources were recorded already. */
  recording = true;

  constructor(
    readonly file: string,
    readonly config: DetectionConfig,
    readonly regions: PurposeRegion[],
  ) {}

  /** A trace step at a node. */
  step(node: TSESTree.Node, note: string): TraceStep {
    return { file: this.file, line: node.loc.start.line, column: node.loc.start.column + 1, note };
  }

  /** The category an identifier denotes, recorded as a source when it denotes one. */
  source(node: TSESTree.Node, word: string | readonly string[], context: MatchContext, note: (category: string) => string): Map<string, Trace> | undefined {
    const category = this.config.matcher.match(word, context);
    if (!category) return undefined;
    const step = this.step(node, note(category));
    this.recordOccurrence(node, category, step.note);
    return new Map([[category, [step]]]);
  }

  /** A source of a fixed category (the client IP of a request). */
  fixedSource(node: TSESTree.Node, category: string, note: string): Map<string, Trace> {
    this.recordOccurrence(node, category, note);
    return new Map([[category, [this.step(node, note)]]]);
  }

  private recordOccurrence(node: TSESTree.Node, category: string, note: string): void {
    if (!this.recording) return;
    const key = `${category}@${node.range[0]}`;
    if (this.occurrences.has(key)) return;
    this.occurrences.set(key, {
      category,
      note,
      ...rangeOf(node),
      purposeAnnotation: purposeAt(this.regions, node.range[0]),
    });
  }

  /** Records a flow when the values reaching a sink carry personal data. */
  sink(node: TSESTree.Node, info: SinkInfo, values: Value[]): void {
    const cats = new Map<string, Trace>();
    for (const v of values) collectCategories(v, cats);
    if (cats.size === 0) return;
    const key = `${info.kind}|${info.vendor ?? ''}|${info.host ?? ''}|${node.range[0]}`;
    const existing = this.flows.get(key);
    const categories = [...new Set([...(existing?.categories ?? []), ...cats.keys()])].sort();
    const end = this.step(node, `${describeSink(info)} here`);
    const flow = existing ?? { ...info, ...rangeOf(node), categories, trace: [], purposeAnnotation: purposeAt(this.regions, node.range[0]) };
    flow.categories = categories;
    const traces = { ...flow.traces };
    for (const [c, t] of cats) {
      // A longer trace tells more of the path (a caller's request input rather than a parameter's name).
      if (!traces[c] || t.length + 1 > traces[c].length) traces[c] = [...t, end];
      if (traces[c].length > flow.trace.length) flow.trace = traces[c];
    }
    flow.traces = traces;
    this.flows.set(key, flow);
  }

  /**
   * Analyses a local function for one call: params bound to the arguments' values. Each distinct
   * argument signature is analysed once per file; recursion and deep chains stop with UNKNOWN.
   */
  callFunction(fn: LocalFunction, args: Value[], run: (fn: LocalFunction, args: Value[]) => Value): Value {
    if (this.callStack.includes(fn.node) || this.callStack.length >= MAX_INLINE_DEPTH) return UNKNOWN;
    const signature = args.map(signatureOf).join(';');
    const cached = this.memo.get(fn.node)?.get(signature);
    if (cached) return cached;
    const wasRecording = this.recording;
    this.recording = wasRecording && !this.analysed.has(fn.node);
    this.analysed.add(fn.node);
    this.callStack.push(fn.node);
    try {
      const result = run(fn, args);
      if (!this.memo.has(fn.node)) this.memo.set(fn.node, new Map());
      this.memo.get(fn.node)!.set(signature, result);
      return result;
    } finally {
      this.callStack.pop();
      this.recording = wasRecording;
    }
  }

  /** A new scope for a function body, closing over the function's defining scope. */
  functionScope(fn: LocalFunction): Scope {
    return new Scope(fn.scope as Scope);
  }
}

/** The 1-based range of a node. */
export function rangeOf(node: TSESTree.Node): { line: number; column: number; endLine: number; endColumn: number } {
  return {
    line: node.loc.start.line,
    column: node.loc.start.column + 1,
    endLine: node.loc.end.line,
    endColumn: node.loc.end.column + 1,
  };
}

function describeSink(info: SinkInfo): string {
  if (info.kind === 'log') return `written to the log by ${info.callee}()`;
  if (info.kind === 'http') return `sent by ${info.callee}() to ${info.host ?? 'a host known only at run time'}`;
  return `passed to ${info.callee}()`;
}

function signatureOf(v: Value): string {
  const cats = [...collectCategories(v).keys()].sort().join(',');
  const roles = [v.vendor?.id, v.http?.lib, v.logger ? 'log' : '', v.request ? 'req' : '', v.input ?? '', v.fn ? 'fn' : ''];
  return `${cats}|${roles.join(',')}`;
}
