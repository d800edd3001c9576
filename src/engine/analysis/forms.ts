import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { MatchContext } from '../core/taxonomy';
import type { Trace } from './values';

/** What reading forms needs from the analyzer: the categories a field name denotes, recorded as sources. */
export interface FieldSources {
  source(node: TSESTree.Node, word: string, context: MatchContext, note: (category: string) => string): Map<string, Trace> | undefined;
}

const FIELD_ELEMENTS = new Set(['input', 'textarea', 'select']);

/**
 * The personal data a file's forms collect: the `name` of each `<input>`, `<textarea>` and
 * `<select>`, and each `register('email')` of react-hook-form. A `FormData` built from a form
 * carries these categories, so sending the whole FormData sends them.
 */
export function formFields(a: FieldSources, program: TSESTree.Program): Map<string, Trace> {
  const out = new Map<string, Trace>();
  const visit = (node: TSESTree.Node): void => {
    const field = fieldName(node);
    if (field) {
      const cats = a.source(field.node, field.name, { personContext: true }, (c) => `form field "${field.name}" (${c})`);
      for (const [c, t] of cats ?? []) if (!out.has(c)) out.set(c, t);
    }
    for (const key of Object.keys(node)) {
      if (key === 'parent' || key === 'loc' || key === 'range') continue;
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const c of Array.isArray(child) ? child : [child]) {
        if (c && typeof c === 'object' && typeof (c as { type?: unknown }).type === 'string') visit(c as TSESTree.Node);
      }
    }
  };
  visit(program);
  return out;
}

function fieldName(node: TSESTree.Node): { name: string; node: TSESTree.Node } | undefined {
  if (node.type === 'JSXOpeningElement' && node.name.type === 'JSXIdentifier' && FIELD_ELEMENTS.has(node.name.name)) {
    const attr = node.attributes.find((x): x is TSESTree.JSXAttribute => x.type === 'JSXAttribute' && x.name.name === 'name');
    if (attr?.value?.type === 'Literal' && typeof attr.value.value === 'string') return { name: attr.value.value, node: attr };
  }
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'register') {
    const arg = node.arguments[0];
    if (arg?.type === 'Literal' && typeof arg.value === 'string') return { name: arg.value, node: arg };
  }
  return undefined;
}
