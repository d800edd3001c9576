import { categoryCovers } from '../core/taxonomy';
import type { RuleModule } from './rule';

/** Code with purpose P processes a category that P does not declare. */
export const undeclaredPurpose: RuleModule = {
  meta: {
    id: 'undeclared-purpose',
    defaultSeverity: 'error',
    description: 'Code whose purpose is P processes a personal data category that is not in P\'s `categories`.',
    help: 'Add the category to the purpose\'s `categories` when the purpose needs it (`privacy-lens fix`), annotate the code with the purpose it serves (`// privacy-lens purpose=ID`), or stop processing the data here.',
    messages: { default: '{{category}} is processed for purpose "{{purpose}}" ({{why}}), which does not declare it' },
  },
  create(context) {
    const seen = new Set<string>();
    const declaredAnywhere = (c: string) => context.manifest.categories.some((d) => categoryCovers(d.id, c));
    return {
      occurrence(o) {
        if (!o.purpose || o.category === 'user' || !declaredAnywhere(o.category)) return;
        const purpose = context.manifest.purposes.find((p) => p.id === o.purpose);
        if (!purpose || purpose.categories.some((d) => categoryCovers(d, o.category))) return;
        const key = `${o.file}|${o.purpose}|${o.category}`;
        if (seen.has(key)) return;
        seen.add(key);
        const why = o.purposeSource === 'annotation' ? 'from an annotation' : o.purposeSource === 'path' ? 'from its path' : 'from its vendor';
        context.report({ ...o, data: { category: o.category, purpose: o.purpose, why }, categories: [o.category], purpose: o.purpose, purposeSource: o.purposeSource, trace: [{ file: o.file, line: o.line, column: o.column, note: o.note }] });
      },
    };
  },
};
