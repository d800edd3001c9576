/**
 * The recipients of the emails a file sends: a value written as `to`, `cc`, `bcc` or `replyTo` of a
 * send call (`transporter.sendMail({ to: data.to })`) is an email address, and so is the same
 * expression read elsewhere in that function (`logger.info(\`sent to ${data.to}\`)`), before or
 * after the send.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleeName, propertyKey, RECIPIENT_KEYS } from './members';
import type { RecipientPath } from './state';

const SEND_CALLEE = /(^|\.)(send\w*|\w*[sS]end|\w*[mM]ail\w*|create)$/;

/** Every expression of the program written as the recipient of a send call. */
export function recipientPaths(program: TSESTree.Program): RecipientPath[] {
  const out: RecipientPath[] = [];
  const visit = (node: unknown, fn: TSESTree.Node): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child, fn);
      return;
    }
    const n = node as TSESTree.Node;
    if (typeof n.type !== 'string') return;
    const inner = n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' ? n : fn;
    if (n.type === 'CallExpression' && SEND_CALLEE.test(calleeName(n.callee))) {
      for (const arg of n.arguments) if (arg.type === 'ObjectExpression') collect(arg, inner, out);
    }
    for (const key in n) {
      if (key === 'parent' || key === 'loc' || key === 'range') continue;
      visit((n as unknown as Record<string, unknown>)[key], inner);
    }
  };
  visit(program.body, program);
  return out;
}

function collect(object: TSESTree.ObjectExpression, fn: TSESTree.Node, out: RecipientPath[]): void {
  for (const p of object.properties) {
    if (p.type !== 'Property' || p.computed) continue;
    const key = propertyKey(p);
    if (!key || !RECIPIENT_KEYS.has(key)) continue;
    const value = p.value;
    if (value.type !== 'MemberExpression' && value.type !== 'Identifier') continue;
    const path = calleeName(value);
    if (path.includes('(')) continue;
    out.push({ path, start: fn.range[0], end: fn.range[1], line: value.loc.start.line });
  }
}
