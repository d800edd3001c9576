import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { VendorDef } from '../core/catalog';
import { isPersonWord, tokenize } from '../core/taxonomy';
import { urlArguments, type FileAnalyzer } from './state';
import { evaluate, GLOBAL_OBJECTS, globalValue, namePart, PERSON_NAME } from './expressions';
import { isPersonForm } from './forms';
import { calleeName, inputField, LINK_QUERY, memberValue, propertyName, qualifierTokens, REQUEST_URL } from './members';
import { httpCall } from './http';
import { declaredValue, fieldsRecord, modelRecord } from './declared';
import { zodFields } from './record-fields';
import { roleValues, valueRoles } from './roles';
import { BYTES_CONSTRUCTORS, multipartParse, sameBytes, UPLOAD_CONSTRUCTORS, uploadRead } from './uploads';
import { isConstant } from './role-fields';
import { procedureArgument } from './procedures';
import { exportPath, LOG_METHODS, MIME_COMPOSERS, moduleValue, PUBLISH_METHODS } from './module-values';
import type { Scope } from './scope';
import { CLEAN, collectParams, derived, importedMember, isFunctionExpression, join, recipientsOf, returnedArguments, stringOf, UNKNOWN, withStep, type ImportedRef, type Trace, type Value, type VendorRef } from './values';

/** String and array methods whose result carries the data of the value they are called on. */
const TRANSPARENT_METHODS = new Set([
  'toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase', 'trim', 'trimStart', 'trimEnd', 'normalize',
  'slice', 'substring', 'substr', 'concat', 'join', 'replace', 'replaceAll', 'padStart', 'padEnd', 'toString',
  'valueOf', 'at', 'flat', 'sort', 'reverse', 'toJSON', 'repeat', 'split', 'values', 'entries',
]);
/** Global functions whose result carries their arguments' data. */
const TRANSPARENT_FUNCTIONS = new Set(['String', 'encodeURIComponent', 'encodeURI', 'btoa', 'escape', 'structuredClone']);
/** Array and promise methods that call back with the value's elements (or the value). */
const CALLBACK_METHODS = new Set(['map', 'flatMap', 'forEach', 'filter', 'find', 'findLast', 'some', 'every', 'then', 'catch', 'finally']);
const PARSE_METHODS = new Set(['parse', 'parseAsync', 'cast', 'validateSync']);
const SAFE_PARSE_METHODS = new Set(['safeParse', 'safeParseAsync', 'validate', 'spa']);
const CLEAN_RESULTS = new Set(['includes', 'startsWith', 'endsWith', 'indexOf', 'test', 'match', 'localeCompare', 'has', 'search']);

/** The value of a call, recording a flow when personal data reaches a sink. */
export function evaluateCall(a: FileAnalyzer, node: TSESTree.CallExpression, scope: Scope): Value {
  const callee = node.callee;
  if (callee.type === 'Identifier' && callee.name === 'require' && !scope.lookup('require')) {
    const spec = node.arguments[0];
    const module = spec?.type === 'Literal' ? moduleValue(String(spec.value), a.config.vendors) : UNKNOWN;
    if (module.vendor) a.vendorUse(node, module.vendor.id, 'import');
    a.observer?.callee(node, UNKNOWN, undefined, false);
    return module;
  }
  if (callee.type === 'MemberExpression' && callee.object.type !== 'Super') {
    const result = methodCall(a, node, callee, scope);
    runPassedFunctions(a, node, scope);
    return result;
  }
  // A function's own name (`setPassword` of `useState`) says what it does, not data it holds.
  const fnValue = (callee.type === 'Identifier' ? scope.lookup(callee.name) : undefined) ?? evaluate(a, callee, scope);
  a.observer?.callee(node, fnValue, undefined, isBound(callee, scope));
  const args = evaluateArgs(a, node, scope);
  const result = callValue(a, node, fnValue, args, calleeName(callee));
  runPassedFunctions(a, node, scope);
  return result;
}

/**
 * Functions handed to a call that did not run them (`setTimeout(() => send(email))`,
 * `Effect.tryPromise({ try: () => client.send(...) })`, `retry(() => ...)`): the callee will call
 * them, so they run here, where their closure's values (and a summary's parameters) are known.
 */
function runPassedFunctions(a: FileAnalyzer, node: TSESTree.CallExpression | TSESTree.NewExpression, scope: Scope): void {
  for (const arg of node.arguments) {
    if (isFunctionExpression(arg)) runPassed(a, arg, scope);
    else if (arg.type === 'ObjectExpression') {
      for (const p of arg.properties) if (p.type === 'Property' && isFunctionExpression(p.value)) runPassed(a, p.value, scope);
    }
  }
}

function runPassed(a: FileAnalyzer, fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression, scope: Scope): void {
  if (!a.ranHere(fn)) a.upper.runCallback(a, fn, [], scope);
}

function evaluateArgs(a: FileAnalyzer, node: TSESTree.CallExpression | TSESTree.NewExpression, scope: Scope): Value[] {
  const values = node.arguments.map((arg) => evaluate(a, arg, scope));
  a.observer?.args(node, values);
  return values;
}

