import type { Range, ReturnVia, TraceStep } from '../core/types';

/**
 * What one file does with personal data, before any rule looks at it. Facts depend only on the
 * file's text and the detection configuration (taxonomy, catalog, custom categories and vendors),
 * so they are plain JSON: they cross worker threads and are cached by content hash.
 */
export interface FileFacts {
  /** Path relative to the workspace root, with forward slashes. */
  file: string;
  flows: Flow[];
  occurrences: Occurrence[];
  annotations: Annotation[];
  /** Where the parameters of each exported function go, by export name (`track`, `analytics.track`, `Service#track`, `default`). */
  exports?: Record<string, ExportSummary>;
  /** Calls of imported functions that pass personal data, to be followed into their modules. */
  imports?: ImportCall[];
  /** `export ... from` statements, for barrel files. */
  reexports?: Reexport[];
  /** Exported constants and clients (base URLs, axios instances, vendor clients), by export name. */
  values?: Record<string, ExportedValue>;
  /**
   * Exported record shapes (interfaces, type aliases, classes such as TypeORM entities, Drizzle
   * tables, Mongoose and Sequelize models) with the categories of their fields, by export name.
   */
  models?: Record<string, ExportedModel>;
  /** Flows of whole records typed by, or read through, a model of another module: they carry its categories once linked. */
  recordFlows?: Flow[];
  /**
   * Where the file reaches a vendor at all, with or without personal data: imports of its packages,
   * calls of its SDK or browser globals, requests to its hosts and URLs of its hosts in strings (at
   * most a few per vendor and file). The inventory answers "who do we talk to" from these.
   */
  vendorUses?: VendorUse[];
  /** Set when the file could not be analysed; flows and occurrences are then empty. */
  error?: { message: string; line: number; column: number };
}

/** Where personal data goes: a vendor SDK, an HTTP request or a log. */
export type SinkKind = 'vendor' | 'http' | 'log' | 'unresolved';

/** Whether the host of an HTTP sink is known, same-origin, or known only at run time. */
export type HostStatus = 'known' | 'relative' | 'dynamic';

/** Personal data reaching a sink. */
export interface Flow extends Range {
  kind: SinkKind;
  /** The call as written, shortened: `mixpanel.track`, `fetch`, `console.log`. */
  callee: string;
  /** The catalog or manifest vendor id, when the sink belongs to a vendor. */
  vendor?: string;
  host?: string;
  hostStatus?: HostStatus;
  categories: string[];
  /** The most telling path to the sink (the longest of the categories' paths). */
  trace: TraceStep[];
  /** Each category's own path to the sink. */
  traces?: Record<string, TraceStep[]>;
  /** The innermost `privacy-lens purpose=` annotation around the sink. */
  purposeAnnotation?: string;
  /** For a flow through another module: the file the sink is in (or the specifier that could not be found). */
  module?: string;
  /** A URL that starts with a constant imported from another module: resolved when the modules are linked. */
  hostFrom?: HostFrom;
  /** For an `unresolved` flow: the message queue library the data was published with (its consumers are not followed). */
  queue?: string;
  /** For an `unresolved` flow that is neither a queue nor a missing module: why it could not be followed, as a phrase after the callee. */
  reason?: string;
  /** Whole records of models of other modules that reach the sink: their categories are added when the modules are linked. */
  records?: RecordRef[];
  /** The URL's known beginning came through the result of other modules' functions: the host stands only where they return it (see `ReturnedParam.prefix`). */
  hostVia?: ReturnVia[];
}

/** A record whose shape is exported by another module (`user: User`, `User.findOne()`, `db.select().from(users)`). */
export interface RecordRef {
  spec: string;
  /** The export name of the model or type. */
  name: string;
  /** The field read, when only one field of the record is used (`address.name`). */
  field?: string;
  trace: TraceStep[];
}

