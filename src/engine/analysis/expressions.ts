import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { browserGlobal } from './browser';
import type { FileAnalyzer } from './state';
import { calleeName, isInputValue, isTypeLikeName, memberValue, propertyKey, propertyName } from './members';
import { moduleValue } from './module-values';
import type { Scope } from './scope';
import { isPersonWord, tokenize } from '../core/taxonomy';
import { CLEAN, collectCategories, collectParams, derived, join, mergeCats, stringOf, UNKNOWN, withStep, type StringValue, type Trace, type Value } from './values';

type Expr = TSESTree.Node;

/** Names of request objects in handlers (`req`, `request`, Koa's `ctx`, Hono's `c.req`). */
const REQUEST_NAMES = new Set(['req', 'request', 'ctx']);
/** Names of the global object. */
export const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self', 'global']);

/** The abstract value of an expression. */
export function evaluate(a: FileAnalyzer, node: Expr | null | undefined, scope: Scope): Value {
  if (!node) return UNKNOWN;
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' ? { known: true, str: { text: node.value, complete: true } } : CLEAN;
    case 'TemplateLiteral':
      return evaluateTemplate(a, node, scope);
    case 'Identifier':
      return evaluateIdentifier(a, node, scope);
    case 'MemberExpression':
      return evaluateMember(a, node, scope);
    case 'CallExpression':
      return a.upper.evaluateCall(a, node, scope);
    case 'NewExpression':
      return a.upper.evaluateNew(a, node, scope);
    case 'ObjectExpression':
      return evaluateObject(a, node, scope);
    case 'ArrayExpression':
      return { elements: join(...node.elements.map((e) => evaluate(a, e, scope))), known: true };
    case 'BinaryExpression':
      return evaluateBinary(a, node, scope);
    case 'LogicalExpression':
      return evaluateLogical(a, node, scope);
    case 'ConditionalExpression':
      evaluate(a, node.test, scope);
      return join(evaluate(a, node.consequent, scope), evaluate(a, node.alternate, scope));
    case 'AssignmentExpression':
      return evaluateAssignment(a, node, scope);
    case 'SequenceExpression':
      return node.expressions.map((e) => evaluate(a, e, scope)).pop() ?? UNKNOWN;
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
      return a.upper.functionValue(a, node, scope, node.type === 'FunctionExpression' ? node.id?.name : undefined);
    case 'ThisExpression':
      return { fields: a.thisStack[a.thisStack.length - 1] ?? new Map(), known: false };
    case 'ImportExpression': {
      const module = node.source.type === 'Literal' ? moduleValue(String(node.source.value), a.config.vendors) : UNKNOWN;
      if (module.vendor) a.vendorUse(node, module.vendor.id, 'import');
      return module;
    }
    default:
      return evaluateOther(a, node, scope);
  }
}

function evaluateOther(a: FileAnalyzer, node: Expr, scope: Scope): Value {
  switch (node.type) {
    case 'AwaitExpression':
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
    case 'TSTypeAssertion':
    case 'SpreadElement':
      return evaluate(a, (node as { expression?: Expr; argument?: Expr }).expression ?? (node as { argument: Expr }).argument, scope);
    case 'ChainExpression':
      return evaluate(a, node.expression, scope);
    case 'UnaryExpression':
    case 'UpdateExpression':
      evaluate(a, node.argument, scope);
      return CLEAN;
    case 'YieldExpression':
      return evaluate(a, node.argument, scope);
    case 'TaggedTemplateExpression':
      return taggedTemplate(a, node, scope);
    case 'ClassExpression':
      return a.upper.walkClass(a, node, scope);
    case 'JSXElement':
      return a.upper.evaluateJsx(a, node, scope);
    case 'JSXFragment':
      return a.upper.evaluateFragment(a, node, scope);
    default:
      visitChildren(a, node, scope);
      return UNKNOWN;
  }
}

/** A tagged template: a vendor's tag (``sql`INSERT ... ${email}` ``) sends the values it interpolates. */
function taggedTemplate(a: FileAnalyzer, node: TSESTree.TaggedTemplateExpression, scope: Scope): Value {
  const tag = evaluate(a, node.tag, scope);
  const values = node.quasi.expressions.map((e) => evaluate(a, e, scope));
  if (tag.vendor) a.sink(node, { kind: 'vendor', callee: calleeName(node.tag), vendor: tag.vendor.id }, values);
  return derived(values);
}

