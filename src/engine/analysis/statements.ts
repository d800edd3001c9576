import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FileAnalyzer } from './state';
import { evaluate, visitChildren } from './expressions';
import { memberValue, propertyKey } from './members';
import { elementOf } from './calls';
import { declaredValue } from './declared';
import { uploadedParam } from './uploads';
import { anonymousKey, walkExport, walkExportAll } from './exports';
import { moduleValue, namedImportValue } from './module-values';
import { Scope } from './scope';
import { namesPerson } from '../core/taxonomy';
import type { ReturnedParam } from './facts';
import { collectCategories, collectParams, eachFunction, hasVia, join, UNKNOWN, withStep, type LocalFunction, type Value } from './values';

type FunctionNode = LocalFunction['node'];
const REQUEST_PARAM_NAMES = new Set(['req', 'request', 'ctx']);

/** Walks a list of statements in order, with function declarations hoisted first. */
export function walkStatements(a: FileAnalyzer, body: TSESTree.Node[], scope: Scope): void {
  for (const s of body) hoist(a, s, scope);
  for (const s of body) walkStatement(a, s, scope);
}

function hoist(a: FileAnalyzer, node: TSESTree.Node, scope: Scope): void {
  const decl = node.type === 'ExportNamedDeclaration' || node.type === 'ExportDefaultDeclaration' ? node.declaration : node;
  if (decl?.type === 'FunctionDeclaration' && decl.id) scope.declare(decl.id.name, functionValue(a, decl, scope, decl.id.name));
}

/** Walks one statement. */
export function walkStatement(a: FileAnalyzer, node: TSESTree.Node, scope: Scope): void {
  switch (node.type) {
    case 'ImportDeclaration':
      return bindImport(a, node, scope);
    case 'VariableDeclaration':
      // `declare const drift: ...` only describes a global: the global stays visible.
      if (!node.declare) for (const d of node.declarations) declareVariable(a, d, scope);
      return;
    case 'ExpressionStatement':
      evaluate(a, node.expression, scope);
      return;
    case 'ReturnStatement':
      a.returns[a.returns.length - 1]?.push(evaluate(a, node.argument, scope));
      return;
    case 'BlockStatement':
      return walkStatements(a, node.body, new Scope(scope));
    case 'FunctionDeclaration':
      if (!node.id) scope.declare(anonymousKey(node), functionValue(a, node, scope, 'default'));
      return;
    case 'ClassDeclaration':
      scope.declare(node.id?.name ?? anonymousKey(node), a.upper.walkClass(a, node, scope));
      return;
    case 'ExportNamedDeclaration':
    case 'ExportDefaultDeclaration':
      return walkExport(a, node, scope);
    case 'ExportAllDeclaration':
      return walkExportAll(a, node);
    default:
      return walkControl(a, node, scope);
  }
}

function walkControl(a: FileAnalyzer, node: TSESTree.Node, scope: Scope): void {
  switch (node.type) {
    case 'IfStatement':
      evaluate(a, node.test, scope);
      walkStatement(a, node.consequent, scope);
      if (node.alternate) walkStatement(a, node.alternate, scope);
      return;
    case 'ForOfStatement':
    case 'ForInStatement':
      return walkForOf(a, node, scope);
    case 'TryStatement':
      walkStatement(a, node.block, scope);
      if (node.handler) walkStatement(a, node.handler.body, scope);
      if (node.finalizer) walkStatement(a, node.finalizer, scope);
      return;
    case 'SwitchStatement':
      evaluate(a, node.discriminant, scope);
      for (const c of node.cases) walkStatements(a, c.consequent, scope);
      return;
    case 'LabeledStatement':
      return walkStatement(a, node.body, scope);
    default:
      if (!node.type.startsWith('TS')) visitStatementChildren(a, node, scope);
  }
}

