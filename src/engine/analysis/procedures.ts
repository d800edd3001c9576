import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { PROCEDURE_INPUT, propertyName } from './members';
import type { Value } from './values';

/** The methods of a procedure builder that take its handler. */
const HANDLER_METHODS = new Set(['query', 'mutation', 'subscription', 'action', 'stateAction', 'handler']);
/** The methods of a procedure builder that declare what the client sends. */
const INPUT_METHODS = new Set(['input', 'inputSchema', 'schema']);
/** How far along a builder chain the input declaration is looked for. */
const MAX_CHAIN = 12;

/**
 * The argument a typed procedure's handler gets: tRPC's `procedure.input(schema).mutation(({ input }) => ...)`,
 * oRPC's `.input(schema).handler(({ input }) => ...)`, next-safe-action's `client.schema(schema).action(({
 * parsedInput }) => ...)`. Its `input` (`parsedInput`) is what the client sent: its fields are personal
 * data by their names, and what a person writes (`message`, `feedback`) is theirs. Undefined for a call
 * that is not such a handler's, and for a procedure that declares no input.
 */
export function procedureArgument(callee: TSESTree.MemberExpression, method: string): Value | undefined {
  if (!HANDLER_METHODS.has(method) || !declaresInput(callee.object)) return undefined;
  const input: Value = { input: PROCEDURE_INPUT, container: true, known: true };
  return { fields: new Map([['input', input], ['parsedInput', input]]), known: false };
}

/** Whether a builder chain (`t.procedure.use(auth).input(schema)`) declares its input along the way. */
function declaresInput(node: TSESTree.Node): boolean {
  let n: TSESTree.Node = node;
  for (let i = 0; i < MAX_CHAIN; i++) {
    if (n.type === 'TSNonNullExpression' || n.type === 'TSAsExpression') n = n.expression;
    else if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression') {
      if (INPUT_METHODS.has(propertyName(n.callee) ?? '') && n.arguments.length > 0) return true;
      n = n.callee.object;
    } else return false;
  }
  return false;
}