/** The shape of an exported model or type: which categories its fields carry. */
export interface ExportedModel {
  /** The model's or type's own name (`User`, or the table name of a Drizzle table). */
  model: string;
  categories: string[];
  /** The categories of each field that carries any. */
  fields?: Record<string, string[]>;
}

/** An imported constant a URL starts with, and the rest of the URL after it. */
export interface HostFrom {
  spec: string;
  name: string;
  rest: string;
}

/** A value a module exports that is not a function: a string constant, an HTTP client, a vendor client. */
export interface ExportedValue {
  str?: string;
  /** True when `str` is the whole string (not just its known beginning). */
  complete?: boolean;
  http?: { base?: string };
  vendor?: string;
  /** The vendors a vendor client's data reaches, when not its SDK's own (a mail transport to Amazon SES). */
  recipients?: string[];
}

/** A place where code processes a personal data category (where the data enters or is read). */
export interface Occurrence extends Range {
  category: string;
  note: string;
  purposeAnnotation?: string;
}

/** One place a file reaches a vendor. */
export interface VendorUse {
  vendor: string;
  line: number;
  column: number;
  /** How: importing its package, calling its SDK, a request to its host, or a URL of its host in a string. */
  how: 'import' | 'call' | 'request' | 'url';
}

/** A `privacy-lens` comment. */
export interface Annotation extends Range {
  kind: 'purpose' | 'ignore-line' | 'ignore-next-line' | 'invalid';
  purpose?: string;
  /** Rule ids named by an ignore; empty means every rule. */
  rules: string[];
  reason?: string;
  /** For `invalid`: what is wrong. */
  problem?: string;
}

/** A parameter of an exported function reaching a sink inside its module. */
export interface ParamSink extends Range {
  param: number;
  /** The property path inside the parameter that reaches the sink (`['email']` for `props.email`), empty for the whole value. */
  path: string[];
  kind: SinkKind;
  callee: string;
  vendor?: string;
  host?: string;
  hostStatus?: HostStatus;
  /** The steps from the parameter to the sink, the sink included. */
  steps: TraceStep[];
  purposeAnnotation?: string;
  /** A URL that starts with a constant imported from another module. */
  hostFrom?: HostFrom;
  /**
   * For an `http` sink whose URL is (or starts with) a parameter of the function (`fetch(path)`):
   * that parameter and property path, and the known text after it; the host is the caller's argument's.
   * With `factory`, a parameter of the factory or hook whose result the function is
   * (`useUpdateQuery(path)` returning `mutateAsync`): the host is the argument of that factory call.
   * `outer` (while a file is analysed, never in its facts): the start of the enclosing function whose
   * parameter it is, when not this function's own.
   */
  hostParam?: { param: number; path: string[]; rest: string; via?: ReturnVia[]; factory?: true; outer?: number };
  /** For an `unresolved` sink: the message queue library the parameter is published with. */
  queue?: string;
  /** For an `unresolved` sink: why it could not be followed (`to an AI model chosen at run time`). */
  reason?: string;
  /** The category the parameter's field at `path` (or the parameter itself) denotes by its name, for callers passing a whole record. */
  category?: string;
  /** The categories the parameter's declared type has at `path` (`lead: { email: string }`), for callers passing a whole record. */
  declared?: string[];
  /**
   * For a parameter passed on to an imported function: where it goes next (linked across modules);
   * `at`: where it sits inside that argument (`captureException(e, { extra: { id } })` puts `id` at
   * `extra.id`), so that only what the callee does with that part counts.
   */
  /** `request`: the argument describes a request (ImportCall.request), made here when the callee sends it nowhere known. */
  next?: { spec: string; name: string; arg: number; at?: string[]; request?: true };
  /**
   * For such a call: the known beginnings of its string arguments and their fields (`'0'`,
   * `'0.url'`), each a text or another parameter of this function followed by a text. When the
   * callee's request takes its URL from one of them, the host is decided here or by this function's
   * callers (or, with `factory`, by the factory call whose result this function is; `outer` as for `hostParam`).
   */
  nextUrls?: Record<string, { text: string; complete: boolean; via?: ReturnVia[] } | { param: number; path: string[]; text: string; via?: ReturnVia[]; factory?: true; outer?: number }>;
  /** The URL's known beginning came through the result of other modules' functions. */
  hostVia?: ReturnVia[];
}

