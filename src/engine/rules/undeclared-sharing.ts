import { categoryCovers } from '../core/taxonomy';
import { flowReport, type RuleModule } from './rule';

/** A declared vendor receives a category its manifest entry does not list. */
export const undeclaredSharing: RuleModule = {
  meta: {
    id: 'undeclared-sharing',
    defaultSeverity: 'error',
    description: 'A declared vendor receives a personal data category that is not in its `categories`.',
    help: 'Add the category to the vendor\'s `categories` when the policy allows sharing it (`privacy-lens fix`), or stop sending that data to the vendor.',
    messages: { default: '{{vendorName}} receives {{categories}}, which its entry in the sharing list does not declare' },
  },
  create(context) {
    return {
      flow(flow) {
        const vendor = flow.declaredVendor;
        if (!vendor) return;
        const extra = flow.categories.filter((c) => c !== 'user' && !vendor.categories.some((d) => categoryCovers(d, c)));
        if (extra.length > 0) context.report(flowReport(flow, { vendorName: flow.vendorName ?? vendor.id }, extra));
      },
    };
  },
};