/** Loops and other statements: their expressions and nested statements, in source order. */
function visitStatementChildren(a: FileAnalyzer, node: TSESTree.Node, scope: Scope): void {
  const inner = new Scope(scope);
  for (const key of ['init', 'test', 'update', 'argument', 'object', 'body']) {
    const child = (node as unknown as Record<string, TSESTree.Node | null | undefined>)[key];
    if (!child) continue;
    if (/Statement$|Declaration$/.test(child.type)) walkStatement(a, child, inner);
    else evaluate(a, child, inner);
  }
  if (node.type === 'ThrowStatement' || node.type === 'DoWhileStatement') return;
  if (!('body' in node) && !('test' in node) && !('argument' in node)) visitChildren(a, node, scope);
}

function walkForOf(a: FileAnalyzer, node: TSESTree.ForOfStatement | TSESTree.ForInStatement, scope: Scope): void {
  const inner = new Scope(scope);
  const collection = evaluate(a, node.right, scope);
  const element = node.type === 'ForInStatement' ? UNKNOWN : elementOf(collection, node.right);
  const left = node.left.type === 'VariableDeclaration' ? node.left.declarations[0].id : node.left;
  bindPattern(a, left, element, inner, 'declare');
  walkStatement(a, node.body, inner);
}

function declareVariable(a: FileAnalyzer, d: TSESTree.VariableDeclarator, scope: Scope): void {
  const value = d.init ? evaluate(a, d.init, scope) : UNKNOWN;
  const named = d.id.type === 'Identifier' && value.fn && !value.fn.name ? { ...value, fn: { ...value.fn, name: d.id.name } } : value;
  const step = d.id.type === 'Identifier' && d.init ? a.step(d.id, `assigned to ${d.id.name}`) : undefined;
  bindPattern(a, d.id, step ? withStep(named, step) : named, scope, 'declare');
}

/** Binds a pattern (identifier, object or array destructuring, defaults, rest) to a value. */
export function bindPattern(a: FileAnalyzer, pattern: TSESTree.Node, value: Value, scope: Scope, mode: 'declare' | 'assign'): void {
  switch (pattern.type) {
    case 'Identifier': {
      const named = refinedByName(a, pattern, value);
      return mode === 'declare' ? scope.declare(pattern.name, named) : scope.assign(pattern.name, named);
    }
    case 'ObjectPattern':
      for (const p of pattern.properties) {
        if (p.type === 'RestElement') bindPattern(a, p.argument, value, scope, mode);
        else bindPattern(a, p.value, destructured(a, value, p), scope, mode);
      }
      return;
    case 'ArrayPattern': {
      // A tuple known only by what it carries (`[key, value]` of `Object.entries(params)`): each part carries it.
      const part = value.elements ?? (value.cats || value.params ? { cats: value.cats, params: value.params, known: false } : UNKNOWN);
      for (const e of pattern.elements) if (e) bindPattern(a, e, part, scope, mode);
      return;
    }
    case 'AssignmentPattern': {
      if (value === UNKNOWN) return bindPattern(a, pattern.left, evaluate(a, pattern.right, scope), scope, mode);
      // `{ baseUrl = '/api' } = options` of a parameter: the default string, as for `options.baseUrl ?? '/api'`.
      const fallback = value.str && !value.str.param ? undefined : evaluate(a, pattern.right, scope).str;
      return bindPattern(a, pattern.left, fallback ? { ...value, str: fallback } : value, scope, mode);
    }
    case 'RestElement':
      return bindPattern(a, pattern.argument, value, scope, mode);
    case 'TSParameterProperty':
      return bindPattern(a, pattern.parameter, value, scope, mode);
    default:
      return;
  }
}

/**
 * A variable's name may say which part of its value it holds: `const [firstName, lastName] =
 * user.fullName.split(' ')` holds the first and the last name, not the whole name. Only a narrower
 * category of one the value already carries is taken from the name.
 */
