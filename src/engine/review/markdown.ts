/**
 * The pull-request summary (`--format markdown`): new data flows (category → purpose → vendor),
 * new and fixed findings, inventory changes, the manifest edits the change needs, and a one-line
 * verdict. Sized for a PR comment: GitHub refuses comments over 65,536 characters, so rows past
 * the budget are left out and counted.
 */
import type { Finding, Inventory } from '../core/types';
import { isChangedLine, type ChangedLines, type InventoryChange } from './changes';

/** GitHub's limit on the body of an issue or pull-request comment. */
export const PR_COMMENT_LIMIT = 65536;

/** A flow of personal data to a vendor that the change adds. */
export interface ReviewFlow {
  category: string;
  purpose?: string;
  vendor: string;
  file: string;
  line: number;
}

/** Everything the summary says. */
export interface ReviewSummary {
  /** What the findings are compared against: "main", "the baseline", or undefined for a whole scan. */
  against?: string;
  newFindings: Finding[];
  /** Findings of the base (or baseline entries) that are gone. */
  fixed: { rule: string; file: string; message: string; line?: number }[];
  /** How many findings a baseline accepted. */
  baselined?: number;
  flows: ReviewFlow[];
  inventory: InventoryChange[];
  /** The manifest edits `fix --dry-run` would make, one line each. */
  manifestEdits: string[];
  /** Their unified diff of the manifest, shown folded under the list. Defaults to none. */
  manifestDiff?: string;
  filesScanned: number;
  /** Test files the scan left out. Defaults to 0. */
  testFilesLeftOut?: number;
}

/** Options of the rendering. */
export interface MarkdownOptions {
  /** Prefix of file links, e.g. `https://github.com/o/r/blob/<sha>/`. Defaults to none: plain `file:line`. */
  linkBase?: string;
  /** The size limit in characters. Defaults to {@link PR_COMMENT_LIMIT}. */
  limit?: number;
}

/** The flows to vendors the change adds: vendor locations of `after` on changed lines, one row per category. */
export function newFlows(after: Inventory, changes: ChangedLines | undefined): ReviewFlow[] {
  const purposeAt = new Map<string, string>();
  for (const [purpose, locations] of Object.entries(after.purposes ?? {})) for (const l of locations) purposeAt.set(`${l.file}:${l.line}`, purpose);
  const rows: ReviewFlow[] = [];
  for (const [vendor, locations] of Object.entries(after.vendors)) {
    for (const l of locations) {
      if (changes && !isChangedLine(changes, l.file, l.line)) continue;
      for (const category of l.categories ?? []) rows.push({ category, purpose: purposeAt.get(`${l.file}:${l.line}`), vendor, file: l.file, line: l.line });
    }
  }
  return rows.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.category.localeCompare(b.category));
}

/** The one-line verdict. */
export function verdict(summary: ReviewSummary): string {
  const errors = summary.newFindings.filter((f) => f.severity === 'error').length;
  const warnings = summary.newFindings.filter((f) => f.severity === 'warning').length;
  const scope = summary.against ? ` (against ${summary.against})` : '';
  if (errors > 0) return `:x: **${plural(errors, 'new privacy error')}**${warnings ? ` and ${plural(warnings, 'warning')}` : ''}${scope}: the manifest or the code needs a change.`;
  if (warnings > 0) return `:warning: **${plural(warnings, 'new privacy warning')}**${scope}; no new errors.`;
  if (summary.newFindings.length > 0) return `:information_source: ${plural(summary.newFindings.length, 'new note')}${scope}; no new errors or warnings.`;
  return `:white_check_mark: **No new privacy findings**${scope}.`;
}

