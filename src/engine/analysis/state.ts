import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { VendorIndex } from '../core/catalog';
import type { DataModels } from '../prisma-models';
import { isPersonWord, tokenize, type CategoryMatcher, type MatchContext } from '../core/taxonomy';
import type { TraceStep } from '../core/types';
import { purposeAt, type PurposeRegion } from './annotations';
import { formFields } from './forms';
import { roleFieldsOf } from './role-fields';
import type { CallObserver } from './observer';
import type { ArgumentData, ExportedValue, Flow, ImportCall, Occurrence, ParamSink, Reexport, VendorUse } from './facts';
import { Scope } from './scope';
import { collectCategories, collectParams, collectRecords, hasVia, mergeCats, UNKNOWN, type LocalFunction, type RecordOf, type StringValue, type Trace, type UrlParam, type Value, withoutReads } from './values';

type FunctionNode = LocalFunction['node'];

/** The knowledge a file analysis needs besides the file itself. */
export interface DetectionConfig {
  matcher: CategoryMatcher;
  vendors: VendorIndex;
  /** Data models by client accessor (`prisma.user`). */
  models: DataModels;
}

/** Extra facts about a flow's sink. */
export interface SinkInfo {
  kind: Flow['kind'];
  callee: string;
  vendor?: string;
  host?: string;
  hostStatus?: Flow['hostStatus'];
  hostFrom?: Flow['hostFrom'];
  queue?: string;
  reason?: string;
  hostVia?: Flow['hostVia'];
}

const MAX_INLINE_DEPTH = 4;
/** Flows kept per local call, to report again at other calls with the same arguments. */
const MAX_PIECES = 200;

/**
 * A call of a local function on the stack: where it is, the first trace step of each piece of
 * personal data its arguments carry (with the trace it had there), and the flows that data reached.
 */
interface CallSite {
  node: TSESTree.Node;
  origins: Map<TraceStep, Trace>;
  byCategory: Map<string, Trace>;
  pieces: { node: TSESTree.Node; info: SinkInfo; category: string; trace: Trace }[];
  /** Calls of other modules' functions inside the local function that carried only this call's data, replayed with the sinks. */
  imports: ImportPiece[];
}

/** A call of another module's function reached with a caller's data: what it was given, to record again at another caller. */
interface ImportPiece {
  /** The call, inside the local function. */
  node: TSESTree.Node;
  spec: string;
  name: string;
  callee: string;
  data: (ArgumentData | null)[];
  urls?: ImportCall['urls'];
  factoryUrls?: ImportCall['urls'];
  request?: number;
}
/** Places kept per vendor and file for the inventory. */
const MAX_VENDOR_USES = 5;

/**
 * The state of one file's analysis: where flows and occurrences are collected, the purpose regions,
 * and the bookkeeping of local function calls (inlining depth, the functions still to analyse).
 */
/**
 * The analysis steps the lower layers call back into: an expression holds calls, classes, JSX and
 * functions, a call runs a callback, an export statement walks its declaration. The file analyzer
 * (analyze-source.ts) wires them, so no file of the analysis imports one above it.
 */
export interface UpperLayers {
  /** calls.ts: the value of a call, with its sinks recorded. */
  evaluateCall(a: FileAnalyzer, node: TSESTree.CallExpression, scope: Scope): Value;
  /** calls.ts: the value of a `new` expression. */
  evaluateNew(a: FileAnalyzer, node: TSESTree.NewExpression, scope: Scope): Value;
  /** jsx.ts: the value of a JSX element. */
  evaluateJsx(a: FileAnalyzer, node: TSESTree.JSXElement, scope: Scope): Value;
  /** jsx.ts: the value of a JSX fragment. */
  evaluateFragment(a: FileAnalyzer, node: TSESTree.JSXFragment, scope: Scope): Value;
  /** exports.ts: records a CommonJS export assignment; false when `target` is not one. */
  commonJsExport(a: FileAnalyzer, target: TSESTree.MemberExpression, prop: string | undefined, value: Value): boolean;
  /** classes.ts: analyses a class, returns its instances' members. */
  walkClass(a: FileAnalyzer, node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, scope: Scope): Value;
  /** statements.ts: analyses one statement. */
  walkStatement(a: FileAnalyzer, node: TSESTree.Node, scope: Scope): void;
  /** statements.ts: binds a destructuring pattern (or a name) to a value. */
  bindPattern(a: FileAnalyzer, pattern: TSESTree.Node, value: Value, scope: Scope, mode: 'declare' | 'assign'): void;
  /** statements.ts: the value of a function expression. */
  functionValue(a: FileAnalyzer, node: FunctionNode, scope: Scope, name?: string): Value;
  /** statements.ts: calls a function of the module with these arguments. */
  invokeLocal(a: FileAnalyzer, fn: LocalFunction, args: Value[], call: TSESTree.Node, event?: boolean): Value;
  /** statements.ts: runs a callback with these arguments. */
  runCallback(a: FileAnalyzer, node: FunctionNode, args: Value[], scope: Scope): Value;
}

/** An expression written as an email's recipient (`to: data.to`), and the function it was written in. */
export interface RecipientPath {
  path: string;
  /** The range of the innermost function around it (the program's for top-level code). */
  start: number;
  end: number;
  line: number;
}