/** Evaluates the expressions under a node the evaluator has no rule for (JSX, for example). */
export function visitChildren(a: FileAnalyzer, node: TSESTree.Node, scope: Scope): void {
  for (const key of Object.keys(node)) {
    if (key === 'parent' || key === 'loc' || key === 'range' || key === 'typeAnnotation' || key === 'returnType') continue;
    const child = (node as unknown as Record<string, unknown>)[key];
    const children = Array.isArray(child) ? child : [child];
    for (const c of children) {
      if (c && typeof c === 'object' && typeof (c as { type?: unknown }).type === 'string') {
        const n = c as TSESTree.Node;
        if (n.type === 'JSXIdentifier' || n.type === 'JSXText') continue;
        if (isExpression(n)) evaluate(a, n, scope);
        else visitChildren(a, n, scope);
      }
    }
  }
}

function isExpression(n: TSESTree.Node): boolean {
  return /Expression$|^(Identifier|Literal|TemplateLiteral)$/.test(n.type) && n.type !== 'JSXEmptyExpression' && n.type !== 'JSXExpressionContainer';
}

function evaluateTemplate(a: FileAnalyzer, node: TSESTree.TemplateLiteral, scope: Scope): Value {
  const parts = node.expressions.map((e) => evaluate(a, e, scope));
  let text = node.quasis[0].value.cooked ?? '';
  let complete = true;
  // `${API_URL}/users` with API_URL imported: the host is resolved when the modules are linked.
  const from = text === '' && parts[0] && !parts[0].str && parts[0].imported ? parts[0].imported : undefined;
  // `${path}?x` with path a summarised parameter: the host is its callers' argument's.
  const param = text === '' && !from && parts[0]?.str?.param && parts[0].str.text === '' ? parts[0].str.param : undefined;
  if (from || param) text = node.quasis[1]?.value.cooked ?? '';
  for (let i = from || param ? 1 : 0; i < parts.length && complete; i++) {
    const s = parts[i].str;
    if (s?.complete) text += s.text + (node.quasis[i + 1].value.cooked ?? '');
    else {
      if (s) text += s.text;
      complete = false;
    }
  }
  return derived(parts, from ? { text, complete, from } : param ? { text, complete: false, param } : { text, complete });
}

function evaluateIdentifier(a: FileAnalyzer, node: TSESTree.Identifier, scope: Scope): Value {
  if (node.name === 'undefined') return CLEAN;
  const bound = scope.lookup(node.name);
  if (bound) {
    if (isTypeLikeName(node.name)) return bound;
    if (bound.known) return isUnknownRecord(bound, node.name) ? wholeRecord(a, node, bound, scope) : bound;
    const byName = a.source(node, node.name, {}, (c) => `${node.name} (${c} by its name)`);
    if (byName) return { ...bound, cats: mergeCats(bound.cats, byName), known: true };
    if (!isUnknownRecord(bound, node.name)) return bound;
    // The fields the code read from it before (`user.email`) are part of the record it hands on.
    return wholeRecord(a, node, bound, scope);
  }
  return globalValue(a, node, node.name);
}

/** A person's record of unknown fields: `user`, and the categories of the fields the code read from it before. */
function wholeRecord(a: FileAnalyzer, node: TSESTree.Identifier, bound: Value, scope: Scope): Value {
  const reads = scope.readsOf(node.name);
  const cats = mergeCats(recordCategory(a, node), reads)!;
  return reads && reads.size > 0 ? { ...bound, cats, reads: new Set(reads.keys()) } : { ...bound, cats };
}

/** A bound value that is a person's record of unknown fields, by its variable's name. */
function isUnknownRecord(bound: Value, name: string): boolean {
  // What another module's function or hook gave (`const { data: user } = useUser()`) is of unknown content too.
  const unknown = !bound.known || (bound.factory !== undefined && !bound.vendor && !bound.http && !bound.fn && !bound.imported && !bound.logger);
  return unknown && !bound.cats && !bound.fields && (bound.person === true || isRecordName(name));
}

/** A variable named for one person (`user`, `customer`, `patient`) whose fields are unknown: their record. */
function isRecordName(name: string): boolean {
  const words = tokenize(name);
  return words.length === 1 && isPersonWord(words[0]) && !/^(my|me|his|her|their|personal|billing|shipping|mailing|emergency|profile)$/.test(words[0]);
}

/** The generic category of a person's whole record (fideslang `user`); not an occurrence of a specific category. */
function recordCategory(a: FileAnalyzer, node: TSESTree.Identifier): Map<string, Trace> {
  return new Map([['user', [a.step(node, `${node.name}, a person's whole record (user)`)]]]);
}

