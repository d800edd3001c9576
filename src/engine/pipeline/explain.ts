/**
 * `explain FILE:LINE`: what the engine saw at each call of a line, and why each rule reported or
 * not. The file is analysed again with a call observer (scans never have one), linked with the
 * workspace's facts, and each flow at the line is given to the rules one by one: their own
 * decisions, compared with the findings the scan reported.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { analyzeSource } from '../analysis/analyze-source';
import type { Annotation, FileFacts } from '../analysis/facts';
import { CallObserver, type ObservedArgument } from '../analysis/observer';
import { parseSource } from '../analysis/parse';
import type { DetectionConfig } from '../analysis/state';
import type { VendorIndex } from '../core/catalog';
import type { RuleId } from '../core/rule-ids';
import type { Finding, SeveritySetting } from '../core/types';
import { ModuleLinker } from '../linking/link';
import type { ModuleMap } from '../linking/module-map';
import type { Manifest } from '../manifest/types';
import type { ResolvedFlow } from '../rules/rule';
import { whyFlowSilent, whyOccurrenceSilent } from '../rules/why-silent';
import { resolveFlow, resolveOccurrence, suppressedBy, verdictsOf, type RuleVerdict } from './check';
import { callsOnLine, observed, resolveCallee, sinksAt, sinksThrough, whyNoSink, type CallContext } from './explain-call';
import type { ArgumentExplanation, CallExplanation, Explanation, FlowExplanation, RuleExplanation } from './explanation';

/** What explain needs: the file, the session's manifest, catalog, facts and findings. */
export interface ExplainInput {
  file: string;
  line: number;
  text: string;
  config: DetectionConfig;
  manifest: Manifest;
  vendors: VendorIndex;
  severities?: Record<string, SeveritySetting>;
  /** The facts of the workspace's files, for calls into them. */
  known: ReadonlyMap<string, FileFacts>;
  modules: ModuleMap;
  /** Every finding of the last scan (all files: a once-per-file rule may report elsewhere). */
  findings: Finding[];
  scanned: boolean;
}

/** An explanation, or a positioned reason there is none (a parse error, a line out of range). */
export type ExplainResult = { ok: true; explanation: Explanation } | { ok: false; error: { message: string; line?: number; column?: number } };

/** Explains one line of a file. */
export function explainLine(input: ExplainInput): ExplainResult {
  const { file, line, text } = input;
  const parsed = parseSource(text, file);
  if (!parsed.ok) return { ok: false, error: { message: `${file}:${parsed.error.line}:${parsed.error.column}: ${parsed.error.message}`, line: parsed.error.line, column: parsed.error.column } };
  const lines = text.split(/\r\n|\r|\n/);
  // A final line break ends the last line; it does not start another.
  const count = lines.length > 1 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  if (line < 1 || line > count) return { ok: false, error: { message: `line ${line} is out of range: ${file} has ${count} line${count === 1 ? '' : 's'}` } };
  const observer = new CallObserver(line, line);
  const facts = analyzeSource(text, file, input.config, observer);
  if (facts.error) return { ok: false, error: { message: `${file}:${facts.error.line}:${facts.error.column}: ${facts.error.message}`, line: facts.error.line, column: facts.error.column } };
  const known = new Map(input.known);
  known.set(file, facts);
  const linker = new ModuleLinker(known, input.modules, input.vendors);
  const flows = linker.flowsOf(facts).map((f) => resolveFlow(f, file, input.manifest, input.vendors));
  const ctx: CallContext = { file, observer, vendors: input.vendors, linker };
  const judge = new Judge(input, facts.annotations);
  const calls = callsOnLine(parsed.program, line).map(({ node, spans, decorator }) => explainCall(node, spans, decorator, text, parsed.program, flows, ctx, judge));
  const sources = facts.occurrences.filter((o) => o.line === line).map((o) => {
    const resolved = resolveOccurrence(o, file, input.manifest);
    const rules = judge.rules(verdictsOf({ occurrence: resolved }, input.manifest, input), (rule) => whyOccurrenceSilent(rule, resolved, input.manifest));
    return { category: o.category, note: o.note, line: o.line, column: o.column, endLine: o.endLine, endColumn: o.endColumn, ...(resolved.purpose ? { purpose: resolved.purpose } : {}), rules };
  });
  const explanation: Explanation = {
    version: 1,
    file,
    line,
    manifest: input.manifest.file,
    text: lines[line - 1],
    scanned: input.scanned,
    calls,
    sources,
    findings: input.findings.filter((f) => f.file === file && f.line === line),
  };
  if (calls.length === 0) explanation.note = noCallNote(facts, line, sources.length);
  return { ok: true, explanation };
}

