/**
 * The data map as one self-contained HTML file: the graph as inline SVG, the tables and the
 * findings, one inline style sheet, no script and no reference to anything outside the file, so it
 * opens offline and prints (the graph fits the page width, tables repeat their headings).
 */
import type { DataMap } from './data-map';
import { escapeXml, GRAPH_CSS, renderDataMapSvg } from './svg';
import { reportTables, type ReportTable } from './tables';

const PAGE_CSS = `
body { font: 14px/1.45 system-ui, sans-serif; color: #222; margin: 2rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #c4c9cf; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #eef1f4; } thead { display: table-header-group; }
td.undeclared { color: #b3261e; font-weight: bold; }
.graph { overflow-x: auto; border: 1px solid #c4c9cf; padding: 8px; }
.graph svg { max-width: 100%; height: auto; }
.legend { font-size: 0.9rem; }
@media print { body { margin: 0.5cm; } .graph { overflow: visible; border: none; } tr { break-inside: avoid; } }
`;

/** Renders the data map as a self-contained HTML report. */
export function renderHtmlReport(map: DataMap, generated = new Date()): string {
  const title = `Data map${map.system ? `: ${map.system}` : ''}`;
  const undeclared = map.vendors.filter((v) => !v.declared).length;
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeXml(title)}</title>`,
    `<style>${PAGE_CSS}${GRAPH_CSS}</style>`,
    '</head><body>',
    `<h1>${escapeXml(title)}</h1>`,
    `<p>${map.categories.length} data categories, ${map.purposes.length} purposes, ${map.vendors.length} vendors (${undeclared} undeclared), ${map.findings.length} findings. Manifest <code>${escapeXml(map.manifest)}</code>${map.homeRegion ? `, home region <code>${escapeXml(map.homeRegion)}</code>` : ''}. Generated ${escapeXml(generated.toISOString().slice(0, 10))} by Privacy Lens.</p>`,
    '<h2>Graph</h2>',
    '<p class="legend">Data categories → purposes → vendors; the number is the count of code locations. Undeclared nodes and edges are dashed and marked ⚠ undeclared; faint dotted edges are declared in the manifest but not seen in the code.</p>',
    `<div class="graph">${renderDataMapSvg(map, { style: false })}</div>`,
    ...reportTables(map).map(tableHtml),
    '</body></html>',
    '',
  ].join('\n');
}

function tableHtml(table: ReportTable): string {
  const head = `<h2>${escapeXml(table.title)}</h2>`;
  if (table.rows.length === 0) return `${head}\n<p>None.</p>`;
  const declaredColumn = table.columns.indexOf('Declared');
  const cell = (text: string, i: number) => `<td${i === declaredColumn && text !== 'yes' ? ' class="undeclared"' : ''}>${escapeXml(text)}</td>`;
  return [
    head,
    '<table>',
    `<thead><tr>${table.columns.map((c) => `<th>${escapeXml(c)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...table.rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`),
    '</tbody></table>',
  ].join('\n');
}