/** The value of a global (unbound) name: a vendor's browser global, fetch, console, or a plain name. */
export function globalValue(a: FileAnalyzer, node: TSESTree.Node, name: string): Value {
  const vendor = a.config.vendors.forGlobal(name);
  if (vendor) return { vendor: { id: vendor.id, path: [] }, known: true };
  if (name === 'fetch') return { http: { lib: 'fetch' }, known: true };
  if (name === 'console') return { logger: true, known: true };
  const browser = browserGlobal(name);
  if (browser) return browser;
  if (REQUEST_NAMES.has(name)) return { request: true, known: true };
  if (name === 'process' || name === 'JSON' || name === 'Object' || name === 'Math' || isTypeLikeName(name)) return CLEAN;
  return { cats: a.source(node, name, {}, (c) => `${name} (${c} by its name)`), known: true };
}

function evaluateMember(a: FileAnalyzer, node: TSESTree.MemberExpression, scope: Scope): Value {
  const prop = propertyName(node);
  const target = node.object.type === 'TSAsExpression' || node.object.type === 'TSNonNullExpression' ? node.object.expression : node.object;
  if (target.type === 'Identifier' && GLOBAL_OBJECTS.has(target.name) && !scope.lookup(target.name) && prop) {
    return globalValue(a, node, prop);
  }
  if (isEnvAccess(node.object)) return { known: true };
  const object = evaluate(a, node.object, scope);
  if (node.computed && !prop) {
    evaluate(a, node.property, scope);
    if (object.emailParts && node.property.type === 'Literal' && node.property.value !== 0) return CLEAN;
    if (object.nameParts && node.property.type === 'Literal' && node.property.value === 0) return namePart(a, object.elements, 'first', node);
    return object.elements ?? (object.cats ? { cats: object.cats, known: true } : UNKNOWN);
  }
  const read = memberValue(a, object, prop ?? '', node, node.object);
  // `user.email` of a person's record of unknown fields: the record is known to hold an email.
  const name = target.type === 'Identifier' ? target.name : undefined;
  const bound = name && read.cats ? scope.lookup(name) : undefined;
  if (name && bound && isUnknownRecord(bound, name) && !isTypeLikeName(name)) {
    const specific = new Map([...read.cats!].filter(([c]) => c !== 'user'));
    if (specific.size > 0) scope.noteRead(name, specific);
  }
  return read;
}

/** A value that can hold data put into it: not a module, client, logger or function. */
function holdsData(v: Value): boolean {
  return !v.vendor && !v.http && !v.logger && !v.queue && !v.imported && !v.fn && !v.request && !v.instance;
}

function isEnvAccess(node: TSESTree.Node): boolean {
  if (node.type !== 'MemberExpression') return false;
  const prop = propertyName(node);
  if (prop !== 'env') return false;
  return (node.object.type === 'Identifier' && node.object.name === 'process') || node.object.type === 'MetaProperty';
}

function evaluateObject(a: FileAnalyzer, node: TSESTree.ObjectExpression, scope: Scope): Value {
  const fields = new Map<string, Value>();
  let spread: Value | undefined;
  for (const p of node.properties) {
    if (p.type === 'SpreadElement') {
      const v = evaluate(a, p.argument, scope);
      for (const [k, f] of v.fields ?? []) fields.set(k, f);
      // A parameter spread whole still reaches wherever the object goes (`{ role: 'user', ...contact }`).
      if (!v.fields) spread = join(spread, v);
      else if (v.params && v.params.size > 0) spread = join(spread, { params: v.params, known: true });
      continue;
    }
    const key = propertyKey(p);
    if (p.computed) evaluate(a, p.key, scope);
    let value = evaluate(a, p.value, scope);
    if (key && !value.known && !value.cats && isOpaque(p.value)) {
      const byKey = a.source(p.key, key, {}, (c) => `stored under "${key}" (${c})`);
      if (byKey) value = { ...value, cats: byKey };
    }
    // A method of an object literal (`getHeaders() { ... }`, not an arrow function) has the object as `this`.
    if (p.value.type === 'FunctionExpression' && value.fn && !value.fn.thisFields) value.fn.thisFields = fields;
    if (key) fields.set(key, value);
  }
  if (spread) fields.set('...', spread);
  grantCredentials(a, node, fields);
  return { fields, known: true };
}

/** An OAuth token request's fields that grant access to the person's account, by the grant's type. */
const GRANT_CREDENTIALS: Record<string, string[]> = {
  authorization_code: ['code', 'code_verifier', 'codeVerifier'],
  'urn:ietf:params:oauth:grant-type:device_code': ['device_code', 'deviceCode'],
};

