/**
 * What a call resolved to and the sinks it reaches, from what the analysis observed (explain).
 * Every phrase here describes a decision the analysis already made; none is made again.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { VendorIndex } from '../core/catalog';
import { exportPath, LOG_METHODS } from '../analysis/module-values';
import { observedKey, type CallObserver, type ObservedCall } from '../analysis/observer';
import type { ModuleLinker } from '../linking/link';
import type { CalleeResolution, SinkSeen } from './explanation';

/** What explain needs besides the observation: the vendor catalog and the linker over the workspace's facts. */
export interface CallContext {
  file: string;
  observer: CallObserver;
  vendors: VendorIndex;
  linker: ModuleLinker;
}

/** What a call's callee resolved to. */
export function resolveCallee(call: ObservedCall | undefined, ctx: CallContext, decorator = false): CalleeResolution {
  if (!call && decorator) return { kind: 'not-evaluated', text: 'a decorator: the analysis does not evaluate decorators (what they declare, such as a parameter\'s type, is read where it applies)' };
  if (!call) return { kind: 'not-evaluated', text: 'the analysis did not evaluate this call (it is in code the analysis does not visit)' };
  if (!call.bound && call.node.callee.type === 'Identifier' && call.node.callee.name === 'require') return { kind: 'builtin', global: true, text: 'require(): loads a module; the calls on what it gives are explained where they are made' };
  const v = call.value ?? {};
  const method = call.method;
  const local = method ? v.fields?.get(method)?.fn ?? v.instance?.get(method)?.fn : v.fn;
  if (local) return { kind: 'local', name: local.name, line: local.node.loc.start.line, text: `a function of this file, ${local.name}() at line ${local.node.loc.start.line}` };
  // A logger known by its name (`logger.info` of an imported `logger`) is a log sink, not a call into its module.
  if (call.sinks.some((s) => s.kind === 'log')) return { kind: 'logger', ...(call.bound ? {} : { global: true }), text: `${call.bound ? 'a logger (by its name or its module)' : 'the global console'}${method ? `, method ${method}` : ''}` };
  const imported = call.imports[0] ?? (v.imported ? { spec: v.imported.spec, name: method ? exportPath(v.imported.name, method) : v.imported.name } : undefined);
  if (imported) return importResolution(imported.spec, imported.name, ctx);
  if (v.vendor) {
    const name = ctx.vendors.byId(v.vendor.id)?.name ?? v.vendor.id;
    const path = [...v.vendor.path, ...(method ? [method] : [])].join('.');
    const global = !call.bound && ctx.vendors.forGlobal(rootName(call.node.callee)) !== undefined;
    return { kind: 'vendor', vendor: v.vendor.id, ...(global ? { global } : {}), text: `${global ? 'the browser global of' : 'the SDK of'} ${name} (${v.vendor.id})${path ? `, at ${path}` : ''}` };
  }
  if (v.http) return { kind: 'http-client', ...(call.bound ? {} : { global: true }), text: `${call.bound ? 'an HTTP client' : 'the global'} ${v.http.lib}${method ? `, method ${method}` : ''}` };
  if (v.logger) return { kind: 'logger', ...(call.bound ? {} : { global: true }), text: `${call.bound ? 'a logger' : 'the global console'}${method ? `, method ${method}` : ''}` };
  if (v.queue) return { kind: 'queue', text: `a message queue client (${v.queue})${method ? `, method ${method}` : ''}` };
  if (v.factory) return { kind: 'factory', module: v.factory.spec, name: v.factory.name, text: `what ${v.factory.name} of "${v.factory.spec}" returns${method ? `, method ${method}` : ''}` };
  const root = rootName(call.node.callee);
  if (!call.bound && BUILTINS.has(root)) return { kind: 'builtin', global: true, text: `a JavaScript built-in (${root}${method ? `.${method}` : ''}): no sink; what it returns carries what it was given, when the engine knows it does` };
  return { kind: 'unknown', text: call.bound ? 'a value of this file the engine gives no role (not a vendor client, HTTP client, logger or function it can follow)' : `a global name the engine does not know (${rootName(call.node.callee) || 'an expression'})` };
}

