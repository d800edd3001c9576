import { resolveHost } from '../analysis/http';
import { roleOf } from '../analysis/role-fields';
import type { ArgumentData, ExportedModel, ExportedValue, FileFacts, Flow, ImportCall, ParamSink, RecordRef } from '../analysis/facts';
import { VendorIndex } from '../core/catalog';
import type { ReturnVia, TraceStep } from '../core/types';
import type { ModuleMap } from './module-map';
import { resolveModule, type Resolution } from './resolve';

/**
 * Modules a chain of wrappers is followed through. Reaches are memoised per export and a cycle of
 * modules ends where it closes, so this bounds only the stack: real chains are far shorter, and the
 * rare longer one is reported as not followed, never silently dropped.
 */
const MAX_HOPS = 64;
/**
 * Sinks kept per parameter of an export. Chains of wrappers fan out (a component passing its props
 * to ten others, each to ten more): reaches are de-duplicated by sink, and past this many the rest
 * of a parameter's sinks are dropped, so linking stays linear in the workspace's size.
 */
const MAX_REACHES = 48;

/**
 * Functions of packages whose result is made from one of their arguments (`pipe(value, f, g)`
 * is `g(f(value))`): data given there goes on. Other packages' results carry nothing of what they
 * were given unless the package is a vendor's.
 */
const PASSES_ON: Record<string, Record<string, number>> = {
  'fp-ts/function': { pipe: 0 },
  'fp-ts/lib/function': { pipe: 0 },
  effect: { pipe: 0 },
  'effect/Function': { pipe: 0 },
};

/** A sink reached from a parameter of an exported function, possibly through further modules. */
interface Reach {
  sink: ParamSink;
  /** The steps in the modules between the call and the sink, the sink's own steps included. */
  steps: TraceStep[];
  /** The file the sink is in. */
  file: string;
}

/**
 * Links calls of imported functions with the summaries of the modules they import: a caller's
 * personal data reaching a wrapper's sink becomes a flow at the call site, its trace showing every
 * hop. A call into a workspace module that cannot be found is a flow the engine could not follow.
 * This is the whole cross-module pass: per-file facts in, extra flows per file out.
 */
export class ModuleLinker {
  private readonly files: ReadonlySet<string>;
  private readonly reachCache = new Map<string, Reach[][]>();
  private readonly resolveCache = new Map<string, Resolution>();
  private readonly clientCache = new Map<string, ReturnType<ModuleLinker['findClient']>>();
  private readonly returnCache = new Map<string, boolean>();

  constructor(
    private readonly known: ReadonlyMap<string, FileFacts>,
    private readonly map: ModuleMap,
    private readonly vendors: VendorIndex = new VendorIndex(),
  ) {
    this.files = new Set(known.keys());
  }

  /** A file's flows: its own, with hosts from imported constants resolved, and those its calls make through other modules. */
  flowsOf(facts: FileFacts): Flow[] {
    const own = [...facts.flows, ...(facts.recordFlows ?? [])].flatMap((f) => {
      const confirmed = this.returnedFlow(facts.file, f);
      return confirmed ? [this.withRecords(facts.file, confirmed.hostFrom ? this.withImportedHost(facts.file, confirmed) : confirmed)] : [];
    });
    return [...own.filter((f) => f.categories.length > 0), ...this.linkedFlows(facts)];
  }

  /**
   * Where a call of another module's export leads (for explain): a package, a workspace module
   * that cannot be found, or a file of the workspace with the sinks its parameters reach there
   * (following further modules) or, for a method of an exported client, that client.
   */
  callTarget(file: string, spec: string, name: string): CallTarget {
    const resolved = this.resolve(file, spec);
    if (resolved.kind !== 'file') return { kind: resolved.kind };
    const clients = this.clientOf(resolved.file, name);
    if (clients) return { kind: 'file', file: resolved.file, reaches: clients.map(({ sdk: _sdk, ...c }) => ({ ...c, param: 0, callee: name, file: resolved.file, line: 0 })) };
    const reaches = this.reaches(resolved.file, name, 0).flatMap((list, param) => (list ?? []).map((r) => ({
      param, kind: r.sink.kind, callee: r.sink.callee, vendor: r.sink.vendor, host: r.sink.host, hostStatus: r.sink.hostStatus, file: r.file, line: r.sink.line,
      ...(r.sink.reason ? { reason: r.sink.reason } : {}), ...(r.sink.queue ? { queue: r.sink.queue } : {}),
    })));
    return { kind: 'file', file: resolved.file, reaches };
  }

