import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ReturnVia, TraceStep } from '../core/types';

/** The steps personal data of one category took to reach a value. */
export type Trace = readonly TraceStep[];

/** What the engine knows about an HTTP client value (axios, got, ky, an http.request). */
export interface HttpClient {
  lib: string;
  /** A base URL given at creation (`axios.create({ baseURL })`). */
  base?: StringValue;
  /** For `http.request(...)`: the request whose `write`/`end` send the body. */
  request?: { url?: StringValue };
}

/** A string whose beginning is known: enough to find the host of a URL. */
export interface StringValue {
  text: string;
  /** True when `text` is the whole string, false when only its prefix is known. */
  complete: boolean;
  /** When the string starts with a constant imported from another module: that constant (then `text` follows it). */
  from?: { spec: string; name: string };
  /**
   * In a summary of an exported function: the string starts with this parameter's value (a
   * parameter key, `fnStart:index.path`), then `text`; callers' arguments say what it is.
   */
  param?: string;
  /** The text came through the results of other modules' functions (`buildPath(url, query)`): it stands only where they return it. */
  via?: ReturnVia[];
}

/** An HTTP sink's URL that starts with a summarised function's parameter (its key), then `rest`. */
export interface UrlParam {
  key: string;
  rest: string;
  /** The URL came through the results of other modules' functions (`buildPath(path, query)`). */
  via?: ReturnVia[];
}

/** The string a value holds, also when it is only an imported constant (`fetch(API_URL)`). */
export function stringOf(v: Value | undefined): StringValue | undefined {
  if (v?.str) return v.str;
  return v?.imported ? { text: '', complete: false, from: v.imported } : undefined;
}

/** A function defined in the module, with the scope it closes over. */
/** A function written as an expression (`() => ...`, `function () { ... }`), as callbacks and bound methods are. */
export function isFunctionExpression(node: TSESTree.Node): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression {
  return node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression';
}

export interface LocalFunction {
  node: TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;
  name: string;
  scope: unknown;
  /** For a method: the members `this` has while it runs. */
  thisFields?: Map<string, Value>;
  /**
   * The other functions a value may be (`store` of `cond ? new LocalStorage() : new S3Storage()`):
   * a call runs each of them.
   */
  or?: LocalFunction[];
}

/**
 * The abstract value of an expression: which personal data categories it carries (each with its
 * trace), its known shape, and whether it is a vendor client, an HTTP client, a logger, a request
 * or request input. `known` means the value's own origin is decided (a literal, a named variable
 * or property); only unknown values fall back to the name they are stored under.
 */
/** The browser objects whose properties tell about the visitor. */
export type BrowserObject = 'window' | 'document' | 'location' | 'navigator';

