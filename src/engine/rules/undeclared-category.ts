import { categoryCovers } from '../core/taxonomy';
import type { RuleModule } from './rule';

/** Code processes a personal data category that the manifest declares nowhere. */
export const undeclaredCategory: RuleModule = {
  meta: {
    id: 'undeclared-category',
    defaultSeverity: 'error',
    description: 'Code processes a personal data category that is declared nowhere in the manifest.',
    help: 'Declare the category under `categories` and in the `categories` of each purpose that processes it (`privacy-lens fix` makes these edits), or stop processing the data.',
    messages: { default: '{{category}} is processed here ({{note}}) but is not declared under categories' },
  },
  create(context) {
    const seen = new Set<string>();
    return {
      occurrence(o) {
        if (o.category === 'user' || context.manifest.categories.some((d) => categoryCovers(d.id, o.category))) return;
        const key = `${o.file}|${o.category}`;
        if (seen.has(key)) return;
        seen.add(key);
        context.report({ ...o, data: { category: o.category, note: o.note }, categories: [o.category], purpose: o.purpose, trace: [{ file: o.file, line: o.line, column: o.column, note: o.note }] });
      },
    };
  },
};