/** Whether the name a callee starts with is declared in the module (`track` of `function track()`), not a global (`fetch`). */
function isBound(node: TSESTree.Node, scope: Scope): boolean {
  if (node.type === 'MemberExpression') return isBound(node.object, scope);
  if (node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression' || node.type === 'ChainExpression') return isBound(node.expression, scope);
  return node.type !== 'Identifier' || scope.lookup(node.name) !== undefined;
}

function vendorArgs(a: FileAnalyzer, node: TSESTree.CallExpression, vendor: string, scope: Scope): Value[] {
  const client: Value = { vendor: { id: vendor, path: [] }, known: true };
  const values = node.arguments.map((arg) => {
    if (!isFunctionExpression(arg)) return evaluate(a, arg, scope);
    a.upper.runCallback(a, arg, [client, client], scope);
    return UNKNOWN;
  });
  a.observer?.args(node, values);
  return values;
}

/** Calling a value: a local function, a vendor, an HTTP client, a logger, or something unknown. */
function callValue(a: FileAnalyzer, node: TSESTree.CallExpression, fn: Value, args: Value[], name: string): Value {
  const result = calledValue(a, node, fn, args, name);
  const mutation = fn.fn ? undefined : mutationOf(name, args);
  return mutation ? join(result, mutation) : result;
}

function calledValue(a: FileAnalyzer, node: TSESTree.CallExpression, fn: Value, args: Value[], name: string): Value {
  if (fn.fn) return a.upper.invokeLocal(a, fn.fn, args, node);
  if (fn.imported) return importedCalls(a, node, fn.imported, args, name);
  if (fn.vendor) return vendorCall(a, node, fn.vendor, args, name);
  if (fn.http) return httpCall(a, node, fn.http, undefined, args, name);
  if (fn.logger) {
    a.sink(node, { kind: 'log', callee: name }, args);
    return { logger: true, known: true };
  }
  if (fn.queue) return { queue: fn.queue, known: true };
  // A compiled template renders what it is given (`Handlebars.compile(file)({ user, url })`).
  if (fn.factory && TEMPLATE_ENGINES.has(fn.factory.spec)) return derived(args);
  if (fn.factory) {
    // A closure of another module's hook or factory (`const { post } = useApi(); post('/users', body)`): linked with that module.
    a.importCall(node, fn.factory.spec, fn.factory.name, name, args, node.arguments.map(isPersonRecord), node.arguments.map(isVariable), fn.factory.urls);
    return { ...importedResult(a, node, fn.factory.spec, fn.factory.name, args, name), factory: { spec: fn.factory.spec, name: `${fn.factory.name}()` } };
  }
  if (TRANSPARENT_FUNCTIONS.has(name)) return derived(args);
  if (/(^|\.)create(Hash|Hmac)$/.test(name)) return { hasher: true, known: true };
  if (name === 'Number' || name === 'Boolean' || name === 'parseInt' || name === 'parseFloat') return CLEAN;
  return uploadRead(a, node, undefined, name, args) ?? byCalleeName(a, node, name, []);
}

/**
 * TanStack Query's `useMutation({ mutationFn })` (also re-exported by an app's own hook): calling
 * its `mutate` or `mutateAsync` calls `mutationFn` with the same variables.
 */
function mutationOf(name: string, args: Value[]): Value | undefined {
  if (!/(^|\.)(use|create|inject)Mutation$/.test(name)) return undefined;
  const fn = args[0]?.fields?.get('mutationFn');
  return fn?.fn ? { fields: new Map([['mutate', fn], ['mutateAsync', fn]]), known: true } : undefined;
}

function methodCall(a: FileAnalyzer, node: TSESTree.CallExpression, callee: TSESTree.MemberExpression, scope: Scope): Value {
  const method = propertyName(callee) ?? '';
  const model = modelOf(a, callee, method);
  if (model) {
    evaluateArgs(a, node, scope);
    return modelResult(a, node, model, method);
  }
  if (isGlobalObject(callee.object, scope) && method) {
    const global = globalValue(a, callee, method);
    a.observer?.callee(node, global, undefined, false);
    return callValue(a, node, global, evaluateArgs(a, node, scope), method);
  }
  const object = evaluate(a, callee.object, scope);
  a.observer?.callee(node, object, method, isBound(callee.object, scope));
  // A procedure's handler gets what the client sent (`.input(schema).mutation(({ input }) => ...)`).
  const handlerArg = procedureArgument(callee, method);
  if (handlerArg) for (const arg of node.arguments) if (isFunctionExpression(arg)) a.upper.runCallback(a, arg, [handlerArg], scope);
  const name = `${calleeName(callee.object)}.${method}`;
  const multipart = multipartParse(a, node, object, method, scope);
  if (multipart) return multipart;
  if (object.factory && !object.imported && !object.vendor) {
    // `getStripe().customers.create(...)`, `analytics.capture(...)` of `const analytics = useAnalytics()`: linked with the other module.
    a.importCall(node, object.factory.spec, exportPath(object.factory.name, method), name, evaluateArgs(a, node, scope), node.arguments.map(isPersonRecord), node.arguments.map(isVariable), object.factory.urls);
  }
  if (CALLBACK_METHODS.has(method) && node.arguments.some(isFunctionExpression)) return callbackCall(a, node, object, method, scope);
  // A vendor's callback gets the vendor's objects (`Sentry.configureScope((scope) => scope.setUser(...))`).
  const args = object.vendor ? vendorArgs(a, node, object.vendor.id, scope) : evaluateArgs(a, node, scope);
  if (object.vendor) return vendorCall(a, node, { ...object.vendor, path: [...object.vendor.path, method] }, args, name);
  // Schema validators (zod, yup, joi, valibot), also ones defined in another module, give back what they were given.
  const parsed = calleeName(callee.object) === 'JSON' ? undefined : parseResult(a, node, callee, method, args);
  if (parsed) return parsed;
  const queried = queryResult(a, node, callee, object, method, args, scope);
  if (queried) {
    if (object.imported) importedCalls(a, node, importedMember(object.imported, (n) => exportPath(n, method)), args, name);
    return queried;
  }
  if (object.imported && !(LOG_METHODS.has(method) && isLoggerName(callee.object))) {
    return importedCalls(a, node, importedMember(object.imported, (n) => exportPath(n, method)), args, name);
  }
  if (object.http) return httpCall(a, node, object.http, method, args, name);
  if (object.queue) {
    if (PUBLISH_METHODS.has(method)) a.sink(node, { kind: 'unresolved', callee: name, queue: object.queue }, args);
    return { queue: object.queue, known: true };
  }
  if (object.logger || (LOG_METHODS.has(method) && (isLoggerName(callee.object) || object.fields?.get(method)?.logger))) return logCall(a, node, method, args, name);
  if (object.hasher && (method === 'update' || method === 'digest')) return { ...derived([object, ...args]), hasher: true };
  if (object.mime && MIME_METHODS.has(method)) return { ...derived([object]), mime: true };
  if (object.fields?.get(method)?.fn) return a.upper.invokeLocal(a, object.fields.get(method)!.fn!, args, node);
  if ((object.input || object.request) && (method === 'get' || method === 'header' || method === 'getAll')) {
    const key = node.arguments[0];
    return key?.type === 'Literal' ? inputField(a, object.input ?? 'request headers', String(key.value), key) : UNKNOWN;
  }
  if (object.request && ['json', 'formData', 'text', 'valid'].includes(method)) return { input: 'request body', container: true, known: true };
  mutate(a, callee, object, method, args, scope);
  const element = elementByName(a, node, method);
  if (element) return element;
  return builtinMethod(a, node, callee, object, method, args);
}

/** Methods that put their last argument into the collection they are called on. */
const ADDING_METHODS = new Set(['push', 'unshift', 'add', 'set', 'append']);

/**
 * `list.push(user.email)`, `params.set('memberId', id)`, `form.append('phone', phone)`: the
 * variable holds what was put in, under its key when the key is a literal.
 */
function mutate(a: FileAnalyzer, callee: TSESTree.MemberExpression, object: Value, method: string, args: Value[], scope: Scope): void {
  if (!ADDING_METHODS.has(method) || callee.object.type !== 'Identifier' || args.length === 0) return;
  if (object.vendor || object.http || object.logger || object.imported || object.request || object.fn) return;
  const last = args[args.length - 1];
  if (!last.cats?.size && !last.params?.size && !last.fields && !last.container) return;
  const added = withStep(last, a.step(callee, `put into ${callee.object.name} by ${method}()`));
  const keyed = (method === 'set' || method === 'append') && args.length >= 2;
  scope.assign(callee.object.name, keyed ? { fields: new Map([[literalKey(args[0]) ?? '...', added]]), known: true } : { elements: added, known: true });
}

function literalKey(v: Value): string | undefined {
  return v.str?.complete ? v.str.text : undefined;
}

/**
 * `form.elements.namedItem('email').value`, `document.getElementById('phone').value`: an input
 * element found by its name or id, whose value is what the person typed in it.
 */
function elementByName(a: FileAnalyzer, node: TSESTree.CallExpression, method: string): Value | undefined {
  if (method !== 'namedItem' && method !== 'getElementById' && method !== 'querySelector') return undefined;
  const arg = node.arguments[0];
  if (arg?.type !== 'Literal' || typeof arg.value !== 'string') return undefined;
  const name = method === 'querySelector' ? /([A-Za-z_][\w-]*)["'\]]*$/.exec(arg.value)?.[1] : arg.value;
  if (!name) return undefined;
  const cats = a.source(arg, name.replace(/-/g, '_'), { personContext: true }, (c) => `value of the "${name}" input (${c})`);
  return cats ? { fields: new Map([['value', { cats, known: true }]]), known: true } : undefined;
}

function builtinMethod(a: FileAnalyzer, node: TSESTree.CallExpression, callee: TSESTree.MemberExpression, object: Value, method: string, args: Value[]): Value {
  const objectName = callee.object.type === 'Identifier' ? callee.object.name : '';
  const bytes = uploadRead(a, node, object, method, args) ?? sameBytes(objectName, method, args);
  if (bytes) return bytes;
  if (objectName === 'JSON' && (method === 'stringify' || method === 'parse')) return derived(args.slice(0, 1));
  if (objectName === 'Object' && method === 'assign') return join(...args);
  // Of a parameter whose fields are not known here, the entries carry the parameter (for its callers to say what it holds).
  if (objectName === 'Object' && (method === 'values' || method === 'entries')) return { elements: args[0]?.fields ? join(...args[0].fields.values()) : args[0]?.params ? { params: args[0].params, known: false } : UNKNOWN, known: true };
  if (objectName === 'Object' && method === 'keys') return CLEAN;
  if (objectName === 'Object' && method === 'fromEntries') return derived(args.slice(0, 1));
  if (objectName === 'Buffer' && method === 'from') return derived(args.slice(0, 1));
  if (objectName === 'Array' && method === 'from') return args[0] ?? UNKNOWN;
  if (objectName === 'Promise' && (method === 'resolve' || method === 'all')) return args[0] ?? UNKNOWN;
  if (method === 'push' || method === 'unshift') return object;
  if (CLEAN_RESULTS.has(method)) return CLEAN;
  // `email.split('@')[1]` is the email's domain, not the person's address.
  if (method === 'split' && args[0]?.str?.text === '@') return { elements: derived([object]), emailParts: true, known: true };
  if (object.emailParts && (method === 'pop' || (method === 'at' && node.arguments[0]?.type === 'UnaryExpression'))) return CLEAN;
  // `name.split(' ')[0]` is the first name, `.pop()` or `.at(-1)` the last.
  if (method === 'split' && args[0]?.str?.text === ' ' && object.cats?.has(PERSON_NAME)) return { elements: derived([object]), nameParts: true, known: true };
  if (object.nameParts && (method === 'pop' || (method === 'at' && node.arguments[0]?.type === 'UnaryExpression'))) return namePart(a, object.elements, 'last', node);
  if (object.nameParts && method === 'shift') return namePart(a, object.elements, 'first', node);
  // `url.toString()` is the URL it was: its known beginning says where a request goes.
  if ((method === 'toString' || method === 'valueOf' || method === 'toJSON') && args.length === 0) return derived([object], object.str);
  if (TRANSPARENT_METHODS.has(method)) return method === 'split' ? { elements: derived([object]), known: true } : derived([object, ...args]);
  return byCalleeName(a, node, method, qualifierTokens(callee.object));
}

/**
 * The value a schema validates, with what the schema itself says: a Zod object schema of this
 * module gives its fields' categories, one imported from another module its exported shape.
 */
function withSchema(a: FileAnalyzer, node: TSESTree.CallExpression, callee: TSESTree.MemberExpression, input: Value): Value {
  if (callee.object.type !== 'Identifier') return input;
  const name = callee.object.name;
  const init = a.localConstant(name);
  const fields = init ? zodFields(init) : undefined;
  const from = init ? undefined : a.importedNames.get(name);
  const shape: Value | undefined = fields
    ? fieldsRecord(a, fields, name, name)
    : from ? { record: { spec: from.spec, name: from.name, trace: [a.step(node, `validated by ${name}, whose fields ${from.spec} declares`)] }, known: false } : undefined;
  return shape ? join(input, shape) : input;
}

/** What a schema validator's `parse` or `safeParse` gives back: what it was given. */
function parseResult(a: FileAnalyzer, node: TSESTree.CallExpression, callee: TSESTree.MemberExpression, method: string, args: Value[]): Value | undefined {
  if (args.length === 0 || !(PARSE_METHODS.has(method) || SAFE_PARSE_METHODS.has(method))) return undefined;
  const validated = withSchema(a, node, callee, args[0]);
  if (PARSE_METHODS.has(method)) return validated;
  return { fields: new Map([['data', validated], ['value', validated], ['output', validated]]), known: false };
}

/** An unknown function's result: personal data only when its name says so (`getEmail()`). */
function byCalleeName(a: FileAnalyzer, node: TSESTree.CallExpression, name: string, qualifiers: string[]): Value {
  const method = name.replace(/^.*\./, '');
  const words = tokenize(method);
  // One-word verbs (`post`, `send`, `track`) say what a call does, not what it returns; so do
  // setters and actions (`setPassword('')`, `requestVerificationEmail()`, `addCookies()`).
  if (words.length < 2 || NO_RESULT_VERBS.has(words[0])) return UNKNOWN;
  const start = GETTER_VERBS.has(words[0]) ? 1 : 0;
  // `findUserByEmail()` returns a user, `selectMemoriesForEmail()` memories: what follows a preposition only qualifies it.
  const cut = words.findIndex((w, i) => i > start && PREPOSITIONS.has(w));
  const noun = words.slice(start, cut < 0 ? words.length : cut);
  if (noun.length === 0) return UNKNOWN;
  const cats = a.source(node, noun, { qualifiers }, (c) => `${name}() (${c} by its name)`);
  return cats ? { cats, known: true } : UNKNOWN;
}

/** Verbs a function's name starts with when what it returns is what it names (`getEmail()`). */
const GETTER_VERBS = new Set(['get', 'fetch', 'load', 'read', 'find', 'lookup', 'resolve']);
/** Verbs of functions that act, or set, rather than return what their name names. */
const NO_RESULT_VERBS = new Set(['set', 'reset', 'clear', 'remove', 'delete', 'send', 'request', 'validate', 'verify', 'check', 'is', 'has', 'can', 'should', 'handle', 'on', 'add', 'toggle', 'show', 'hide', 'open', 'close', 'track', 'log', 'notify', 'invalidate', 'refresh', 'revoke', 'unsubscribe', 'subscribe']);
/** Words after which a function's name says what its result is for or by, not what it is. */
const PREPOSITIONS = new Set(['for', 'by', 'from', 'with', 'of', 'to', 'in', 'on', 'at', 'via']);

/** A call into another module: recorded to be linked with that module's summary; the result is known by its name only. */
/** A call of another module's export, and of each export the value may be instead (one backend or another). */
function importedCalls(a: FileAnalyzer, node: TSESTree.CallExpression, imported: ImportedRef, args: Value[], name: string): Value {
  const first = importedCall(a, node, imported.spec, imported.name, args, name);
  return imported.or ? join(first, ...imported.or.map((o) => importedCall(a, node, o.spec, o.name, args, name))) : first;
}

function importedCall(a: FileAnalyzer, node: TSESTree.CallExpression, spec: string, exportName: string, args: Value[], name: string): Value {
  if (spec === 'ai') return aiSdkCall(a, node, exportName, args, name);
  // Next.js's request APIs of server components and actions: the request's headers and cookies.
  if (spec === 'next/headers' && (exportName === 'headers' || exportName === 'cookies')) return { input: exportName === 'headers' ? 'request headers' : 'request cookies', container: true, known: true };
  // NextAuth's client sign-in posts what it is given (`signIn('credentials', { username, password })`,
  // `signIn('email', { email })`) to the app's own auth API.
  if (spec === 'next-auth/react' && exportName === 'signIn') {
    a.sink(node, { kind: 'http', callee: name, hostStatus: 'relative' }, args.slice(1));
    return { known: true };
  }
  if (spec === 'morgan' && (exportName === '' || exportName === 'default')) return accessLog(a, node, args, name);
  if (spec === 'react' && exportName === 'useState') return reactState(a, node, args);
  // `useCallback(fn, deps)` is `fn`; `useMemo(() => value, deps)` is `value`.
  if (spec === 'react' && exportName === 'useCallback' && args[0]?.fn) return args[0];
  if (spec === 'react' && exportName === 'useMemo' && args[0]?.fn) return a.upper.invokeLocal(a, args[0].fn, [], node);
  a.importCall(node, spec, exportName, name, args, node.arguments.map(isPersonRecord), node.arguments.map(isVariable));
  // What an email template or renderer gives back is the page it renders: the data of its props
  // (`render(WelcomeEmail({ fullName }))`, `renderAsync(<Invite email={email} />)`), never the template's name.
  if (RENDERERS.has(exportName) || isComponentName(exportName) || isComponentName(name) || (TEMPLATE_ENGINES.has(spec) && /(^|\.)render\w*$/.test(exportName))) return { ...derived(args), factory: { spec, name: `${exportName}()` } };
  const urls = urlArguments(args);
  return { ...importedResult(a, node, spec, exportName, args, name), factory: { spec, name: `${exportName}()`, ...(urls ? { urls } : {}) } };
}

/**
 * The result of a call into another module: known by its name (`getEmail()`), and taken to carry
 * its arguments' data (`buildPath(path, params)`, `presentUser(user)`), each piece marked with the
 * call so that linking keeps it only where the callee's summary says it returns that argument.
 */
function importedResult(a: FileAnalyzer, node: TSESTree.CallExpression, spec: string, exportName: string, args: Value[], name: string): Value {
  const byName = byCalleeName(a, node, name, []);
  const returned = returnedArguments(args, (arg, field) => ({ ...a.step(node, `returned by ${name}() (${spec})`), via: { spec, name: exportName, arg, ...(field !== undefined ? { field } : {}) } }));
  return returned ? join(byName, returned) : byName;
}

/** Template engines: what `render*` gives back, and what the functions `compile` makes give back, is their data rendered. */
const TEMPLATE_ENGINES = new Set(['handlebars', 'mustache', 'ejs', 'pug', 'nunjucks', 'eta', 'liquidjs', 'lodash.template', 'dot', 'hogan.js', 'squirrelly']);

/** Functions that render a component or template to HTML or text. */
const RENDERERS = new Set(['render', 'renderAsync', 'renderToString', 'renderToStaticMarkup', 'renderToReadableStream', 'renderToPipeableStream', 'toPlainText']);

/** `WelcomeEmail`, `default` of a template module: a component called as a function renders its props. */
function isComponentName(exportName: string): boolean {
  const last = exportName.replace(/^.*[.#]/, '');
  return /^[A-Z][a-z0-9]+[A-Z]?[A-Za-z0-9]*$/.test(last) && /(Email|Mail|Template|Message|Notification|Page|View)$/.test(last);
}

/**
 * React state: `const [form, setForm] = useState<SignupForm>({ name: '', email: '' })`. The state
 * is the declared type's record, or, for an object of empty initial values, what its field names
 * say in the person's own input (a form's fields: `name`, `email`, `password`).
 */
function reactState(a: FileAnalyzer, node: TSESTree.CallExpression, args: Value[]): Value {
  const declared = declaredValue(a, node.typeArguments?.params[0], 'state');
  let state = args[0] ?? UNKNOWN;
  if (state.fields) {
    // The state's empty fields (`{ email: '', name: '' }`, also a constant such as EMPTY_FORM) hold
    // what the person will type: they are known by their names, a lone `name` only beside a
    // field that is a person's by itself (`{ name: '', color: '' }` is a collection's).
    const fields = new Map(state.fields);
    const empty = [...state.fields].filter(([, field]) => !field.cats && isEmptyValue(field)).map(([key]) => key);
    const personContext = isPersonForm(a.config.matcher, empty);
    for (const key of empty) {
      const cats = a.source(node, key, { personContext }, (c) => `${key} of a form's state (${c})`);
      if (cats) fields.set(key, { cats, known: true });
    }
    state = { ...state, fields };
  }
  // A primitive initial value (`useState('')`) says nothing: the state is known by the name it is given.
  if (!state.fields) state = UNKNOWN;
  return { elements: declared ? join(declared, state) : state, known: true };
}

/** An initial value with nothing in it: an empty string, a boolean, a number, null. */
function isEmptyValue(v: Value): boolean {
  if (v.str) return v.str.complete && v.str.text === '';
  return v.known === true && !v.fields && !v.elements && !v.cats && !v.vendor && !v.imported && !v.fn;
}

/** Vercel AI SDK calls that send what people wrote to the model's provider. */
const AI_SDK_CALLS = new Set(['generateText', 'streamText', 'generateObject', 'streamObject', 'embed', 'embedMany', 'experimental_generateSpeech', 'experimental_transcribe', 'generateImage', 'experimental_generateImage']);
/** What an AI SDK call's options send: the prompt and messages people wrote, the system text, and the values embedded. */
const AI_SDK_CONTENT = ['prompt', 'system', 'messages', 'value', 'values', 'audio', 'text'];

/**
 * A call of the Vercel AI SDK (`ai`): `generateText({ model: openai('gpt-4o'), prompt })` sends the
 * prompt, messages and system text to the model's provider. A model id as a string goes to the
 * AI SDK's default provider, the Vercel AI Gateway; a model chosen elsewhere (a variable of unknown
 * origin) is a flow the engine cannot follow. `wrapLanguageModel({ model })` keeps the model.
 */
function aiSdkCall(a: FileAnalyzer, node: TSESTree.CallExpression, exportName: string, args: Value[], name: string): Value {
  const options = args[0];
  if (exportName === 'wrapLanguageModel') return options?.fields?.get('model') ?? UNKNOWN;
  if (!AI_SDK_CALLS.has(exportName)) return derived(args);
  const model = options?.fields?.get('model');
  const content = options?.fields ? AI_SDK_CONTENT.map((k) => options.fields!.get(k)).filter((v): v is Value => v !== undefined) : args;
  const vendors = model?.vendor ? recipientsOf(model.vendor) : model?.str?.complete && model.str.text.includes('/') ? ['vercel-ai-gateway'] : [];
  const written = writtenText(a, node.arguments[0], options);
  const sent = [...content, ...written.values, ...spreadContent(options, written.params)];
  if (vendors.length > 0) {
    // A model chosen among providers (one of several `case`s) sends to each of them.
    for (const vendor of vendors) {
      a.vendorUse(node, vendor, 'call');
      a.sink(node, { kind: 'vendor', callee: name, vendor }, sent, written.params);
    }
  } else {
    a.sink(node, { kind: 'unresolved', callee: name, reason: 'to an AI model chosen at run time' }, sent, written.params);
  }
  return { known: true };
}

/**
 * `generateText({ ...options, model })` in a wrapper: the options a caller passed (a parameter
 * spread whole into the call's own) send their prompt, messages and system text to the model, and
 * the prompt and messages are what a person wrote. Adds those roles to `roles`.
 */
function spreadContent(options: Value | undefined, roles: Map<string, string>): Value[] {
  const spread = options?.fields?.get('...');
  if (!spread?.params) return [];
  const params = new Map<string, Trace>();
  for (const [key, trace] of spread.params) {
    for (const field of ['prompt', 'messages', 'system']) {
      if (options!.fields!.has(field)) continue;
      params.set(`${key}.${field}`, trace);
      if (field !== 'system') roles.set(`${key}.${field}`, 'user.content.private');
    }
  }
  return params.size > 0 ? [{ params, known: true }] : [];
}

/**
 * What a person wrote, by its place in an AI SDK call: the `prompt`, and the `content` of messages
 * that are not the system's, when not fixed in the code and carrying no category of their own.
 */
function writtenText(a: FileAnalyzer, expr: TSESTree.Node | undefined, options: Value | undefined): { values: Value[]; params: Map<string, string> } {
  const out = { values: [] as Value[], params: new Map<string, string>() };
  if (expr?.type !== 'ObjectExpression') return out;
  const take = (node: TSESTree.Node, field: Value | undefined, key: string): void => {
    // A prompt another module's helper built (`buildTitlePrompt(metrics)`) carries what that helper was given, no more.
    if (isConstant(node) || field?.factory || [...(field?.cats?.keys() ?? [])].some((c) => c !== 'user')) return;
    out.values.push({ cats: a.fixedSource(node, 'user.content.private', `${key}: text given to the model (user.content.private)`), known: true });
    for (const param of collectParams(field).keys()) out.params.set(param, 'user.content.private');
  };
  for (const p of expr.properties) {
    if (p.type !== 'Property' || p.computed || p.key.type !== 'Identifier') continue;
    if (p.key.name === 'prompt') take(p.value, options?.fields?.get('prompt'), 'prompt');
    if (p.key.name !== 'messages' || p.value.type !== 'ArrayExpression') continue;
    for (const m of p.value.elements) {
      if (m?.type !== 'ObjectExpression') continue;
      const role = m.properties.find((q): q is TSESTree.Property => q.type === 'Property' && q.key.type === 'Identifier' && q.key.name === 'role');
      if (role?.value.type === 'Literal' && role.value.value === 'system') continue;
      const text = m.properties.find((q): q is TSESTree.Property => q.type === 'Property' && q.key.type === 'Identifier' && q.key.name === 'content');
      if (text) take(text.value, options?.fields?.get('messages')?.elements?.fields?.get('content'), 'content');
    }
  }
  return out;
}

const MODEL_READS = new Set(['findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'create', 'update', 'upsert', 'delete']);

/** `prisma.user.findUnique(...)`: the model accessor of a Prisma client call, when the workspace has that model. */
function modelOf(a: FileAnalyzer, callee: TSESTree.MemberExpression, method: string): string | undefined {
  if (!MODEL_READS.has(method) || callee.object.type !== 'MemberExpression') return undefined;
  const accessor = propertyName(callee.object);
  if (!accessor || !a.config.models[accessor]) return undefined;
  const client = qualifierTokens(callee.object.object);
  return client.some((w) => w === 'prisma' || w === 'db' || w === 'tx' || w === 'client') ? accessor : undefined;
}

/** A record read through a model: its fields carry their categories; relations one level deep. */
function modelResult(a: FileAnalyzer, node: TSESTree.Node, accessor: string, method: string): Value {
  const record = modelRecord(a, node, accessor, 1);
  return method === 'findMany' ? { elements: record, known: true } : record;
}


/** Query methods of repositories and models, and whether they return a list. */
const QUERY_METHODS: Record<string, 'one' | 'many'> = {
  findOne: 'one', findOneBy: 'one', findOneOrFail: 'one', findOneByOrFail: 'one', findById: 'one', findByPk: 'one',
  findOneAndUpdate: 'one', findByIdAndUpdate: 'one', findFirst: 'one', findUnique: 'one', save: 'one', create: 'one',
  preload: 'one', merge: 'one', upsert: 'one',
  find: 'many', findBy: 'many', findAll: 'many', findMany: 'many', findAndCount: 'many', findAndCountAll: 'many',
};
/** Methods of a Drizzle query that keep its rows' table. */
const QUERY_CHAIN = new Set([
  'where', 'limit', 'offset', 'orderBy', 'groupBy', 'having', 'returning', 'execute', 'values', 'set', 'leftJoin',
  'innerJoin', 'rightJoin', 'fullJoin', 'all', 'get', 'prepare', 'lean', 'exec', 'populate', 'select', 'sort', 'skip',
]);

/**
 * Records read through a model of another module: `this.users.findOneBy(...)` on a
 * `Repository<User>`, `User.findById(...)` on an imported Mongoose or Sequelize model,
 * `db.select().from(users)` and `db.query.users.findFirst()` on an imported Drizzle table.
 */
function queryResult(a: FileAnalyzer, node: TSESTree.CallExpression, callee: TSESTree.MemberExpression, object: Value, method: string, args: Value[], scope: Scope): Value | undefined {
  const kind = QUERY_METHODS[method];
  let model = object.repository;
  if (!model && kind && object.imported && callee.object.type === 'Identifier' && /^[A-Z]/.test(callee.object.name)) model = a.importedNames.get(callee.object.name);
  if (!model && kind && callee.object.type === 'MemberExpression') {
    // `db.query.users.findFirst()`: the table is the import of that name.
    const table = propertyName(callee.object);
    const owner = callee.object.object;
    if (table && owner.type === 'MemberExpression' && propertyName(owner) === 'query' && scope.lookup(table)?.imported) model = a.importedNames.get(table);
  }
  if (model && kind) {
    const record: Value = { record: { spec: model.spec, name: model.name, trace: [a.step(node, `a ${model.name} record read through ${calleeName(callee)}()`)] }, known: false };
    // The query may go on (`User.findById(id).lean()`): the value remembers its model.
    return kind === 'many' ? { elements: record, repository: model, known: true } : { ...record, repository: model };
  }
  // Drizzle: `db.select().from(users)`, `db.insert(users).values(...).returning()`.
  if (['from', 'insert', 'update', 'delete'].includes(method) && node.arguments[0]?.type === 'Identifier' && args[0]?.imported) {
    const table = a.importedNames.get(node.arguments[0].name);
    if (table) return { elements: { record: { spec: table.spec, name: table.name, trace: [a.step(node, `rows of ${node.arguments[0].name} read through ${calleeName(callee)}()`)] }, known: false }, repository: table, known: true };
  }
  if (object.repository && (object.record || object.elements?.record) && QUERY_CHAIN.has(method)) return object;
  return undefined;
}

/** An argument that is a variable or a property (`form`, `state.values`), not a literal or a call. */
function isVariable(arg: TSESTree.Node): boolean {
  if (arg.type === 'TSAsExpression' || arg.type === 'TSNonNullExpression' || arg.type === 'ChainExpression') return isVariable(arg.expression);
  return arg.type === 'Identifier' || arg.type === 'MemberExpression';
}

/** An argument that names a person's record (`user`, `order.customer`): its fields are personal data. */
function isPersonRecord(arg: TSESTree.Node): boolean {
  if (arg.type === 'ObjectExpression') return arg.properties.some((p) => p.type === 'SpreadElement' && isPersonRecord(p.argument));
  if (arg.type === 'TSAsExpression' || arg.type === 'TSNonNullExpression') return isPersonRecord(arg.expression);
  const name = arg.type === 'Identifier' ? arg.name : arg.type === 'MemberExpression' ? propertyName(arg) : undefined;
  return name !== undefined && tokenize(name).some(isPersonWord);
}

function vendorCall(a: FileAnalyzer, node: TSESTree.CallExpression, ref: VendorRef, args: Value[], name: string): Value {
  const vendor = a.config.vendors.byId(ref.id);
  const recipients = recipientsOf(ref);
  for (const id of recipients) a.vendorUse(node, id, 'call');
  if (vendor && !ref.models && sendsData(a, vendor, ref.path, node)) {
    const roles = roleValues(a, vendor, node, args);
    const sent = args.map((v, i) => withoutVendorIds(node.arguments[i], v, vendor));
    for (const id of recipients) a.sink(node, { kind: 'vendor', callee: name, vendor: id }, [...sent, ...roles.values], roles.params);
  }
  // Builders keep what they were given (`new amplitude.Identify().set('email', user.email)`).
  const data = derived(args);
  const transport = ref.path[ref.path.length - 1] === 'createTransport' && vendor?.kind === 'email' ? mailTransport(a, args[0]) : undefined;
  const made: VendorRef = transport ? { id: ref.id, path: [], recipients: [transport] } : { id: ref.id, path: [], ...(ref.recipients ? { recipients: ref.recipients } : {}), ...(ref.models ? { models: ref.models } : {}) };
  return { vendor: made, cats: data.cats, params: data.params, known: true };
}

/** nodemailer's well-known services (`createTransport({ service: 'gmail' })`) and the catalog's vendor for each. */
const MAIL_SERVICES: Record<string, string> = {
  gmail: 'google-workspace', googlemail: 'google-workspace',
  sendgrid: 'sendgrid', mailgun: 'mailgun', postmark: 'postmark', ses: 'aws', 'ses-us-east-1': 'aws', 'ses-us-west-2': 'aws', 'ses-eu-west-1': 'aws',
  mailjet: 'mailjet', sendinblue: 'brevo', brevo: 'brevo', zoho: 'zoho', sparkpost: 'sparkpost', mandrill: 'mailchimp',
};

/**
 * Where a nodemailer transport delivers: Amazon SES for an `SES` transport, the vendor of a known
 * `service` or `host`, else the SMTP server the configuration names (the SDK's own entry).
 */
function mailTransport(a: FileAnalyzer, options: Value | undefined): string | undefined {
  const fields = options?.fields;
  if (!fields) return undefined;
  if (fields.has('SES') || fields.has('sesClient')) return a.config.vendors.byId('aws') ? 'aws' : undefined;
  const service = fields.get('service')?.str;
  if (service?.complete) {
    const id = MAIL_SERVICES[service.text.toLowerCase().replace(/[\s_]/g, '')];
    if (id && a.config.vendors.byId(id)) return id;
  }
  const host = fields.get('host')?.str;
  if (host?.complete) return a.config.vendors.forHost(host.text.toLowerCase())?.id;
  return undefined;
}

/** Ids a payments or billing vendor issued itself (`customerId`, `subscription_id`): sent back to it, they are not the person's. */
const ISSUED_ID = /(customer|subscription|price|product|invoice|payment intent|payment method|checkout session|charge|plan|account|connected account|session) id$/;

/**
 * An id the vendor issued (`stripe.customers.update(customerId, ...)`, `{ customer: user.stripeCustomerId }`,
 * `posthogDistinctId` to PostHog is not: it names the vendor but the app chose it) is the vendor's
 * own, not the person's data: an argument, or a property of an object argument, whose name says so.
 */
function withoutVendorIds(arg: TSESTree.Node | undefined, value: Value, vendor: VendorDef): Value {
  if (!arg) return value;
  if (isVendorId(arg, vendor)) return CLEAN;
  if (arg.type !== 'ObjectExpression' || !value.fields) return value;
  let fields: Map<string, Value> | undefined;
  for (const p of arg.properties) {
    if (p.type !== 'Property' || p.computed || p.key.type !== 'Identifier') continue;
    if (!isVendorId(p.value, vendor) && !isVendorId(p.key, vendor, p.value)) continue;
    fields ??= new Map(value.fields);
    fields.set(p.key.name, CLEAN);
  }
  return fields ? { ...value, fields } : value;
}

/** Keys (as words) of a messaging vendor's API calls that hold the ids of the vendor's own users. */
const MESSAGING_USER_KEYS = new Set(['user', 'user id', 'users']);

function isVendorId(node: TSESTree.Node, vendor: VendorDef, valueNode?: TSESTree.Node): boolean {
  const words = (valueNode ? [] : qualifierTokens(node)).concat(node.type === 'Identifier' ? tokenize(node.name) : node.type === 'MemberExpression' ? tokenize(propertyName(node) ?? '') : []);
  if (words.length === 0) return false;
  const text = words.join(' ');
  if (words.includes(vendor.id) && words[words.length - 1] === 'id') return !/distinct id$/.test(text);
  // `{ customer: 'cus_...' }` keys of payment vendors hold the ids they issued, when the value is an id too.
  if (valueNode && ['customer', 'subscription', 'price', 'invoice'].includes(text)) return isVendorId(valueNode, vendor) || /id$/.test(tokenize(valueNode.type === 'Identifier' ? valueNode.name : valueNode.type === 'MemberExpression' ? propertyName(valueNode) ?? '' : '').join(' '));
  // A messaging workspace's API takes its own members' ids (`views.publish({ user_id })`, `users.conversations({ user })`).
  if (valueNode && vendor.kind === 'messaging' && MESSAGING_USER_KEYS.has(text)) return true;
  return (vendor.kind === 'payments' || vendor.kind === 'identity') && ISSUED_ID.test(text);
}

/**
 * Whether a call on a vendor sends data: its method path is one of the vendor's `sends`; calling a
 * PascalCase named export (`FullStory(...)`) is calling the vendor itself; and command-style calls
 * (`Intercom('boot', ...)`, `FS('setIdentity', ...)`) also match on their command.
 */
function sendsData(a: FileAnalyzer, vendor: VendorDef, path: string[], node: TSESTree.CallExpression): boolean {
  const vendors = a.config.vendors;
  if (vendors.sends(vendor, path)) return true;
  const callsVendor = path.length === 0 || (path.length === 1 && /^[A-Z]/.test(path[0]));
  if (callsVendor && vendors.sends(vendor, [])) return true;
  const command = node.arguments[0];
  return callsVendor && command?.type === 'Literal' && typeof command.value === 'string' && vendors.sends(vendor, [command.value]);
}

/** morgan's predefined formats, by name (`morgan('combined')`); `default` is what `morgan()` writes. */
const MORGAN_FORMATS: Record<string, string> = {
  combined: ':remote-addr - :remote-user [:date[clf]] ":method :url HTTP/:http-version" :status :res[content-length] ":referrer" ":user-agent"',
  common: ':remote-addr - :remote-user [:date[clf]] ":method :url HTTP/:http-version" :status :res[content-length]',
  default: ':remote-addr - :remote-user [:date] ":method :url HTTP/:http-version" :status :res[content-length] ":referrer" ":user-agent"',
  short: ':remote-addr :remote-user :method :url HTTP/:http-version :status :res[content-length] - :response-time ms',
  dev: ':method :url :status :response-time ms - :res[content-length]',
  tiny: ':method :url :status :res[content-length] - :response-time ms',
};

/** The tokens of an access-log format that write something of the person making the request. */
const ACCESS_LOG_TOKENS: readonly [RegExp, string, string][] = [
  [/:remote-addr\b|:req\[x-(forwarded-for|real-ip)\]/i, 'user.device.ip_address', "the client's IP address"],
  [/:user-agent\b|:req\[user-agent\]/i, 'user.device', "the client's user agent"],
  [/:remote-user\b/, 'user.account.username', "the user name of the request's basic authentication"],
  [/:req\[cookie\]/i, 'user.device.cookie', "the request's cookies"],
  [/:req\[authorization\]/i, 'user.authorization.credentials', "the request's Authorization header"],
];

/**
 * An access-log middleware (`app.use(morgan(':remote-addr :method :url'))`): a log written for every
 * request, with what its format's tokens take from the request. A format given as a function or
 * held where it cannot be read writes nothing known.
 */
function accessLog(a: FileAnalyzer, node: TSESTree.CallExpression, args: Value[], name: string): Value {
  const arg = node.arguments[0];
  const given = arg ? stringOf(args[0]) : { text: 'default', complete: true };
  const format = given?.complete ? MORGAN_FORMATS[given.text] ?? given.text : undefined;
  const at = arg ?? node;
  const written = format === undefined ? [] : ACCESS_LOG_TOKENS.filter(([token]) => token.test(format));
  const value = join(...written.map(([, category, what]) => ({ cats: a.fixedSource(at, category, `${what}, in the access log's format (${category})`), known: true })));
  if (written.length > 0) a.sink(node, { kind: 'log', callee: name }, [value]);
  return { known: true };
}

function logCall(a: FileAnalyzer, node: TSESTree.CallExpression, method: string, args: Value[], name: string): Value {
  if (LOG_METHODS.has(method)) a.sink(node, { kind: 'log', callee: name }, args);
  return { logger: true, known: true };
}

/** `window`, `globalThis`, `self` (also as `(window as any)`), when not shadowed by a local. */
function isGlobalObject(node: TSESTree.Node, scope: Scope): boolean {
  const inner = node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression' ? node.expression : node;
  return inner.type === 'Identifier' && GLOBAL_OBJECTS.has(inner.name) && !scope.lookup(inner.name);
}

function isLoggerName(node: TSESTree.Node): boolean {
  const words = qualifierTokens(node);
  const last = words[words.length - 1];
  return last === 'logger' || last === 'log' || last === 'logging' || last === 'console';
}

function callbackCall(a: FileAnalyzer, node: TSESTree.CallExpression, object: Value, method: string, scope: Scope): Value {
  const promise = method === 'then' || method === 'catch' || method === 'finally';
  const callee = node.callee as TSESTree.MemberExpression;
  const element = promise ? object : elementOf(object, callee.object);
  let result: Value = UNKNOWN;
  node.arguments.forEach((arg, i) => {
    // `.catch(err => ...)` and `.then(ok, err => ...)` get the rejection, `.finally()` nothing: not the promised value.
    const given = promise && (method !== 'then' || i > 0) ? UNKNOWN : element;
    if (isFunctionExpression(arg)) {
      const value = a.upper.runCallback(a, arg, [given], scope);
      if (i === 0) result = value;
    } else evaluate(a, arg, scope);
  });
  if (method === 'map' || method === 'flatMap') return { elements: result, known: true };
  if (method === 'filter' || method === 'find' || method === 'findLast') return method === 'filter' ? object : element;
  if (method === 'then') return result;
  // A caught promise gives the promised value (or the handler's).
  if (method === 'catch' || method === 'finally') return object;
  return CLEAN;
}

/** An element of a collection; the elements of `users` or `patients` are people's records. */
export function elementOf(collection: Value, node: TSESTree.Node): Value {
  const own = collection.elements ?? (collection.cats ? { cats: collection.cats, known: true } : UNKNOWN);
  // An element of a summarised parameter is that parameter for its callers (`for (const s of subscribers) send(s.email)`).
  const element = collection.params && !own.params ? { ...own, params: collection.params } : own;
  const name = node.type === 'Identifier' ? node.name : node.type === 'MemberExpression' ? propertyName(node) : undefined;
  const words = name ? tokenize(name) : [];
  const plural = words.length > 0 ? words[words.length - 1].replace(/s$/, '') : '';
  return plural && isPersonWord(plural) ? { ...element, person: true } : element;
}

/** A composed message's methods whose result is the message: the MIME tree, its bytes, a stream of them. */
const MIME_METHODS = new Set(['compile', 'build', 'createReadStream', 'buildAsync']);

/**
 * `new MailComposer({ to, subject, html })`: the raw message carries what its options do, and its
 * recipients (`to`, `cc`, `bcc`, `replyTo`) are email addresses whatever they are called.
 */
function composedMessage(a: FileAnalyzer, node: TSESTree.NewExpression, args: Value[]): Value {
  const email = a.config.vendors.byId('smtp');
  const roles = email ? valueRoles(a, node, email, args) : [];
  return { ...derived([...args, ...roles]), mime: true, known: true };
}

/** `new X(...)`: vendor clients, FormData and URL objects; other constructors are unknown. */
export function evaluateNew(a: FileAnalyzer, node: TSESTree.NewExpression, scope: Scope): Value {
  const ctor = evaluate(a, node.callee, scope);
  const args = evaluateArgs(a, node, scope);
  const name = calleeName(node.callee);
  runPassedFunctions(a, node, scope);
  // A vendor's request object (`new SendEmailRequest({ to: email })`) carries its arguments' data.
  if (ctor.instance) return { fields: ctor.instance, known: false };
  if (ctor.vendor) {
    const data = derived(args);
    const last = ctor.vendor.path[ctor.vendor.path.length - 1];
    if (last && UPLOAD_CONSTRUCTORS.has(last)) a.sink(node, { kind: 'vendor', callee: name, vendor: ctor.vendor.id }, args);
    return { vendor: { id: ctor.vendor.id, path: [] }, cats: data.cats, params: data.params, known: true };
  }
  if (ctor.logger) return { logger: true, known: true };
  if (ctor.queue) return { queue: ctor.queue, known: true };
  if (ctor.imported && MIME_COMPOSERS.has(ctor.imported.spec)) return composedMessage(a, node, args);
  if (ctor.imported) return { imported: { spec: ctor.imported.spec, name: `${ctor.imported.name || 'default'}#` }, known: true };
  if (ctor.http) return { http: { lib: ctor.http.lib, base: stringOf(args[0]) ?? stringOf(args[0]?.fields?.get('uri') ?? args[0]?.fields?.get('url')) }, known: true };
  // `new FormData(form)` holds what the form's fields collect.
  if (name === 'FormData') return { input: 'form data', cats: args.length > 0 ? a.formCategories() : undefined, known: true };
  // `new URLSearchParams(location.search)`, `new URLSearchParams(url.search)`: the query string a link carried.
  if (name === 'URLSearchParams') return args[0] && !args[0].fields && !args[0].elements ? { ...derived(args), input: LINK_QUERY, container: true } : derived(args);
  // `xhr.send(body)` of a `new XMLHttpRequest()`: a request to a URL `open()` set (known only at run time here).
  if (name === 'XMLHttpRequest') return { http: { lib: 'xhr', request: {} }, known: true };
  if (name === 'URL') {
    const url = urlValue(args, node.arguments[1]);
    return url.input === REQUEST_URL ? url : { ...url, parsedUrl: true };
  }
  if (name === 'Request' || BYTES_CONSTRUCTORS.has(name)) return derived(args);
  return UNKNOWN;
}

function urlValue(args: Value[], baseNode: TSESTree.Node | undefined): Value {
  const [path, base] = args;
  if (path?.input === REQUEST_URL) return { input: REQUEST_URL, known: true };
  const text = path?.str?.text ?? '';
  const absolute = /^[a-z]+:\/\//i.test(text);
  if (base?.str && !absolute) return derived(args, { text: base.str.text.replace(/\/$/, '') + '/' + text.replace(/^\//, ''), complete: false });
  // `new URL('/api/x', window.location.origin)`: the page's own origin.
  if (baseNode && !absolute && isPageOrigin(baseNode)) return derived(args, { text: '/' + text.replace(/^\//, ''), complete: false });
  // Any other base is a host known only at run time.
  if (baseNode && !absolute) return derived(args);
  return derived(args, path?.str);
}

/** `window.location.origin`, `location.href`, `document.baseURI`, `window.location`: the page's own address. */
function isPageOrigin(node: TSESTree.Node): boolean {
  const name = calleeName(node);
  return /^((window|globalThis|self)\.)?location(\.(origin|href))?$/.test(name) || /^(window\.)?document\.(baseURI|URL|location(\.(origin|href))?)$/.test(name);
}

export { memberValue };
