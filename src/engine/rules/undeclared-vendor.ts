import { flowReport, type RuleModule } from './rule';

/** Personal data reaches a vendor that is not on the sharing list. */
export const undeclaredVendor: RuleModule = {
  meta: {
    id: 'undeclared-vendor',
    defaultSeverity: 'error',
    description: 'Personal data reaches a vendor that is not in the manifest\'s `vendors` (the sharing list).',
    help: 'Add the vendor to the manifest\'s `vendors` with the categories and purposes it receives, once the privacy policy\'s sharing list names it (`privacy-lens fix` drafts the entry), or stop sending personal data to it.',
    messages: { default: '{{categories}} {{is}} sent to {{vendorName}}, which is not in the sharing list' },
  },
  create(context) {
    return {
      flow(flow) {
        if (!flow.vendor || flow.declaredVendor) return;
        context.report(flowReport(flow, { vendorName: flow.vendorName ?? flow.vendor }));
      },
    };
  },
};
