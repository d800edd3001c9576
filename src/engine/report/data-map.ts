/**
 * The data map: which categories of personal data each purpose processes and which vendors receive
 * them, from the manifest (what is declared) and the last scan's inventory (what the code does).
 * One model feeds the editor's tree and graph and every report format, so they never disagree.
 */
import type { VendorIndex } from '../core/catalog';
import type { DeclaredPurpose, DeclaredVendor, Manifest, TransferMechanism } from '../manifest/types';
import { categoryCovers } from '../core/taxonomy';
import type { Finding, Inventory, InventoryLocation } from '../core/types';

/** The purpose node of code no purpose is attributed to (DESIGN.md §3, case 4). */
export const UNATTRIBUTED = '(unattributed)';

/** A place in the code, 1-based. */
export interface MapLocation {
  file: string;
  line: number;
}

/** A category of personal data on the map. */
export interface MapCategory {
  id: string;
  description?: string;
  /** Declared by the manifest (itself or a parent key). */
  declared: boolean;
  retention?: string;
  /** Where the code collects or reads it. */
  locations: MapLocation[];
  purposes: string[];
  vendors: string[];
}

/** A purpose on the map; `UNATTRIBUTED` collects code without one. */
export interface MapPurpose {
  id: string;
  description?: string;
  basis?: string;
  dataUse?: string;
  dataSubjects: string[];
  retention?: string;
  declared: boolean;
  /** Declared and seen categories. */
  categories: string[];
  vendors: string[];
  /** The code attributed to it that processes personal data. */
  locations: MapLocation[];
}

/** A recipient on the map. */
export interface MapVendor {
  id: string;
  name: string;
  /** On the manifest's sharing list. */
  declared: boolean;
  region?: string;
  transfer?: TransferMechanism;
  categories: string[];
  purposes: string[];
  /** The calls that send it personal data. */
  locations: MapLocation[];
}

/** A node id of the graph: `category:<id>`, `purpose:<id>` or `vendor:<id>`. */
export type MapNodeId = string;

/** An edge: a category processed for a purpose, or a purpose's data sent to a vendor. */
export interface MapEdge {
  from: MapNodeId;
  to: MapNodeId;
  kind: 'category-purpose' | 'purpose-vendor';
  /** The manifest declares this edge and every category on it. */
  declared: boolean;
  /** The code does it (it has locations). */
  seen: boolean;
  categories: string[];
  /** Categories on a seen edge that the manifest does not declare for it. */
  undeclaredCategories: string[];
  locations: MapLocation[];
}

/** The whole map. */
export interface DataMap {
  system?: string;
  homeRegion?: string;
  manifest: string;
  categories: MapCategory[];
  purposes: MapPurpose[];
  vendors: MapVendor[];
  edges: MapEdge[];
  findings: Finding[];
}

/** What the map is built from: a session's manifest, its last scan and the vendor catalog. */
export interface DataMapInput {
  manifest: Manifest;
  inventory: Inventory;
  findings: Finding[];
  vendors: VendorIndex;
}

/** Builds the data map of a manifest and a scan's inventory. Pure and deterministic. */
export function buildDataMap(input: DataMapInput): DataMap {
  const builder = new MapBuilder(input);
  builder.addManifest();
  builder.addInventory();
  return builder.result();
}

/** The node id of a category, purpose or vendor. */
export function nodeId(kind: 'category' | 'purpose' | 'vendor', id: string): MapNodeId {
  return `${kind}:${id}`;
}

class MapBuilder {
  private readonly categories = new Map<string, MapCategory>();
  private readonly purposes = new Map<string, MapPurpose>();
  private readonly vendors = new Map<string, MapVendor>();
  private readonly edges = new Map<string, MapEdge>();
  /** The categories the code sends on each purpose-vendor edge. */
  private readonly sent = new Map<MapEdge, string[]>();

  constructor(private readonly input: DataMapInput) {}

