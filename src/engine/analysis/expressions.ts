import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isPersonWord, tokenize } from '../taxonomy';
import type { FileAnalyzer } from './analyzer';
import { calleeName, evaluateCall, evaluateNew } from './calls';
import { exportPath, moduleValue } from './modules';
import type { Scope } from './scope';
import { walkClass } from './classes';
import { commonJsExport } from './exports';
import { bindPattern, functionValue } from './statements';
import { CLEAN, derived, join, mergeCats, stringOf, UNKNOWN, withStep, type StringValue, type Trace, type Value } from './values';

type Expr = TSESTree.Node;

/** Names of request objects in handlers (`req`, `request`, Koa's `ctx`, Hono's `c.req`). */
const REQUEST_NAMES = new Set(['req', 'request', 'ctx']);
/** Properties of a request that hold what the client sent. */
const INPUT_PROPS: Record<string, string> = {
  body: 'request body',
  query: 'request query',
  params: 'request params',
  cookies: 'request cookies',
  signedCookies: 'request cookies',
  headers: 'request headers',
  files: 'uploaded files',
  file: 'uploaded file',
};
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
      return evaluateCall(a, node, scope);
    case 'NewExpression':
      return evaluateNew(a, node, scope);
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
      return functionValue(a, node, scope, node.type === 'FunctionExpression' ? node.id?.name : undefined);
    case 'ThisExpression':
      return { fields: a.thisStack[a.thisStack.length - 1] ?? new Map(), known: false };
    case 'ImportExpression':
      return node.source.type === 'Literal' ? moduleValue(String(node.source.value), a.config.vendors) : UNKNOWN;
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
      return { instance: walkClass(a, node, scope), known: true };
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
  if (from) text = node.quasis[1]?.value.cooked ?? '';
  for (let i = from ? 1 : 0; i < parts.length && complete; i++) {
    const s = parts[i].str;
    if (s?.complete) text += s.text + (node.quasis[i + 1].value.cooked ?? '');
    else {
      if (s) text += s.text;
      complete = false;
    }
  }
  return derived(parts, from ? { text, complete, from } : { text, complete });
}

function evaluateIdentifier(a: FileAnalyzer, node: TSESTree.Identifier, scope: Scope): Value {
  if (node.name === 'undefined') return CLEAN;
  const bound = scope.lookup(node.name);
  if (bound) {
    if (bound.known || isTypeLikeName(node.name)) return bound;
    const byName = a.source(node, node.name, {}, (c) => `${node.name} (${c} by its name)`);
    return byName ? { ...bound, cats: mergeCats(bound.cats, byName), known: true } : bound;
  }
  return globalValue(a, node, node.name);
}

/** PascalCase names are classes, components and namespaces (`PeopleMenuAvatar`), not a person's data. */
function isTypeLikeName(name: string): boolean {
  return /^[A-Z][a-z]/.test(name);
}

/** The value of a global (unbound) name: a vendor's browser global, fetch, console, or a plain name. */
export function globalValue(a: FileAnalyzer, node: TSESTree.Node, name: string): Value {
  const vendor = a.config.vendors.forGlobal(name);
  if (vendor) return { vendor: { id: vendor.id, path: [] }, known: true };
  if (name === 'fetch') return { http: { lib: 'fetch' }, known: true };
  if (name === 'console') return { logger: true, known: true };
  if (name === 'navigator') return { http: { lib: 'navigator' }, known: true };
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
    return object.elements ?? (object.cats ? { cats: object.cats, known: true } : UNKNOWN);
  }
  return memberValue(a, object, prop ?? '', node, node.object);
}

function isEnvAccess(node: TSESTree.Node): boolean {
  if (node.type !== 'MemberExpression') return false;
  const prop = propertyName(node);
  if (prop !== 'env') return false;
  return (node.object.type === 'Identifier' && node.object.name === 'process') || node.object.type === 'MetaProperty';
}

/** The value of `object.prop`: a vendor path, request input, a known field, or the property's name. */
export function memberValue(a: FileAnalyzer, object: Value, prop: string, node: TSESTree.Node, objectNode?: TSESTree.Node): Value {
  const value = ownMemberValue(a, object, prop, node, objectNode);
  // A property of a summarised parameter is that parameter at a path (`props.email`).
  return object.params ? { ...value, params: paramsAt(object.params, prop) } : value;
}

function paramsAt(params: Map<string, Trace>, prop: string): Map<string, Trace> {
  const out = new Map<string, Trace>();
  for (const [key, trace] of params) out.set(key.split('.').length > 3 ? key : `${key}.${prop}`, trace);
  return out;
}