/**
 * `{ grant_type: 'authorization_code', code, code_verifier }`: the code (and its PKCE verifier) the
 * person's sign-in returned is a credential to their account, whatever the variable is called.
 */
function grantCredentials(a: FileAnalyzer, node: TSESTree.ObjectExpression, fields: Map<string, Value>): void {
  const grant = node.properties.find((p): p is TSESTree.Property => p.type === 'Property' && !p.computed && ['grant_type', 'grantType'].includes(propertyKey(p) ?? ''));
  const type = grant?.value.type === 'Literal' && typeof grant.value.value === 'string' ? grant.value.value : undefined;
  for (const key of (type && GRANT_CREDENTIALS[type]) || []) {
    const field = fields.get(key);
    const p = node.properties.find((q): q is TSESTree.Property => q.type === 'Property' && !q.computed && propertyKey(q) === key);
    if (!field || !p || field.cats?.size || p.value.type === 'Literal') continue;
    fields.set(key, { ...field, cats: a.fixedSource(p.value, 'user.authorization.credentials', `${key}: the OAuth grant the person's sign-in returned (user.authorization.credentials)`), known: true });
  }
}

/** An expression whose value's origin the engine cannot see (a call of an unknown function). */
function isOpaque(node: TSESTree.Node): boolean {
  if (node.type === 'AwaitExpression') return isOpaque(node.argument);
  if (node.type === 'ChainExpression' || node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression') return isOpaque(node.expression);
  return node.type === 'CallExpression' || node.type === 'NewExpression' || isInputValue(node);
}

function evaluateBinary(a: FileAnalyzer, node: TSESTree.BinaryExpression, scope: Scope): Value {
  const left = evaluate(a, node.left, scope);
  const right = evaluate(a, node.right, scope);
  if (node.operator !== '+') return CLEAN;
  return derived([left, right], concat(stringOf(left), right.str));
}

function concat(left?: StringValue, right?: StringValue): StringValue | undefined {
  if (!left) return undefined;
  if (!left.complete && !((left.from || left.param) && left.text === '')) return left;
  return right ? { ...left, text: left.text + right.text, complete: right.complete && !left.param } : { ...left, complete: false };
}

function evaluateLogical(a: FileAnalyzer, node: TSESTree.LogicalExpression, scope: Scope): Value {
  const left = evaluate(a, node.left, scope);
  const right = evaluate(a, node.right, scope);
  const v = join(left, right);
  return (left.str && !left.str.param) || !right.str ? v : { ...v, str: right.str };
}

function evaluateAssignment(a: FileAnalyzer, node: TSESTree.AssignmentExpression, scope: Scope): Value {
  const value = evaluate(a, node.right, scope);
  const target = node.left;
  if (target.type === 'MemberExpression') {
    const prop = propertyName(target);
    if (target.object.type === 'ThisExpression' && prop) a.thisStack[a.thisStack.length - 1]?.set(prop, value);
    else if (!a.upper.commonJsExport(a, target, prop, value)) {
      const object = evaluate(a, target.object, scope);
      // `payload.email = user.email`: the object now holds it (a variable's object, not a module or client).
      if (target.object.type === 'Identifier' && prop && (collectCategories(value).size > 0 || collectParams(value).size > 0 || value.record) && holdsData(object)) {
        scope.assign(target.object.name, { fields: new Map([[prop, withStep(value, a.step(target, `stored in ${target.object.name}.${prop}`))]]), known: true });
      }
    }
    return value;
  }
  const step = target.type === 'Identifier' ? a.step(target, `assigned to ${target.name}`) : undefined;
  a.upper.bindPattern(a, target, step ? withStep(value, step) : value, scope, 'assign');
  return value;
}

/** The category of a person's whole name, split into its words by `split(' ')`. */
export const PERSON_NAME = 'user.name';

/** A word of a person's name (`name.split(' ')[0]`): the first or last name, where the whole name was. */
export function namePart(a: FileAnalyzer, words: Value | undefined, which: 'first' | 'last', node: TSESTree.Node): Value {
  const trace = words?.cats?.get(PERSON_NAME);
  if (!words?.cats || !trace) return words ?? UNKNOWN;
  const category = `${PERSON_NAME}.${which}`;
  const cats = new Map(words.cats);
  cats.delete(PERSON_NAME);
  cats.set(category, [...trace, a.step(node, `the ${which} word of the name (${category})`)]);
  return { ...words, cats };
}