export interface Value {
  cats?: Map<string, Trace>;
  fields?: Map<string, Value>;
  elements?: Value;
  /** A vendor's client, at a path into its SDK. */
  vendor?: VendorRef;
  /**
   * The result of calling a function of another module (`getStripe()`, `useAnalytics()`), at a
   * member path: calls on it are linked with what that module says its result is (an exported
   * client, or an object of closures). `urls`: the known texts of the factory call's string
   * arguments (`useUpdateQuery('/auth/login')`), for its closures' requests to a URL it was given.
   */
  factory?: { spec: string; name: string; urls?: Record<string, { text: string; complete: boolean; via?: ReturnVia[] }> };
  http?: HttpClient;
  logger?: boolean;
  /** A browser object that holds the visitor's page and settings (`window`, `document`, `location`, `navigator`). */
  browser?: BrowserObject;
  /** A message queue client (kafkajs, BullMQ, amqplib, Redis pub/sub, a NestJS ClientProxy): publishing sends data to unseen consumers. */
  queue?: string;
  str?: StringValue;
  request?: boolean;
  input?: string;
  fn?: LocalFunction;
  /** The parts of an email address split at `@`: the domain (`parts[1]`, `parts.pop()`) is not the person's. */
  emailParts?: boolean;
  /** The words of a person's name split at spaces: the first is the first name, the last the last name. */
  nameParts?: boolean;
  /** A hash or HMAC being computed: a hashed email is still the person's (pseudonymous) data. */
  hasher?: boolean;
  /** An email message being composed (nodemailer's MailComposer): what it compiles and builds carries its options. */
  mime?: boolean;
  /**
   * The parameters of the function being summarised that this value carries, keyed
   * `<function start offset>:<parameter index>`, each with the steps taken since the parameter.
   */
  params?: Map<string, Trace>;
  /** In a summary: this value is the parameter (or its property) of this key itself, not something derived from it. */
  paramKey?: string;
  /** A class: the members each instance has (methods, and fields set by initialisers and the constructor). */
  instance?: Map<string, Value>;
  /** A URL parsed with `new URL(...)`: its `searchParams` are a query string, what a link carried. */
  parsedUrl?: boolean;
  /** A whole request input (`req.body`): sent whole, it carries every field the file reads from it. */
  container?: boolean;
  /** A record whose shape a model or type of another module declares (`user: User`, `User.findOne()`). */
  record?: RecordOf;
  /** A repository or table of such a model: what its queries return are its records (`Repository<User>`, a Drizzle table). */
  repository?: { spec: string; name: string };
  /** A record known by its declared type: reading one of its fields is a source where it is read. */
  declared?: boolean;
  /** A person's record (an element of `users`, `patients`): its `id` is the person's id. */
  person?: boolean;
  /**
   * The categories a person's record of unknown fields carries only because the code read those
   * fields from it before (`user.email`): written whole here they are in it; handed to another
   * module's function, that function's reads tell what it uses.
   */
  reads?: ReadonlySet<string>;
  /** A function or object imported from another module of the workspace (or a package), by export name path. */
  imported?: ImportedRef;
  known?: boolean;
}

/**
 * An export of another module by name path. `or`: the other exports the value may be
 * (`cond ? new LocalStorage() : new S3Storage()` of two imported classes): calls reach each.
 */
export interface ImportedRef {
  spec: string;
  name: string;
  or?: { spec: string; name: string }[];
}

/** The same member (`exportPath`) of an imported value and of each export it may be instead. */
export function importedMember(imported: ImportedRef, at: (name: string) => string): ImportedRef {
  const out: ImportedRef = { spec: imported.spec, name: at(imported.name) };
  if (imported.or) out.or = imported.or.map((o) => ({ spec: o.spec, name: at(o.name) }));
  return out;
}

/** A record, or one field of it, whose shape a module of the workspace exports. */
export interface RecordOf {
  spec: string;
  name: string;
  /** The field read (`address.name`); the whole record when absent. */
  field?: string;
  trace: Trace;
}

/** How deep into nested objects and arrays personal data is looked for. */
const MAX_DEPTH = 10;

/** The value of something the engine knows nothing about. */
export const UNKNOWN: Value = Object.freeze({});
/** A value known to carry no personal data (a literal, a number). */
export const CLEAN: Value = Object.freeze({ known: true });

/** True when a value or anything inside it carries personal data. */
export function hasPersonalData(v: Value | undefined, depth = 0): boolean {
  if (!v || depth > MAX_DEPTH) return false;
  if (v.cats && v.cats.size > 0) return true;
  if (v.elements && hasPersonalData(v.elements, depth + 1)) return true;
  for (const f of v.fields?.values() ?? []) if (hasPersonalData(f, depth + 1)) return true;
  return false;
}

/** Every category a value carries, deeply, with the first trace found for each. */
export function collectCategories(v: Value | undefined, into = new Map<string, Trace>(), depth = 0): Map<string, Trace> {
  if (!v || depth > MAX_DEPTH) return into;
  for (const [c, t] of v.cats ?? []) keepSurer(into, c, t);
  if (v.elements) collectCategories(v.elements, into, depth + 1);
  for (const f of v.fields?.values() ?? []) collectCategories(f, into, depth + 1);
  return into;
}