/** Renders the summary as Markdown, within the size limit. */
export function formatMarkdown(summary: ReviewSummary, options: MarkdownOptions = {}): string {
  const limit = options.limit ?? PR_COMMENT_LIMIT;
  const link = (file: string, line?: number) => linkTo(file, line, options.linkBase);
  const sections: Section[] = [
    { title: 'New data flows', head: '| Category | Purpose | Vendor | Where |\n|---|---|---|---|', rows: summary.flows.map((f) => `| \`${f.category}\` | ${f.purpose ?? '_none_'} | ${f.vendor} | ${link(f.file, f.line)} |`) },
    { title: 'New findings', head: '| Severity | Rule | Finding | Where |\n|---|---|---|---|', rows: summary.newFindings.map((f) => `| ${f.severity} | \`${f.rule}\` | ${cell(f.message)}${otherPlaces(f, link)} | ${link(f.file, f.line)} |`) },
    // A fixed finding's line is the base's, not the head's: link the file only.
    { title: 'Fixed findings', head: '', rows: summary.fixed.map((f) => `- \`${f.rule}\` ${cell(f.message)} (${link(f.file)})`) },
    { title: 'Inventory changes', head: '', rows: summary.inventory.map((c) => `- ${c.change === 'added' ? '**+**' : '**−**'} ${c.kind} \`${c.id}\`${c.file ? ` (${link(c.file, c.line)})` : ''}`) },
    { title: 'Manifest changes needed', head: '', count: summary.manifestEdits.length, rows: [...summary.manifestEdits.map((e) => `- ${cell(e)}`), ...diffRow(summary.manifestDiff)] },
  ];
  const header = ['## Privacy Lens', '', verdict(summary), ''];
  const footer = footerOf(summary);
  const shown = sections.filter((x) => x.rows.length > 0);
  const shares = fairShares(shown.map(sizeOf), limit - header.join('\n').length - footer.length - 300);
  const body: string[] = [];
  let omitted = 0;
  shown.forEach((s, n) => {
    const top = `### ${s.title} (${s.count ?? s.rows.length})\n\n${s.head ? `${s.head}\n` : ''}`;
    let budget = shares[n] - top.length - 60;
    const kept: string[] = [];
    for (const row of s.rows) {
      if (row.length + 1 > budget) break;
      budget -= row.length + 1;
      kept.push(row);
    }
    omitted += s.rows.length - kept.length;
    if (kept.length === 0 && s.rows.length > 0 && budget < 0) return;
    const more = s.rows.length > kept.length ? `\n_…and ${s.rows.length - kept.length} more not shown._\n` : '';
    body.push(`${top}${kept.join('\n')}\n${more}`);
  });
  const cut = omitted > 0 ? `\n_${plural(omitted, 'row')} left out to fit a pull-request comment; see the full report (SARIF or JSON)._\n` : '';
  return `${header.join('\n')}\n${body.join('\n')}${cut}\n${footer}`;
}

/** The rendered size of a section. */
function sizeOf(s: Section): number {
  return s.title.length + s.head.length + 100 + s.rows.reduce((n, r) => n + r.length + 1, 0);
}

/** Splits a budget among sections: small ones get all they need, the large share the rest evenly. */
function fairShares(sizes: number[], budget: number): number[] {
  const shares = new Array<number>(sizes.length).fill(0);
  const order = sizes.map((_, i) => i).sort((a, b) => sizes[a] - sizes[b]);
  let left = budget;
  order.forEach((i, k) => {
    shares[i] = Math.min(sizes[i], Math.floor(left / (order.length - k)));
    left -= shares[i];
  });
  return shares;
}

interface Section {
  title: string;
  /** The count in the title, when not the number of rows. */
  count?: number;
  head: string;
  rows: string[];
}

/** The manifest diff as a folded block (`privacy-lens fix` applies it). */
function diffRow(diff: string | undefined): string[] {
  if (!diff) return [];
  const fence = diff.includes('```') ? '~~~~' : '```';
  return [`\n<details><summary>The manifest diff (<code>privacy-lens fix</code> applies it)</summary>\n\n${fence}diff\n${diff.trimEnd()}\n${fence}\n</details>`];
}

function footerOf(summary: ReviewSummary): string {
  const baselined = summary.baselined ? `, ${plural(summary.baselined, 'finding')} accepted in the baseline` : '';
  const tests = summary.testFilesLeftOut ? `, ${plural(summary.testFilesLeftOut, 'test file')} left out` : '';
  return `<sub>${plural(summary.filesScanned, 'file')} scanned${tests}${baselined}. Generated by Privacy Lens.</sub>\n`;
}

function linkTo(file: string, line: number | undefined, base: string | undefined): string {
  const label = `${file}${line ? `:${line}` : ''}`;
  if (!base) return `\`${label}\``;
  return `[${label}](${base}${file.split('/').map(encodeURIComponent).join('/')}${line ? `#L${line}` : ''})`;
}

/** Text for a table cell: no pipes or newlines. */
/** Other places a row shows links to; the rest are counted (the JSON and SARIF reports list every place). */
export const MARKDOWN_RELATED_SHOWN = 3;

/** The first other places of a finding (an undeclared category's), as links after its message. */
function otherPlaces(f: Finding, link: (file: string, line?: number) => string): string {
  const related = f.related ?? [];
  if (related.length === 0) return '';
  const shown = related.slice(0, MARKDOWN_RELATED_SHOWN).map((r) => link(r.file, r.line));
  const rest = related.length - shown.length;
  return `<br>also ${shown.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
