/**
 * The data map as a laid-out graph: categories on the left, purposes in the middle, vendors on the
 * right, placed by dagre (a layered layout). The size of the graph is that of the manifest and
 * the vendors reached, never that of the code, so it stays small with thousands of findings.
 */
import { nodeId, UNATTRIBUTED, type DataMap, type MapNodeId } from './data-map';

/** dagre's types describe its ES module; Node and esbuild load its CommonJS build here, which has the same API. */
type Dagre = typeof import('@dagrejs/dagre', { with: { 'resolution-mode': 'import' } });
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { graphlib, layout } = require('@dagrejs/dagre') as Dagre;

/** A placed node. `x` and `y` are its centre. */
export interface GraphNode {
  id: MapNodeId;
  kind: 'category' | 'purpose' | 'vendor';
  label: string;
  declared: boolean;
  /** How many code locations back it. */
  count: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A routed edge. */
export interface GraphEdge {
  from: MapNodeId;
  to: MapNodeId;
  declared: boolean;
  seen: boolean;
  points: { x: number; y: number }[];
}

/** The laid-out graph. */
export interface DataMapGraph {
  width: number;
  height: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const NODE_HEIGHT = 28;
const CHAR_WIDTH = 7;
const PADDING = 24;

/** Lays the data map out left to right: categories, purposes, vendors. */
export function layoutDataMap(map: DataMap): DataMapGraph {
  const g = new graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 12, ranksep: 120, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  const nodes = nodesOf(map);
  for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
  const edges = map.edges.filter((e) => g.hasNode(e.from) && g.hasNode(e.to));
  for (const e of edges) g.setEdge(e.from, e.to, { weight: e.seen ? 2 : 1 });
  layout(g);
  for (const n of nodes) {
    const placed = g.node(n.id);
    n.x = placed.x;
    n.y = placed.y;
  }
  const graph = g.graph();
  return {
    width: Math.ceil(graph.width ?? 0),
    height: Math.ceil(graph.height ?? 0),
    nodes,
    edges: edges.map((e) => ({ from: e.from, to: e.to, declared: e.declared, seen: e.seen, points: g.edge(e.from, e.to).points ?? [] })),
  };
}

function nodesOf(map: DataMap): GraphNode[] {
  const node = (kind: GraphNode['kind'], id: string, label: string, declared: boolean, count: number): GraphNode => {
    const text = nodeLabel(label, declared, count);
    return { id: nodeId(kind, id), kind, label, declared, count, x: 0, y: 0, width: text.length * CHAR_WIDTH + PADDING, height: NODE_HEIGHT };
  };
  return [
    ...map.categories.map((c) => node('category', c.id, c.id === 'user' ? "a person's record" : c.id, c.declared, c.locations.length)),
    ...map.purposes.map((p) => node('purpose', p.id, p.id === UNATTRIBUTED ? 'no purpose' : p.id, p.declared, p.locations.length)),
    ...map.vendors.map((v) => node('vendor', v.id, v.name, v.declared, v.locations.length)),
  ];
}

/** The text a node shows: its label, its count of code locations, and "undeclared" in words when it is. */
export function nodeLabel(label: string, declared: boolean, count: number): string {
  return `${declared ? '' : '⚠ '}${label} (${count})${declared ? '' : ' undeclared'}`;
}
