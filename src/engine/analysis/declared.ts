import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isPersonWord, namesPerson, tokenize } from '../core/taxonomy';
import type { FileAnalyzer } from './state';
import { zodFields, type DeclaredField } from './record-fields';
import { CLEAN, collectRecords, join, type Value } from './values';

/** What reading declared types needs of the analyzer: the configuration, the module's own types, constants and imports, and trace steps. */
export type DeclaredTypes = Pick<FileAnalyzer, 'config' | 'importedNames' | 'localConstant' | 'localType' | 'step'>;

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
export function declaredValue(a: DeclaredTypes, type: TSESTree.TypeNode | undefined, owner: string): Value | undefined {
  if (!type) return undefined;
  const value = recordOf(a, type, owner, 0);
  // A list of such records (`links: Link[]`) is one when its element is.
  const record = value?.elements && !value.fields ? value.elements : value;
  return record?.cats || hasPersonalField(record) || collectRecords(value).size > 0 ? value : undefined;
}

function hasPersonalField(v: Value | undefined): boolean {
  for (const f of v?.fields?.values() ?? []) if ((f.cats && f.cats.size > 0) || hasPersonalField(f) || (f.elements && hasPersonalField(f.elements))) return true;
  return false;
}

function recordOf(a: DeclaredTypes, type: TSESTree.TypeNode, owner: string, depth: number): Value | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (type.type === 'TSArrayType') {
    const element = recordOf(a, type.elementType, owner, depth + 1);
    return element ? { elements: element, known: false } : undefined;
  }
  if (type.type === 'TSIntersectionType' || type.type === 'TSUnionType') {
    // `Order & { user: User }`, `Lead | null`: every part's fields.
    const parts = type.types.map((t) => recordOf(a, t, owner, depth)).filter((v): v is Value => !!v);
    if (parts.length <= 1) return parts[0];
    return { ...join(...parts), person: parts.some((p) => p.person), declared: true, known: false };
  }
  const inferred = zodInferred(a, type, owner, depth);
  if (inferred) return inferred;
  if (type.type === 'TSTypeReference' && type.typeName.type === 'Identifier') {
    const name = type.typeName.name;
    const arg = type.typeArguments?.params[0];
    if (SAME_SHAPE.has(name) && arg) return recordOf(a, arg, owner, depth);
    const local = a.localType(name);
    // `type SessionMember = { ... } | null`: the alias's own type, whatever its form.
    if (local?.type === 'TSTypeAliasDeclaration') return recordOf(a, local.typeAnnotation, owner, depth + 1);
    const external = local ? undefined : externalRecord(a, type, name, owner);
    if (external) return external;
  }
  const members = membersOf(a, type, 0);
  if (!members) return undefined;
  const props = members.filter((m): m is TSESTree.TSPropertySignature => m.type === 'TSPropertySignature' && !m.computed);
  const named = props.flatMap((m) => {
    const key = keyOf(m.key);
    return key === undefined ? [] : [{ node: m as TSESTree.Node, key, type: m.typeAnnotation?.typeAnnotation }];
  });
  return fieldsRecord(a, named, owner, referenceName(type), depth);
}

/**
 * The record a list of fields describes (an object type, a class's properties, a table's columns):
 * each field carries the category its name denotes, in a person's context when the record is a
 * person's (named for one, or with an email or phone field).
 */
export function fieldsRecord(a: DeclaredTypes, named: readonly DeclaredField[], owner: string, typeName: string | undefined, depth = 0): Value {
  const contact = named.filter((p) => CONTACT.test(a.config.matcher.match(p.key, { qualifiers: [owner] }) ?? ''));
  // Named for a person, or always holding a way to reach one (`email: string`, not `email?: string`,
  // one channel among others of a `Subscription`): its `id` is the person's.
  const namedPerson = namesPerson(owner) || namesPerson(typeName ?? '') || contact.some((p) => !(p.node as { optional?: boolean }).optional);
  const person = namedPerson || contact.length > 0;
  const fields = new Map<string, Value>();
  for (const { node, key, type } of named) {
    const nested = type && !isPrimitive(type) ? recordOf(a, type, key, depth + 1) : undefined;
    if (nested) {
      fields.set(key, nested);
      continue;
    }
    // A flag (`preferOTP: boolean`, `usedCookie: boolean`) says something of the data, not the data itself.
    if (type && isBooleanType(type)) {
      fields.set(key, CLEAN);
      continue;
    }
    // In a person's record the field speaks for itself (`input.fullName` is a name, though `input` alone is a form's).
    // Its `id` is the person's when the record is one (above); a record that may hold a way to reach
    // someone (`Subscription { id, email? }`) has an id of its own.
    const category = person && /^(id|uid|uuid)$/i.test(key) ? (namedPerson ? 'user.unique_id' : undefined) : a.config.matcher.match(key, { qualifiers: person ? [] : [owner], personContext: person });
    fields.set(key, category ? { cats: new Map([[category, [a.step(node, `${key} in the declared type of ${owner} (${category})`)]]]), known: true } : CLEAN);
  }
  return { fields, person, declared: true, known: false };
}