/** A value without the categories its records carry only by the fields read from them (`reads`), to a depth. */
export function withoutReads(v: Value, depth = 0): Value {
  if (depth > 4) return v;
  let out = v;
  if (v.reads && v.cats) {
    const cats = new Map([...v.cats].filter(([c]) => !v.reads!.has(c)));
    out = { ...v, cats };
    delete out.reads;
  }
  if (v.fields) {
    let changed = false;
    const fields = new Map<string, Value>();
    for (const [k, f] of v.fields) {
      const g = withoutReads(f, depth + 1);
      if (g !== f) changed = true;
      fields.set(k, g);
    }
    if (changed) out = { ...out, fields };
  }
  if (v.elements) {
    const e = withoutReads(v.elements, depth + 1);
    if (e !== v.elements) out = { ...out, elements: e };
  }
  return out;
}

/** The union of values: categories and fields merged, roles kept when either has them. */
export function join(...values: (Value | undefined)[]): Value {
  const present = values.filter((v): v is Value => !!v && v !== UNKNOWN);
  if (present.length === 0) return UNKNOWN;
  if (present.length === 1) return present[0];
  const out: Value = { known: present.every((v) => v.known) };
  for (const v of present) mergeInto(out, v);
  return out;
}

function mergeInto(out: Value, v: Value): void {
  if (v.cats) out.cats = mergeCats(out.cats, v.cats);
  if (v.reads) out.reads = new Set([...(out.reads ?? []), ...v.reads]);
  if (v.params) out.params = mergeCats(out.params, v.params);
  out.imported = out.imported && v.imported ? eitherImport(out.imported, v.imported) : (out.imported ?? v.imported);
  if (v.fields) {
    out.fields = new Map(out.fields);
    for (const [k, f] of v.fields) out.fields.set(k, out.fields.has(k) ? join(out.fields.get(k), f) : f);
  }
  if (v.elements) out.elements = out.elements ? join(out.elements, v.elements) : v.elements;
  out.vendor = out.vendor && v.vendor ? eitherVendor(out.vendor, v.vendor) : (out.vendor ?? v.vendor);
  out.factory ??= v.factory;
  out.http ??= v.http;
  out.logger ||= v.logger;
  out.queue ??= v.queue;
  out.request ||= v.request;
  out.input ??= v.input;
  out.container ||= v.container;
  out.fn = out.fn && v.fn ? eitherFunction(out.fn, v.fn) : (out.fn ?? v.fn);
  out.record ??= v.record;
  out.repository ??= v.repository;
  if (v.str) out.str = out.str ? eitherString(out.str, v.str) : v.str;
}

/**
 * One string or another (`cond ? '' : '/'`, `a ?? 'https://x'` with `a` a string too): what both
 * start with is known, and the rest is not. Strings of different origins keep the first. A string
 * of which nothing is known (`${override}/me`) gives way to the other, as `override || DEFAULT`
 * does: `base ? `${base}/me` : `${GRAPH}/me`` goes where its default points.
 */
function eitherString(a: StringValue, b: StringValue): StringValue {
  if (unknownString(a) && !unknownString(b)) return b;
  if (unknownString(b)) return a;
  if (a.param !== b.param || a.from?.spec !== b.from?.spec || a.from?.name !== b.from?.name) return a;
  if (a.text === b.text) return a.complete && !b.complete ? b : a;
  let i = 0;
  while (i < a.text.length && i < b.text.length && a.text[i] === b.text[i]) i++;
  return { ...a, text: a.text.slice(0, i), complete: false };
}

/** Nothing of the string is known: neither its start, nor a parameter or imported constant it starts with. */
function unknownString(s: StringValue): boolean {
  return s.text === '' && !s.complete && !s.param && !s.from;
}

/** How many functions (or other modules' exports) one value may be, at most: the branches of a configuration's choice. */
const MAX_FUNCTIONS = 4;

/** The distinct alternatives of two values that may each be several, the first first, at most MAX_FUNCTIONS. */
function alternatives<T extends { or?: unknown }>(a: T & { or?: T[] }, b: T & { or?: T[] }, same: (x: T, y: T) => boolean): T[] {
  const all = [a, ...(a.or ?? []), b, ...(b.or ?? [])].map((x) => (x.or ? { ...x, or: undefined } : x));
  return all.filter((x, i) => all.findIndex((y) => same(x, y)) === i).slice(0, MAX_FUNCTIONS);
}