function importResolution(spec: string, name: string, ctx: CallContext): CalleeResolution {
  const target = ctx.linker.callTarget(ctx.file, spec, name);
  const shown = name || 'the module itself';
  if (target.kind === 'missing') return { kind: 'unresolved-import', module: spec, name, text: `an import of "${spec}", which looks like a workspace module but could not be found` };
  if (target.kind === 'external') return { kind: 'package', module: spec, name, text: `${shown} of the package "${spec}", which the vendor catalog does not list` };
  return { kind: 'workspace', module: target.file, name, text: `${shown} of the workspace module ${target.file}` };
}

/** The sinks recognised at a call, with the vendor's name. */
export function sinksAt(call: ObservedCall | undefined, vendors: VendorIndex): SinkSeen[] {
  return (call?.sinks ?? []).map((s) => seen({ ...s, categories: s.categories }, vendors));
}

/**
 * The sinks a call reaches through the function it calls: for a function of this file, the sinks
 * of the calls inside it (and of the functions those call); for a workspace module's export, the
 * sinks the linker follows its parameters to.
 */
export function sinksThrough(call: ObservedCall | undefined, resolved: CalleeResolution, ctx: CallContext): SinkSeen[] {
  if (!call) return [];
  if (resolved.kind === 'workspace') {
    const target = ctx.linker.callTarget(ctx.file, call.imports[0]?.spec ?? call.value?.imported?.spec ?? '', resolved.name ?? '');
    return dedupe((target.reaches ?? []).map((r) => seen({ ...r, file: r.file, line: r.line || undefined }, ctx.vendors)));
  }
  if (resolved.kind !== 'local') return [];
  const fn = localFunction(call);
  return fn ? dedupe(sinksInside(fn, ctx, new Set(), 0)) : [];
}

const MAX_DEPTH = 6;

/** Globals of the language and of Node whose calls are no sink. */
const BUILTINS = new Set(['JSON', 'Object', 'Array', 'Math', 'Promise', 'String', 'Number', 'Boolean', 'Date', 'Buffer', 'Reflect', 'Symbol', 'BigInt', 'RegExp', 'Error', 'Map', 'Set', 'URL', 'URLSearchParams', 'encodeURIComponent', 'encodeURI', 'decodeURIComponent', 'decodeURI', 'parseInt', 'parseFloat', 'isNaN', 'structuredClone', 'btoa', 'atob', 'setTimeout', 'setInterval', 'queueMicrotask', 'require']);

function sinksInside(fn: TSESTree.Node, ctx: CallContext, visited: Set<TSESTree.Node>, depth: number): SinkSeen[] {
  if (visited.has(fn) || depth > MAX_DEPTH) return [];
  visited.add(fn);
  const out: SinkSeen[] = [];
  for (const inner of ctx.observer.calls.values()) {
    if (inner.node.range[0] < fn.range[0] || inner.node.range[1] > fn.range[1]) continue;
    const line = inner.node.loc.start.line;
    for (const s of inner.sinks) out.push(seen({ ...s, file: ctx.file, line }, ctx.vendors));
    const resolved = resolveCallee(inner, ctx);
    const nested = localFunction(inner);
    if (nested) out.push(...sinksInside(nested, ctx, visited, depth + 1));
    else if (resolved.kind === 'workspace') out.push(...sinksThrough(inner, resolved, ctx));
  }
  return out;
}

function localFunction(call: ObservedCall): TSESTree.Node | undefined {
  const v = call.value ?? {};
  const fn = call.method ? v.fields?.get(call.method)?.fn ?? v.instance?.get(call.method)?.fn : v.fn;
  return fn?.node;
}

