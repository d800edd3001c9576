import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { TraceStep } from '../core/types';
import type { Flow } from './facts';
import { collectCategories, collectParams, collectRecords, type Value } from './values';

/**
 * What `explain` records while one file is analysed: for every call, what its callee (or the
 * object of a method call) evaluated to, the sinks recorded at it and the imports it was linked
 * as; for the calls on the lines asked about, also what each argument carried. Scans never create
 * one: the analyzer's hooks are `observer?.` calls that cost nothing when it is absent.
 */
export class CallObserver {
  /** Every call the analysis evaluated, by `observedKey` (`a().b()` and `a()` start at the same offset). */
  readonly calls = new Map<string, ObservedCall>();

  /** Records argument details only for calls that overlap lines `from`..`to`. */
  constructor(
    readonly from: number,
    readonly to: number,
  ) {}

  /** The callee (or the object of a method call) of a call evaluated to `value`; `bound`: its root name is a variable of the module. */
  callee(node: TSESTree.CallExpression, value: Value, method: string | undefined, bound: boolean): void {
    const call = this.callAt(node);
    call.runs++;
    call.value ??= value;
    call.method ??= method;
    call.bound ||= bound;
  }

  /** The arguments of a call evaluated to these values (once per run of the code around it). */
  args(node: TSESTree.CallExpression | TSESTree.NewExpression, values: Value[]): void {
    if (node.type !== 'CallExpression' || !this.wanted(node)) return;
    const call = this.callAt(node);
    values.forEach((v, i) => {
      const into = (call.args[i] ??= { categories: {}, fields: {}, params: [], records: [] });
      mergeArgument(into, v);
    });
  }

  /** A sink was recognised at a call, with the categories that reached it (possibly none). */
  sink(node: TSESTree.Node, info: ObservedSink, categories: string[]): void {
    if (node.type !== 'CallExpression') return;
    const call = this.callAt(node);
    const same = call.sinks.find((s) => s.kind === info.kind && s.vendor === info.vendor && s.host === info.host && s.reason === info.reason);
    if (same) same.categories = [...new Set([...same.categories, ...categories])].sort();
    else call.sinks.push({ ...info, categories: [...categories].sort() });
  }

  /** A call was recorded as a call of another module's export (`spec`, export path `name`). */
  importCall(node: TSESTree.Node, spec: string, name: string): void {
    if (node.type !== 'CallExpression') return;
    const call = this.callAt(node);
    if (!call.imports.some((x) => x.spec === spec && x.name === name)) call.imports.push({ spec, name });
  }

  private wanted(node: TSESTree.Node): boolean {
    return node.loc.start.line <= this.to && node.loc.end.line >= this.from;
  }

  private callAt(node: TSESTree.CallExpression): ObservedCall {
    let call = this.calls.get(observedKey(node));
    if (!call) this.calls.set(observedKey(node), (call = { node, runs: 0, bound: false, args: [], sinks: [], imports: [] }));
    return call;
  }
}

/** The key of a call node in `CallObserver.calls`: its start and end offsets. */
export function observedKey(node: { range: [number, number] }): string {
  return `${node.range[0]}:${node.range[1]}`;
}

/** What the analysis knows of a sink: its kind, callee, vendor, host and why it could not be followed. */
export type ObservedSink = Pick<Flow, 'kind' | 'callee' | 'vendor' | 'host' | 'hostStatus' | 'hostFrom' | 'queue' | 'reason'>;

/** One call as the analysis saw it. */
export interface ObservedCall {
  node: TSESTree.CallExpression;
  /** How many times the analysis evaluated the call (each caller of the function around it, and its standalone run). */
  runs: number;
  /** What the callee evaluated to (for a method call: the object the method is called on). */
  value?: Value;
  method?: string;
  /** The callee's root name is declared in the module (else it is a global, or unbound). */
  bound: boolean;
  /** What each argument carried, over every run. */
  args: ObservedArgument[];
  /** The sinks recognised at the call, with the categories that reached each. */
  sinks: (ObservedSink & { categories: string[] })[];
  /** The exports of other modules the call was linked as. */
  imports: { spec: string; name: string }[];
}

/** What one argument carried: its categories with the steps they took, its object fields' categories, summary parameters and records. */
export interface ObservedArgument {
  categories: Record<string, TraceStep[]>;
  fields: Record<string, string[]>;
  /** Parameters of the function around the call (when it is summarised for other modules), as `<function start>:<index>` keys. */
  params: string[];
  /** Records of models of other modules (`spec#Name`). */
  records: string[];
}

function mergeArgument(into: ObservedArgument, v: Value): void {
  for (const [c, t] of collectCategories(v)) if (!into.categories[c] || into.categories[c].length < t.length) into.categories[c] = [...t];
  for (const [k, f] of v.fields ?? []) {
    const cats = [...collectCategories(f).keys()];
    if (cats.length > 0) into.fields[k] = [...new Set([...(into.fields[k] ?? []), ...cats])].sort();
  }
  for (const p of collectParams(v).keys()) if (!into.params.includes(p)) into.params.push(p);
  for (const r of collectRecords(v).values()) {
    const key = `${r.spec}#${r.name}${r.field ? `.${r.field}` : ''}`;
    if (!into.records.includes(key)) into.records.push(key);
  }
}