export class FileAnalyzer {
  readonly flows = new Map<string, Flow>();
  readonly occurrences = new Map<string, Occurrence>();
  readonly pending: LocalFunction[] = [];
  readonly analysed = new Set<TSESTree.Node>();
  readonly returns: Value[][] = [];
  readonly thisStack: Map<string, Value>[] = [];
  readonly callStack: TSESTree.Node[] = [];
  /** The argument signature of each call on the stack. */
  private readonly signatures: string[] = [];
  /** Callbacks run, by the signature of the call they ran in. */
  private readonly closureRuns = new Set<string>();

  /** Whether a callback already ran in the current call (`users.map(u => ...)` runs it with the elements). */
  ranHere(fn: TSESTree.Node): boolean {
    return this.closureRuns.has(`${this.signatures[this.signatures.length - 1] ?? ''}|${fn.range[0]}`);
  }
  /** Sinks reached by the parameters of summarised functions, by the function's start offset. */
  readonly paramSinks = new Map<number, ParamSink[]>();
  /** The name and declared record of each parameter of the summarised functions, by `<function start offset>:<index>`. */
  readonly paramInfo = new Map<string, { name: string; declared?: Value }>();
  /** Exported functions by export name path, to be summarised for other modules. */
  readonly exported = new Map<string, LocalFunction>();
  /** Calls of imported functions that pass personal data. */
  readonly importCalls: ImportCall[] = [];
  /** `export ... from` statements and re-exported imports. */
  readonly reexports: Reexport[] = [];
  /** Exported constants and clients. */
  readonly values: Record<string, ExportedValue> = {};
  /** Where the file reaches each vendor, by vendor id (a few places each). */
  readonly vendorUses = new Map<string, VendorUse[]>();
  private readonly memo = new Map<TSESTree.Node, Map<string, Value>>();
  /** The local calls on the stack, innermost last, and each memoised call's site. */
  private readonly sites: CallSite[] = [];
  private readonly memoSites = new Map<TSESTree.Node, Map<string, CallSite>>();
  /** The arguments of the first call that ran each local function. */
  readonly firstArgs = new Map<TSESTree.Node, Value[]>();
  /** The categories read from each kind of request input in this file (`request body` -> email, name). */
  private readonly inputCats = new Map<string, Map<string, Trace>>();
  /** False while a function body is re-analysed for one call site: its sources were recorded already. */
  recording = true;
  /** What `explain` records of the calls (absent in scans, where the hooks cost nothing). */
  observer: CallObserver | undefined;

  private forms: Map<string, Trace> | undefined;
  private recipients: RecipientPath[] | undefined;
  /** Finds the recipients of the emails the file sends (set by the file analysis; walked on first need). */
  findRecipients: (() => RecipientPath[]) | undefined;

  /** The send call that writes the expression `path`, read at `node`, as an email's recipient in the same function. */
  recipientAt(node: TSESTree.Node, path: string): RecipientPath | undefined {
    this.recipients ??= this.findRecipients?.() ?? [];
    return this.recipients.find((r) => r.path === path && r.start <= node.range[0] && node.range[1] <= r.end);
  }

  constructor(
    readonly file: string,
    readonly config: DetectionConfig,
    readonly regions: PurposeRegion[],
    /** The analysis steps above this state, for the lower layers to call back into. */
    readonly upper: UpperLayers,
    private readonly program?: TSESTree.Program,
  ) {}

  /** Names imported from other modules, also types (`import type { User } from './user'`): local name -> where from. */
  readonly importedNames = new Map<string, { spec: string; name: string }>();
  private types: ReturnType<typeof collectLocalTypes> | undefined;

  private constants: Map<string, TSESTree.Expression> | undefined;

  /** The initialiser of a constant declared at the top of the module (`const memberSchema = z.object(...)`). */
  localConstant(name: string): TSESTree.Expression | undefined {
    if (!this.constants) {
      this.constants = new Map();
      for (const statement of this.program?.body ?? []) {
        const decl = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
        if (decl?.type !== 'VariableDeclaration') continue;
        for (const d of decl.declarations) if (d.id.type === 'Identifier' && d.init) this.constants.set(d.id.name, d.init);
      }
    }
    return this.constants.get(name);
  }

  /** An interface or type alias declared at the top of the module. */
  localType(name: string): TSESTree.TSInterfaceDeclaration | TSESTree.TSTypeAliasDeclaration | undefined {
    this.types ??= this.program ? collectLocalTypes(this.program) : new Map();
    return this.types.get(name);
  }

  /** The categories the file's form fields collect (computed once, when a FormData needs them). */
  formCategories(): Map<string, Trace> {
    this.forms ??= this.program ? formFields(this, this.program) : new Map();
    return this.forms;
  }

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

  /** Notes that a field of a request input carries these categories. */
  noteInput(input: string, cats: Map<string, Trace>): void {
    this.inputCats.set(input, mergeCats(this.inputCats.get(input), cats)!);
  }

  /** What an argument of an imported call carries, with the fields the file reads from a whole request input in it. */
  private argumentData(v: Value): ArgumentData | null {
    const containers = new Map<string, Trace>();
    this.containerCategories(v, containers);
    return argumentData(v, containers.size > 0 ? containers : undefined);
  }