function refinedByName(a: FileAnalyzer, id: TSESTree.Identifier, value: Value): Value {
  if (!value.cats || value.cats.size === 0) return value;
  const named = a.config.matcher.match(id.name, {});
  if (!named) return value;
  const broader = [...value.cats.keys()].find((c) => named.startsWith(`${c}.`));
  if (!broader) return value;
  const cats = new Map(value.cats);
  const trace = cats.get(broader)!;
  cats.delete(broader);
  cats.set(named, [...trace, a.step(id, `${id.name} (${named} by its name)`)]);
  return { ...value, cats };
}

function destructured(a: FileAnalyzer, value: Value, p: TSESTree.Property): Value {
  const key = propertyKey(p);
  if (!key) return UNKNOWN;
  return memberValue(a, value, key, p.key);
}

/** A function expression or declaration as a value; it is analysed on its own later unless a call analyses it first. */
export function functionValue(a: FileAnalyzer, node: FunctionNode, scope: Scope, name?: string): Value {
  const fn: LocalFunction = { node, name: name ?? 'anonymous function', scope };
  a.pending.push(fn);
  return { fn, known: true };
}

/**
 * Calls a local function: its body analysed with the arguments' values. An event the code does not
 * call itself (`<Form onSubmit={save}>` submitting its fields) is no call to report the flows at:
 * they stay at the sinks the handler reaches.
 */
export function invokeLocal(a: FileAnalyzer, fn: LocalFunction, args: Value[], call: TSESTree.Node, event = false): Value {
  if (fn.or) return join(...eachFunction(fn).map((f) => invokeLocal(a, f, args, call, event)));
  const passed = args.map((v, i) => withStep(v, a.step(call.type === 'CallExpression' ? call.arguments[i] ?? call : call, `passed to ${fn.name}()`)));
  return a.callFunction(fn, passed, (f, values) => runFunction(a, f, values), false, call, event);
}

/** Runs a callback (`users.map(u => ...)`, a route handler) with the given parameter values. */
export function runCallback(a: FileAnalyzer, node: FunctionNode, args: Value[], scope: Scope): Value {
  const fn: LocalFunction = { node, name: 'callback', scope };
  return a.callFunction(fn, args, (f, values) => runFunction(a, f, values), true);
}

/**
 * Analyses a function on its own, its parameters unknown but for their names and types. With `again`,
 * a function already run for its calls is analysed on its own too when its parameters' names or
 * types say what they hold (`function notify(email)`): its own code then shows which data its sinks
 * receive, as a wrapper of another module does, while its callers' data is reported at their calls.
 */
export function analyseStandalone(a: FileAnalyzer, fn: LocalFunction, again = false): void {
  if (!a.analysed.has(fn.node)) {
    a.callFunction(fn, [], (f) => runFunction(a, f, []));
    return;
  }
  const first = again ? a.firstArgs.get(fn.node) : undefined;
  // Once per function: `pending` lists a function again each time its expression is evaluated.
  if (!first || rerun.has(fn.node)) return;
  rerun.add(fn.node);
  if (!paramsTell(a, fn)) return;
  // The clients and functions its first caller passed stay (`client.createTask(...)`); data goes by name.
  const tools = first.map((v) => toolsOnly(v));
  a.callFunction(fn, tools as Value[], (f, values) => runFunction(a, f, values));
}

/** The functions already analysed again on their own (nodes are those of one parse: no state is shared between files). */
const rerun = new WeakSet<TSESTree.Node>();

/** The parts of a value that are not data: a client, logger or function, or an object's fields that are. */
function toolsOnly(v: Value | undefined, depth = 0): Value | undefined {
  if (!v) return undefined;
  if (v.vendor || v.http || v.logger || v.queue || v.fn || v.instance || v.imported) return v;
  if (!v.fields || depth > 3) return undefined;
  const fields = new Map<string, Value>();
  for (const [k, f] of v.fields) {
    const tool = toolsOnly(f, depth + 1);
    if (tool) fields.set(k, tool);
  }
  return fields.size > 0 ? { fields, known: false } : undefined;
}

