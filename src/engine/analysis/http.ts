import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FileAnalyzer } from './state';
import type { HostFrom, HostStatus } from './facts';
import { valueRoles } from './roles';
import { stringOf, UNKNOWN, type HttpClient, type StringValue, type Value } from './values';

/** What reading HTTP calls needs of the analyzer: the configuration, and recording sinks, sources and vendor uses. */
export type HttpState = Pick<FileAnalyzer, 'config' | 'sink' | 'vendorUse' | 'fixedSource'>;

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'request', 'fetch', 'stream', 'mutate', 'query', 'rawRequest']);
const FACTORIES = new Set(['create', 'extend']);

/** A call on an HTTP client: records a flow to the request's host when personal data is sent. */
export function httpCall(a: HttpState, node: TSESTree.CallExpression, client: HttpClient, method: string | undefined, args: Value[], name: string): Value {
  if (client.request) return requestCall(a, node, client, method, args, name);
  if (method && FACTORIES.has(method)) return { http: { lib: client.lib, base: baseOf(args[0]) ?? client.base }, known: true };
  if (method === 'sendBeacon' || (client.lib === 'fetch' && !method)) return send(a, node, name, urlOf(args[0]), client.base, args);
  if (client.lib === 'node:http' && (method === 'request' || method === 'get')) {
    const request = { url: nodeRequestUrl(args[0]) };
    if (method === 'get') send(a, node, name, request.url, undefined, args);
    return { http: { lib: client.lib, request }, known: true };
  }
  if (client.lib === 'superagent' && method && VERBS.has(method)) {
    return { http: { lib: client.lib, request: { url: urlOf(args[0]) } }, known: true };
  }
  if (!method || VERBS.has(method)) {
    const config = args[0]?.fields ? args[0] : args[1];
    const url = urlOf(args[0]) ?? config?.fields?.get('url')?.str;
    const base = baseOf(config) ?? client.base;
    return send(a, node, name, url, base, args);
  }
  return method === 'interceptors' || method === 'defaults' ? { http: client, known: true } : UNKNOWN;
}

function requestCall(a: HttpState, node: TSESTree.CallExpression, client: HttpClient, method: string | undefined, args: Value[], name: string): Value {
  if (method === 'write' || method === 'end' || method === 'send') send(a, node, name, client.request?.url, client.base, args);
  return { http: client, known: true };
}

function send(a: HttpState, node: TSESTree.CallExpression, name: string, url: StringValue | undefined, base: StringValue | undefined, args: Value[]): Value {
  const from = importedPrefix(url, base);
  // A URL that is a parameter of the summarised function (`fetch(path)`): its callers' arguments say where it goes.
  const param = !from && url?.param && !(base && !base.param) ? { key: url.param, rest: url.text, ...(url.via ? { via: url.via } : {}) } : undefined;
  const { host, status } = from || param ? { host: undefined, status: 'dynamic' as const } : resolveHost(url, base);
  const vendor = host ? a.config.vendors.forHost(host)?.id : undefined;
  // A host read from what another module's function returned stands only where it returns its argument.
  const hostVia = !param && status !== 'dynamic' && url?.via && !/^[a-z][a-z0-9+.-]*:\/\//i.test(base?.text ?? '') ? url.via : undefined;
  if (vendor && !hostVia) a.vendorUse(node, vendor, 'request');
  const known = vendor && !hostVia ? a.config.vendors.byId(vendor) : undefined;
  // A request to a vendor's API: the fields of its body with a role for that vendor (`To` of a Twilio message).
  const roles = known ? valueRoles(a, node, known, args.slice(1)) : [];
  a.sink(node, { kind: 'http', callee: name, host, hostStatus: status, vendor, ...(from ? { hostFrom: from } : {}), ...(hostVia ? { hostVia } : {}) }, [...args, ...roles], undefined, param);
  return UNKNOWN;
}

/** A URL that starts with an imported constant: resolved when the modules are linked. */
function importedPrefix(url: StringValue | undefined, base: StringValue | undefined): HostFrom | undefined {
  if (url?.from) return { ...url.from, rest: url.text };
  if (base?.from && (url === undefined || !/^[a-z]+:\/\//i.test(url.text))) return { ...base.from, rest: base.text };
  return undefined;
}

function urlOf(v: Value | undefined): StringValue | undefined {
  return stringOf(v);
}

function baseOf(config: Value | undefined): StringValue | undefined {
  return stringOf(config?.fields?.get('baseURL') ?? config?.fields?.get('prefixUrl') ?? config?.fields?.get('baseUrl'));
}

function nodeRequestUrl(v: Value | undefined): StringValue | undefined {
  if (v?.str) return v.str;
  const host = v?.fields?.get('hostname')?.str ?? v?.fields?.get('host')?.str;
  return host?.complete ? { text: `https://${host.text}/`, complete: false } : undefined;
}

/**
 * Where a request goes: a known host, the page's own origin (a relative URL), or a host known
 * only at run time. A relative path resolves against the client's base URL when it has one.
 */
export function resolveHost(url: StringValue | undefined, base: StringValue | undefined): { host?: string; status: HostStatus } {
  const text = url?.text;
  if (text !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return hostOf(text, url!.complete);
  if (base && (text === undefined || !text.startsWith('//'))) {
    const resolved = resolveHost(base, undefined);
    if (resolved.status !== 'relative' || text !== undefined) return resolved;
  }
  if (text === undefined) return { status: 'dynamic' };
  if (text.startsWith('//')) return hostOf(`https:${text}`, url!.complete);
  return text.length > 0 || url!.complete ? { status: 'relative' } : { status: 'dynamic' };
}

/** A host name that reads as whole: a name with a top-level domain of letters, or localhost. */
const WHOLE_HOST = /^(?:[a-z0-9-]+\.)+[a-z]{2,24}$|^localhost$/i;

function hostOf(text: string, complete: boolean): { host?: string; status: HostStatus } {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:?#]*)([/:?#])?/i.exec(text);
  // `${API_URL}${path}`: a base that is a whole host, followed by text known only at run time,
  // is that host (a path goes on with "/", a query with "?"); a host still being built
  // (`https://api.` + region) is not.
  if (!m || !m[1] || (!m[2] && !complete && !WHOLE_HOST.test(m[1]))) return { status: 'dynamic' };
  return { host: m[1].toLowerCase(), status: 'known' };
}
