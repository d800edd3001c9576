import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FileAnalyzer } from './state';
import { evaluate } from './expressions';
import type { Scope } from './scope';
import type { ExportedValue } from './facts';
import { UNKNOWN, type Value } from './values';

/**
 * What a module exports, for callers in other modules: functions (by export name path), methods
 * of exported objects (`analytics.track`) and classes (`Service#track`), CommonJS `module.exports`,
 * and re-exports from other modules (barrel files).
 */
export function walkExport(a: FileAnalyzer, node: TSESTree.ExportNamedDeclaration | TSESTree.ExportDefaultDeclaration, scope: Scope): void {
  if (node.type === 'ExportNamedDeclaration' && !node.declaration) return exportSpecifiers(a, node, scope);
  const decl = node.declaration;
  if (!decl) return;
  if (decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration' || decl.type === 'VariableDeclaration') {
    a.upper.walkStatement(a, decl, scope);
    for (const name of declaredNames(decl)) recordExport(a, node.type === 'ExportDefaultDeclaration' ? 'default' : name, scope.lookup(name) ?? UNKNOWN);
    if (node.type === 'ExportDefaultDeclaration' && declaredNames(decl).length === 0 && decl.type !== 'VariableDeclaration') {
      recordExport(a, 'default', scope.lookup(anonymousKey(decl)) ?? UNKNOWN);
    }
  } else if (!decl.type.startsWith('TS')) {
    recordExport(a, 'default', evaluate(a, decl as TSESTree.Expression, scope));
  }
}

/** The scope key under which an anonymous default-exported function or class is kept. */
export function anonymousKey(decl: TSESTree.Node): string {
  return `*default@${decl.range[0]}`;
}

/** The names a declaration declares: variables, a function, a class, an interface or type alias. */
export function declaredNames(decl: TSESTree.Node | null | undefined): string[] {
  if (!decl) return [];
  if (decl.type === 'VariableDeclaration') return decl.declarations.flatMap((d) => (d.id.type === 'Identifier' ? [d.id.name] : []));
  const named = decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration' || decl.type === 'TSInterfaceDeclaration' || decl.type === 'TSTypeAliasDeclaration';
  return named && decl.id ? [decl.id.name] : [];
}

function exportSpecifiers(a: FileAnalyzer, node: TSESTree.ExportNamedDeclaration, scope: Scope): void {
  if (node.exportKind === 'type') return;
  const names: Record<string, string> = {};
  for (const s of node.specifiers) {
    const local = nameOf(s.local);
    const exported = nameOf(s.exported);
    if (node.source) names[exported] = local;
    else recordExport(a, exported, scope.lookup(local) ?? UNKNOWN);
  }
  if (node.source) a.reexports.push({ spec: String(node.source.value), names });
}

export function nameOf(n: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return n.type === 'Identifier' ? n.name : String(n.value);
}

/** `export * from './x'` and `export * as ns from './x'`. */
export function walkExportAll(a: FileAnalyzer, node: TSESTree.ExportAllDeclaration): void {
  if (node.exportKind === 'type') return;
  const spec = String(node.source.value);
  a.reexports.push(node.exported ? { spec, names: { [nameOf(node.exported)]: '' } } : { spec });
}

/** Records what an export name denotes: a function, an object's methods, a class's methods, or a re-export. */
export function recordExport(a: FileAnalyzer, name: string, value: Value): void {
  if (value.fn) a.exported.set(name, value.fn);
  const constant = exportedValue(value);
  if (constant && name) a.values[name] = constant;
  // One export of another module, or one of several (`cond ? new LocalStorage() : new S3Storage()`); or a
  // factory returning what another module's factory made (`getStripe()` returning `createStripeClient()`).
  if (value.imported) {
    for (const r of [value.imported, ...(value.imported.or ?? [])]) a.reexports.push({ spec: r.spec, names: { [name]: r.name } });
  } else if (value.factory && name) a.reexports.push({ spec: value.factory.spec, names: { [name]: value.factory.name } });
  for (const [key, field] of value.fields ?? []) {
    if (field.fn) a.exported.set(name ? `${name}.${key}` : key, field.fn);
  }
  for (const [key, member] of value.instance ?? []) {
    if (member.fn) a.exported.set(`${name}#${key}`, member.fn);
  }
}

/** What callers in other modules can use of a non-function value: a URL prefix, an HTTP client's base, a vendor client. */
function exportedValue(value: Value): ExportedValue | undefined {
  if (value.vendor) return value.vendor.recipients ? { vendor: value.vendor.id, recipients: value.vendor.recipients } : { vendor: value.vendor.id };
  const base = value.http?.base;
  // A complete base URL ends its host: `https://textbelt.com` becomes `https://textbelt.com/`.
  if (value.http) return { http: base && !base.from ? { base: base.complete ? `${base.text}/` : base.text } : {} };
  if (value.str && !value.str.from && /^[a-z]+:\/\/[^/]/i.test(value.str.text)) return { str: value.str.text, complete: value.str.complete };
  return undefined;
}

/** CommonJS: `module.exports = ...`, `module.exports.x = ...`, `exports.x = ...`. */
export function commonJsExport(a: FileAnalyzer, target: TSESTree.MemberExpression, prop: string | undefined, value: Value): boolean {
  const object = target.object;
  const isModuleExports = (n: TSESTree.Node) => n.type === 'MemberExpression' && n.object.type === 'Identifier' && n.object.name === 'module' && !n.computed && n.property.type === 'Identifier' && n.property.name === 'exports';
  if (isModuleExports(target)) {
    recordExport(a, '', value);
    recordExport(a, 'default', value);
    return true;
  }
  if (prop && (isModuleExports(object) || (object.type === 'Identifier' && object.name === 'exports'))) {
    recordExport(a, prop, value);
    return true;
  }
  return false;
}