/** Whether a parameter's name, destructured keys or declared type denote personal data. */
function paramsTell(a: FileAnalyzer, fn: LocalFunction): boolean {
  const scope = fn.scope as Scope;
  return fn.node.params.some((p) => {
    const param = p.type === 'TSParameterProperty' ? p.parameter : p;
    const id = param.type === 'AssignmentPattern' ? param.left : param;
    if (id.type === 'ObjectPattern') return id.properties.some((q) => q.type === 'Property' && !!propertyKey(q) && !!a.config.matcher.match(propertyKey(q)!, { personContext: true }));
    if (id.type !== 'Identifier') return false;
    if (a.config.matcher.match(id.name, {})) return true;
    const value = paramValue(a, p, scope);
    // Also a list of such records (`links: Link[]`, `users: User[]`).
    return [value, value.elements].some((v) => !!v && (!!v.person || !!v.cats?.size || !!v.fields?.size || !!v.record));
  });
}

function runFunction(a: FileAnalyzer, fn: LocalFunction, args: Value[]): Value {
  const scope = a.functionScope(fn);
  fn.node.params.forEach((p, i) => {
    // `(...args)`: an array of the arguments from this one on (a summary's marker for the first of them).
    const value = p.type === 'RestElement' ? (args.length > i ? { elements: join(...args.slice(i)), known: true } : UNKNOWN) : args[i];
    bindPattern(a, p, value ?? paramValue(a, p, scope), scope, 'declare');
  });
  const body = fn.node.body;
  if (!body) return UNKNOWN;
  if (fn.thisFields) a.thisStack.push(fn.thisFields);
  try {
    if (body.type !== 'BlockStatement') return evaluate(a, body, scope);
    a.returns.push([]);
    walkStatements(a, body.body, scope);
    return join(...(a.returns.pop() ?? []));
  } finally {
    if (fn.thisFields) a.thisStack.pop();
  }
}

/**
 * Summarises an exported function for callers in other modules: each parameter is bound to a
 * marker (besides what its name and type say), and the sinks the markers reach are recorded.
 * Returns the categories of its result.
 */
export function summarise(a: FileAnalyzer, fn: LocalFunction): string[] {
  return summariseCall(a, fn).returns;
}

/** Like `summarise`, with the function's result value too (a client it creates, an object of closures it returns). */
export function summariseCall(a: FileAnalyzer, fn: LocalFunction): { returns: string[]; result: Value; returnsParams: ReturnedParam[] } {
  const scope = fn.scope as Scope;
  const args = fn.node.params.map((p, i): Value => {
    const value = paramValue(a, p, scope);
    const key = `${fn.node.range[0]}:${i}`;
    a.paramInfo.set(key, { name: paramName(p, i), ...(value.fields && !value.instance ? { declared: value } : {}) });
    // A string parameter may be a URL: its callers' arguments say where a request to it goes.
    const str = value.str ?? (value.fields || value.known ? undefined : { text: '', complete: false, param: key });
    return { ...value, params: new Map([[key, [a.step(p, `parameter ${paramName(p, i)} of ${fn.name}()`)]]]), paramKey: key, ...(str ? { str } : {}) };
  });
  // A function that may be another (`storage.store` of one backend or another): each runs with these parameters.
  const run = (f: LocalFunction): Value => a.callFunction(f, args, (g, values) => runFunction(a, g, values));
  const result = join(...eachFunction(fn).map(run));
  // What the result carries whatever the arguments: data that needs no other module's function to return it.
  const returns = [...collectCategories(result)].filter(([, t]) => !hasVia(t)).map(([c]) => c).sort();
  return { returns, result, returnsParams: returnedParams(fn, result) };
}

