import { categoryCovers } from '../core/taxonomy';
import type { RuleModule } from './rule';

/** A declared category that no scanned code processes. */
export const unusedCategory: RuleModule = {
  meta: {
    id: 'unused-category',
    defaultSeverity: 'info',
    description: 'A declared category is never seen in the scanned code (workspace scan only).',
    help: 'Remove the category when the code no longer processes it, or check that the scan covers the code that does (`ignore` globs, `--manifest`).',
    messages: { default: 'category "{{category}}" is declared but never seen in the scanned code' },
    workspaceOnly: true,
  },
  create(context) {
    return {
      end({ flows, occurrences }) {
        if (!context.workspace) return;
        // `user` alone (a person's whole record) says nothing about which declared category is used.
        const seen = new Set([...occurrences.map((o) => o.category), ...flows.flatMap((f) => f.categories)].filter((c) => c !== 'user'));
        for (const c of context.manifest.categories) {
          const used = [...seen].some((s) => categoryCovers(c.id, s) || categoryCovers(s, c.id));
          if (!used) context.report({ file: context.manifest.file, ...c.range, data: { category: c.id }, categories: [c.id] });
        }
      },
    };
  },
};