function explainCall(node: TSESTree.CallExpression, spans: boolean, decorator: boolean, text: string, program: TSESTree.Program, flows: ResolvedFlow[], ctx: CallContext, judge: Judge): CallExplanation {
  const call = observed(ctx.observer, node);
  const resolved = resolveCallee(call, ctx, decorator);
  const sinks = sinksAt(call, ctx.vendors);
  const reaches = sinksThrough(call, resolved, ctx);
  const at = flows.filter((f) => f.line === node.loc.start.line && f.column === node.loc.start.column + 1);
  const through = flows.filter((f) => !at.includes(f) && passesThrough(f, ctx.file, node));
  // Data callers passed to the function around this sink is reported at the outermost such call.
  const fromCallers = flows.filter((f) => !at.includes(f) && !through.includes(f) && endsHere(f, ctx.file, node));
  const out: CallExplanation = {
    callee: shorten(text.slice(node.callee.range[0], node.callee.range[1])),
    ...(spans ? { spans } : {}),
    line: node.loc.start.line,
    column: node.loc.start.column + 1,
    endLine: node.loc.end.line,
    endColumn: node.loc.end.column + 1,
    resolved,
    sinks,
    reaches,
    arguments: node.arguments.map((arg, i) => argumentOf(arg, i, call?.args[i], text, program)),
    flows: [...at.map((f) => judge.flow(f)), ...through.map((f) => judge.flow(f, 'through')), ...fromCallers.map((f) => judge.flow(f, 'atCaller'))],
  };
  if (sinks.length === 0) out.noSink = whyNoSink(call, resolved, reaches, ctx.vendors);
  return out;
}

/** A flow whose sink is elsewhere but whose data was passed to a function at this call (`passed to track()`). */
function passesThrough(flow: ResolvedFlow, file: string, node: TSESTree.CallExpression): boolean {
  const steps = [...flow.trace, ...Object.values(flow.traces ?? {}).flat()];
  return steps.some((s) => s.file === file && s.note.startsWith('passed to') && within(s, node));
}

/** A flow whose sink is this call but which is reported at the call that passed the data in. */
function endsHere(flow: ResolvedFlow, file: string, node: TSESTree.CallExpression): boolean {
  const ends = [flow.trace, ...Object.values(flow.traces ?? {})].map((t) => t[t.length - 1]);
  return ends.some((s) => s !== undefined && s.file === file && s.line === node.loc.start.line && s.column === node.loc.start.column + 1);
}

function within(s: { line: number; column: number }, node: TSESTree.Node): boolean {
  const { start, end } = node.loc;
  const after = s.line > start.line || (s.line === start.line && s.column >= start.column + 1);
  const before = s.line < end.line || (s.line === end.line && s.column <= end.column);
  return after && before;
}

function argumentOf(arg: TSESTree.Node, index: number, seen: ObservedArgument | undefined, text: string, program: TSESTree.Program): ArgumentExplanation {
  const out: ArgumentExplanation = { index, text: shorten(text.slice(arg.range[0], arg.range[1])), categories: [] };
  if (!seen) return out;
  out.categories = Object.entries(seen.categories).sort(([a], [b]) => a.localeCompare(b)).map(([category, trace]) => ({ category, trace }));
  if (Object.keys(seen.fields).length > 0) out.fields = seen.fields;
  if (seen.params.length > 0) out.parameters = seen.params.map((p) => parameterName(p, program));
  if (seen.records.length > 0) out.records = seen.records;
  return out;
}

/** `parameter user of notify()` for a summary key `<function start>:<index>[.path]`. */
function parameterName(key: string, program: TSESTree.Program): string {
  const [start, rest] = key.split(':');
  const [index, ...path] = rest.split('.');
  const found = functionAt(program, Number(start), undefined);
  const param = found?.fn.params[Number(index)];
  const id = param?.type === 'TSParameterProperty' ? param.parameter : param;
  const name = id?.type === 'Identifier' ? id.name : id?.type === 'AssignmentPattern' && id.left.type === 'Identifier' ? id.left.name : `#${Number(index) + 1}`;
  const owner = found?.name ? `${found.name}()` : 'the function around it';
  return `parameter ${name}${path.length ? `.${path.join('.')}` : ''} of ${owner}`;
}

/** The function that starts at an offset, with the name it is declared under (its own, or its method's, property's or variable's). */
function functionAt(node: unknown, start: number, named: string | undefined): { fn: TSESTree.FunctionLike; name?: string } | undefined {
  if (!node || typeof node !== 'object') return undefined;
  if (Array.isArray(node)) {
    for (const c of node) {
      const found = functionAt(c, start, named);
      if (found) return found;
    }
    return undefined;
  }
  const n = node as TSESTree.Node;
  if (!n.range || n.range[0] > start || n.range[1] < start) return undefined;
  const isFunction = n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';
  if (isFunction && n.range[0] === start) return { fn: n, name: n.id?.name ?? named };
  const name = declaredName(n) ?? named;
  for (const key of Object.keys(n)) {
    if (key === 'parent' || key === 'loc' || key === 'range') continue;
    const found = functionAt((n as unknown as Record<string, unknown>)[key], start, name);
    if (found) return found;
  }
  return undefined;
}

function declaredName(n: TSESTree.Node): string | undefined {
  if ((n.type === 'MethodDefinition' || n.type === 'Property' || n.type === 'PropertyDefinition') && n.key.type === 'Identifier') return n.key.name;
  if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier') return n.id.name;
  return undefined;
}