/** The parameters of a summarised function its result carries, and whether a string result starts with one. */
function returnedParams(fn: LocalFunction, result: Value): ReturnedParam[] {
  const own = `${fn.node.range[0]}:`;
  const out: ReturnedParam[] = [];
  const prefix = result.str?.param?.startsWith(own) ? result.str.param.slice(own.length) : undefined;
  for (const [key, trace] of collectParams(result)) {
    if (!key.startsWith(own)) continue;
    const [index, ...path] = key.slice(own.length).split('.');
    const via = trace.flatMap((s) => (s.via ? [s.via] : []));
    out.push({ param: Number(index), path, ...(via.length > 0 ? { via } : {}) });
  }
  if (prefix !== undefined) {
    const [index, ...path] = prefix.split('.');
    const via = result.str?.via ?? [];
    out.push({ param: Number(index), path, prefix: true, ...(via.length > 0 ? { via } : {}) });
  }
  return out.slice(0, 16);
}

function paramName(p: TSESTree.Parameter, i: number): string {
  const id = p.type === 'AssignmentPattern' ? p.left : p.type === 'TSParameterProperty' ? p.parameter : p;
  return id.type === 'Identifier' ? id.name : `#${i + 1}`;
}

/**
 * What a parameter is known to be from its name or type: a request object, a vendor client or a
 * service of another module injected by type (`constructor(private analytics: AnalyticsService)`).
 */
export function paramValue(a: FileAnalyzer, p: TSESTree.Parameter, scope: Scope): Value {
  const param = p.type === 'TSParameterProperty' ? p.parameter : p;
  const id = param.type === 'AssignmentPattern' ? param.left : param;
  // `{ id, email, name }: { id: string; email: string; name: string }`: the fields its declared type has.
  if (id.type === 'ObjectPattern') return (id.typeAnnotation && declaredValue(a, id.typeAnnotation.typeAnnotation, 'argument')) || UNKNOWN;
  if (id.type !== 'Identifier') return UNKNOWN;
  const upload = uploadedParam(a, id.typeAnnotation?.typeAnnotation, id, (name) => scope.lookup(name) !== undefined || a.localType(name) !== undefined || a.importedNames.has(name));
  if (upload) return upload;
  const typeName = typeNameOf(id.typeAnnotation?.typeAnnotation);
  if (REQUEST_PARAM_NAMES.has(id.name) || (typeName && /(^|\.)(Next)?Request$/.test(typeName))) return { request: true, known: true };
  const sdk = typeName ? vendorClientType(a, typeName) : undefined;
  if (sdk) return sdk;
  if (!typeName || !scope.lookup(typeName)) {
    // `lead: { email: string }`, `input: SignupInput`: a record of the fields its declared type has.
    const declared = declaredValue(a, id.typeAnnotation?.typeAnnotation, id.name);
    if (declared) return declared;
  }
  // A server action's `formData: FormData` is what the user submitted.
  if (typeName === 'FormData') return { input: 'form data', container: true, known: true };
  if (typeName === 'URLSearchParams') return { input: 'query string', container: true, known: true };
  if (!typeName) return UNKNOWN;
  const repository = repositoryOf(a, id.typeAnnotation?.typeAnnotation, typeName);
  if (repository) return repository;
  const injected = withRecord(a, injectedValue(scope.lookup(typeName)), typeName, id.typeAnnotation!.typeAnnotation);
  // `user: UserEntity`, `dto: CreateCustomerDto`: typed as a person's record.
  const typedPerson = namesPerson(typeName.replace(/^.*\./, ''));
  return typedPerson && !injected.vendor ? { ...injected, person: true, known: false } : injected;
}

/**
 * A parameter typed by a vendor SDK's client, imported as a type or a value (`client: WebClient` of
 * `@slack/web-api`, `gmail: gmail_v1.Gmail` of `@googleapis/gmail`, `stripe: Stripe`): that vendor's
 * client. A type is a client's when its name ends like one (`Client`, `Api`, `Service`) or is the
 * package's own name; the package's data types (`User`, `Stripe.Customer`) are not clients.
 */