  /** The categories of whole request inputs inside a value (`{ ...req.body }`, `JSON.stringify(req.body)`). */
  private containerCategories(v: Value, into: Map<string, Trace>, depth = 0): void {
    if (depth > 6) return;
    if (v.container && v.input) for (const [c, t] of this.inputCats.get(v.input) ?? []) if (!into.has(c)) into.set(c, t);
    for (const f of v.fields?.values() ?? []) this.containerCategories(f, into, depth + 1);
    if (v.elements) this.containerCategories(v.elements, into, depth + 1);
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

  /** Notes that the file reaches a vendor at a node (kept for the first few places per vendor). */
  vendorUse(node: TSESTree.Node, vendor: string, how: VendorUse['how']): void {
    const list = this.vendorUses.get(vendor) ?? [];
    const line = node.loc.start.line;
    if (list.length >= MAX_VENDOR_USES || list.some((u) => u.line === line)) return;
    list.push({ vendor, line, column: node.loc.start.column + 1, how });
    this.vendorUses.set(vendor, list);
  }

  /**
   * Records a flow when the values reaching a sink carry personal data (and parameter sinks for summaries).
   * Data a caller passed to a local function is reported at that call (the outermost one on the stack
   * whose arguments carried it), as for a function of another module: once per caller, not piled on the
   * helper's sink. Data the helper found itself is reported at the sink.
   */
  sink(node: TSESTree.Node, info: SinkInfo, values: Value[], paramRoles?: ReadonlyMap<string, string>, urlParam?: UrlParam): void {
    const params = new Map<string, Trace>();
    for (const v of values) collectParams(v, params);
    if (params.size > 0) this.recordParamSinks(node, info, params, undefined, paramRoles, urlParam);
    const cats = new Map<string, Trace>();
    for (const v of values) collectCategories(v, cats);
    for (const v of values) this.containerCategories(v, cats);
    const records = new Map<string, RecordOf>();
    for (const v of values) collectRecords(v, records);
    this.observer?.sink(node, info, [...cats.keys()]);
    if (cats.size === 0 && records.size === 0) return;
    const groups = new Map<TSESTree.Node, Map<string, Trace>>();
    if (records.size > 0) groups.set(node, new Map());
    for (const [c, t] of cats) {
      const at = this.reportAt(node, info, c, t);
      if (!groups.has(at)) groups.set(at, new Map());
      groups.get(at)!.set(c, t);
    }
    for (const [at, group] of groups) this.recordFlow(at, node, info, group, at === node ? records : new Map());
  }

  /** Where data of category `c` reaching the sink at `node` is reported; notes it for each call on the stack that passed it. */
  private reportAt(node: TSESTree.Node, info: SinkInfo, c: string, trace: Trace): TSESTree.Node {
    let at = node;
    const origin = trace[0];
    if (!origin) return at;
    for (let k = this.sites.length - 1; k >= 0; k--) {
      const site = this.sites[k];
      if (!site.origins.has(origin)) continue;
      if (site.pieces.length < MAX_PIECES) site.pieces.push({ node, info, category: c, trace });
      at = site.node;
    }
    return at;
  }

  private recordFlow(at: TSESTree.Node, node: TSESTree.Node, info: SinkInfo, cats: Map<string, Trace>, records: Map<string, RecordOf>): void {
    const key = `${info.kind}|${info.vendor ?? ''}|${info.host ?? ''}|${at.range[0]}`;
    const existing = this.flows.get(key);
    const categories = [...new Set([...(existing?.categories ?? []), ...cats.keys()])].sort();
    const end = this.step(node, `${describeSink(info)} here`);
    const flow = existing ?? { ...info, ...rangeOf(at), categories, trace: [], purposeAnnotation: purposeAt(this.regions, at.range[0]) };
    flow.categories = categories;
    for (const r of records.values()) {
      const refs = (flow.records ??= []);
      if (!refs.some((x) => x.spec === r.spec && x.name === r.name && x.field === r.field)) refs.push({ spec: r.spec, name: r.name, ...(r.field ? { field: r.field } : {}), trace: [...r.trace, end] });
    }
    const traces = { ...flow.traces };
    for (const [c, t] of cats) {
      // A longer trace tells more of the path (a caller's request input rather than a parameter's name);
      // one that needs no other module's function to return its data is surer, and kept first.
      const candidate = [...t, end];
      if (!traces[c] || betterTrace(candidate, traces[c])) traces[c] = candidate;
      if (betterTrace(traces[c], flow.trace)) flow.trace = traces[c];
    }
    flow.traces = traces;
    this.flows.set(key, flow);
  }

  /** A call of a local function: the origins of the personal data its arguments carry. */
  private openSite(node: TSESTree.Node, args: Value[]): CallSite {
    const site: CallSite = { node, origins: new Map(), byCategory: new Map(), pieces: [], imports: [] };
    const visit = (v: Value | undefined, depth: number): void => {
      if (!v || depth > 4) return;
      for (const [c, t] of v.cats ?? []) {
        if (t.length === 0) continue;
        site.origins.set(t[0], t);
        if (!site.byCategory.has(c)) site.byCategory.set(c, t);
      }
      for (const f of v.fields?.values() ?? []) visit(f, depth + 1);
      visit(v.elements, depth + 1);
    };
    for (const arg of args) visit(arg, 0);
    return site;
  }

  /**
   * A call whose function was analysed already for arguments of the same categories: the flows its
   * arguments reached in that run are reported again, at this call, with this call's traces.
   */
  private replaySite(previous: CallSite, node: TSESTree.Node, args: Value[]): void {
    if (previous.pieces.length === 0 && previous.imports.length === 0) return;
    const site = this.openSite(node, args);
    if (site.origins.size === 0) return;
    this.sites.push(site);
    try {
      for (const piece of previous.imports) {
        const data = piece.data.map((d) => (d ? retraceArgument(d, (c, t) => freshTrace(previous, site, c, t)) : null));
        if (data.every((d) => d === null)) continue;
        this.placeImportCall({ ...piece, data });
      }
      for (const piece of previous.pieces) {
        const trace = freshTrace(previous, site, piece.category, piece.trace);
        if (!trace) continue;
        const at = this.reportAt(piece.node, piece.info, piece.category, trace);
        this.recordFlow(at, piece.node, piece.info, new Map([[piece.category, trace]]), new Map());
      }
    } finally {
      this.sites.pop();
    }
  }

  private readonly offsets = new WeakMap<ImportCall, number>();

  private recordParamSinks(node: TSESTree.Node, info: SinkInfo, params: Map<string, Trace>, next?: ParamSink['next'], roles?: ReadonlyMap<string, string>, urlParam?: UrlParam, callArgs?: Value[]): void {
    const end = this.step(node, next ? `passed to ${info.callee}() (${next.spec})` : `${describeSink(info)} here`);
    const [urlFn, urlAt] = urlParam?.key.split(':') ?? [];
    const [urlIndex, ...urlPath] = urlAt?.split('.') ?? [];
    for (const [key, trace] of params) {
      const [fnStart, rest] = key.split(':');
      // The URL is (or starts with) another parameter of the same function: linked with the caller's argument.
      // Or a parameter of an enclosing function (`outer`), kept for the summary of a factory's closures.
      const hostParam = urlParam ? { param: Number(urlIndex), path: urlPath, rest: urlParam.rest, ...(urlParam.via ? { via: urlParam.via } : {}), ...(urlFn !== fnStart ? { outer: Number(urlFn) } : {}) } : undefined;
      const [index, ...path] = rest.split('.');
      const list = this.paramSinks.get(Number(fnStart)) ?? [];
      const sameSink = (s: ParamSink): boolean => s.param === Number(index) && s.path.join('.') === path.join('.') && s.line === node.loc.start.line && s.column === node.loc.start.column + 1 && s.kind === info.kind && s.vendor === info.vendor && s.next?.arg === next?.arg;
      // The same sink reached without a return through another module's function is the surer one.
      const same = list.findIndex(sameSink);
      if (same >= 0 && hasVia(list[same].steps) && !hasVia(trace)) list.splice(same, 1);
      const duplicate = list.some(sameSink);
      const param = this.paramInfo.get(`${fnStart}:${index}`);
      // What the parameter at `path` is, for callers passing a whole record or input: its field's name,
      // the parameter's own name (`distinctId`), or the fields its declared type has there.
      const category = roles?.get(key) ?? (path.length > 0
        ? personIdAt(param, path) ?? this.config.matcher.match(path[path.length - 1], { qualifiers: path.slice(0, -1), personContext: isPersonParam(param) })
        : param && !param.declared ? this.config.matcher.match(param.name, {}) : undefined);
      const declared = param?.declared ? declaredAt(param.declared, path) : undefined;
      const nextUrls = next && callArgs ? nextUrlArguments(callArgs, fnStart) : undefined;
      const at = next && callArgs ? positionOf(callArgs[next.arg], key) : undefined;
      const onward = next && at && at.length > 0 ? { ...next, at } : next;
      if (!duplicate) list.push({ param: Number(index), path, ...info, ...rangeOf(node), steps: [...trace, end], purposeAnnotation: purposeAt(this.regions, node.range[0]), ...(onward ? { next: onward } : {}), ...(category ? { category } : {}), ...(declared ? { declared } : {}), ...(hostParam ? { hostParam } : {}), ...(nextUrls ? { nextUrls } : {}) });
      this.paramSinks.set(Number(fnStart), list);
    }
  }

  /**
   * Records a call of an imported function when its arguments carry personal data, and, when they
   * carry parameters of a summarised function, that those parameters go on into the other module.
   */
  importCall(node: TSESTree.Node, spec: string, name: string, callee: string, given: Value[], records: boolean[] = [], opaque: boolean[] = [], factoryUrls?: ImportCall['urls']): void {
    this.observer?.importCall(node, spec, name);
    // A record handed on whole: what the callee reads of it tells what it uses, not what this file read.
    const args = given.map((v) => withoutReads(v));
    const argNodes = node.type === 'CallExpression' ? node.arguments : [];
    const request = graphqlVariables(argNodes) ?? argNodes.findIndex(isRequestDescriptor);
    args.forEach((arg, i) => {
      const params = collectParams(arg);
      if (params.size > 0) this.recordParamSinks(node, { kind: 'unresolved', callee }, params, { spec, name, arg: i, ...(i === request ? { request: true as const } : {}) }, undefined, undefined, args);
    });
    const data = args.map((arg, i) => {
      const roles = argNodes[i] ? roleFieldsOf(argNodes[i]) : [];
      const found = this.argumentData(arg);
      const own = roles.length > 0 ? { ...(found ?? { categories: {} }), roles: Object.fromEntries(roles.map((r) => [r.key, this.step(r.node, `${r.key}: ...`)])) } : found;
      const wholeRecord = records[i] || (own !== null && Object.keys(own.categories).join() === 'user') || (own === null && isOpaque(arg, opaque[i]));
      const at = wholeRecord && !records[i] && own === null ? opaqueFields(arg) : undefined;
      const out = wholeRecord ? { ...(own ?? { categories: {} }), record: true, ...(at ? { wholeAt: at } : {}) } : own;
      return out && argNodes[i] ? withIssuedIds(out, argNodes[i]) : out;
    });
    if (data.every((d) => d === null)) return;
    const urls = urlArguments(args);
    const piece: ImportPiece = { node, spec, name, callee, data, ...(urls ? { urls } : {}), ...(factoryUrls ? { factoryUrls } : {}), ...(request >= 0 && data[request] ? { request } : {}) };
    // Only data local callers passed in (`sendWorkflowEmail({ to: user.email })` calling another
    // module's `sendBatchEmail([email])`): the call is linked, and reported, at each such caller.
    this.placeImportCall(piece);
  }

  /**
   * Records a call of another module's function at the outermost local call on the stack whose
   * arguments carried every category it is given (noted with each such call, to be replayed), or
   * where it is when some of it is the function's own.
   */
  private placeImportCall(piece: ImportPiece): void {
    const traces = piece.data.flatMap((d) => argumentTraces(d)).filter((t) => t.length > 0);
    // Passed in through the call's arguments, not only from the same place by the function's closure.
    const passedBy = (site: CallSite, t: Trace): boolean => site.origins.get(t[0])?.every((s, i) => t[i] === s) ?? false;
    const carrying = traces.length === 0 ? [] : this.sites.filter((site) => traces.every((t) => passedBy(site, t)));
    const innermost = this.sites[this.sites.length - 1];
    const passed = (t: Trace): boolean => innermost !== undefined && passedBy(innermost, t);
    if (carrying.length === 0 && traces.some(passed)) {
      // Some of it the caller passed, some the function found itself (`to: recipient.email` looked up,
      // `replyTo: participantEmail` given): each part is reported where it comes from.
      const given = piece.data.map((d) => (d ? retraceArgument(dataOnly(d), (_c, t) => (passed(t) ? t : undefined)) : null));
      const own = piece.data.map((d) => (d ? retraceArgument(d, (_c, t) => (passed(t) ? undefined : t)) : null));
      this.recordImportCall(piece.node, { ...piece, data: own });
      if (given.some((d) => d !== null)) this.placeImportCall({ ...piece, data: given });
      return;
    }
    for (const site of carrying) if (site.imports.length < MAX_PIECES) site.imports.push(piece);
    this.recordImportCall(carrying[0]?.node ?? piece.node, piece, carrying.length > 0 ? piece.node : undefined);
  }

  private recordImportCall(at: TSESTree.Node, piece: ImportPiece, inner?: TSESTree.Node): void {
    const { spec, name, callee, data, urls, factoryUrls, request } = piece;
    const offset = at.range[0];
    // The same call analysed again (for another caller, or on its own): what each run saw is kept.
    const earlier = this.importCalls.find((c) => c.spec === spec && c.name === name && this.offsets.get(c) === offset);
    if (earlier) {
      earlier.args = earlier.args.map((d, i) => mergeArgument(d, data[i] ?? null));
      if (urls) earlier.urls ??= urls;
      if (factoryUrls) earlier.factoryUrls ??= factoryUrls;
      if (request !== undefined) earlier.request ??= request;
      for (let i = earlier.args.length; i < data.length; i++) earlier.args.push(data[i]);
      return;
    }
    const call: ImportCall = { spec, name, callee, args: data, ...rangeOf(at), purposeAnnotation: purposeAt(this.regions, offset), ...(urls ? { urls } : {}), ...(factoryUrls ? { factoryUrls } : {}), ...(inner ? { at: { line: inner.loc.start.line, column: inner.loc.start.column + 1 } } : {}), ...(request !== undefined ? { request } : {}) };
    this.offsets.set(call, offset);
    this.importCalls.push(call);
  }

  /**
   * Analyses a local function for one call: params bound to the arguments' values. Each distinct
   * argument signature is analysed once per file; recursion and deep chains stop with UNKNOWN.
   * With `event`, the call is one the code does not make itself (a form's submit): its flows stay at their sinks.
   */
  callFunction(fn: LocalFunction, args: Value[], run: (fn: LocalFunction, args: Value[]) => Value, closure = false, call?: TSESTree.Node, event = false): Value {
    if (this.callStack.includes(fn.node) || this.callStack.length >= MAX_INLINE_DEPTH) return UNKNOWN;
    // A callback also depends on what its closure holds: the call it runs in is part of its signature.
    const own = args.map((v) => (v ? signatureOf(v) : '-')).join(';');
    const signature = closure ? `${this.signatures[this.signatures.length - 1] ?? ''}>${own}` : own;
    if (closure) this.closureRuns.add(`${this.signatures[this.signatures.length - 1] ?? ''}|${fn.node.range[0]}`);
    const cached = this.memo.get(fn.node)?.get(signature);
    if (cached) {
      const previous = call && !event ? this.memoSites.get(fn.node)?.get(signature) : undefined;
      if (previous && call) this.replaySite(previous, call, args);
      return cached;
    }
    const wasRecording = this.recording;
    this.recording = wasRecording && !this.analysed.has(fn.node);
    this.analysed.add(fn.node);
    this.callStack.push(fn.node);
    this.signatures.push(signature);
    const site = call && !event ? this.openSite(call, args) : undefined;
    if (call && !this.firstArgs.has(fn.node)) this.firstArgs.set(fn.node, args);
    if (site) this.sites.push(site);
    try {
      const result = run(fn, args);
      if (!this.memo.has(fn.node)) this.memo.set(fn.node, new Map());
      this.memo.get(fn.node)!.set(signature, result);
      if (site) {
        if (!this.memoSites.has(fn.node)) this.memoSites.set(fn.node, new Map());
        this.memoSites.get(fn.node)!.set(signature, site);
      }
      return result;
    } finally {
      if (site) this.sites.pop();
      this.callStack.pop();
      this.signatures.pop();
      this.recording = wasRecording;
    }
  }

  /** A new scope for a function body, closing over the function's defining scope. */
  functionScope(fn: LocalFunction): Scope {
    return new Scope(fn.scope as Scope);
  }
}

/** The known beginnings of string arguments and of their top-level fields (`'/users.invite'`, `{ url: '/api/x' }`), for callees whose URL is a parameter. */
/**
 * Where a summarised function's parameter (its key) sits inside an argument it is passed in: the
 * shortest field path to a value derived from it (`{ extra: { id } }` gives `['extra', 'id']`), `[]`
 * when the argument as a whole is, and undefined when it cannot be told (then all of it counts).
 * Spread fields (`{ ...data }`) are where their object is.
 */
function positionOf(arg: Value | undefined, key: string): string[] | undefined {
  let level: { value: Value; path: string[] }[] = arg ? [{ value: arg, path: [] }] : [];
  for (let depth = 0; depth < 4 && level.length > 0; depth++) {
    const next: { value: Value; path: string[] }[] = [];
    for (const { value, path } of level) {
      if (value.params?.has(key) || (value.elements && collectParams(value.elements).has(key))) return path;
      for (const [field, v] of value.fields ?? []) next.push({ value: v, path: field === '...' ? path : [...path, field] });
    }
    level = next;
  }
  return undefined;
}

export function urlArguments(args: Value[]): ImportCall['urls'] {
  return stringArguments(args) as ImportCall['urls'];
}

/**
 * The string arguments of a call into another module, for a parameter sink of the function that
 * starts at `fnStart`: known texts, and texts that start with one of that function's parameters.
 */
function nextUrlArguments(args: Value[], fnStart: string): ParamSink['nextUrls'] {
  return stringArguments(args, fnStart);
}

/**
 * Known texts of string arguments and their top-level fields (`'0'`, `'0.url'`) and, with
 * `fnStart`, texts that start with a parameter of the function starting there.
 */
function stringArguments(args: Value[], fnStart?: string): ParamSink['nextUrls'] {
  const out: NonNullable<ParamSink['nextUrls']> = {};
  const keep = (at: string, v: Value | undefined): void => {
    const s = v?.str;
    if (!s || s.from) return;
    const text = s.text.slice(0, 200);
    const via = s.via ? { via: s.via } : {};
    if (s.param) {
      const [fn, rest = ''] = s.param.split(':');
      const [index, ...path] = rest.split('.');
      if (fnStart !== undefined && index !== '') out[at] = { param: Number(index), path, text, ...via, ...(fn !== fnStart ? { outer: Number(fn) } : {}) };
    } else if (s.text !== '' || s.complete) out[at] = { text, complete: s.complete && s.text.length <= 200, ...via };
  };
  args.forEach((arg, i) => {
    keep(String(i), arg);
    for (const [k, f] of arg?.fields ?? []) if (k !== '...') keep(`${i}.${k}`, f);
  });
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Whether trace `t` tells a flow better than `than`: any trace to none, one without a return through another module, then the longer. */
function betterTrace(t: Trace, than: Trace): boolean {
  if (than.length === 0) return true;
  const via = hasVia(t);
  if (via !== hasVia(than)) return !via;
  return t.length > than.length;
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
  if (info.kind === 'unresolved' && info.queue) return `published by ${info.callee}() to a message queue (${info.queue}), whose consumers are not followed,`;
  if (info.kind === 'unresolved') return `passed to ${info.callee}(), which could not be followed,`;
  if (info.kind === 'log') return `written to the log by ${info.callee}()`;
  if (info.kind === 'http') return `sent by ${info.callee}() to ${info.host ?? 'a host known only at run time'}`;
  return `passed to ${info.callee}()`;
}

/** `customer.id` of a parameter that is a person's record (by its name or declared type): their user id. */
function personIdAt(param: { name: string; declared?: Value } | undefined, path: string[]): string | undefined {
  if (!param || path.length !== 1 || !/^(id|uid|uuid)$/i.test(path[0])) return undefined;
  return isPersonParam(param) ? 'user.unique_id' : undefined;
}

/**
 * Whether a parameter is a person's record, by its name or declared type (`user`, `customer: Customer`).
 * Its fields' names are then read in a person's context (`user.name`); those of `observable.name_` are not.
 * Without knowing the parameter, a person's context is assumed, as for request input.
 */
function isPersonParam(param: { name: string; declared?: Value } | undefined): boolean {
  if (!param) return true;
  return !!param.declared?.person || tokenize(param.name).some(isPersonWord) || /^(data|input|body|payload|props|params|args|options|fields|values|form|attrs|attributes|details|info|record|entry|row|item|doc|document)$/i.test(param.name);
}

/** The categories the declared record of a parameter has at a path. */
function declaredAt(declared: Value, path: string[]): string[] | undefined {
  let v: Value | undefined = declared;
  for (const key of path) v = v?.fields?.get(key) ?? v?.elements?.fields?.get(key);
  const cats = [...collectCategories(v).keys()].sort();
  return cats.length > 0 ? cats : undefined;
}

/**
 * An argument whose content is not known here but may be personal data: a whole request input
 * whose fields the file never reads (`{ ...req.body }`), or a variable of unknown origin. The
 * callee's parameter then says what it is (its name, its declared type, the fields it reads).
 */
function isOpaque(v: Value, unknownName: boolean | undefined, depth = 0): boolean {
  if (depth > 3) return false;
  if (v.container || v.input) return true;
  if (depth === 0 && unknownName && !v.known && !v.cats && !v.params && !v.fields && !v.elements && !v.fn && !v.imported) return true;
  // `{ ...updated, source: 'profile' }`: a spread of something whose content is not known here.
  const spread = v.fields?.get('...');
  if (depth === 0 && spread && !spread.known && !spread.cats && !spread.params) return true;
  for (const f of v.fields?.values() ?? []) if (isOpaque(f, false, depth + 1)) return true;
  return false;
}

/**
 * The fields of an object literal that make it opaque (`{ groupKey: input.pollId }`), when it is not
 * opaque as a whole: undefined for a whole input, a value of unknown origin or a spread of one.
 */
function opaqueFields(v: Value): string[] | undefined {
  if (v.container || v.input || !v.fields || v.fields.has('...')) return undefined;
  const keys = [...v.fields].filter(([, f]) => isOpaque(f, false, 1)).map(([k]) => k);
  return keys.length > 0 ? keys : undefined;
}

function argumentData(v: Value, containers?: Map<string, Trace>): ArgumentData | null {
  const categories = traceRecord(collectCategories(v, containers ? new Map(containers) : undefined));
  const records = [...collectRecords(v).values()].map((r) => ({ spec: r.spec, name: r.name, ...(r.field ? { field: r.field } : {}), trace: [...r.trace] }));
  if (records.length > 0) return { categories, record: true, records };
  if (Object.keys(categories).length === 0) return null;
  const fields: Record<string, Record<string, TraceStep[]>> = {};
  for (const [k, f] of v.fields ?? []) {
    const c = traceRecord(collectCategories(f));
    if (Object.keys(c).length > 0) fields[k] = c;
  }
  return Object.keys(fields).length > 0 ? { categories, fields } : { categories };
}

const HTTP_METHODS = /^(get|post|put|patch|delete|head|options)$/i;

/**
 * An object literal that describes an HTTP request: a `url` and a `method` that is an HTTP verb
 * (`{ url: `${API}/auth/verify`, method: 'POST', headers, content }`).
 */
function isRequestDescriptor(node: TSESTree.Node): boolean {
  if (node.type !== 'ObjectExpression') return false;
  const key = (p: TSESTree.ObjectLiteralElement): string | undefined => (p.type === 'Property' && !p.computed ? (p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined) : undefined);
  const method = node.properties.find((p) => key(p) === 'method');
  const verb = method?.type === 'Property' && method.value.type === 'Literal' && typeof method.value.value === 'string' && HTTP_METHODS.test(method.value.value);
  return verb && node.properties.some((p) => key(p) === 'url');
}

/**
 * A GraphQL operation handed to the app's own client (`runMutation(UpdateUserDocument, { name })`):
 * the index of its variables, when the first argument is a document (a codegen `...Document`, or a
 * `gql` / `graphql` tagged template) and the second an object of variables.
 */
function graphqlVariables(args: readonly TSESTree.Node[]): number | undefined {
  const [doc, variables] = args;
  if (!doc || variables?.type !== 'ObjectExpression') return undefined;
  const name = doc.type === 'Identifier' ? doc.name : doc.type === 'MemberExpression' && !doc.computed && doc.property.type === 'Identifier' ? doc.property.name : undefined;
  const tagged = doc.type === 'TaggedTemplateExpression' && doc.tag.type === 'Identifier' && (doc.tag.name === 'gql' || doc.tag.name === 'graphql');
  return tagged || (name !== undefined && /^[A-Z]\w*Document$/.test(name)) ? 1 : undefined;
}

/** The traces of one argument's categories and of its fields' categories. */
function argumentTraces(d: ArgumentData | null): TraceStep[][] {
  if (!d) return [];
  return [...Object.values(d.categories), ...Object.values(d.fields ?? {}).flatMap((f) => Object.values(f))];
}

/** An argument's data alone: not the record, roles and models of it that the function's own code gave it. */
function dataOnly(d: ArgumentData): ArgumentData {
  const { record: _record, wholeAt: _wholeAt, records: _records, roles: _roles, ...rest } = d;
  return rest;
}

/** An argument with each category's trace rewritten (`undefined`: that category was not passed this time and is left out). */
function retraceArgument(d: ArgumentData, retrace: (category: string, trace: Trace) => Trace | undefined): ArgumentData | null {
  const map = (cats: Record<string, TraceStep[]>): Record<string, TraceStep[]> => {
    const out: Record<string, TraceStep[]> = {};
    for (const [c, t] of Object.entries(cats)) {
      const fresh = retrace(c, t);
      if (fresh) out[c] = [...fresh];
    }
    return out;
  };
  const categories = map(d.categories);
  const fields = d.fields ? Object.fromEntries(Object.entries(d.fields).map(([k, f]) => [k, map(f)] as const).filter(([, f]) => Object.keys(f).length > 0)) : undefined;
  if (Object.keys(categories).length === 0 && !d.record) return null;
  const out: ArgumentData = { ...d, categories };
  if (fields && Object.keys(fields).length > 0) out.fields = fields;
  else delete out.fields;
  return out;
}

/**
 * A trace of data an earlier call of a local function passed in, as this call passes it: this
 * call's trace of the same category (or a broader or narrower one), then the steps inside the function.
 */
function freshTrace(previous: CallSite, site: CallSite, category: string, trace: Trace): Trace | undefined {
  const passed = previous.origins.get(trace[0]);
  const rest = passed && passed.every((s, i) => trace[i] === s) ? trace.slice(passed.length) : trace.slice(1);
  const fresh = site.byCategory.get(category) ?? [...site.byCategory].find(([c]) => c.startsWith(`${category}.`) || category.startsWith(`${c}.`))?.[1];
  return fresh ? [...fresh, ...rest] : undefined;
}

function traceRecord(cats: Map<string, Trace>): Record<string, TraceStep[]> {
  const out: Record<string, TraceStep[]> = {};
  for (const [c, t] of cats) out[c] = [...t];
  return out;
}

function signatureOf(v: Value): string {
  const cats = [...collectCategories(v).keys(), ...collectParams(v).keys()].sort().join(',');
  const roles = [v.vendor?.id, v.http?.lib, v.logger ? 'log' : '', v.request ? 'req' : '', v.input ?? '', v.fn ? 'fn' : ''];
  return `${cats}|${roles.join(',')}|${originOf(v.str)}`;
}

/**
 * Where a string argument that is a URL points (`https://api.x.com`, or `/` for a relative one):
 * a helper's sinks go where its URL parameter does, so calls with URLs of different hosts are
 * different runs. Other strings (message keys, labels) do not split the runs.
 */
function originOf(str: StringValue | undefined): string {
  if (!str || str.param) return '';
  if (str.from) return `${str.from.spec}#${str.from.name}`;
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(str.text);
  if (origin) return origin[0].toLowerCase();
  return str.text.startsWith('/') ? '/' : '';
}

/** What two analyses of one argument saw: the categories, fields and roles of both. */
function mergeArgument(a: ArgumentData | null, b: ArgumentData | null): ArgumentData | null {
  if (!a || !b) return a ?? b;
  const out: ArgumentData = { ...a, categories: surerTraces(a.categories, b.categories) };
  if (b.record) out.record = true;
  // Opaque only at some fields in both runs: at the fields of either; opaque as a whole in one: as a whole.
  const wholeAt = a.record && b.record && a.wholeAt && b.wholeAt ? [...new Set([...a.wholeAt, ...b.wholeAt])] : undefined;
  if (wholeAt) out.wholeAt = wholeAt;
  else if (a.record || b.record) delete out.wholeAt;
  if (b.fields) {
    const fields = { ...a.fields };
    for (const [k, cats] of Object.entries(b.fields)) fields[k] = surerTraces(fields[k] ?? {}, cats);
    out.fields = fields;
  }
  if (b.roles) out.roles = { ...b.roles, ...a.roles };
  if (b.records) out.records = [...(a.records ?? []), ...b.records.filter((r) => !(a.records ?? []).some((x) => x.spec === r.spec && x.name === r.name && x.field === r.field))];
  return out;
}

/** Both analyses' traces by category: the first's, unless only the second's needs no other module's function to return it. */
function surerTraces(a: Record<string, TraceStep[]>, b: Record<string, TraceStep[]>): Record<string, TraceStep[]> {
  const out = { ...b, ...a };
  for (const [c, t] of Object.entries(b)) if (a[c] && hasVia(a[c]) && !hasVia(t)) out[c] = t;
  return out;
}

/** Marks an argument (or its object's fields) whose name says it is an id a payments vendor issued; the linker drops them for such vendors. */
function withIssuedIds(data: ArgumentData, node: TSESTree.Node): ArgumentData {
  if (isIssuedIdName(node)) return { ...data, issued: true };
  if (node.type !== 'ObjectExpression') return data;
  const fields = node.properties.flatMap((p) => (p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && (isIssuedIdName(p.value) || (['customer', 'subscription', 'price', 'invoice'].includes(p.key.name) && /Id$/.test(nodeName(p.value)))) ? [p.key.name] : []));
  return fields.length > 0 ? { ...data, issuedFields: fields } : data;
}

function nodeName(node: TSESTree.Node): string {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') return node.property.name;
  return '';
}

/** `customerId`, `user.stripeCustomerId`, `subscription_id`, `userSubscription.id`: the kinds of ids payments vendors issue. */
export function isIssuedIdName(node: TSESTree.Node): boolean {
  const name = nodeName(node);
  // `subscription.id`: the id of a record named for what the vendor issued.
  const owner = node.type === 'MemberExpression' && name === 'id' ? nodeName(node.object) : '';
  return ISSUED_ID_NAME.test(name) || (owner !== '' && ISSUED_ID_NAME.test(`${owner}Id`));
}

const ISSUED_ID_NAME = /(customer|subscription|price|product|invoice|paymentIntent|paymentMethod|checkoutSession|charge|plan)_?Id$/i;

/** The module's own interfaces and type aliases by name (also exported ones). */
function collectLocalTypes(program: TSESTree.Program): Map<string, TSESTree.TSInterfaceDeclaration | TSESTree.TSTypeAliasDeclaration> {
  const types = new Map<string, TSESTree.TSInterfaceDeclaration | TSESTree.TSTypeAliasDeclaration>();
  for (const statement of program.body) {
    const decl = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
    if (decl?.type === 'TSInterfaceDeclaration' || decl?.type === 'TSTypeAliasDeclaration') types.set(decl.id.name, decl);
  }
  return types;
}