  addManifest(): void {
    const m = this.input.manifest;
    for (const c of m.categories) this.category(c.id);
    for (const p of m.purposes) {
      this.purpose(p.id);
      for (const c of p.categories) {
        this.category(c);
        this.edge(nodeId('category', c), nodeId('purpose', p.id), 'category-purpose', [c]);
      }
    }
    for (const v of m.vendors) {
      this.vendor(v.id);
      for (const p of v.purposes) this.edge(nodeId('purpose', p), nodeId('vendor', v.id), 'purpose-vendor', v.categories);
    }
  }

  addInventory(): void {
    for (const [category, locations] of Object.entries(this.input.inventory.categories)) {
      for (const loc of locations) this.seeCategory(category, loc);
    }
    // The map is where personal data goes: places that reach a vendor without any (an import, a
    // call with none) are in the inventory's vendor list, not on the map.
    for (const [vendor, locations] of Object.entries(this.input.inventory.vendors)) {
      for (const loc of locations) if (loc.categories === undefined || loc.categories.length > 0) this.seeVendor(vendor, loc);
    }
  }

  result(): DataMap {
    const m = this.input.manifest;
    const all = [...this.categories.values(), ...this.purposes.values(), ...this.vendors.values(), ...this.edges.values()];
    for (const x of all) x.locations = tidy(x.locations);
    const edges = [...this.edges.values()].map((e) => this.judge(e));
    for (const e of edges) link(e, this.categories, this.purposes, this.vendors);
    const byId = <T extends { id: string }>(order: string[]) => (a: T, b: T) => rank(order, a.id) - rank(order, b.id) || a.id.localeCompare(b.id);
    return {
      system: m.system,
      homeRegion: m.homeRegion,
      manifest: m.file,
      categories: [...this.categories.values()].sort(byId([])),
      purposes: [...this.purposes.values()].sort(byId([...m.purposes.map((p) => p.id), UNATTRIBUTED])),
      vendors: [...this.vendors.values()].sort(byId(m.vendors.map((v) => v.id))),
      edges: edges.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
      findings: this.input.findings,
    };
  }

  private seeCategory(category: string, loc: InventoryLocation): void {
    const purpose = loc.purpose ?? UNATTRIBUTED;
    const at = { file: loc.file, line: loc.line };
    addLocation(this.category(category).locations, at);
    addLocation(this.purpose(purpose).locations, at);
    const e = this.edge(nodeId('category', category), nodeId('purpose', purpose), 'category-purpose', [category]);
    addLocation(e.locations, at);
  }

  private seeVendor(vendor: string, loc: InventoryLocation): void {
    const purpose = loc.purpose ?? UNATTRIBUTED;
    const at = { file: loc.file, line: loc.line };
    addLocation(this.vendor(vendor).locations, at);
    this.purpose(purpose);
    const categories = loc.categories ?? [];
    for (const c of categories) this.category(c);
    const e = this.edge(nodeId('purpose', purpose), nodeId('vendor', vendor), 'purpose-vendor', []);
    this.sent.set(e, [...(this.sent.get(e) ?? []), ...categories]);
    addLocation(e.locations, at);
  }

  private category(id: string): MapCategory {
    let c = this.categories.get(id);
    if (!c) {
      const declared = this.input.manifest.categories.find((d) => d.id === id);
      c = { id, declared: id === 'user' || this.input.manifest.categories.some((d) => categoryCovers(d.id, id)), locations: [], purposes: [], vendors: [] };
      if (declared?.description) c.description = declared.description;
      const retention = declared?.retention ?? this.input.manifest.categories.find((d) => categoryCovers(d.id, id) && d.retention)?.retention;
      if (retention) c.retention = retention;
      this.categories.set(id, c);
    }
    return c;
  }

  private purpose(id: string): MapPurpose {
    let p = this.purposes.get(id);
    if (!p) {
      const d = this.declaredPurpose(id);
      p = { id, declared: d !== undefined, dataSubjects: d?.dataSubjects ?? [], categories: [], vendors: [], locations: [] };
      for (const [key, value] of [['description', d?.description], ['basis', d?.basis], ['dataUse', d?.dataUse], ['retention', d?.retention]] as const) {
        if (value) p[key] = value;
      }
      this.purposes.set(id, p);
    }
    return p;
  }

