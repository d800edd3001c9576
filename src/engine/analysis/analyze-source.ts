import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { FileAnalyzer, type DetectionConfig, type UpperLayers } from './state';
import { purposeRegions, readAnnotations } from './annotations';
import type { ExportSummary, FileFacts, Flow, ParamSink } from './facts';
import { parseSource, type ParseResult } from './parse';
import { Scope } from './scope';
import { recipientPaths } from './recipients';
import { analyseStandalone, bindPattern, functionValue, invokeLocal, runCallback, summariseCall, walkStatement, walkStatements } from './statements';
import { evaluateCall, evaluateNew } from './calls';
import { walkClass } from './classes';
import { commonJsExport, recordExport } from './exports';
import { evaluateFragment, evaluateJsx } from './jsx';
import { exportedModels } from './exported-models';
import type { CallObserver } from './observer';

export type { DetectionConfig } from './state';

/** The analysis steps of the layers above the analyzer's state, for the layers below to call back into. */
const UPPER_LAYERS: UpperLayers = { evaluateCall, evaluateNew, evaluateJsx, evaluateFragment, commonJsExport, walkClass, walkStatement, bindPattern, functionValue, invokeLocal, runCallback };

/**
 * Analyses one file's text: parses it, follows personal data through the module, and returns the
 * flows, occurrences and annotations it found. Never throws: a file that does not parse, or an
 * internal error on a strange construct, comes back as `error` with a position. `observer`
 * (explain only; defaults to none) records what the analysis saw at each call.
 */
export function analyzeSource(text: string, file: string, config: DetectionConfig, observer?: CallObserver): FileFacts {
  return analyzeParsed(parseSource(text, file), text, file, config, observer);
}

/** `analyzeSource` of a text already parsed (`parsed` is what `parseSource(text, file)` gives: the editor's incremental parse). */
export function analyzeParsed(parsed: ParseResult, text: string, file: string, config: DetectionConfig, observer?: CallObserver): FileFacts {
  if (!parsed.ok) return { file, flows: [], occurrences: [], annotations: [], error: parsed.error };
  const annotations = readAnnotations(parsed.program);
  const hasPurpose = annotations.some((x) => x.kind === 'purpose');
  const analyzer = new FileAnalyzer(file, config, hasPurpose ? purposeRegions(parsed.program, annotations) : [], UPPER_LAYERS, parsed.program);
  analyzer.observer = observer;
  analyzer.findRecipients = () => recipientPaths(parsed.program);
  let exports: Record<string, ExportSummary> | undefined;
  try {
    exports = walkModule(analyzer, parsed.program);
  } catch (e) {
    return { file, flows: [], occurrences: [], annotations, error: internalError(e, analyzer) };
  }
  const all = [...analyzer.flows.values()].map(compactTraces).sort(byPosition);
  const facts: FileFacts = {
    file,
    flows: all.filter((f) => f.categories.length > 0),
    occurrences: [...analyzer.occurrences.values()].sort(byPosition),
    annotations,
  };
  if (exports && Object.keys(exports).length > 0) facts.exports = exports;
  if (analyzer.importCalls.length > 0) facts.imports = analyzer.importCalls;
  if (analyzer.reexports.length > 0) facts.reexports = analyzer.reexports;
  if (Object.keys(analyzer.values).length > 0) facts.values = analyzer.values;
  const recordFlows = all.filter((f) => f.categories.length === 0);
  if (recordFlows.length > 0) facts.recordFlows = recordFlows;
  const models = exportedModels(analyzer, parsed.program);
  if (Object.keys(models).length > 0) facts.models = models;
  if (filters.mayHoldUrl(text)) vendorUrls(analyzer, parsed.program);
  const uses = [...analyzer.vendorUses.values()].flat().sort(byPosition);
  if (uses.length > 0) facts.vendorUses = uses;
  return facts;
}

/** Subdomains that are pages for people (documentation, dashboards), not an API the code talks to. */
const PAGE_SUBDOMAINS = /^(docs|www|dashboard|support|help|blog|status|community|developer|developers|app|console|learn)\./;

/**
 * False when no string of the text can hold `://`: the text has it neither written out nor behind
 * an escape (`:\/\/`, `\x3a`, a line continuation) or a JSX entity (`&#58;`, `&colon;`). Most
 * files then skip the walk over every string, with the same findings.
 */
export function mayHoldUrl(text: string): boolean {
  return text.includes('://') || /\\[^nrtbfv'"`\\]|&(?:#|[a-z]+;)/i.test(text);
}

/**
 * The lexical filters that let a file skip a pass: one object, so that the equivalence test can
 * run every corpus with them off (the plain path) and with a broken one, and compare the findings.
 */
const filters: { mayHoldUrl: (text: string) => boolean } = { mayHoldUrl };
// Under another name than the one used inside: tsc reads an export through `exports`, which analyzeSource shadows.
export const lexicalFilters = filters;

/** URLs of vendors' hosts in string literals and templates (`'https://hooks.slack.com/...'`, tag snippets in HTML strings). */
function vendorUrls(analyzer: FileAnalyzer, program: TSESTree.Program): void {
  const visit = (text: string, node: TSESTree.Node) => {
    for (const m of text.matchAll(/\bhttps?:\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)+)/gi)) {
      const host = m[1].toLowerCase();
      if (PAGE_SUBDOMAINS.test(host)) continue;
      const vendor = analyzer.config.vendors.forHost(host);
      if (vendor) analyzer.vendorUse(node, vendor.id, 'url');
    }
  };
  walkStrings(program, visit);
}

