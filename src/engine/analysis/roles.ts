import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { VendorDef } from '../core/catalog';
import type { FileAnalyzer } from './state';
import { isConstant, ROLES } from './role-fields';
import { propertyKey } from './members';
import { collectParams, type Value } from './values';

/** What reading roles needs of the analyzer: recording a fixed category as a source. */
export type RoleSources = Pick<FileAnalyzer, 'fixedSource'>;

/** The personal data of role fields: values to add to the sink's, and the category of each summarised parameter found in one. */
export interface RoleData {
  values: Value[];
  params: Map<string, string>;
}

/** How deep into an argument's nested objects and arrays role fields are looked for (`messages[].content`). */
const MAX_DEPTH = 4;

/**
 * The personal data a vendor call's arguments carry by the role of their fields: one value per
 * role field whose value is not a constant and carries no category of its own.
 */
export function roleValues(a: RoleSources, vendor: VendorDef, node: TSESTree.CallExpression, args: Value[]): RoleData {
  const out: RoleData = { values: [], params: new Map() };
  const roles = ROLES.filter((r) => r.applies(vendor));
  if (roles.length === 0) return out;
  node.arguments.forEach((arg, i) => visit(arg, args[i], 0));
  return out;

  function visit(expr: TSESTree.Node, value: Value | undefined, depth: number): void {
    if (depth > MAX_DEPTH) return;
    if (expr.type === 'ArrayExpression') {
      for (const e of expr.elements) if (e && e.type !== 'SpreadElement') visit(e, value?.elements, depth + 1);
      return;
    }
    if (expr.type !== 'ObjectExpression') return;
    for (const p of expr.properties) {
      if (p.type !== 'Property') continue;
      const key = propertyKey(p);
      const field = key !== undefined ? value?.fields?.get(key) : undefined;
      const role = key !== undefined ? roles.find((r) => r.keys.has(key)) : undefined;
      if (role && !isConstant(p.value) && !hasOwnCategory(field)) {
        out.values.push({ cats: a.fixedSource(p.value, role.category, `${key}: ${role.what} (${role.category})`), known: true });
        // A parameter of a summarised function in that field is, for its callers, data of that role.
        for (const param of collectParams(field).keys()) out.params.set(param, role.category);
      } else {
        // A field whose value is found to be that data here (`to: req.to`, the recipient) still is, for
        // callers passing the parameter, data of that role whatever they call it.
        if (role && !isConstant(p.value)) for (const param of collectParams(field).keys()) out.params.set(param, role.category);
        visit(p.value, field, depth + 1);
      }
    }
  }
}

/** Whether a field's value carries a category of its own (a person's whole record, `recipient`, does not say which). */
function hasOwnCategory(field: Value | undefined): boolean {
  for (const c of field?.cats?.keys() ?? []) if (c !== 'user') return true;
  return false;
}

/** How deep into values' fields the fields of a role are looked for (`{ body }` of a FormData). */
const VALUE_DEPTH = 3;

/**
 * The same as `roleValues`, read from values rather than the call's own object literals: fields
 * set elsewhere (`form.set('To', phone)`, options passed through a parameter) that have a role for
 * the vendor are that data whatever they hold, unless written in the code or carrying a category
 * of their own.
 */
export function valueRoles(a: RoleSources, node: TSESTree.Node, vendor: VendorDef, values: Value[]): Value[] {
  const roles = ROLES.filter((r) => r.applies(vendor));
  if (roles.length === 0) return [];
  const out: Value[] = [];
  const visit = (v: Value | undefined, depth: number): void => {
    if (!v?.fields || depth > VALUE_DEPTH) return;
    for (const [key, field] of v.fields) {
      const role = roles.find((r) => r.keys.has(key));
      const fixed = field.str?.complete === true || (field.str !== undefined && !field.str.param && !field.cats && !field.params);
      if (role && !fixed && !hasOwnCategory(field) && (field.known === false || field.cats || field.params || field.record)) {
        out.push({ cats: a.fixedSource(node, role.category, `${key}: ${role.what} (${role.category})`), known: true });
      } else visit(field, depth + 1);
    }
  };
  for (const v of values) visit(v, 0);
  return out;
}