/** One export of another module or another: the first, with the others it may be. */
function eitherImport(a: ImportedRef, b: ImportedRef): ImportedRef {
  const distinct = alternatives<ImportedRef>(a, b, (x, y) => x.spec === y.spec && x.name === y.name);
  return distinct.length === 1 ? a : { ...distinct[0], or: distinct.slice(1) };
}

/** Each function a function value may be: itself (without its alternatives), then those. */
export function eachFunction(fn: LocalFunction): LocalFunction[] {
  return fn.or ? [{ ...fn, or: undefined }, ...fn.or] : [fn];
}

/** One local function or another: the first, with the others it may be. */
function eitherFunction(a: LocalFunction, b: LocalFunction): LocalFunction {
  const distinct = alternatives<LocalFunction>(a, b, (x, y) => x.node === y.node);
  return distinct.length === 1 ? a : { ...distinct[0], or: distinct.slice(1) };
}

/** A client of one SDK whose data reaches one vendor or another, whichever the configuration picks. */
function eitherVendor(a: VendorRef, b: VendorRef): VendorRef {
  // One AI model or another (`switch (provider) { case 'openai': ...; case 'anthropic': ... }`): the
  // data reaches whichever is configured, so each of them.
  if (a.id !== b.id && a.models && b.models) return { ...a, recipients: [...new Set([...recipientsOf(a), ...recipientsOf(b)])] };
  if (a.id !== b.id) return a;
  const recipients = [...new Set([...recipientsOf(a), ...recipientsOf(b)])];
  return recipients.length === 1 && recipients[0] === a.id ? a : { ...a, recipients };
}

/**
 * A vendor's client at a path into its SDK (`['emails', 'send']`). `recipients`: the vendors the
 * data reaches when they are not the SDK's own vendor (a nodemailer transport to Amazon SES, or
 * to Amazon SES or an SMTP server as configured); the SDK's entry says which calls send.
 */
export interface VendorRef {
  id: string;
  path: string[];
  recipients?: string[];
  /**
   * A provider of models (`@ai-sdk/openai`'s `openai`, `createAnthropic()`): its calls choose a
   * model and send nothing; what the model is given is sent by the call that uses it (`generateText`).
   */
  models?: true;
}

/** The vendors a client's data reaches. */
export function recipientsOf(ref: VendorRef): string[] {
  return ref.recipients ?? [ref.id];
}

/** Categories merged, keeping the first trace of each. */
export function mergeCats(a: Map<string, Trace> | undefined, b: Map<string, Trace> | undefined): Map<string, Trace> | undefined {
  if (!a || a.size === 0) return b;
  if (!b || b.size === 0) return a;
  const out = new Map(a);
  for (const [c, t] of b) keepSurer(out, c, t);
  return out;
}

/** A string value derived from a value's categories only (template literals, concatenation). */
export function derived(values: Value[], str?: StringValue): Value {
  let cats: Map<string, Trace> | undefined;
  let params: Map<string, Trace> | undefined;
  for (const v of values) {
    cats = mergeCats(cats, collectCategories(v));
    params = mergeCats(params, collectParams(v));
  }
  const whole = values.find((v) => v.container);
  const records = new Map<string, RecordOf>();
  for (const v of values) collectRecords(v, records);
  const [record, ...more] = records.values();
  // A string built from several records' fields (`${a.name}, ${a.city}`) keeps them all.
  const fields = more.length > 0 ? new Map(more.map((r, i): [string, Value] => [`#record${i}`, { record: r, known: false }])) : undefined;
  return { cats, params, str, known: values.every((v) => v.known), ...(whole ? { input: whole.input, container: true } : {}), ...(record ? { record } : {}), ...(fields ? { fields } : {}) };
}

/** Every summarised parameter a value carries, deeply. */
export function collectParams(v: Value | undefined, into = new Map<string, Trace>(), depth = 0): Map<string, Trace> {
  if (!v || depth > MAX_DEPTH) return into;
  for (const [p, t] of v.params ?? []) keepSurer(into, p, t);
  if (v.elements) collectParams(v.elements, into, depth + 1);
  for (const f of v.fields?.values() ?? []) collectParams(f, into, depth + 1);
  return into;
}

