import { categoryCovers } from '../core/taxonomy';
import type { RelatedLocation } from '../core/types';
import type { ResolvedOccurrence, RuleModule } from './rule';

/**
 * Code processes a personal data category that the manifest declares nowhere. A workspace scan
 * reports each such category once, at its first place (file, line, column order), with the count
 * and every other place as related locations; a check of single files (the editor's open
 * documents) reports it once per file. A place is a line; a suppressed line is no place.
 */
export const undeclaredCategory: RuleModule = {
  meta: {
    id: 'undeclared-category',
    defaultSeverity: 'error',
    description: 'Code processes a personal data category that is declared nowhere in the manifest.',
    help: 'Declare the category under `categories` and in the `categories` of each purpose that processes it (`privacy-lens fix` makes these edits), or stop processing the data.',
    messages: {
      default: '{{category}} is processed here ({{note}}) but is not declared under categories',
      places: '{{category}} is processed here ({{note}}) and in {{others}}, but is not declared under categories',
      added: '{{category}} is processed here ({{note}}){{more}}, but is not declared under categories (already undeclared before this change, at {{before}})',
    },
  },
  create(context) {
    const places = new Map<string, ResolvedOccurrence[]>();
    return {
      occurrence(o) {
        if (o.category === 'user' || context.manifest.categories.some((d) => categoryCovers(d.id, o.category))) return;
        if (context.suppressed(o.file, o.line)) return;
        const group = context.workspace ? o.category : `${o.file}|${o.category}`;
        const list = places.get(group);
        if (list) list.push(o);
        else places.set(group, [o]);
      },
      end() {
        for (const list of places.values()) {
          const [first, ...others] = onePerLine(list);
          const related = context.workspace ? others.map(relatedOf) : [];
          context.report({
            ...first,
            messageId: related.length ? 'places' : 'default',
            data: { category: first.category, note: first.note, others: othersText(first.file, related) },
            categories: [first.category],
            purpose: first.purpose,
            trace: [{ file: first.file, line: first.line, column: first.column, note: first.note }],
            related,
          });
        }
      },
    };
  },
};

/** A category's places in file, line and column order, the first of each line only. */
function onePerLine(list: ResolvedOccurrence[]): ResolvedOccurrence[] {
  const sorted = [...list].sort(comparePlaces);
  return sorted.filter((o, i) => i === 0 || sorted[i - 1].file !== o.file || sorted[i - 1].line !== o.line);
}

/** File, line, column: the order findings are listed in. */
export function comparePlaces(a: { file: string; line: number; column: number }, b: { file: string; line: number; column: number }): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}

function relatedOf(o: ResolvedOccurrence): RelatedLocation {
  return { file: o.file, line: o.line, column: o.column, endLine: o.endLine, endColumn: o.endColumn, message: o.note };
}

/** "37 other places in 12 files", or "2 other places in this file" (of a place in `file`). */
export function othersText(file: string, others: readonly { file: string }[], noun = 'other place'): string {
  const files = new Set(others.map((o) => o.file));
  const where = files.size === 1 && files.has(file) ? 'this file' : plural(files.size, 'file');
  return `${plural(others.length, noun)} in ${where}`;
}

/** "1 place", "1,204 places". */
export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
