import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { CategoryMatcher, MatchContext } from '../core/taxonomy';
import type { Trace, Value } from './values';

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
  if (node.type === 'JSXOpeningElement' && node.name.type === 'JSXIdentifier' && FIELD_ELEMENTS.has(node.name.name)) return nameAttribute(node);
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'register') {
    const arg = node.arguments[0];
    if (arg?.type === 'Literal' && typeof arg.value === 'string') return { name: arg.value, node: arg };
  }
  return undefined;
}

/** An element's literal `name="..."` attribute: the field's name, and the attribute. */
function nameAttribute(opening: TSESTree.JSXOpeningElement): { name: string; node: TSESTree.JSXAttribute } | undefined {
  const attr = opening.attributes.find((x): x is TSESTree.JSXAttribute => x.type === 'JSXAttribute' && x.name.name === 'name');
  return attr?.value?.type === 'Literal' && typeof attr.value.value === 'string' ? { name: attr.value.value, node: attr } : undefined;
}

/**
 * Whether a form's (or a form state's) field names make it a person's input: some field says by
 * itself that it is a person's (`email`, `username`, `password`), so that `name` beside it is the
 * person's name; `{ name, description, color }` is a collection's.
 */
export function isPersonForm(matcher: CategoryMatcher, names: readonly string[]): boolean {
  return names.some((name) => matcher.match(name, {}) !== undefined);
}

/** Props of a form component that get the submitted values (`<Form onSubmit>`, antd's `onFinish`, Formik's `onSubmit`). */
const SUBMIT_PROPS = ['onSubmit', 'onFinish', 'onValidSubmit'];

/**
 * A form component's submitted values (`<Form onSubmit={save}>` of a component library, Formik,
 * antd): an object with a field for each `name="..."` of the elements inside it (`<FormField
 * name="username">`, `<Field name="email">`, `<input name="phone">`), known by that name as a
 * person's input when some field says by itself that it is a person's (`email`, `username`): a
 * lone `name` beside `domain` is a website's. Undefined for an intrinsic `<form>` (its handler gets
 * an event) and for a form without named fields. Returns the submit prop's name with the values.
 */
export function submittedValues(a: FieldSources & { config: { matcher: CategoryMatcher } }, node: TSESTree.JSXElement): { prop: string; values: Value } | undefined {
  const opening = node.openingElement;
  if (opening.name.type === 'JSXIdentifier' && !/^[A-Z]/.test(opening.name.name)) return undefined;
  const prop = SUBMIT_PROPS.find((p) => opening.attributes.some((x) => x.type === 'JSXAttribute' && x.name.name === p));
  if (!prop) return undefined;
  const named = new Map<string, TSESTree.JSXAttribute>();
  const visit = (child: TSESTree.Node): void => {
    if (child.type === 'JSXElement') {
      const field = nameAttribute(child.openingElement);
      if (field && !named.has(field.name)) named.set(field.name, field.node);
      child.children.forEach(visit);
    } else if (child.type === 'JSXFragment') child.children.forEach(visit);
    else if (child.type === 'JSXExpressionContainer' && child.expression.type !== 'JSXEmptyExpression') visitExpression(child.expression, visit);
  };
  node.children.forEach(visit);
  if (named.size === 0) return undefined;
  const personContext = isPersonForm(a.config.matcher, [...named.keys()]);
  const fields = new Map<string, Value>();
  for (const [name, attr] of named) {
    const cats = a.source(attr, name, { personContext }, (c) => `form field "${name}" (${c})`);
    fields.set(name, cats ? { cats, known: true } : { known: false });
  }
  return { prop, values: { fields, known: true } };
}

/** The JSX elements inside an expression child (`{cond && <Field name="x" />}`, `{(p) => <Field ... />}`). */
function visitExpression(expr: TSESTree.Node, visit: (n: TSESTree.Node) => void): void {
  if (expr.type === 'JSXElement' || expr.type === 'JSXFragment') return visit(expr);
  if (expr.type === 'LogicalExpression') return (visitExpression(expr.left, visit), visitExpression(expr.right, visit));
  if (expr.type === 'ConditionalExpression') return (visitExpression(expr.consequent, visit), visitExpression(expr.alternate, visit));
  if ((expr.type === 'ArrowFunctionExpression' || expr.type === 'FunctionExpression') && expr.body.type !== 'BlockStatement') return visitExpression(expr.body, visit);
}
