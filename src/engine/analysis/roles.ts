import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { VendorDef } from '../core/catalog';
import type { FileAnalyzer } from './state';
import { propertyKey } from './members';
import { collectParams, type Value } from './values';

/** What reading roles needs of the analyzer: recording a fixed category as a source. */
export type RoleSources = Pick<FileAnalyzer, 'fixedSource'>;

/**
 * Fields of a vendor call whose value is personal data by what the field is for, whatever the
 * variable holding it is called: the recipient of an email (`to: address`) is an email address,
 * the recipient of a text message a phone number, and the messages given to a language model are
 * what a person wrote.
 */
interface Role {
  applies: (vendor: VendorDef) => boolean;
  keys: ReadonlySet<string>;
  category: string;
  what: string;
}

const SMS_VENDORS = new Set(['twilio', 'vonage', 'sinch', 'bird', 'plivo', 'telnyx', 'bandwidth']);
const LANGUAGE_MODELS = new Set(['openai', 'anthropic', 'google-gemini', 'mistral', 'cohere', 'together-ai', 'groq', 'perplexity', 'hugging-face', 'replicate']);

const ROLES: readonly Role[] = [
  { applies: (v) => v.kind === 'email', keys: new Set(['to', 'cc', 'bcc', 'replyTo', 'reply_to', 'To', 'Cc', 'Bcc', 'ReplyTo']), category: 'user.contact.email', what: "an email's recipient address" },
  { applies: (v) => SMS_VENDORS.has(v.id), keys: new Set(['to']), category: 'user.contact.phone_number', what: "a text message's recipient number" },
  { applies: (v) => LANGUAGE_MODELS.has(v.id), keys: new Set(['content', 'prompt']), category: 'user.content.private', what: 'text given to the model' },
];

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

/** A value fixed in the code: a literal, a template without expressions, an ALL_CAPS constant, or configuration from the environment. */
function isConstant(expr: TSESTree.Node): boolean {
  if (expr.type === 'Literal') return true;
  if (expr.type === 'TemplateLiteral') return expr.expressions.length === 0;
  if (expr.type === 'ArrayExpression' || expr.type === 'ObjectExpression') return true;
  if (expr.type === 'Identifier') return /^[A-Z][A-Z0-9_]*$/.test(expr.name) || expr.name === 'undefined';
  if (expr.type === 'MemberExpression') {
    const text = memberText(expr);
    return /(^|\.)env\./.test(text) || /^[A-Z][A-Z0-9_]*$/.test(text.replace(/^.*\./, ''));
  }
  if (expr.type === 'LogicalExpression' || expr.type === 'ConditionalExpression') {
    return expr.type === 'LogicalExpression' ? isConstant(expr.left) && isConstant(expr.right) : isConstant(expr.consequent) && isConstant(expr.alternate);
  }
  return false;
}

function memberText(expr: TSESTree.Node): string {
  if (expr.type === 'Identifier') return expr.name;
  if (expr.type === 'MetaProperty') return 'import.meta';
  if (expr.type === 'MemberExpression' && !expr.computed && expr.property.type === 'Identifier') return `${memberText(expr.object)}.${expr.property.name}`;
  return '';
}
