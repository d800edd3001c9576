/**
 * The data map's graph as SVG: one renderer for the HTML report, the exported SVG file and the
 * editor's webview. Colours come from classes (`pl-*`) and CSS variables (`--pl-*`), so that each
 * host themes it: the report and the exported file with the built-in style below, the webview with
 * VS Code's theme colours. Undeclared nodes and edges are dashed and say "undeclared" in words.
 */
import { layoutDataMap, nodeLabel, type DataMapGraph, type GraphEdge, type GraphNode } from './graph';
import type { DataMap } from './data-map';

/** Options of the SVG renderer. */
export interface SvgOptions {
  /** A standalone file (with the SVG namespace) rather than SVG inlined in HTML. Defaults to false. */
  standalone?: boolean;
  /** Embed the default style (light colours over CSS variables). Defaults to true. */
  style?: boolean;
}

const HEADING = 28;

/** The style of the graph, as CSS variables with light defaults. */
export const GRAPH_CSS = `
.pl-graph { font: 12px sans-serif; }
.pl-graph .pl-heading { fill: var(--pl-fg, #222); font-weight: bold; }
.pl-graph .pl-node rect { fill: var(--pl-node-bg, #f4f6f8); stroke: var(--pl-node-border, #56606b); stroke-width: 1; }
.pl-graph .pl-node text { fill: var(--pl-fg, #222); }
.pl-graph .pl-node.pl-undeclared rect { stroke: var(--pl-undeclared, #b3261e); stroke-width: 2; stroke-dasharray: 5 3; }
.pl-graph .pl-node.pl-undeclared text { fill: var(--pl-undeclared, #b3261e); font-weight: bold; }
.pl-graph .pl-node.pl-vendor rect { rx: 12; }
.pl-graph .pl-edge { fill: none; stroke: var(--pl-edge, #56606b); stroke-width: 1.5; }
.pl-graph .pl-edge.pl-unseen { stroke-opacity: 0.35; stroke-dasharray: 2 3; }
.pl-graph .pl-edge.pl-undeclared { stroke: var(--pl-undeclared, #b3261e); stroke-width: 2.5; stroke-dasharray: 6 3; stroke-opacity: 1; }
.pl-graph .pl-arrow { fill: var(--pl-edge, #56606b); }
`;

/** Renders the data map's graph as SVG. */
export function renderDataMapSvg(map: DataMap, options: SvgOptions = {}): string {
  return renderGraphSvg(layoutDataMap(map), options);
}

/** Renders a laid-out graph as SVG. */
export function renderGraphSvg(graph: DataMapGraph, options: SvgOptions = {}): string {
  const width = Math.max(graph.width, 200);
  const height = graph.height + HEADING;
  const ns = options.standalone ? ' xmlns="http://www.w3.org/2000/svg"' : '';
  const parts = [
    `<svg${ns} class="pl-graph" role="img" aria-label="Data map: data categories, purposes and vendors" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    options.style === false ? '' : `<style>${GRAPH_CSS}</style>`,
    '<defs><marker id="pl-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="pl-arrow" d="M0,0 L10,5 L0,10 z"/></marker></defs>',
    headings(graph),
    `<g transform="translate(0,${HEADING})">`,
    ...graph.edges.map(edgeSvg),
    ...graph.nodes.map(nodeSvg),
    '</g></svg>',
  ];
  return parts.filter(Boolean).join('\n');
}

function headings(graph: DataMapGraph): string {
  const titles: [GraphNode['kind'], string][] = [['category', 'Data categories'], ['purpose', 'Purposes'], ['vendor', 'Vendors']];
  return titles
    .map(([kind, title]) => {
      const column = graph.nodes.filter((n) => n.kind === kind);
      if (column.length === 0) return '';
      const x = Math.min(...column.map((n) => n.x - n.width / 2));
      return `<text class="pl-heading" x="${x}" y="18">${title}</text>`;
    })
    .join('');
}

function nodeSvg(n: GraphNode): string {
  const classes = ['pl-node', `pl-${n.kind}`, n.declared ? 'pl-declared' : 'pl-undeclared'].join(' ');
  const x = n.x - n.width / 2;
  const y = n.y - n.height / 2;
  const text = nodeLabel(n.label, n.declared, n.count);
  const title = `${n.kind} ${n.label}: ${n.count} code location${n.count === 1 ? '' : 's'}${n.declared ? '' : ', not declared in the manifest'}`;
  return (
    `<g class="${classes}" data-node="${escapeXml(n.id)}" tabindex="0" role="button"><title>${escapeXml(title)}</title>` +
    `<rect x="${round(x)}" y="${round(y)}" width="${n.width}" height="${n.height}" rx="4"/>` +
    `<text x="${round(x + 12)}" y="${round(n.y + 4)}">${escapeXml(text)}</text></g>`
  );
}

function edgeSvg(e: GraphEdge): string {
  const classes = ['pl-edge', e.declared ? 'pl-declared' : 'pl-undeclared', e.seen ? 'pl-seen' : 'pl-unseen'].join(' ');
  const d = e.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)},${round(p.y)}`).join(' ');
  const title = `${e.from} → ${e.to}${e.declared ? '' : ' (undeclared)'}${e.seen ? '' : ' (declared, not seen in code)'}`;
  return `<path class="${classes}" data-from="${escapeXml(e.from)}" data-to="${escapeXml(e.to)}" d="${d}" marker-end="url(#pl-arrow)"><title>${escapeXml(title)}</title></path>`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Escapes text for XML and HTML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