  private vendor(id: string): MapVendor {
    let v = this.vendors.get(id);
    if (!v) {
      const d = this.declaredVendor(id);
      v = { id, name: this.input.vendors.byId(id)?.name ?? d?.name ?? id, declared: d !== undefined, categories: [], purposes: [], locations: [] };
      if (d?.region) v.region = d.region;
      if (d?.transfer) v.transfer = d.transfer;
      this.vendors.set(id, v);
    }
    return v;
  }

  private edge(from: MapNodeId, to: MapNodeId, kind: MapEdge['kind'], categories: string[]): MapEdge {
    const key = `${from}>${to}`;
    let e = this.edges.get(key);
    if (!e) {
      e = { from, to, kind, declared: false, seen: false, categories: [], undeclaredCategories: [], locations: [] };
      this.edges.set(key, e);
    }
    e.categories = union(e.categories, categories);
    return e;
  }

  /** Decides whether the manifest declares an edge; on a purpose-vendor edge, which of its seen categories it does not. */
  private judge(e: MapEdge): MapEdge {
    e.seen = e.locations.length > 0;
    if (e.kind === 'category-purpose') {
      const category = e.from.slice('category:'.length);
      const p = this.declaredPurpose(e.to.slice('purpose:'.length));
      e.declared = category === 'user' || (p?.categories.some((c) => categoryCovers(c, category)) ?? false);
      return e;
    }
    const purpose = e.from.slice('purpose:'.length);
    const v = this.declaredVendor(e.to.slice('vendor:'.length));
    const seenCategories = union([], this.sent.get(e) ?? []);
    e.categories = union(e.categories, seenCategories);
    e.undeclaredCategories = seenCategories.filter((c) => c !== 'user' && !(v?.categories.some((d) => categoryCovers(d, c)) ?? false));
    const purposeOk = v !== undefined && (purpose === UNATTRIBUTED || v.purposes.includes(purpose));
    e.declared = purposeOk && e.undeclaredCategories.length === 0;
    return e;
  }

  private declaredPurpose(id: string): DeclaredPurpose | undefined {
    return this.input.manifest.purposes.find((p) => p.id === id);
  }

  private declaredVendor(id: string): DeclaredVendor | undefined {
    return this.input.manifest.vendors.find((v) => v.id === id);
  }
}

/** Records an edge on the nodes it joins: a purpose's categories and vendors, a category's purposes and vendors, a vendor's purposes and categories. */
function link(e: MapEdge, categories: Map<string, MapCategory>, purposes: Map<string, MapPurpose>, vendors: Map<string, MapVendor>): void {
  if (e.kind === 'category-purpose') {
    const c = categories.get(e.from.slice('category:'.length))!;
    const p = purposes.get(e.to.slice('purpose:'.length))!;
    c.purposes = union(c.purposes, [p.id]);
    p.categories = union(p.categories, [c.id]);
    return;
  }
  const p = purposes.get(e.from.slice('purpose:'.length));
  const v = vendors.get(e.to.slice('vendor:'.length))!;
  if (!p) return;
  p.vendors = union(p.vendors, [v.id]);
  v.purposes = union(v.purposes, [p.id]);
  v.categories = union(v.categories, e.categories);
  for (const id of e.categories) {
    const c = categories.get(id);
    if (c) c.vendors = union(c.vendors, [v.id]);
  }
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

function addLocation(list: MapLocation[], at: MapLocation): void {
  list.push(at);
}

/** Locations without duplicates, in file and line order. */
function tidy(list: MapLocation[]): MapLocation[] {
  const seen = new Set<string>();
  return list.filter((l) => !seen.has(`${l.file}:${l.line}`) && seen.add(`${l.file}:${l.line}`)).sort(compareLocations);
}

function compareLocations(a: MapLocation, b: MapLocation): number {
  return a.file.localeCompare(b.file) || a.line - b.line;
}

function rank(order: string[], id: string): number {
  const i = order.indexOf(id);
  return i < 0 ? order.length : i;
}
