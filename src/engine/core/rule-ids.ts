/** Every rule id, in the order docs/rules.md and the README document them. */
export const RULE_IDS = [
  'undeclared-vendor',
  'undeclared-sharing',
  'vendor-purpose-mismatch',
  'undeclared-purpose',
  'undeclared-category',
  'unknown-recipient',
  'pii-in-logs',
  'unused-vendor',
  'unused-category',
  'unresolved-flow',
  'policy-drift',
  'undeclared-transfer',
  'manifest-invalid',
  'annotation-invalid',
] as const;

/** A rule id. */
export type RuleId = (typeof RULE_IDS)[number];

/** True when `id` names a rule. */
export function isRuleId(id: string): id is RuleId {
  return (RULE_IDS as readonly string[]).includes(id);
}