function walkStrings(node: unknown, visit: (text: string, node: TSESTree.Node) => void): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) walkStrings(child, visit);
    return;
  }
  const n = node as TSESTree.Node;
  if (n.type === 'Literal' && typeof n.value === 'string') return void (n.value.includes('://') && visit(n.value, n));
  if (n.type === 'TemplateElement') return void (n.value.raw.includes('://') && visit(n.value.raw, n));
  if (n.type === 'JSXText') return;
  for (const key in n) {
    if (key === 'parent' || key === 'loc' || key === 'range') continue;
    walkStrings((n as unknown as Record<string, unknown>)[key], visit);
  }
}

function walkModule(analyzer: FileAnalyzer, program: TSESTree.Program): Record<string, ExportSummary> {
  const scope = new Scope();
  walkStatements(analyzer, program.body, scope);
  const exports = summariseExports(analyzer);
  // Functions nobody called with known arguments are analysed on their own, parameters by name;
  // so are those called whose parameters say what they hold.
  for (let i = 0; i < analyzer.pending.length; i++) analyseStandalone(analyzer, analyzer.pending[i], true);
  return exports;
}

/** The summary of each exported function: where its parameters go, and what its result carries. */
function summariseExports(analyzer: FileAnalyzer): Record<string, ExportSummary> {
  const out: Record<string, ExportSummary> = {};
  for (const [name, fn] of analyzer.exported) {
    const { returns, result, returnsParams } = summariseCall(analyzer, fn);
    // A factory or hook: what it returns is exported as `name()` (a client, or an object of closures, `useAnalytics().capture`,
    // or an instance of another module's class, `new PostHog(key)` of a workspace package re-exporting the SDK).
    if (!name.endsWith('()') && !name.includes('().') && (result.vendor || result.http || result.fields || result.factory || result.fn || result.imported)) recordExport(analyzer, `${name}()`, result);
    const sinks = summarySinks(analyzer.paramSinks.get(fn.node.range[0]) ?? [], factoryStart(analyzer, name));
    if (sinks.length > 0 || returns.length > 0 || returnsParams.length > 0) {
      out[name] = { sinks, ...(returns.length > 0 ? { returns } : {}), ...(returnsParams.length > 0 ? { returnsParams } : {}) };
    }
  }
  return out;
}

/** For `useApi().post`, a closure of an exported factory or hook: where that factory starts. */
function factoryStart(analyzer: FileAnalyzer, name: string): number | undefined {
  const at = name.indexOf('()');
  return at > 0 ? analyzer.exported.get(name.slice(0, at))?.node.range[0] : undefined;
}

/**
 * A function's parameter sinks as its summary gives them: a URL that is a parameter of an
 * enclosing function is the factory's (`useUpdateQuery(path)` returning `mutateAsync`, fetching
 * `path`) when that function is the factory this one is a closure of, and unknown otherwise.
 */
function summarySinks(sinks: ParamSink[], factory: number | undefined): ParamSink[] {
  return sinks.map((sink) => {
    const outer = sink.hostParam?.outer !== undefined || Object.values(sink.nextUrls ?? {}).some((u) => 'outer' in u);
    if (!outer) return sink;
    const out: ParamSink = { ...sink };
    if (sink.hostParam?.outer !== undefined) {
      const { outer: fn, ...at } = sink.hostParam;
      if (fn === factory) out.hostParam = { ...at, factory: true };
      else delete out.hostParam;
    }
    if (sink.nextUrls) {
      const urls: NonNullable<ParamSink['nextUrls']> = {};
      for (const [key, u] of Object.entries(sink.nextUrls)) {
        if (!('outer' in u)) urls[key] = u;
        else if (u.outer === factory) {
          const { outer: _, ...at } = u;
          urls[key] = { ...at, factory: true };
        }
      }
      if (Object.keys(urls).length > 0) out.nextUrls = urls;
      else delete out.nextUrls;
    }
    return out;
  });
}

function internalError(e: unknown, analyzer: FileAnalyzer): { message: string; line: number; column: number } {
  const where = analyzer.callStack[analyzer.callStack.length - 1]?.loc.start;
  const message = e instanceof Error ? e.message : String(e);
  return { message: `internal error while analysing: ${message}`, line: where?.line ?? 1, column: (where?.column ?? 0) + 1 };
}

/** Per-category traces are kept only when a flow has several categories: facts are cached and shipped. */
function compactTraces(flow: Flow): Flow {
  if (flow.categories.length > 1 || !flow.traces) return flow;
  const compact = { ...flow };
  delete compact.traces;
  return compact;
}

function byPosition(x: { line: number; column: number }, y: { line: number; column: number }): number {
  return x.line - y.line || x.column - y.column;
}
