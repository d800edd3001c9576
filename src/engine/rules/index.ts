import { annotationInvalid } from './annotation-invalid';
import { RULE_IDS, type RuleId } from '../core/rule-ids';
import { manifestInvalidMeta } from './manifest-invalid';
import { piiInLogs } from './pii-in-logs';
import { policyDrift } from './policy-drift';
import { DOCS_BASE, type RuleMeta, type RuleModule } from './rule';
import { undeclaredCategory } from './undeclared-category';
import { undeclaredPurpose } from './undeclared-purpose';
import { undeclaredSharing } from './undeclared-sharing';
import { undeclaredTransfer } from './undeclared-transfer';
import { undeclaredVendor } from './undeclared-vendor';
import { unknownRecipient } from './unknown-recipient';
import { unresolvedFlow } from './unresolved-flow';
import { unusedCategory } from './unused-category';
import { unusedVendor } from './unused-vendor';
import { vendorPurposeMismatch } from './vendor-purpose-mismatch';

/** Every rule that checks analysis facts against the manifest, in documentation order. */
export const RULES: readonly RuleModule[] = [
  undeclaredVendor,
  undeclaredSharing,
  vendorPurposeMismatch,
  undeclaredPurpose,
  undeclaredCategory,
  unknownRecipient,
  piiInLogs,
  unusedVendor,
  unusedCategory,
  unresolvedFlow,
  policyDrift,
  undeclaredTransfer,
  annotationInvalid,
];

/** The metadata of every rule id, including those the scan reports itself. */
export const RULE_META: readonly RuleMeta[] = [...RULES.map((r) => r.meta), manifestInvalidMeta].sort(
  (a, b) => order(a.id) - order(b.id),
);

function order(id: RuleId): number {
  return RULE_IDS.indexOf(id);
}

/** The metadata of one rule. */
export function ruleMeta(id: string): RuleMeta | undefined {
  return RULE_META.find((m) => m.id === id);
}

/** The documentation link of a rule. */
export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE}${id}`;
}
