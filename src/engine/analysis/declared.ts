import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isPersonWord, tokenize } from '../taxonomy';
import type { FileAnalyzer } from './analyzer';
import { CLEAN, type Value } from './values';

/**
 * Parameters known by their declared TypeScript type: `lead: { email: string; company: string }`,
 * `input: SignupInput` (an interface or type alias of the same module), `Partial<Lead>`, `A & B`.
 * The value's fields carry the categories their names denote, so the parameter sent whole sends
 * them all, whatever a caller passed.
 */

/** How deep nested object types are followed (`{ customer: { address: { zip: string } } }`). */
const MAX_DEPTH = 3;
/** Generic types that keep the shape of their first argument. */
const SAME_SHAPE = new Set(['Partial', 'Required', 'Readonly', 'NonNullable', 'DeepPartial', 'WithId']);

type Members = readonly TSESTree.TypeElement[];

/** Categories that make a record a person's: a way to reach them. */
const CONTACT = /^user\.contact\.(email|phone_number)(\.|$)/;

/** The record a declared type describes, or undefined when it has no field that is personal data. */
export function declaredValue(a: FileAnalyzer, type: TSESTree.TypeNode | undefined, owner: string): Value | undefined {
  if (!type) return undefined;
  const value = recordOf(a, type, owner, 0);
  return value?.cats || hasPersonalField(value) ? value : undefined;
}

function hasPersonalField(v: Value | undefined): boolean {
  for (const f of v?.fields?.values() ?? []) if ((f.cats && f.cats.size > 0) || hasPersonalField(f) || (f.elements && hasPersonalField(f.elements))) return true;
  return false;
}

function recordOf(a: FileAnalyzer, type: TSESTree.TypeNode, owner: string, depth: number): Value | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (type.type === 'TSArrayType') {
    const element = recordOf(a, type.elementType, owner, depth + 1);
    return element ? { elements: element, known: false } : undefined;
  }
  const members = membersOf(a, type, 0);
  if (!members) return undefined;
  const typeName = referenceName(type);
  const props = members.filter((m): m is TSESTree.TSPropertySignature => m.type === 'TSPropertySignature' && !m.computed);
  const named = props.map((m) => ({ node: m, key: keyOf(m.key) })).filter((p): p is { node: TSESTree.TSPropertySignature; key: string } => p.key !== undefined);
  // A person's record: named for a person, or with a field that reaches a person (`email`, `phone`).
  const person = [owner, typeName ?? ''].some((n) => tokenize(n).some(isPersonWord)) ||
    named.some((p) => CONTACT.test(a.config.matcher.match(p.key, { qualifiers: [owner] }) ?? ''));
  const fields = new Map<string, Value>();
  for (const { node, key } of named) {
    const fieldType = node.typeAnnotation?.typeAnnotation;
    const nested = fieldType && !isPrimitive(fieldType) ? recordOf(a, fieldType, key, depth + 1) : undefined;
    if (nested) {
      fields.set(key, nested);
      continue;
    }
    const category = person && /^(id|uid|uuid)$/i.test(key) ? 'user.unique_id' : a.config.matcher.match(key, { qualifiers: [owner], personContext: person });
    fields.set(key, category ? { cats: new Map([[category, [a.step(node, `${key} in the declared type of ${owner} (${category})`)]]]), known: true } : CLEAN);
  }
  return { fields, person, declared: true, known: false };
}

/** The members of an object type: a type literal, a local interface or alias, or a shape-keeping generic of one. */
function membersOf(a: FileAnalyzer, type: TSESTree.TypeNode, depth: number): Members | undefined {
  if (depth > MAX_DEPTH) return undefined;
  switch (type.type) {
    case 'TSTypeLiteral':
      return type.members;
    case 'TSIntersectionType':
    case 'TSUnionType': {
      const parts = type.types.map((t) => membersOf(a, t, depth + 1)).filter((m): m is Members => !!m);
      return parts.length > 0 ? parts.flat() : undefined;
    }
    case 'TSTypeReference': {
      const name = type.typeName.type === 'Identifier' ? type.typeName.name : undefined;
      if (!name) return undefined;
      const arg = type.typeArguments?.params[0];
      if (SAME_SHAPE.has(name) && arg) return membersOf(a, arg, depth + 1);
      const local = a.localType(name);
      if (!local) return undefined;
      if (local.type === 'TSTypeAliasDeclaration') return membersOf(a, local.typeAnnotation, depth + 1);
      const inherited = (local.extends ?? []).flatMap((h) => (h.expression.type === 'Identifier' ? membersOf(a, { ...reference(h.expression.name) }, depth + 1) ?? [] : []));
      return [...inherited, ...local.body.body];
    }
    default:
      return undefined;
  }
}

/** A synthetic reference to a local type by name (for `interface A extends B`). */
function reference(name: string): TSESTree.TSTypeReference {
  return { type: 'TSTypeReference', typeName: { type: 'Identifier', name } } as unknown as TSESTree.TSTypeReference;
}

function referenceName(type: TSESTree.TypeNode): string | undefined {
  return type.type === 'TSTypeReference' && type.typeName.type === 'Identifier' ? type.typeName.name : undefined;
}

function isPrimitive(type: TSESTree.TypeNode): boolean {
  return /^TS(String|Number|Boolean|BigInt|Null|Undefined|Any|Unknown|Literal)Keyword$|^TSLiteralType$/.test(type.type);
}

function keyOf(key: TSESTree.Expression): string | undefined {
  if (key.type === 'Identifier') return key.name;
  return key.type === 'Literal' && typeof key.value === 'string' ? key.value : undefined;
}

/** The module's own interfaces and type aliases by name (also exported ones). */
export function collectLocalTypes(program: TSESTree.Program): Map<string, TSESTree.TSInterfaceDeclaration | TSESTree.TSTypeAliasDeclaration> {
  const types = new Map<string, TSESTree.TSInterfaceDeclaration | TSESTree.TSTypeAliasDeclaration>();
  for (const statement of program.body) {
    const decl = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
    if (decl?.type === 'TSInterfaceDeclaration' || decl?.type === 'TSTypeAliasDeclaration') types.set(decl.id.name, decl);
  }
  return types;
}
