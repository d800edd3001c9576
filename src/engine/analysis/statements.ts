import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FileAnalyzer } from './analyzer';
import { evaluate, memberValue, propertyKey, visitChildren } from './expressions';
import { moduleValue, namedImportValue } from './modules';
import { Scope } from './scope';
import { join, UNKNOWN, withStep, type LocalFunction, type Value } from './values';

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
      if (!node.id) a.pending.push(functionValue(a, node, scope).fn!);
      return;
    case 'ClassDeclaration':
      if (node.id) scope.declare(node.id.name, UNKNOWN);
      return walkClass(a, node, scope);
    case 'ExportNamedDeclaration':
    case 'ExportDefaultDeclaration':
      return walkExport(a, node, scope);
    default:
      return walkControl(a, node, scope);
  }
}

function walkExport(a: FileAnalyzer, node: TSESTree.ExportNamedDeclaration | TSESTree.ExportDefaultDeclaration, scope: Scope): void {
  const decl = node.declaration;
  if (!decl) return;
  if (decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration' || decl.type === 'VariableDeclaration') walkStatement(a, decl, scope);
  else if (decl.type === 'ClassExpression') walkClass(a, decl, scope);
  else if (!decl.type.startsWith('TS')) evaluate(a, decl as TSESTree.Expression, scope);
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
  const element = node.type === 'ForInStatement' ? UNKNOWN : collection.elements ?? (collection.cats ? { cats: collection.cats, known: true } : UNKNOWN);
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
    case 'Identifier':
      return mode === 'declare' ? scope.declare(pattern.name, value) : scope.assign(pattern.name, value);
    case 'ObjectPattern':
      for (const p of pattern.properties) {
        if (p.type === 'RestElement') bindPattern(a, p.argument, value, scope, mode);
        else bindPattern(a, p.value, destructured(a, value, p), scope, mode);
      }
      return;
    case 'ArrayPattern':
      for (const e of pattern.elements) if (e) bindPattern(a, e, value.elements ?? UNKNOWN, scope, mode);
      return;
    case 'AssignmentPattern':
      return bindPattern(a, pattern.left, value === UNKNOWN ? evaluate(a, pattern.right, scope) : value, scope, mode);
    case 'RestElement':
      return bindPattern(a, pattern.argument, value, scope, mode);
    case 'TSParameterProperty':
      return bindPattern(a, pattern.parameter, value, scope, mode);
    default:
      return;
  }
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

/** Calls a local function: its body analysed with the arguments' values. */
export function invokeLocal(a: FileAnalyzer, fn: LocalFunction, args: Value[], call: TSESTree.Node): Value {
  const passed = args.map((v, i) => withStep(v, a.step(call.type === 'CallExpression' ? call.arguments[i] ?? call : call, `passed to ${fn.name}()`)));
  return a.callFunction(fn, passed, (f, values) => runFunction(a, f, values));
}

/** Runs a callback (`users.map(u => ...)`, a route handler) with the given parameter values. */
export function runCallback(a: FileAnalyzer, node: FunctionNode, args: Value[], scope: Scope): Value {
  const fn: LocalFunction = { node, name: 'callback', scope };
  return a.callFunction(fn, args, (f, values) => runFunction(a, f, values));
}

/** Analyses a function on its own, its parameters unknown but for their names and types. */
export function analyseStandalone(a: FileAnalyzer, fn: LocalFunction): void {
  if (a.analysed.has(fn.node)) return;
  a.callFunction(fn, [], (f) => runFunction(a, f, []));
}

function runFunction(a: FileAnalyzer, fn: LocalFunction, args: Value[]): Value {
  const scope = a.functionScope(fn);
  fn.node.params.forEach((p, i) => bindPattern(a, p, args[i] ?? paramValue(p), scope, 'declare'));
  const body = fn.node.body;
  if (!body) return UNKNOWN;
  if (body.type !== 'BlockStatement') return evaluate(a, body, scope);
  a.returns.push([]);
  walkStatements(a, body.body, scope);
  return join(...(a.returns.pop() ?? []));
}

/** What a parameter is known to be from its name or type: a request object, or nothing yet. */
function paramValue(p: TSESTree.Parameter): Value {
  const id = p.type === 'AssignmentPattern' ? p.left : p.type === 'TSParameterProperty' ? p.parameter : p;
  if (id.type !== 'Identifier') return UNKNOWN;
  const typeName = typeNameOf(id.typeAnnotation?.typeAnnotation);
  if (REQUEST_PARAM_NAMES.has(id.name) || (typeName && /(^|\.)(Next)?Request$/.test(typeName))) return { request: true, known: true };
  return UNKNOWN;
}

function typeNameOf(t: TSESTree.TypeNode | undefined): string | undefined {
  if (t?.type !== 'TSTypeReference') return undefined;
  const n = t.typeName;
  return n.type === 'Identifier' ? n.name : n.type === 'TSQualifiedName' ? `${n.left.type === 'Identifier' ? n.left.name : ''}.${n.right.name}` : undefined;
}

function bindImport(a: FileAnalyzer, node: TSESTree.ImportDeclaration, scope: Scope): void {
  if (node.importKind === 'type') return;
  const spec = String(node.source.value);
  const module = moduleValue(spec, a.config.vendors);
  for (const s of node.specifiers) {
    if (s.type === 'ImportSpecifier') {
      const imported = s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value);
      scope.declare(s.local.name, s.importKind === 'type' ? UNKNOWN : namedImportValue(spec, module, imported));
    } else {
      scope.declare(s.local.name, module);
    }
  }
}

/** Analyses a class: field initialisers and the constructor first (they set `this`), then every method. */
function walkClass(a: FileAnalyzer, node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, scope: Scope): void {
  const fields = new Map<string, Value>();
  a.thisStack.push(fields);
  try {
    const members = node.body.body;
    for (const m of members) {
      if (m.type === 'PropertyDefinition' && m.value) fields.set(propertyKey(m) ?? '', evaluate(a, m.value, scope));
      if (m.type === 'MethodDefinition' && m.value.type === 'FunctionExpression') {
        const name = propertyKey(m) ?? 'method';
        fields.set(name, { fn: { node: m.value, name: `${node.id?.name ?? 'class'}.${name}`, scope }, known: true });
      }
    }
    const ordered = [...members].sort((x, y) => rank(x) - rank(y));
    for (const m of ordered) if (m.type === 'MethodDefinition') analyseStandalone(a, fields.get(propertyKey(m) ?? 'method')?.fn ?? { node: m.value as FunctionNode, name: 'method', scope });
  } finally {
    a.thisStack.pop();
  }
}

function rank(m: TSESTree.ClassElement): number {
  return m.type === 'MethodDefinition' && m.kind === 'constructor' ? 0 : 1;
}
