import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { VendorDef } from '../core/catalog';

/**
 * Fields of a vendor call whose value is personal data by what the field is for, whatever the
 * variable holding it is called: the recipient of an email (`to: address`) is an email address,
 * the recipient of a text message a phone number, and the messages given to a language model are
 * what a person wrote.
 */
export interface Role {
  applies: (vendor: VendorDef) => boolean;
  keys: ReadonlySet<string>;
  category: string;
  what: string;
}

const SMS_VENDORS = new Set(['twilio', 'vonage', 'sinch', 'bird', 'plivo', 'telnyx', 'bandwidth']);
const LANGUAGE_MODELS = new Set(['openai', 'anthropic', 'google-gemini', 'mistral', 'cohere', 'together-ai', 'groq', 'perplexity', 'hugging-face', 'replicate']);

export const ROLES: readonly Role[] = [
  { applies: (v) => v.kind === 'email', keys: new Set(['to', 'cc', 'bcc', 'replyTo', 'reply_to', 'To', 'Cc', 'Bcc', 'ReplyTo']), category: 'user.contact.email', what: "an email's recipient address" },
  { applies: (v) => SMS_VENDORS.has(v.id), keys: new Set(['to', 'To']), category: 'user.contact.phone_number', what: "a text message's recipient number" },
  { applies: (v) => LANGUAGE_MODELS.has(v.id), keys: new Set(['content', 'prompt']), category: 'user.content.private', what: 'text given to the model' },
];

/** The category and meaning of a field of a call on this vendor's client (`to` of an email), if it has a role. */
export function roleOf(vendor: VendorDef, key: string): { category: string; what: string } | undefined {
  const role = ROLES.find((r) => r.applies(vendor) && r.keys.has(key));
  return role ? { category: role.category, what: role.what } : undefined;
}

/** The top-level fields of an object literal argument that could have a role (`{ to: options.to }`) and hold a value not fixed in the code. */
export function roleFieldsOf(expr: TSESTree.Node): { key: string; node: TSESTree.Node }[] {
  if (expr.type !== 'ObjectExpression') return [];
  const out: { key: string; node: TSESTree.Node }[] = [];
  for (const p of expr.properties) {
    if (p.type !== 'Property') continue;
    const key = keyOf(p);
    if (key !== undefined && ROLE_KEYS.has(key) && !isConstant(p.value)) out.push({ key, node: p.value });
  }
  return out;
}

const ROLE_KEYS = new Set(ROLES.flatMap((r) => [...r.keys]));

/** A value fixed in the code: a literal, a template without expressions, an ALL_CAPS constant, or configuration from the environment. */
export function isConstant(expr: TSESTree.Node): boolean {
  if (expr.type === 'Literal') return true;
  if (expr.type === 'TemplateLiteral') return expr.expressions.length === 0;
  // A list or object of such values (`['a', 'b']`, `{ kind: 'poll' }`); one of a caller's values (`{ title: input.title }`) is not.
  if (expr.type === 'ArrayExpression') return expr.elements.every((e) => e === null || (e.type !== 'SpreadElement' && isConstant(e)));
  if (expr.type === 'ObjectExpression') return expr.properties.every((p) => p.type === 'Property' && !p.computed && isConstant(p.value as TSESTree.Node));
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

function keyOf(p: TSESTree.Property): string | undefined {
  if (p.computed) return p.key.type === 'Literal' && typeof p.key.value === 'string' ? p.key.value : undefined;
  if (p.key.type === 'Identifier') return p.key.name;
  return p.key.type === 'Literal' ? String(p.key.value) : undefined;
}