function vendorClientType(a: FileAnalyzer, typeName: string): Value | undefined {
  const [head, ...rest] = typeName.split('.');
  const from = a.importedNames.get(head);
  const vendor = from ? a.config.vendors.forPackage(from.spec) : undefined;
  if (!from || !vendor) return undefined;
  const last = rest.length > 0 ? rest[rest.length - 1] : from.name === 'default' ? head : from.name;
  const client = /(Client|Api|API|Sdk|SDK|Service)$/.test(last) || from.spec.toLowerCase().replace(/[^a-z0-9]/g, '').includes(last.toLowerCase());
  return client ? { vendor: { id: vendor.id, path: [] }, known: true } : undefined;
}

/** Types whose instances query a model given as their type argument: `Repository<User>` (TypeORM), `Model<UserDocument>` (Mongoose). */
const REPOSITORY_TYPES = new Set(['Repository', 'MongoRepository', 'TreeRepository', 'EntityRepository', 'Model', 'ModelStatic', 'ModelCtor']);

function repositoryOf(a: FileAnalyzer, type: TSESTree.TypeNode | undefined, typeName: string): Value | undefined {
  if (!REPOSITORY_TYPES.has(typeName) || type?.type !== 'TSTypeReference') return undefined;
  const arg = type.typeArguments?.params[0];
  const name = arg?.type === 'TSTypeReference' && arg.typeName.type === 'Identifier' ? arg.typeName.name : undefined;
  const from = name ? a.importedNames.get(name) : undefined;
  return from ? { repository: from, known: true } : undefined;
}

/** An instance of a class of another module may be a record of it (a TypeORM entity, a DTO): the linking says. */
function withRecord(a: FileAnalyzer, value: Value, typeName: string, type: TSESTree.Node): Value {
  const from = value.imported ? a.importedNames.get(typeName) : undefined;
  if (!from) return value;
  return { ...value, record: { spec: from.spec, name: from.name, trace: [a.step(type, `a ${typeName} record (${from.spec} declares its fields)`)] } };
}

/** An instance of a type: a vendor client, a class of this module, or a class of another module. */
function injectedValue(type: Value | undefined): Value {
  if (type?.vendor) return { vendor: { id: type.vendor.id, path: [] }, known: true };
  if (type?.http) return { http: type.http, known: true };
  if (type?.queue) return { queue: type.queue, known: true };
  if (type?.instance) return { fields: type.instance, known: false };
  if (type?.imported) return { imported: { spec: type.imported.spec, name: `${type.imported.name || 'default'}#` }, known: true };
  return UNKNOWN;
}

function typeNameOf(t: TSESTree.TypeNode | undefined): string | undefined {
  if (t?.type !== 'TSTypeReference') return undefined;
  const n = t.typeName;
  return n.type === 'Identifier' ? n.name : n.type === 'TSQualifiedName' ? `${n.left.type === 'Identifier' ? n.left.name : ''}.${n.right.name}` : undefined;
}

function bindImport(a: FileAnalyzer, node: TSESTree.ImportDeclaration, scope: Scope): void {
  const spec = String(node.source.value);
  for (const s of node.specifiers) {
    if (s.type === 'ImportSpecifier') a.importedNames.set(s.local.name, { spec, name: s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value) });
    else if (s.type === 'ImportDefaultSpecifier') a.importedNames.set(s.local.name, { spec, name: 'default' });
  }
  if (node.importKind === 'type') return;
  const module = moduleValue(spec, a.config.vendors);
  if (module.vendor) a.vendorUse(node, module.vendor.id, 'import');
  for (const s of node.specifiers) {
    if (s.type === 'ImportSpecifier') {
      const imported = s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value);
      scope.declare(s.local.name, s.importKind === 'type' ? UNKNOWN : namedImportValue(spec, module, imported));
    } else if (s.type === 'ImportDefaultSpecifier' && module.imported) {
      scope.declare(s.local.name, namedImportValue(spec, module, 'default'));
    } else {
      scope.declare(s.local.name, module);
    }
  }
}

