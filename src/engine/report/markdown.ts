/** The data map as Markdown tables, for a wiki or a pull request. */
import type { DataMap } from './data-map';
import { reportTables, type ReportTable } from './tables';

/** Renders the data map as Markdown: a summary line and one table per view. */
export function renderMarkdownReport(map: DataMap): string {
  const undeclared = map.vendors.filter((v) => !v.declared).length;
  const lines = [
    `# Data map${map.system ? `: ${escapeCell(map.system)}` : ''}`,
    '',
    `${map.categories.length} data categories, ${map.purposes.length} purposes, ${map.vendors.length} vendors (${undeclared} undeclared), ${map.findings.length} findings. Manifest: \`${map.manifest}\`${map.homeRegion ? `, home region \`${map.homeRegion}\`` : ''}.`,
  ];
  for (const table of reportTables(map)) lines.push('', ...tableLines(table));
  return lines.join('\n') + '\n';
}

function tableLines(table: ReportTable): string[] {
  const row = (cells: string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  if (table.rows.length === 0) return [`## ${table.title}`, '', 'None.'];
  return [`## ${table.title}`, '', row(table.columns), `|${table.columns.map(() => '---').join('|')}|`, ...table.rows.map(row)];
}

/** Escapes a table cell: pipes, line breaks and HTML. */
function escapeCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}