/** The rules' verdicts on a flow or an occurrence, against the findings the scan reported. */
class Judge {
  constructor(
    private readonly input: ExplainInput,
    private readonly annotations: Annotation[],
  ) {}

  flow(flow: ResolvedFlow, where?: 'through' | 'atCaller'): FlowExplanation {
    const manifest = this.input.manifest;
    const rules = this.rules(verdictsOf({ flow }, manifest, this.input), (rule) => whyFlowSilent(rule, flow, manifest));
    const out: FlowExplanation = {
      kind: flow.kind,
      callee: flow.callee,
      line: flow.line,
      column: flow.column,
      endLine: flow.endLine,
      endColumn: flow.endColumn,
      categories: flow.categories,
      trace: flow.trace,
      rules,
    };
    if (flow.vendor) out.vendor = flow.vendor;
    if (flow.vendorName) out.vendorName = flow.vendorName;
    if (flow.host) out.host = flow.host;
    if (flow.hostStatus) out.hostStatus = flow.hostStatus;
    if (flow.module) out.module = flow.module;
    if (flow.purpose) out.purpose = flow.purpose;
    if (flow.purposeSource) out.purposeSource = flow.purposeSource;
    if (where) out[where] = true;
    return out;
  }

  /** Each verdict as a status: the scan's finding, or why there is none. */
  rules(verdicts: RuleVerdict[], silent: (rule: RuleId) => string | undefined): RuleExplanation[] {
    const out: RuleExplanation[] = [];
    for (const v of verdicts) {
      if (v.reported.length === 0) {
        const reason = silent(v.rule.meta.id);
        if (reason) out.push({ rule: v.rule.meta.id, status: 'silent', reason });
        continue;
      }
      for (const r of v.reported) out.push(this.status(v, r));
    }
    return out;
  }

  private status(v: RuleVerdict, r: Finding): RuleExplanation {
    const base = { rule: v.rule.meta.id, message: r.message };
    const match = this.input.findings.find((f) => sameFinding(f, r));
    if (match) return { ...base, status: match.baselined ? 'baselined' : 'reported', severity: match.severity, ...(match.baselined ? { reason: 'accepted in the baseline' } : {}) };
    if (v.severity === 'off') return { ...base, status: 'off', reason: `the rule is off (${this.input.severities?.[v.rule.meta.id] === 'off' ? 'severity setting' : `rules: in ${this.input.manifest.file}`})` };
    const annotation = suppressedBy(r, this.annotations);
    if (annotation) return { ...base, status: 'suppressed', reason: `suppressed by the privacy-lens-${annotation.kind} comment at line ${annotation.line}${annotation.reason ? ` (${annotation.reason})` : ''}` };
    if (!this.input.scanned) return { ...base, status: 'not-scanned', reason: 'the file is not scanned (the manifest\'s ignore, .gitignore or the scan\'s globs leave it out, or it is test code, scanned only with --include-tests or privacyLens.includeTests)' };
    const related = (f: Finding) => f.rule === r.rule && f.vendor === r.vendor && (f.categories ?? []).some((c) => r.categories?.includes(c));
    const other = this.input.findings.find((f) => related(f) && f.file === r.file) ?? this.input.findings.find(related);
    if (other?.file === r.file) return { ...base, status: 'elsewhere', severity: other.severity, reason: `reported once per file, at line ${other.line}` };
    if (other) return { ...base, status: 'elsewhere', severity: other.severity, reason: `reported once for the workspace, at ${other.file}:${other.line}` };
    return { ...base, status: 'silent', reason: 'the scan did not report it' };
  }
}

function sameFinding(f: Finding, r: Finding): boolean {
  return f.rule === r.rule && f.file === r.file && f.line === r.line && f.column === r.column && f.vendor === r.vendor && (f.categories ?? []).join() === (r.categories ?? []).join();
}

/** What a line without a call holds that the engine saw. */
function noCallNote(facts: FileFacts, line: number, sources: number): string {
  const seen: string[] = [];
  if (sources > 0) seen.push(`${sources} place${sources === 1 ? '' : 's'} where personal data is read (below)`);
  for (const u of facts.vendorUses ?? []) if (u.line === line) seen.push(`${u.how === 'import' ? 'an import of' : u.how === 'url' ? 'a URL of' : 'a use of'} ${u.vendor}`);
  for (const a of facts.annotations) if (a.line <= line && a.endLine >= line) seen.push(`a privacy-lens ${a.kind} comment`);
  // A sink that is no call (`new Upload({ params: { Body } })`): what reaches it is explained at its callers.
  const sinks = new Set<string>();
  for (const [name, summary] of Object.entries(facts.exports ?? {})) {
    for (const s of summary.sinks) {
      if (s.line === line && !s.next && s.kind !== 'unresolved') sinks.add(`a sink of the parameters of ${name}() (${s.kind === 'log' ? 'a log' : s.vendor ?? s.host ?? s.kind} by ${s.callee}), explained at its callers`);
    }
  }
  seen.push(...sinks);
  return `no call on line ${line}${seen.length > 0 ? `; the engine saw ${seen.join(', ')}` : '; the engine saw nothing there'}`;
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}
