import { flowReport, listText, type RuleModule } from './rule';

/** A declared vendor receives data from code whose purpose is not one of the vendor's purposes. */
export const vendorPurposeMismatch: RuleModule = {
  meta: {
    id: 'vendor-purpose-mismatch',
    defaultSeverity: 'warning',
    description: 'A declared vendor receives personal data from code whose purpose is not in the vendor\'s `purposes`.',
    help: 'Add the code\'s purpose to the vendor\'s `purposes` when the policy allows it (`privacy-lens fix`), or annotate the code with a purpose the vendor serves.',
    messages: { default: '{{vendorName}} receives {{categories}} for purpose "{{purpose}}", which is not one of its purposes ({{purposes}})' },
  },
  create(context) {
    return {
      flow(flow) {
        const vendor = flow.declaredVendor;
        if (!vendor || !flow.purpose || flow.purposeSource === 'vendor') return;
        if (vendor.purposes.includes(flow.purpose)) return;
        const purposes = vendor.purposes.length > 0 ? listText(vendor.purposes) : 'none declared';
        context.report(flowReport(flow, { vendorName: flow.vendorName ?? vendor.id, purpose: flow.purpose, purposes }));
      },
    };
  },
};