/** The records of models of other modules inside a value, by `spec#name`. */
export function collectRecords(v: Value | undefined, into = new Map<string, RecordOf>(), depth = 0): Map<string, RecordOf> {
  if (!v || depth > MAX_DEPTH) return into;
  const key = v.record ? `${v.record.spec}#${v.record.name}${v.record.field ? `.${v.record.field}` : ''}` : '';
  if (v.record && !into.has(key)) into.set(key, v.record);
  if (v.elements) collectRecords(v.elements, into, depth + 1);
  for (const f of v.fields?.values() ?? []) collectRecords(f, into, depth + 1);
  return into;
}

/**
 * What a function of another module gives back, before its module is known: the data of each
 * argument, taken to be returned, with a step marking the call (its `via`), and the text the first
 * argument starts with. Linking keeps each piece only where that module's summary says the
 * function returns that argument (`buildPath(path, params)`, `presentUser(user)`).
 */
export function returnedArguments(args: Value[], via: (arg: number, field?: string) => TraceStep): Value | undefined {
  const parts: Value[] = [];
  const add = (v: Value, str: StringValue | undefined, step: () => TraceStep): void => {
    const d = derived([v]);
    if (!d.cats?.size && !d.params?.size && !d.record && !str) return;
    const at = step();
    parts.push({
      ...(d.cats?.size ? { cats: appendAlways(d.cats, at) } : {}),
      ...(d.params?.size ? { params: appendAlways(d.params, at) } : {}),
      ...(d.record ? { record: { ...d.record, trace: [...d.record.trace, at] } } : {}),
      ...(str ? { str: { ...str, complete: false, via: [...(str.via ?? []), at.via!] } } : {}),
      known: false,
    });
  };
  args.forEach((arg, i) => {
    if (!arg || arg === UNKNOWN) return;
    const str = i === 0 && arg.str && !arg.str.from && (arg.str.param || arg.str.text !== '') ? arg.str : undefined;
    // An object of named fields (`{ event, payload }`): each field goes back only where the callee returns it.
    if (arg.fields && !arg.cats && !arg.params && !arg.record && !arg.elements && !arg.fields.has('...')) {
      for (const [key, field] of arg.fields) add(field, undefined, () => via(i, key));
      return;
    }
    add(arg, str, () => via(i));
  });
  return parts.length > 0 ? join(...parts) : undefined;
}

/** Traces with a step appended even past the usual length: a step that decides whether the data is there is never dropped. */
function appendAlways(traces: Map<string, Trace>, step: TraceStep): Map<string, Trace> {
  const out = new Map<string, Trace>();
  for (const [c, t] of traces) out.set(c, [...t, step]);
  return out;
}

/**
 * Keeps the first trace of each key, unless it passed through another module's function (its data
 * there until linking says otherwise) and this one did not: the surer path is the one kept.
 */
function keepSurer(into: Map<string, Trace>, key: string, t: Trace): void {
  const had = into.get(key);
  if (!had || (hasVia(had) && !hasVia(t))) into.set(key, t);
}

/** Whether a trace passed through another module's function whose result is taken to carry its argument. */
export function hasVia(trace: Trace): boolean {
  return trace.some((s) => s.via !== undefined);
}

/** The same value with one more step appended to each category's trace. */
export function withStep(v: Value, step: TraceStep): Value {
  const hasCats = v.cats !== undefined && v.cats.size > 0;
  const hasParams = v.params !== undefined && v.params.size > 0;
  if (!hasCats && !hasParams && !v.record) return v;
  const record = v.record && v.record.trace.length < 12 ? { ...v.record, trace: [...v.record.trace, step] } : v.record;
  return { ...v, cats: hasCats ? extend(v.cats!, step) : v.cats, params: hasParams ? extend(v.params!, step) : v.params, ...(record ? { record } : {}) };
}

function extend(traces: Map<string, Trace>, step: TraceStep): Map<string, Trace> {
  const out = new Map<string, Trace>();
  for (const [c, t] of traces) out.set(c, t.length >= 12 ? t : [...t, step]);
  return out;
}
