import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FileAnalyzer } from './state';
import { evaluate } from './expressions';
import { propertyKey } from './members';
import { LOG_METHODS } from './module-values';
import type { Scope } from './scope';
import { analyseStandalone, paramValue } from './statements';
import { isFunctionExpression, type LocalFunction, type Value } from './values';

type FunctionNode = LocalFunction['node'];

/**
 * Analyses a class and returns its value: the members its instances have (`instance`: field
 * initialisers, clients injected through constructor parameter properties by their type, and
 * methods, which run with `this` bound to these members wherever they are called from), and its
 * static members (`fields`: `ValidateKey.sanitize(key)`, with `this` the class's statics). The
 * constructor is analysed first, since it sets the fields the other methods use.
 */
export function walkClass(a: FileAnalyzer, node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, scope: Scope): Value {
  const fields = new Map<string, Value>();
  const statics = new Map<string, Value>();
  const className = node.id?.name ?? 'class';
  // A logger's subclass (`class AuditLogger extends ConsoleLogger`) logs with `this.log(...)`.
  if (node.superClass && evaluate(a, node.superClass, scope).logger) for (const m of LOG_METHODS) fields.set(m, { logger: true, known: true });
  for (const m of node.body.body) {
    if (m.type !== 'PropertyDefinition' && m.type !== 'MethodDefinition') continue;
    const members = m.static ? statics : fields;
    const key = propertyKey(m) ?? 'method';
    // A property holding an arrow function (`sendMail = async (data) => { ... }`) is a method bound to the instance.
    if (m.type === 'PropertyDefinition' && m.value && isFunctionExpression(m.value)) {
      members.set(key, { fn: { node: m.value, name: `${className}.${key}`, scope, thisFields: members }, known: true });
    } else if (m.type === 'PropertyDefinition' && m.value) members.set(propertyKey(m) ?? '', evaluate(a, m.value, scope));
    if (m.type === 'MethodDefinition' && m.value.type === 'FunctionExpression') {
      const fn: LocalFunction = { node: m.value, name: `${className}.${key}`, scope, thisFields: members };
      if (m.kind === 'constructor') injectParameterProperties(a, m.value, fields, scope);
      else members.set(key, { fn, known: true });
    }
  }
  const ctor = node.body.body.find((m): m is TSESTree.MethodDefinition => m.type === 'MethodDefinition' && m.kind === 'constructor');
  if (ctor) analyseStandalone(a, { node: ctor.value as FunctionNode, name: `${className}.constructor`, scope, thisFields: fields });
  for (const members of [fields, statics]) for (const member of [...members.values()]) if (member.fn?.thisFields === members) analyseStandalone(a, member.fn);
  return { instance: fields, ...(statics.size > 0 ? { fields: statics } : {}), known: true };
}

/** `constructor(private readonly analytics: AnalyticsService)`: the field holds what the type says. */
function injectParameterProperties(a: FileAnalyzer, ctor: TSESTree.FunctionExpression, fields: Map<string, Value>, scope: Scope): void {
  for (const p of ctor.params) {
    if (p.type !== 'TSParameterProperty') continue;
    const id = p.parameter.type === 'AssignmentPattern' ? p.parameter.left : p.parameter;
    if (id.type === 'Identifier') fields.set(id.name, paramValue(a, p, scope));
  }
}