function ownMemberValue(a: FileAnalyzer, object: Value, prop: string, node: TSESTree.Node, objectNode?: TSESTree.Node): Value {
  if (object.imported) {
    // An imported object may be a service (its methods are followed) or data typed by an imported class (`dto.email`).
    const imported = { spec: object.imported.spec, name: exportPath(object.imported.name, prop) };
    return { imported, cats: object.imported.name.endsWith('#') ? nameBased(a, prop, node, objectNode) : undefined, known: true };
  }
  if (object.vendor) return { vendor: { id: object.vendor.id, path: [...object.vendor.path, prop] }, known: true };
  if (object.http) return object.http.lib === 'navigator' && prop !== 'sendBeacon' ? CLEAN : object;
  if (object.logger) return object;
  if (object.fields?.has(prop)) return object.fields.get(prop)!;
  const id = personId(a, object, prop, node, objectNode);
  if (id) return { cats: id, known: true };
  if (prop === 'length') return CLEAN;
  if (prop === 'value' && objectNode && isInputValue(node)) return UNKNOWN;
  if (object.request) return requestMember(a, prop, node);
  if (prop === 'req' || prop === 'request') return { request: true, known: true };
  if (object.input) return inputField(a, object.input, prop, node);
  if ((object.fields && object.known) || isTypeLikeName(prop)) return CLEAN;
  return { cats: nameBased(a, prop, node, objectNode), known: true };
}

/** The id of a person (`patient.id`, `event.patientId`, `inviter.id`, an element of `users`) is their user id. */
function personId(a: FileAnalyzer, object: Value, prop: string, node: TSESTree.Node, objectNode?: TSESTree.Node): Map<string, Trace> | undefined {
  const words = tokenize(prop);
  if (!/^(id|uid|uuid)$/.test(words[words.length - 1] ?? '')) return undefined;
  const before = words.slice(0, -1);
  // `stripeCustomerId` is the vendor's id for the customer, not the person's id in this system.
  if (before.length > 1 && a.config.vendors.byId(before[0])) return undefined;
  const owner = objectNode ? qualifierNames(objectNode).pop() : undefined;
  const personal = before.length > 0 ? before.some((w) => isPersonWord(w)) : object.person || (!!owner && tokenize(owner).some((w) => isPersonWord(w)));
  return personal ? a.source(node, ['user', 'id'], {}, () => `${describe(objectNode, prop)}, a person's id (user.unique_id)`) : undefined;
}

/** The category a property's name denotes, read with the names of the object it belongs to. */
function nameBased(a: FileAnalyzer, prop: string, node: TSESTree.Node, objectNode?: TSESTree.Node): Map<string, Trace> | undefined {
  const names = objectNode ? qualifierNames(objectNode) : [];
  const qualifiers = names.flatMap((n) => tokenize(n));
  const note = (c: string) => `${describe(objectNode, prop)} (${c})`;
  // `user.id` is a user id: the owner's name and the property read as one compound first.
  const owner = names[names.length - 1];
  const compound = owner ? a.source(node, [...tokenize(owner), ...tokenize(prop)], { qualifiers: qualifiers.slice(0, -tokenize(owner).length) }, note) : undefined;
  return compound ?? a.source(node, prop, { qualifiers }, note);
}

function requestMember(a: FileAnalyzer, prop: string, node: TSESTree.Node): Value {
  if (INPUT_PROPS[prop]) return { input: INPUT_PROPS[prop], container: true, known: true };
  if (prop === 'ip' || prop === 'ips') return { cats: a.fixedSource(node, 'user.device.ip_address', 'client IP address read from the request'), known: true };
  if (prop === 'request' || prop === 'req') return { request: true, known: true };
  if (prop === 'user') return { known: false };
  return { cats: a.source(node, prop, {}, (c) => `request ${prop} (${c})`), known: true };
}

/** A field of request input: personal data by its name, in a person context. */
export function inputField(a: FileAnalyzer, input: string, prop: string, node: TSESTree.Node): Value {
  const cats = a.source(node, prop, { personContext: true }, (c) => `${prop} read from the ${input} (${c})`);
  if (cats) a.noteInput(input, cats);
  return { cats, input, known: cats !== undefined };
}

/** The static name of a member's property, when it has one. */
export function propertyName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.property.type === 'PrivateIdentifier') return node.property.name;
  if (node.property.type === 'Literal' && typeof node.property.value === 'string') return node.property.value;
  return undefined;
}

/** The words of an object expression that qualify its properties: `customer.billing` -> customer, billing. */
export function qualifierTokens(node: TSESTree.Node): string[] {
  return qualifierNames(node).flatMap((name) => tokenize(name));
}