  /** A flow with the categories of the records of other modules' models that reach it (`user: User` sent whole). */
  private withRecords(file: string, flow: Flow): Flow {
    if (!flow.records) return flow;
    const traces: Record<string, TraceStep[]> = { ...flow.traces };
    if (!flow.traces && flow.categories.length === 1) traces[flow.categories[0]] = flow.trace;
    let categories = [...flow.categories];
    for (const record of flow.records) {
      const model = this.lookupModel(file, record.spec, record.name);
      if (!model) continue;
      // The record's fields are known now: it no longer stands for "a person's whole record".
      if (!record.field) categories = categories.filter((c) => c !== 'user');
      for (const c of modelCategories(model, record.field)) {
        if (!categories.includes(c)) categories.push(c);
        traces[c] ??= record.trace;
      }
    }
    const resolved: Flow = { ...flow, categories: categories.sort() };
    delete resolved.records;
    if (categories.length === 0) return resolved;
    resolved.trace = flow.trace.length > 0 ? flow.trace : traces[categories[0]];
    if (categories.length > 1) resolved.traces = Object.fromEntries(categories.map((c) => [c, traces[c] ?? resolved.trace]));
    else delete resolved.traces;
    return resolved;
  }

  /** An exported model or type by name, in the module a specifier resolves to. */
  private lookupModel(file: string, spec: string, name: string): ExportedModel | undefined {
    const target = this.resolve(file, spec);
    if (target.kind !== 'file') return undefined;
    return this.findExport(target.file, name, 0, (facts, n) => facts.models?.[n])?.found;
  }

  /** The categories of the records of other modules' models in an argument. */
  private recordCategories(file: string, call: ImportCall, arg: ArgumentData): Record<string, TraceStep[]> {
    const out: Record<string, TraceStep[]> = {};
    for (const record of arg.records ?? []) {
      const model = this.lookupModel(file, record.spec, record.name);
      if (!model) continue;
      for (const c of modelCategories(model, record.field)) out[c] ??= [...record.trace, callStep(file, call, `a ${model.model} record passed to ${call.callee}()`)];
    }
    return out;
  }

  /** A flow (or a sink) whose URL starts with an imported constant, its host resolved through the constant's module. */
  private withImportedHost<T extends Flow | ParamSink>(file: string, flow: T): T {
    const from = flow.hostFrom!;
    const value = this.lookupValue(file, from.spec, from.name);
    if (!value?.str) return flow;
    const { host, status } = resolveHost({ text: value.str + from.rest, complete: value.complete === true && from.rest === '' }, undefined);
    const resolved: T = { ...flow, host, hostStatus: status, vendor: host ? this.vendors.forHost(host)?.id : undefined };
    delete resolved.hostFrom;
    return resolved;
  }

  /** An exported constant or client by name, in the module a specifier resolves to. */
  private lookupValue(file: string, spec: string, name: string): ExportedValue | undefined {
    const target = this.resolve(file, spec);
    if (target.kind !== 'file') return undefined;
    return this.findExport(target.file, name, 0, (facts, n) => facts.values?.[n])?.found;
  }

  private linkedFlows(facts: FileFacts): Flow[] {
    const flows = new Map<string, Flow>();
    for (const call of facts.imports ?? []) {
      for (const flow of this.callFlows(facts.file, call)) {
        const key = `${flow.kind}|${flow.vendor ?? ''}|${flow.host ?? ''}|${flow.line}:${flow.column}`;
        const existing = flows.get(key);
        if (existing) existing.categories = [...new Set([...existing.categories, ...flow.categories])].sort();
        else flows.set(key, flow);
      }
    }
    return [...flows.values()];
  }

  private callFlows(file: string, given: ImportCall): Flow[] {
    const call = this.returnedCall(file, given);
    const resolved = this.resolve(file, call.spec);
    if (resolved.kind === 'external') return [];
    // An argument of unknown content (`form`, `{ ...req.body }`) is followed only where the callee says what it is.
    if (resolved.kind === 'missing') return call.args.flatMap((arg) => (arg && Object.keys(arg.categories).length > 0 ? [unresolvedFlow(file, call, arg.categories)] : []));
    const clients = this.clientCalls(resolved.file, file, call);
    if (clients) return clients;
    const flows = this.paramFlows(file, resolved.file, call);
    return flows.length === 0 && call.request !== undefined ? this.requestFlows(file, call, call.request) : flows;
  }

  /** A parameter passed on in a request descriptor that the function called sends nowhere the engine follows: that request. */
  private describedRequest(sink: ParamSink): ParamSink {
    const given = sink.nextUrls?.[`${sink.next!.arg}.url`];
    const { next: _next, nextUrls: _urls, ...rest } = sink;
    return { ...rest, kind: 'http', ...this.requestHost(given && !('param' in given) ? given : undefined) };
  }

  /** Where a described request goes: its URL's host, or a host known only at run time when its URL is not known. */
  private requestHost(url: { text: string; complete: boolean } | undefined): { host?: string; hostStatus: Flow['hostStatus']; vendor?: string } {
    if (!url) return { hostStatus: 'dynamic' };
    const { host, status } = resolveHost({ text: url.text, complete: url.complete }, undefined);
    return { host, hostStatus: status, vendor: host ? this.vendors.forHost(host)?.id : undefined };
  }