/** What callers in other modules need to know about an exported function. */
export interface ExportSummary {
  sinks: ParamSink[];
  /** Categories the function's result carries, whatever its arguments. */
  returns?: string[];
  /** The parameters whose data the function's result carries (`buildPath(path, params)` returns both). */
  returnsParams?: ReturnedParam[];
}

/** A parameter of an exported function that its result carries. */
export interface ReturnedParam {
  param: number;
  /** The property path inside the parameter, empty for the whole value. */
  path: string[];
  /** When the result is a string that starts with the parameter's value (a URL built from it). */
  prefix?: boolean;
  /** Results of further modules' functions the data passed through on its way to the result. */
  via?: ReturnVia[];
}

/** A call of an imported function (or method of an imported object or class) with personal data in its arguments. */
export interface ImportCall extends Range {
  spec: string;
  /** The export name path: `track`, `default`, `analytics.track`, `Service#track`. */
  name: string;
  callee: string;
  /** Per argument: each category it carries with its trace, and the same per top-level property. */
  args: (ArgumentData | null)[];
  purposeAnnotation?: string;
  /** The known beginnings of string arguments (`'0'`) and their fields (`'0.url'`): where a callee's request goes when its URL is a parameter. */
  urls?: Record<string, { text: string; complete: boolean; via?: ReturnVia[] }>;
  /**
   * For a call on what another module's factory or hook returned (`useUpdateQuery('/auth/login')`
   * then `mutateAsync(data)`): the known texts of that factory call's string arguments, for the
   * sinks whose URL is one of the factory's parameters (`hostParam.factory`).
   */
  factoryUrls?: Record<string, { text: string; complete: boolean; via?: ReturnVia[] }>;
  /**
   * Where the call is, when it is reported at a call of the local function it is in (the range):
   * every category it is given came from that caller's arguments.
   */
  at?: { line: number; column: number };
  /**
   * The argument at this index describes an HTTP request (`{ url, method: 'POST', headers, content }`)
   * handed to the app's own request layer: when the function called sends it nowhere the engine can
   * follow (an interceptor chosen at run time), the call is that request, to its `url`. Also the
   * variables of a GraphQL operation (`runMutation(UpdateUserDocument, { name })`), sent to the app's
   * GraphQL endpoint.
   */
  request?: number;
}

/** The personal data of one argument of an imported call. */
export interface ArgumentData {
  categories: Record<string, TraceStep[]>;
  /** A person's record whose fields are not known here (`user` from the database): the callee's field names tell. */
  record?: boolean;
  /**
   * With `record`, for an object literal (`{ groupKey: input.pollId }`): the fields whose values are of
   * unknown content. Only the callee's reads below them are told by its names; the caller set no other field.
   */
  wholeAt?: string[];
  /** Records of models of other modules in the argument. */
  records?: RecordRef[];
  fields?: Record<string, Record<string, TraceStep[]>>;
  /**
   * The argument's name says it is an id a payments vendor issues (`customerId`), or these fields'
   * do (`{ customer: user.stripeCustomerId }`): sent to such a vendor, they are not the person's data.
   */
  issued?: boolean;
  issuedFields?: string[];
  /**
   * Fields of an object literal argument that may have a role for the callee's vendor (`to`, `cc`,
   * `prompt`) and hold a value not fixed in the code, each with the step where it is set: a call on
   * another module's email client sends an address in `to` whatever the variable is called.
   */
  roles?: Record<string, TraceStep>;
}

/** `export { a as b } from './x'` (names: exported -> imported) or `export * from './x'`. */
export interface Reexport {
  spec: string;
  names?: Record<string, string>;
}