/** The names along an object expression, outermost first: `this.customer.billing` -> customer, billing. */
function qualifierNames(node: TSESTree.Node): string[] {
  const names: string[] = [];
  let n: TSESTree.Node | undefined = node;
  while (n && names.length < 3) {
    if (n.type === 'Identifier') { names.push(n.name); break; }
    if (n.type === 'MemberExpression') {
      const p = propertyName(n);
      if (p) names.push(p);
      n = n.object;
    } else if (n.type === 'CallExpression') n = n.callee;
    else if (n.type === 'AwaitExpression') n = n.argument;
    else if (n.type === 'TSNonNullExpression' || n.type === 'TSAsExpression') n = n.expression;
    else break;
  }
  return names.reverse();
}

function describe(objectNode: TSESTree.Node | undefined, prop: string): string {
  if (objectNode?.type === 'Identifier') return `${objectNode.name}.${prop}`;
  if (objectNode?.type === 'ThisExpression') return `this.${prop}`;
  return prop;
}

function evaluateObject(a: FileAnalyzer, node: TSESTree.ObjectExpression, scope: Scope): Value {
  const fields = new Map<string, Value>();
  let spread: Value | undefined;
  for (const p of node.properties) {
    if (p.type === 'SpreadElement') {
      const v = evaluate(a, p.argument, scope);
      for (const [k, f] of v.fields ?? []) fields.set(k, f);
      if (!v.fields) spread = join(spread, v);
      continue;
    }
    const key = propertyKey(p);
    if (p.computed) evaluate(a, p.key, scope);
    let value = evaluate(a, p.value, scope);
    if (key && !value.known && !value.cats && isOpaque(p.value)) {
      const byKey = a.source(p.key, key, {}, (c) => `stored under "${key}" (${c})`);
      if (byKey) value = { ...value, cats: byKey };
    }
    if (key) fields.set(key, value);
  }
  if (spread) fields.set('...', spread);
  return { fields, known: true };
}

/** An expression whose value's origin the engine cannot see (a call of an unknown function). */
function isOpaque(node: TSESTree.Node): boolean {
  if (node.type === 'AwaitExpression') return isOpaque(node.argument);
  if (node.type === 'ChainExpression' || node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression') return isOpaque(node.expression);
  return node.type === 'CallExpression' || node.type === 'NewExpression' || isInputValue(node);
}

/** `e.target.value`, `ref.current?.value`: what a user typed into an element, known by what it is stored under. */
function isInputValue(node: TSESTree.Node): boolean {
  if (node.type !== 'MemberExpression' || propertyName(node) !== 'value') return false;
  const owner = node.object.type === 'MemberExpression' ? propertyName(node.object) : undefined;
  return owner === 'target' || owner === 'currentTarget' || owner === 'current';
}

/** The static name of an object property's key. */
export function propertyKey(p: TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MethodDefinition): string | undefined {
  if (p.key.type === 'Identifier' && !p.computed) return p.key.name;
  if (p.key.type === 'Literal') return String(p.key.value);
  return undefined;
}

function evaluateBinary(a: FileAnalyzer, node: TSESTree.BinaryExpression, scope: Scope): Value {
  const left = evaluate(a, node.left, scope);
  const right = evaluate(a, node.right, scope);
  if (node.operator !== '+') return CLEAN;
  return derived([left, right], concat(stringOf(left), right.str));
}

function concat(left?: StringValue, right?: StringValue): StringValue | undefined {
  if (!left) return undefined;
  if (!left.complete && !(left.from && left.text === '')) return left;
  return right ? { ...left, text: left.text + right.text, complete: right.complete } : { ...left, complete: false };
}

function evaluateLogical(a: FileAnalyzer, node: TSESTree.LogicalExpression, scope: Scope): Value {
  const left = evaluate(a, node.left, scope);
  const right = evaluate(a, node.right, scope);
  const v = join(left, right);
  return left.str || !right.str ? v : { ...v, str: right.str };
}

function evaluateAssignment(a: FileAnalyzer, node: TSESTree.AssignmentExpression, scope: Scope): Value {
  const value = evaluate(a, node.right, scope);
  const target = node.left;
  if (target.type === 'MemberExpression') {
    const prop = propertyName(target);
    if (target.object.type === 'ThisExpression' && prop) a.thisStack[a.thisStack.length - 1]?.set(prop, value);
    else if (!commonJsExport(a, target, prop, value)) evaluate(a, target.object, scope);
    return value;
  }
  const step = target.type === 'Identifier' ? a.step(target, `assigned to ${target.name}`) : undefined;
  bindPattern(a, target, step ? withStep(value, step) : value, scope, 'assign');
  return value;
}
