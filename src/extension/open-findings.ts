import type { Finding } from '../engine';

/**
 * The findings to show for an open document after a workspace scan. The scan reports an undeclared
 * category once, at its first place in the workspace, while the editor's own check of an open
 * document reports it once per file: an open document keeps its own `undeclared-category`
 * findings for the categories the scan reports elsewhere, so that one per open file and category
 * stays shown. `scan` is the scan's findings in the document, `own` the document's last check.
 */
export function openDocumentFindings(scan: readonly Finding[], own: readonly Finding[]): Finding[] {
  const here = new Set(scan.filter((f) => f.rule === 'undeclared-category').flatMap((f) => f.categories ?? []));
  const kept = own.filter((f) => f.rule === 'undeclared-category' && !(f.categories ?? []).some((c) => here.has(c)));
  return kept.length ? [...scan, ...kept] : [...scan];
}