  /** A request described by an argument (`{ url, method, headers }`) that the function called sends nowhere the engine follows. */
  private requestFlows(file: string, call: ImportCall, index: number): Flow[] {
    const arg = call.args[index];
    if (!arg || Object.keys(arg.categories).length === 0) return [];
    const to = this.requestHost(call.urls?.[`${index}.url`]);
    const end = callStep(file, call, `sent by ${call.callee}() as a request to ${to.host ?? 'a host known only at run time'} here`);
    const traces: Record<string, TraceStep[]> = {};
    for (const [c, t] of Object.entries(arg.categories)) traces[c] = [...t, end];
    return [{
      kind: 'http',
      callee: call.callee,
      ...to,
      line: call.line,
      column: call.column,
      endLine: call.endLine,
      endColumn: call.endColumn,
      categories: Object.keys(traces).sort(),
      trace: Object.values(traces).sort((a, b) => b.length - a.length)[0],
      traces,
      purposeAnnotation: call.purposeAnnotation,
    }];
  }

  private paramFlows(file: string, target: string, call: ImportCall): Flow[] {
    const resolved = { file: target };
    const params = this.reaches(resolved.file, call.name, 0);
    const out: Flow[] = [];
    params.forEach((reaches, index) => {
      const arg = call.args[index];
      if (!arg) return;
      for (const reach of reaches) {
        const issuer = reach.sink.vendor !== undefined && ISSUER_KINDS.has(this.vendors.byId(reach.sink.vendor)?.kind ?? '');
        // An id the payments vendor issued, passed whole or as a field, to a sink of that kind of vendor.
        if (issuer && (arg.issued || (reach.sink.path.length > 0 && arg.issuedFields?.includes(reach.sink.path[0])))) continue;
        let categories = issuer && reach.sink.path.length === 0 && arg.issuedFields ? withoutIssuedIds(arg) : arg.record ? recordData(file, call, reach.sink, arg, () => this.recordCategories(file, call, arg)) : dataAt(arg, reach.sink.path);
        const role = roleData(file, call, reach.sink, arg);
        if (role) categories = { ...categories, ...role };
        if (Object.keys(categories).length > 0) out.push(linkedFlow(file, call, resolved.file, this.withCallerUrl(call, reach), categories));
      }
    });
    return out;
  }

  /**
   * A request whose URL is a parameter of the function called (`client.post(path, data)` fetching
   * `path`): the host is the caller's argument's, when the caller passes a string whose beginning is known.
   */
  private withCallerUrl(call: ImportCall, reach: Reach): Reach {
    // A sink's `hostParam` is always one of the called export's parameters (or, `factory`, of the
    // factory call whose result it was called on): `throughCall` rewrites it at each module.
    const at = reach.sink.hostParam;
    if (!at) return reach;
    const given = (at.factory ? call.factoryUrls : call.urls)?.[[String(at.param), ...at.path].join('.')];
    if (!given) return reach;
    const { host, status } = resolveHost({ text: given.text + at.rest, complete: given.complete && at.rest === '' }, undefined);
    const vendor = host ? this.vendors.forHost(host)?.id : undefined;
    return { ...reach, sink: { ...reach.sink, host, hostStatus: status, vendor } };
  }

  /** A call on an exported HTTP or vendor client (`sms.post(...)`, `stripe.customers.create(...)`). */
  private clientCalls(target: string, file: string, call: ImportCall): Flow[] | undefined {
    const clients = this.clientOf(target, call.name);
    return clients?.flatMap((client) => this.clientCall(target, file, call, client) ?? []);
  }

  private clientCall(target: string, file: string, call: ImportCall, client: Client): Flow | undefined {
    const categories: Record<string, TraceStep[]> = {};
    const issuer = client.vendor !== undefined && ISSUER_KINDS.has(this.vendors.byId(client.vendor)?.kind ?? '');
    for (const arg of call.args) Object.assign(categories, issuer ? withoutIssuedIds(arg) : arg?.categories ?? {});
    // A field with a role for the client's vendor (`to` of an email) is that data whatever its value is called.
    const vendor = client.kind === 'vendor' && client.vendor ? this.vendors.byId(client.sdk ?? client.vendor) : undefined;
    for (const arg of vendor ? call.args : []) {
      for (const [key, step] of Object.entries(arg?.roles ?? {})) {
        const role = roleOf(vendor!, key);
        if (role && !(arg!.fields?.[key] && Object.keys(arg!.fields[key]).some((c) => c !== 'user'))) categories[role.category] ??= [{ ...step, note: `${key}: ${role.what} (${role.category})` }];
      }
    }
    if (Object.keys(categories).length === 0) return undefined;
    const { sdk: _sdk, ...recipient } = client;
    const sink: ParamSink = { param: 0, path: [], ...recipient, callee: call.callee, line: call.line, column: call.column, endLine: call.endLine, endColumn: call.endColumn, steps: [] };
    const end = callStep(file, call, client.kind === 'vendor' ? `passed to ${call.callee}() here` : `sent by ${call.callee}() to ${client.host ?? 'a host known only at run time'} here`);
    return { ...linkedFlow(file, call, target, { sink, steps: [], file: target }, categories), trace: [...Object.values(categories)[0], end], traces: undefined };
  }

