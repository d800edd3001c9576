import { compareWithPolicy } from '../policy/drift';
import type { RuleModule } from './rule';

/** The manifest and the published policy (`policy.file`) disagree on a vendor or purpose. */
export const policyDrift: RuleModule = {
  meta: {
    id: 'policy-drift',
    defaultSeverity: 'warning',
    description: 'The manifest and the published policy (`policy.file`) disagree on a vendor or purpose',
    help: 'Make the manifest and the published policy (`policy.file`) agree: declare the vendor or purpose the policy names, or update the policy when the manifest is right.',
    messages: {
      unreadable: 'policy.file {{policy}} cannot be read ({{reason}}), so the manifest cannot be compared with the policy',
      vendorNotInPolicy: 'vendor "{{vendor}}" is on the sharing list but the policy {{policy}} does not name {{vendorName}}',
      vendorNotInManifest: 'the policy {{policy}} names {{vendorName}} (policy line {{policyLine}}) but the sharing list does not declare vendor "{{vendor}}"',
      purposeNotInPolicy: 'purpose "{{purpose}}" is declared but the policy {{policy}} does not mention it',
    },
  },
  create(context) {
    return {
      end() {
        if (!context.policy) return;
        for (const d of compareWithPolicy(context.manifest, context.policy, context.vendors.all())) {
          const { kind, vendor, vendorName, purpose, policyLine, reason, line, column, endLine, endColumn } = d;
          const data: Record<string, string> = { policy: context.policy.file, vendor: vendor ?? '', vendorName: vendorName ?? '', purpose: purpose ?? '', policyLine: String(policyLine ?? ''), reason: reason ?? '' };
          context.report({ file: context.manifest.file, line, column, endLine, endColumn, messageId: kind, data, vendor, purpose });
        }
      },
    };
  },
};
