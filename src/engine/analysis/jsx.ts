import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FileAnalyzer } from './state';
import { evaluate, visitChildren } from './expressions';
import { submittedValues } from './forms';
import { exportPath } from './module-values';
import type { Scope } from './scope';
import { derived, join, UNKNOWN, type Value } from './values';

/**
 * A JSX element. A vendor's component (`<IntercomProvider autoBootProps={{ email }}>`) receives
 * its props: personal data in them goes to the vendor. A component of another module of the
 * workspace is a call of that module's function with the props as its argument, linked like any
 * other call. Intrinsic elements (`<input>`) and children are walked.
 *
 * The element's value is what it renders: the data of its props and children
 * (`<WelcomeEmail name={user.name} />` sent as an email's body carries the name), never the
 * component's own name.
 */
export function evaluateJsx(a: FileAnalyzer, node: TSESTree.JSXElement, scope: Scope): Value {
  const opening = node.openingElement;
  const props = propsOf(a, opening, scope);
  const tag = tagValue(a, opening.name, scope);
  const callee = tagText(opening.name);
  if (tag?.vendor) a.sink(opening, { kind: 'vendor', callee, vendor: tag.vendor.id }, [props]);
  else if (tag?.imported) a.importCall(opening, tag.imported.spec, tag.imported.name || 'default', callee, [props]);
  const rendered: Value[] = [props];
  for (const child of node.children) walkChild(a, child, scope, rendered);
  // A form component hands its fields' values to its submit handler (`<Form onSubmit={save}>`).
  const submitted = submittedValues(a, node);
  const handler = submitted ? props.fields?.get(submitted.prop)?.fn : undefined;
  if (submitted && handler) a.upper.invokeLocal(a, handler, [submitted.values], opening, true);
  return { ...derived(rendered), known: true };
}

/** A fragment renders its children. */
export function evaluateFragment(a: FileAnalyzer, node: TSESTree.JSXFragment, scope: Scope): Value {
  const rendered: Value[] = [];
  for (const child of node.children) walkChild(a, child, scope, rendered);
  return { ...derived(rendered), known: true };
}

function walkChild(a: FileAnalyzer, child: TSESTree.JSXChild, scope: Scope, rendered: Value[]): void {
  if (child.type === 'JSXElement') rendered.push(evaluateJsx(a, child, scope));
  else if (child.type === 'JSXFragment') for (const c of child.children) walkChild(a, c, scope, rendered);
  else if (child.type === 'JSXExpressionContainer' && child.expression.type !== 'JSXEmptyExpression') rendered.push(evaluate(a, child.expression, scope));
  else if (child.type !== 'JSXText') visitChildren(a, child, scope);
}

/** The props of an element as one object: its attributes and spread attributes. */
function propsOf(a: FileAnalyzer, opening: TSESTree.JSXOpeningElement, scope: Scope): Value {
  const fields = new Map<string, Value>();
  const spreads: Value[] = [];
  for (const attr of opening.attributes) {
    if (attr.type === 'JSXSpreadAttribute') {
      const v = evaluate(a, attr.argument, scope);
      for (const [k, f] of v.fields ?? []) fields.set(k, f);
      if (!v.fields) spreads.push(v);
      continue;
    }
    const name = attr.name.type === 'JSXIdentifier' ? attr.name.name : `${attr.name.namespace.name}:${attr.name.name.name}`;
    const value = attr.value;
    if (!value) fields.set(name, { known: true });
    else if (value.type === 'Literal') fields.set(name, { known: true, str: typeof value.value === 'string' ? { text: value.value, complete: true } : undefined });
    else if (value.type === 'JSXExpressionContainer') fields.set(name, value.expression.type === 'JSXEmptyExpression' ? UNKNOWN : evaluate(a, value.expression, scope));
    else if (value.type === 'JSXElement') fields.set(name, evaluateJsx(a, value, scope));
  }
  if (spreads.length > 0) fields.set('...', join(...spreads));
  return { fields, known: true };
}

/** What a component tag names: a vendor's component, an imported component, or nothing known (intrinsic elements). */
function tagValue(a: FileAnalyzer, name: TSESTree.JSXTagNameExpression, scope: Scope): Value | undefined {
  if (name.type === 'JSXIdentifier') return /^[A-Z]/.test(name.name) ? scope.lookup(name.name) : undefined;
  if (name.type === 'JSXMemberExpression') {
    const object = tagValue(a, name.object, scope) ?? (name.object.type === 'JSXIdentifier' ? scope.lookup(name.object.name) : undefined);
    if (object?.vendor) return { vendor: { id: object.vendor.id, path: [...object.vendor.path, name.property.name] }, known: true };
    if (object?.imported) return { imported: { spec: object.imported.spec, name: exportPath(object.imported.name, name.property.name) }, known: true };
  }
  return undefined;
}

function tagText(name: TSESTree.JSXTagNameExpression): string {
  if (name.type === 'JSXIdentifier') return name.name;
  if (name.type === 'JSXMemberExpression') return `${tagText(name.object)}.${name.property.name}`;
  return `${name.namespace.name}:${name.name.name}`;
}