  /** A parameter passed on to a method of an exported HTTP or vendor client (`shipbob.post('/order', payload)`). */
  private clientSinks(target: string, sink: ParamSink): ParamSink[] | undefined {
    return this.clientOf(target, sink.next!.name)?.map((client) => {
      const { sdk: _sdk, ...to } = client;
      const resolved: ParamSink = { ...sink, ...to };
      delete resolved.next;
      return resolved;
    });
  }

  /** What a call on an exported client (`api.post`, `stripe.customers.create`) sends to: its kind, host and vendor. */
  /** Where an import specifier of a file leads (memoized: a workspace's files import the same modules many times). */
  private resolve(file: string, spec: string): Resolution {
    const key = `${file}\u0000${spec}`;
    let resolved = this.resolveCache.get(key);
    if (!resolved) this.resolveCache.set(key, (resolved = resolveModule(file, spec, this.files, this.map)));
    return resolved;
  }

  private clientOf(target: string, name: string): Client[] | undefined {
    const head = /^[^.#]*/.exec(name)![0];
    if (head === name) return undefined;
    const key = `${target}\u0000${head}`;
    if (!this.clientCache.has(key)) this.clientCache.set(key, this.findClient(target, head));
    return this.clientCache.get(key);
  }

  /** The exported client a name starts with: one per vendor its data may reach (a mail transport to SES or SMTP, as configured). */
  private findClient(target: string, head: string): Client[] | undefined {
    // An instance of an exported class (`PostHog#` of `new PostHog(key)`) is a client of that class's vendor.
    const value = this.findExport(target, head, 0, (facts, n) => facts.values?.[n] ?? (n.endsWith('#') ? facts.values?.[n.slice(0, -1)] : undefined))?.found;
    if (value?.vendor) return (value.recipients ?? [value.vendor]).map((vendor) => ({ kind: 'vendor', vendor, sdk: value.vendor }));
    const sdk = value ? undefined : this.reexportedSdk(target, head, 0, new Set());
    if (sdk) return [{ kind: 'vendor', vendor: sdk, sdk }];
    if (!value?.http) return undefined;
    const { host, status } = resolveHost(undefined, value.http.base ? { text: value.http.base, complete: false } : undefined);
    return [{ kind: 'http', host, hostStatus: status, vendor: host ? this.vendors.forHost(host)?.id : undefined }];
  }

  /**
   * The vendor SDK a name of a module is when the module re-exports that SDK's package rather than
   * defining the name (`export * from '@upstash/redis'` or `export { Resend } from 'resend'` in a
   * workspace package, then `Redis.fromEnv().set(...)` in an app importing it).
   */
  private reexportedSdk(file: string, head: string, depth: number, visited: Set<string>): string | undefined {
    const facts = this.known.get(file);
    if (!facts || depth > MAX_HOPS || visited.has(file)) return undefined;
    visited.add(file);
    for (const re of facts.reexports ?? []) {
      const imported = re.names ? re.names[head] : head;
      if (imported === undefined || imported === '') continue;
      const target = this.resolve(file, re.spec);
      const found = target.kind === 'external' ? this.vendors.forPackage(re.spec)?.id : target.kind === 'file' ? this.reexportedSdk(target.file, imported, depth + 1, visited) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  /** For each parameter of an export: the sinks it reaches, following further imports. */
  private reaches(file: string, name: string, hops: number): Reach[][] {
    const key = `${file}|${name}`;
    const cached = this.reachCache.get(key);
    if (cached) return cached;
    this.reachCache.set(key, []);
    const result: Reach[][] = [];
    const seen: Set<string>[] = [];
    // One export, or each of those the name may be (one storage backend or another).
    const given = this.findExports(file, name, 0, (facts, n) => facts.exports?.[n]).flatMap((found) => found.found.sinks.map((sink) => ({ file: found.file, sink })));
    for (const { file: at, sink: each } of given) {
      const sink = this.returnedSink(at, each);
      if (!sink) continue;
      const list = (result[sink.param] ??= []);
      const keys = (seen[sink.param] ??= new Set());
      for (const reach of this.expand(at, sink, hops)) {
        if (list.length >= MAX_REACHES) break;
        const id = reachKey(reach);
        if (keys.has(id)) continue;
        keys.add(id);
        list.push(reach);
      }
    }
    this.reachCache.set(key, result);
    return result;
  }

  private expand(file: string, sink: ParamSink, hops: number): Reach[] {
    if (!sink.next) return [{ sink: sink.hostFrom ? this.withImportedHost(file, sink) : sink, steps: sink.steps, file }];
    // Past the hop limit the data is not lost silently: the flow is reported as one not followed.
    if (hops >= MAX_HOPS) return [{ sink: { ...sink, kind: 'unresolved', vendor: undefined, host: undefined, reason: `through more than ${MAX_HOPS} modules, past the depth followed` }, steps: sink.steps, file }];
    const resolved = this.resolve(file, sink.next.spec);
    if (resolved.kind === 'external') return [];
    if (resolved.kind === 'missing') return [{ sink: { ...sink, kind: 'unresolved' }, steps: sink.steps, file }];
    const clients = this.clientSinks(resolved.file, sink);
    if (clients) return clients.map((client) => ({ sink: client, steps: sink.steps, file }));
    // Only what the callee does with the part of its argument the parameter is in: `{ extra: { id } }`
    // reaches the callee's sinks of `extra` (or of the whole argument), not those of its `userEmail`.
    const at = sink.next.at ?? [];
    const next = (this.reaches(resolved.file, sink.next.name, hops + 1)[sink.next.arg] ?? []).filter((r) => overlaps(at, r.sink.path));
    if (next.length === 0 && sink.next.request) return [{ sink: this.describedRequest(sink), steps: sink.steps, file }];
    return next.map((r) => ({ sink: this.throughCall({ ...r.sink, path: sink.path.length ? sink.path : r.sink.path }, sink.nextUrls), steps: [...sink.steps, ...r.steps], file: r.file }));
  }

  /**
   * A request of a further module whose URL is the callee's parameter (`request(method, url)`),
   * reached through this call: the call's own argument decides its host (`httpGet('/api/x')`), or
   * a parameter of this function does, for its own callers to say (`get(url) => httpGet(url)`).
   */
  private throughCall(sink: ParamSink, urls: ParamSink['nextUrls']): ParamSink {
    const at = sink.hostParam;
    if (!at) return sink;
    const { hostParam: _, ...rest } = sink;
    // A further module's closure whose URL its factory was given: that factory call is not this one.
    const given = at.factory ? undefined : urls?.[[String(at.param), ...at.path].join('.')];
    if (!given) return rest;
    if ('param' in given) return { ...rest, hostParam: { param: given.param, path: given.path, rest: given.text + at.rest, ...(given.factory ? { factory: true as const } : {}) } };
    const { host, status } = resolveHost({ text: given.text + at.rest, complete: given.complete && at.rest === '' }, undefined);
    return { ...rest, host, hostStatus: status, vendor: host ? this.vendors.forHost(host)?.id : undefined };
  }

  /**
   * Whether the function of another module that `via` names, called in `file`, returns what it was
   * given as that argument (with `prefix`, as the beginning of a string it returns), through any
   * further modules' functions. A cycle, a package (but for `PASSES_ON`), or a module that cannot be found returns nothing.
   */
  private returnsArg(file: string, via: ReturnVia, prefix: boolean, whole = false, hops = 0): boolean {
    const key = `${file}\u0000${via.spec}\u0000${via.name}\u0000${via.arg}\u0000${via.field ?? ''}\u0000${prefix}\u0000${whole}`;
    const cached = this.returnCache.get(key);
    if (cached !== undefined) return cached;
    if (hops >= MAX_HOPS) return false;
    this.returnCache.set(key, false);
    const target = this.resolve(file, via.spec);
    if (target.kind === 'external' && PASSES_ON[via.spec]?.[via.name] === via.arg && !prefix) {
      this.returnCache.set(key, true);
      return true;
    }
    const found = target.kind === 'file' ? this.findExport(target.file, via.name, 0, (facts, n) => facts.exports?.[n]) : undefined;
    // The field passed (`event` of `{ event, payload }`) goes back when the result carries it, or the
    // whole argument; a record goes back whole only when no narrower part of it is all that is returned.
    const depth = via.field === undefined ? 0 : 1;
    const returned = found?.found.returnsParams?.some((r) => r.param === via.arg && (via.field === undefined || r.path.length === 0 || r.path[0] === via.field) && (!whole || r.path.length <= depth) && (!prefix || r.prefix === true) && (r.via ?? []).every((v) => this.returnsArg(found.file, v, prefix, whole, hops + 1))) ?? false;
    this.returnCache.set(key, returned);
    return returned;
  }

  /** Whether every return through another module's function on a trace is one that function makes (with `whole`, of the whole value). */
  private returnedTrace(trace: readonly TraceStep[], whole = false): boolean {
    return trace.every((s) => !s.via || this.returnsArg(s.file, s.via, false, whole));
  }

  /** Whether a string that came through other modules' functions (called in `file`) still starts as written. */
  private returnedText(file: string, via: readonly ReturnVia[] | undefined): boolean {
    return !via || via.every((v) => this.returnsArg(file, v, true));
  }

  /** A file's own flow with the data only other modules' functions could have returned kept where they do; undefined when none is left. */
  private returnedFlow(file: string, flow: Flow): Flow | undefined {
    const traces = flow.traces ?? { [flow.categories[0]]: flow.trace };
    const anyVia = flow.hostVia !== undefined || Object.values(traces).some(hasVia) || hasVia(flow.trace) || (flow.records ?? []).some((r) => hasVia(r.trace));
    if (!anyVia) return flow;
    const kept: Record<string, TraceStep[]> = {};
    for (const c of flow.categories) {
      const t = flow.traces?.[c] ?? flow.trace;
      if (this.returnedTrace(t)) kept[c] = withoutVia(t);
    }
    const records = flow.records?.filter((r) => this.returnedTrace(r.trace, true)).map((r): RecordRef => ({ ...r, trace: withoutVia(r.trace) }));
    const categories = Object.keys(kept).sort();
    if (categories.length === 0 && !records?.length) return undefined;
    const out: Flow = { ...flow, categories, trace: longest(Object.values(kept)) ?? withoutVia(flow.trace) };
    if (categories.length > 1) out.traces = kept;
    else delete out.traces;
    if (records?.length) out.records = records;
    else delete out.records;
    if (flow.hostVia) {
      delete out.hostVia;
      if (!this.returnedText(file, flow.hostVia)) Object.assign(out, { host: undefined, hostStatus: 'dynamic', vendor: flow.kind === 'http' ? undefined : flow.vendor });
    }
    return out;
  }

  /** An imported call with its arguments' data kept only where other modules' functions return it. */
  private returnedCall(file: string, call: ImportCall): ImportCall {
    const anyVia = call.args.some((arg) => arg && (Object.values(arg.categories).some(hasVia) || (arg.records ?? []).some((r) => hasVia(r.trace)))) || Object.values(call.urls ?? {}).some((u) => u.via);
    if (!anyVia) return call;
    const args = call.args.map((arg): ArgumentData | null => {
      if (!arg) return arg;
      const categories = this.returnedCategories(arg.categories);
      const fields = arg.fields && Object.fromEntries(Object.entries(arg.fields).map(([k, cats]) => [k, this.returnedCategories(cats)]).filter(([, cats]) => Object.keys(cats).length > 0));
      const records = arg.records?.filter((r) => this.returnedTrace(r.trace, true)).map((r) => ({ ...r, trace: withoutVia(r.trace) }));
      const out: ArgumentData = { ...arg, categories };
      if (fields && Object.keys(fields).length > 0) out.fields = fields;
      else delete out.fields;
      if (records) out.records = records;
      return out;
    });
    const urls = call.urls && Object.fromEntries(Object.entries(call.urls).filter(([, u]) => this.returnedText(file, u.via)));
    return { ...call, args, ...(urls ? { urls } : {}) };
  }

  private returnedCategories(cats: Record<string, TraceStep[]>): Record<string, TraceStep[]> {
    if (!Object.values(cats).some(hasVia)) return cats;
    const out: Record<string, TraceStep[]> = {};
    for (const [c, t] of Object.entries(cats)) if (this.returnedTrace(t)) out[c] = withoutVia(t);
    return out;
  }

  /** A parameter's sink, if what reaches it needs no other module's function to return it, or those functions do. */
  private returnedSink(file: string, sink: ParamSink): ParamSink | undefined {
    const anyVia = hasVia(sink.steps) || sink.hostVia || sink.hostParam?.via || Object.values(sink.nextUrls ?? {}).some((u) => u.via);
    if (!anyVia) return sink;
    if (!this.returnedTrace(sink.steps)) return undefined;
    const out: ParamSink = { ...sink, steps: withoutVia(sink.steps) };
    if (sink.hostVia) {
      delete out.hostVia;
      if (!this.returnedText(file, sink.hostVia)) Object.assign(out, { host: undefined, hostStatus: 'dynamic', vendor: sink.kind === 'http' ? undefined : sink.vendor });
    }
    if (sink.hostParam?.via) {
      const { via, ...at } = sink.hostParam;
      if (this.returnedText(file, via)) out.hostParam = at;
      else delete out.hostParam;
    }
    if (sink.nextUrls) out.nextUrls = Object.fromEntries(Object.entries(sink.nextUrls).filter(([, u]) => this.returnedText(file, u.via)).map(([k, u]) => [k, stripVia(u)]));
    return out;
  }

  /** An export of a file by name path, following `export ... from` re-exports (barrel files). */
  private findExport<T>(file: string, name: string, depth: number, get: (facts: FileFacts, name: string) => T | undefined): { file: string; found: T } | undefined {
    return this.findExports(file, name, depth, get)[0];
  }

  /**
   * Every export a name path may be: one, or one of each module a value may come from
   * (`export default cond ? new LocalStorage() : new S3Storage()`, re-exported once per backend).
   */
  private findExports<T>(file: string, name: string, depth: number, get: (facts: FileFacts, name: string) => T | undefined, visited = new Set<string>()): { file: string; found: T }[] {
    const facts = this.known.get(file);
    // Barrels re-exporting each other (`export *` both ways) end where they close.
    const at = `${file}\u0000${name}`;
    if (!facts || depth > MAX_HOPS || visited.has(at)) return [];
    visited.add(at);
    const own = get(facts, name);
    if (own) return [{ file, found: own }];
    const [, head] = /^([^.#(]*)(.*)$/.exec(name) ?? ['', name, ''];
    // A name re-exported explicitly is that re-export's (or those re-exports'), never a star export's.
    let explicit = false;
    const out: { file: string; found: T }[] = [];
    for (const re of facts.reexports ?? []) {
      const target = this.resolve(file, re.spec);
      if (target.kind !== 'file') continue;
      if (!re.names && head !== 'default') {
        if (explicit) continue;
        const found = this.findExports(target.file, name, depth + 1, get, visited);
        if (found.length > 0) return found;
      } else if (re.names) {
        const key = reexportKey(re.names, name);
        if (key === undefined) continue;
        const imported = re.names[key];
        const rest = name.slice(key.length);
        // An exported instance of another module's class (`export default new S3Storage()`): its members are the class's (`default#store`).
        const joined = imported.endsWith('#') ? imported + rest.replace(/^\./, '') : imported + rest;
        out.push(...this.findExports(target.file, imported === '' ? rest.replace(/^[.#]/, '') : joined, depth + 1, get, visited));
        explicit = true;
      }
    }
    return out;
  }
}

/** Whether one field path is inside the other (or they are the same): `[]` overlaps every path. */
function overlaps(a: readonly string[], b: readonly string[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether a trace passed through another module's function whose result is taken to carry its argument. */
function hasVia(trace: readonly TraceStep[]): boolean {
  return trace.some((s) => s.via !== undefined);
}

/** A trace without the marks of returns through other modules (once those are confirmed). */
function withoutVia(trace: readonly TraceStep[]): TraceStep[] {
  return trace.map((s) => (s.via ? stripVia(s) : s));
}

function stripVia<T extends { via?: unknown }>(x: T): T {
  if (x.via === undefined) return x;
  const { via: _, ...rest } = x;
  return rest as T;
}

function longest(traces: TraceStep[][]): TraceStep[] | undefined {
  return traces.sort((a, b) => b.length - a.length)[0];
}

/**
 * A file's own flow, unlinked, without the data only another module's function could have
 * returned (when the linking itself fails): what is left needs no other module to be there.
 */
export function withoutReturnedData(flow: Flow): Flow | undefined {
  const traces = flow.traces ?? { [flow.categories[0]]: flow.trace };
  const categories = flow.categories.filter((c) => !hasVia(traces[c] ?? flow.trace));
  if (categories.length === flow.categories.length && !flow.hostVia) return flow;
  if (categories.length === 0) return undefined;
  const out: Flow = { ...flow, categories, trace: withoutVia(traces[categories[0]] ?? flow.trace) };
  delete out.traces;
  if (flow.hostVia) {
    delete out.hostVia;
    Object.assign(out, { host: undefined, hostStatus: 'dynamic', vendor: flow.kind === 'http' ? undefined : flow.vendor });
  }
  return out;
}

/** Where a call into another module leads (`ModuleLinker.callTarget`). */
export interface CallTarget {
  kind: Resolution['kind'];
  /** The workspace file the export is in. */
  file?: string;
  /** Each sink a parameter reaches there; `line` 0 for a method of an exported client (the sink is the call itself). */
  reaches?: (Pick<ParamSink, 'param' | 'kind' | 'callee' | 'vendor' | 'host' | 'hostStatus' | 'reason' | 'queue' | 'line'> & { file: string })[];
}

/** What a call on an exported client sends to: its kind, host and vendor. */
type Client = Pick<ParamSink, 'kind' | 'host' | 'hostStatus' | 'vendor'> & { sdk?: string };

/** The name of a re-export that `name` starts with (`getStripe()` for `getStripe().customers.create`), the longest first. */
function reexportKey(names: Record<string, string>, name: string): string | undefined {
  let best: string | undefined;
  for (const key of Object.keys(names)) {
    const boundary = name.length === key.length || '.#('.includes(name[key.length]);
    if (name.startsWith(key) && boundary && (best === undefined || key.length > best.length)) best = key;
  }
  return best;
}

/** Kinds of vendors that issue ids of their own (customers, subscriptions): sent back to them, those ids are not the person's. */
const ISSUER_KINDS = new Set(['payments']);

/** An argument's categories without the ids a payments vendor issued (`customerId`, `{ customer: stripeCustomerId }`). */
function withoutIssuedIds(arg: ArgumentData | null | undefined): Record<string, TraceStep[]> {
  if (!arg || arg.issued) return {};
  if (!arg.issuedFields?.length || !arg.fields) return arg.categories;
  const out: Record<string, TraceStep[]> = {};
  for (const [field, cats] of Object.entries(arg.fields)) if (!arg.issuedFields.includes(field)) Object.assign(out, cats);
  return out;
}

/** What makes two reaches the same: the sink they end at and what of the parameter they carry there. */
function reachKey(r: Reach): string {
  const s = r.sink;
  return `${r.file}|${s.kind}|${s.vendor ?? ''}|${s.host ?? ''}|${s.line}:${s.column}|${s.path.join('.')}|${s.category ?? ''}|${s.declared?.join(',') ?? ''}`;
}

/** The categories of a model's record, or of one of its fields. */
function modelCategories(model: ExportedModel, field: string | undefined): string[] {
  if (!field) return model.categories;
  return model.fields?.[field] ?? [];
}

/** A whole record passed: the field the callee reads at the sink says what it is (`user.email`). */
function recordData(file: string, call: ImportCall, sink: ParamSink, arg: ArgumentData, records: () => Record<string, TraceStep[]>): Record<string, TraceStep[]> {
  // A field the caller's object literal does not set with a value of unknown content holds what the caller
  // put there; so does the whole parameter, whose declared type tells of fields the caller may not set.
  if (arg.wholeAt && (sink.path.length === 0 ? !!sink.declared : !arg.wholeAt.includes(sink.path[0]))) return dataAt(arg, sink.path);
  if (!sink.category && sink.declared) {
    const note = `a record passed whole to ${call.callee}(), whose parameter is declared with ${sink.declared.join(', ')}`;
    return Object.fromEntries(sink.declared.map((c) => [c, [callStep(file, call, note)]]));
  }
  if (!sink.category) {
    const fromModels = records();
    if (Object.keys(fromModels).length === 0) return arg.categories;
    const own = Object.fromEntries(Object.entries(arg.categories).filter(([c]) => c !== 'user'));
    return { ...fromModels, ...own };
  }
  return { [sink.category]: [callStep(file, call, `a record passed whole to ${call.callee}() (its ${sink.path.join('.')} is ${sink.category})`)] };
}

/**
 * A field the caller sets with a value not fixed in the code (`{ prompt }`) where the callee's
 * parameter has a role (`generateText({ ...options, model })` sends `options.prompt` to the model,
 * what a person wrote): that data, whatever the caller's variable is called, unless the value
 * carries categories of its own.
 */
function roleData(file: string, call: ImportCall, sink: ParamSink, arg: ArgumentData): Record<string, TraceStep[]> | undefined {
  const key = sink.path.length === 1 ? sink.path[0] : undefined;
  const step = key !== undefined ? arg.roles?.[key] : undefined;
  if (!step || !sink.category || (arg.fields?.[key!] && Object.keys(arg.fields[key!]).some((c) => c !== 'user'))) return undefined;
  return { [sink.category]: [{ ...step, note: `${key}: given to ${call.callee}() in ${file}, which sends it as ${sink.category}` }] };
}

/** The categories of an argument at a property path (the whole argument when it has no such field). */
function dataAt(arg: ArgumentData, path: string[]): Record<string, TraceStep[]> {
  // Without a known shape (a whole record was passed), every category of the argument may be there.
  if (path.length === 0 || !arg.fields) return arg.categories;
  return arg.fields[path[0]] ?? {};
}

function callStep(file: string, call: ImportCall, note: string): TraceStep {
  return { file, line: call.at?.line ?? call.line, column: call.at?.column ?? call.column, note };
}

function linkedFlow(file: string, call: ImportCall, target: string, reach: Reach, categories: Record<string, TraceStep[]>): Flow {
  const s = reach.sink;
  const hop = callStep(file, call, `passed to ${call.callee}() in ${target}`);
  const traces: Record<string, TraceStep[]> = {};
  for (const [c, t] of Object.entries(categories)) traces[c] = [...t, hop, ...reach.steps];
  const trace = Object.values(traces).sort((a, b) => b.length - a.length)[0];
  return {
    kind: s.kind,
    callee: call.callee,
    vendor: s.vendor,
    host: s.host,
    hostStatus: s.hostStatus,
    ...(s.queue ? { queue: s.queue } : {}),
    ...(s.reason ? { reason: s.reason } : {}),
    line: call.line,
    column: call.column,
    endLine: call.endLine,
    endColumn: call.endColumn,
    categories: Object.keys(categories).sort(),
    trace,
    traces,
    purposeAnnotation: call.purposeAnnotation ?? s.purposeAnnotation,
    module: reach.file,
  };
}

function unresolvedFlow(file: string, call: ImportCall, categories: Record<string, TraceStep[]>): Flow {
  const end = callStep(file, call, `passed to ${call.callee}() from "${call.spec}", which could not be found`);
  const traces: Record<string, TraceStep[]> = {};
  for (const [c, t] of Object.entries(categories)) traces[c] = [...t, end];
  return {
    kind: 'unresolved',
    callee: call.callee,
    line: call.line,
    column: call.column,
    endLine: call.endLine,
    endColumn: call.endColumn,
    categories: Object.keys(categories).sort(),
    trace: Object.values(traces)[0],
    traces,
    purposeAnnotation: call.purposeAnnotation,
    module: call.spec,
  };
}

/** Every flow of a workspace, by file: each file's own flows and those it makes through other modules. */
export function workspaceFlows(facts: FileFacts[], map: ModuleMap, vendors?: VendorIndex): Map<string, Flow[]> {
  const linker = new ModuleLinker(new Map(facts.map((f) => [f.file, f])), map, vendors);
  return new Map(facts.map((f) => {
    try {
      return [f.file, linker.flowsOf(f)];
    } catch {
      return [f.file, f.flows.flatMap((flow) => withoutReturnedData(flow) ?? [])];
    }
  }));
}