/** Why no sink was recognised at a call, from what its callee resolved to. */
export function whyNoSink(call: ObservedCall | undefined, resolved: CalleeResolution, through: SinkSeen[], vendors: VendorIndex): string {
  const method = call?.method;
  switch (resolved.kind) {
    case 'not-evaluated':
      return resolved.text;
    case 'local':
      return through.length > 0 ? `a function of this file: the sinks it reaches are inside it` : `a local helper that reaches no sink`;
    case 'workspace':
      return through.length > 0 ? `a function of ${resolved.module}: the sinks it reaches are there` : `${resolved.name || 'the export'} of ${resolved.module} reaches no sink with its parameters`;
    case 'package':
      return `not in the catalog: "${resolved.module}" is no vendor SDK, HTTP client or logger the engine knows`;
    case 'unresolved-import':
      return `the import "${resolved.module}" could not be resolved to a file of the workspace (tsconfig paths, workspace packages)`;
    case 'vendor': {
      const path = [...(call?.value?.vendor?.path ?? []), ...(method ? [method] : [])];
      return `the catalog does not list ${path.join('.') || 'calling it'} as a call of ${vendors.byId(resolved.vendor ?? '')?.name ?? resolved.vendor} that sends data`;
    }
    case 'http-client':
      return `${method ?? 'this call'} does not send a request (it configures or builds the client)`;
    case 'logger':
      return `${method ?? 'this call'} is not a log method (${[...LOG_METHODS].slice(0, 6).join(', ')}, ...)`;
    case 'queue':
      return `${method ?? 'this call'} does not publish a message`;
    case 'builtin':
      return 'a JavaScript built-in is no sink';
    case 'factory':
      return `a call on what another module's function returns, followed when that module says what it returns`;
    default:
      return `not in the catalog: ${resolved.text}`;
  }
}

/** The calls of a program that start on a line, in source order; else the innermost call that spans it. */
export function callsOnLine(program: TSESTree.Program, line: number): { node: TSESTree.CallExpression; spans: boolean; decorator: boolean }[] {
  const starting: TSESTree.CallExpression[] = [];
  const decorators = new Set<TSESTree.Node>();
  let innermost: TSESTree.CallExpression | undefined;
  visit(program, (node) => {
    if (node.loc.end.line < line || node.loc.start.line > line) return false;
    if (node.type === 'Decorator') decorators.add(node.expression);
    if (node.type === 'CallExpression') {
      if (node.loc.start.line === line) starting.push(node);
      else if (!innermost || node.range[1] - node.range[0] < innermost.range[1] - innermost.range[0]) innermost = node;
    }
    return true;
  });
  starting.sort((a, b) => a.range[0] - b.range[0] || b.range[1] - a.range[1]);
  if (starting.length > 0) return starting.map((node) => ({ node, spans: false, decorator: decorators.has(node) }));
  return innermost ? [{ node: innermost, spans: true, decorator: decorators.has(innermost) }] : [];
}

function visit(node: TSESTree.Node, enter: (node: TSESTree.Node) => boolean): void {
  if (!enter(node)) return;
  for (const key of Object.keys(node)) {
    if (key === 'parent' || key === 'loc' || key === 'range') continue;
    const child = (node as unknown as Record<string, unknown>)[key];
    for (const c of Array.isArray(child) ? child : [child]) {
      if (c && typeof c === 'object' && typeof (c as { type?: unknown }).type === 'string' && (c as { loc?: unknown }).loc) visit(c as TSESTree.Node, enter);
    }
  }
}

/** The observation of a call node of another parse of the same text. */
export function observed(observer: CallObserver, node: TSESTree.CallExpression): ObservedCall | undefined {
  return observer.calls.get(observedKey(node));
}

function rootName(node: TSESTree.Node): string {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression') return rootName(node.object);
  if (node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression' || node.type === 'ChainExpression') return rootName(node.expression);
  return '';
}

function seen(s: SinkSeen, vendors: VendorIndex): SinkSeen {
  const out: SinkSeen = { kind: s.kind, callee: s.callee };
  if (s.vendor) out.vendor = s.vendor;
  if (s.vendor) out.vendorName = vendors.byId(s.vendor)?.name ?? s.vendor;
  if (s.host) out.host = s.host;
  if (s.hostStatus) out.hostStatus = s.hostStatus;
  if (s.reason) out.reason = s.reason;
  if (s.queue) out.queue = s.queue;
  if (s.file) out.file = s.file;
  if (s.line) out.line = s.line;
  if (s.categories) out.categories = s.categories;
  return out;
}

function dedupe(sinks: SinkSeen[]): SinkSeen[] {
  const keys = new Set<string>();
  return sinks.filter((s) => {
    const key = `${s.kind}|${s.vendor}|${s.host}|${s.file}|${s.line}|${s.callee}`;
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  });
}