/** `boolean`, `true`, `false`, or a union of them with `null` / `undefined`. */
function isBooleanType(type: TSESTree.TypeNode): boolean {
  if (type.type === 'TSBooleanKeyword') return true;
  if (type.type === 'TSLiteralType') return type.literal.type === 'Literal' && typeof type.literal.value === 'boolean';
  if (type.type === 'TSUnionType') {
    const parts = type.types.filter((t) => t.type !== 'TSNullKeyword' && t.type !== 'TSUndefinedKeyword');
    return parts.length > 0 && parts.every(isBooleanType);
  }
  return false;
}

/** The members of an object type: a type literal, a local interface or alias, or a shape-keeping generic of one. */
function membersOf(a: DeclaredTypes, type: TSESTree.TypeNode, depth: number): Members | undefined {
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

/** `z.infer<typeof memberSchema>`: the record a Zod schema of this module or of another describes. */
function zodInferred(a: DeclaredTypes, type: TSESTree.TypeNode, owner: string, depth: number): Value | undefined {
  if (type.type !== 'TSTypeReference' || type.typeName.type !== 'TSQualifiedName' || !/^(infer|input|output|TypeOf)$/.test(type.typeName.right.name)) return undefined;
  const query = type.typeArguments?.params[0];
  if (query?.type !== 'TSTypeQuery' || query.exprName.type !== 'Identifier') return undefined;
  const name = query.exprName.name;
  const init = a.localConstant(name);
  const fields = init ? zodFields(init) : undefined;
  if (fields) return fieldsRecord(a, fields, owner, name, depth);
  return init ? undefined : externalRecord(a, type, name, owner);
}

/** Packages whose types are frameworks' and libraries' own, not records of the application. */
const LIBRARY_TYPES = /^(react|react-dom|next|express|fastify|koa|hono|@hono\/|@nestjs\/|@remix-run\/|@types\/|typeorm|mongoose|sequelize|drizzle-orm|zod|yup|joi|vue|svelte|@sveltejs\/|node:|rxjs|graphql)/;

/**
 * A record typed by a model or type of another module: a Prisma model of the workspace
 * (`user: User` from `@prisma/client`), or an exported interface, class or model whose
 * categories the modules' linking adds.
 */
function externalRecord(a: DeclaredTypes, type: TSESTree.Node, name: string, owner: string): Value | undefined {
  const from = a.importedNames.get(name);
  if (!from) return undefined;
  if (from.spec === '@prisma/client') return a.config.models[accessorOf(name)] ? { ...modelRecord(a, type, accessorOf(name), 1), declared: true, known: false } : undefined;
  if (LIBRARY_TYPES.test(from.spec) || a.config.vendors.forPackage(from.spec)) return undefined;
  const person = namesPerson(owner) || namesPerson(name);
  const step = a.step(type, `${owner}, a ${name} record (${from.spec} declares its fields)`);
  return { record: { spec: from.spec, name: from.name, trace: [step] }, person, known: false };
}

/** Prisma's client accessor for a model: `OrderItem` -> `orderItem`. */
function accessorOf(model: string): string {
  return model.charAt(0).toLowerCase() + model.slice(1);
}

/** A record read through a Prisma model: its fields carry their categories; relations `depth` levels deep. */
export function modelRecord(a: DeclaredTypes, node: TSESTree.Node, accessor: string, depth: number): Value {
  const model = a.config.models[accessor];
  const person = tokenize(model.model).some((w) => isPersonWord(w));
  const fields = new Map<string, Value>();
  for (const field of model.fields) {
    const personId = person && /^(id|uid|uuid)$/i.test(field) ? 'user.unique_id' : undefined;
    const category = personId ?? a.config.matcher.match(field, { qualifiers: [model.model], personContext: person });
    fields.set(field, category ? { cats: new Map([[category, [a.step(node, `${model.model}.${field} read through the data model (${category})`)]]]), known: true } : CLEAN);
  }
  if (depth > 0) for (const [field, related] of Object.entries(model.relations)) fields.set(field, modelRecord(a, node, related, depth - 1));
  return { fields, person, known: true };
}

/** A synthetic reference to a local type by name (for `interface A extends B`). */
export function reference(name: string): TSESTree.TSTypeReference {
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
