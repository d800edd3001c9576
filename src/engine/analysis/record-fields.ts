import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyKey } from './members';

/*
 * The fields of record shapes written as code rather than as types: object literals (a table's
 * columns, a schema's paths) and Zod object schemas. Read from the syntax only.
 */

/** A field of a record shape: its name, where it is declared, and its declared type if any. */
export interface DeclaredField {
  node: TSESTree.Node;
  key: string;
  type?: TSESTree.TypeNode;
}

/** The keys of an object literal: a table's columns, a schema's paths, a model's attributes. */
export function objectFields(node: TSESTree.Node | undefined): DeclaredField[] | undefined {
  if (node?.type !== 'ObjectExpression') return undefined;
  const out: DeclaredField[] = [];
  for (const p of node.properties) {
    if (p.type !== 'Property' || p.computed) continue;
    const key = propertyKey(p);
    if (key) out.push({ node: p.key, key });
  }
  return out;
}

/** The name a callee ends with: `pgTable`, `z.object` -> `object`. */
export function calleeTail(node: TSESTree.Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') return node.property.name;
  return undefined;
}

/** Zod object schemas: `z.object({ email: z.string().email() })`, also with `.strict()`, `.extend(...)` and the like after it. */
export function zodFields(init: TSESTree.Node): DeclaredField[] | undefined {
  if (init.type !== 'CallExpression' || init.callee.type !== 'MemberExpression') return undefined;
  const method = calleeTail(init.callee);
  if (method === 'object' && init.callee.object.type === 'Identifier' && /^(z|zod)$/.test(init.callee.object.name)) return objectFields(init.arguments[0]);
  const base = zodFields(init.callee.object);
  if (!base) return undefined;
  return method === 'extend' || method === 'merge' ? [...base, ...(objectFields(init.arguments[0]) ?? [])] : base;
}
