import { isMap, isScalar, LineCounter, parseDocument, visit, type Document, type Node, type Pair } from 'yaml';
import { builtinVendorIndex } from '../core/catalog';
import { compileGlob } from '../glob';
import { isBuiltinCategory, isBuiltinDataUse } from '../core/taxonomy';
import { RULE_IDS } from '../core/rule-ids';
import type { SeveritySetting } from '../core/types';
import { YamlReader } from './yaml-reader';
import {
  DATA_SUBJECTS,
  LEGAL_BASES,
  TRANSFER_MECHANISMS,
  type DeclaredCategory,
  type DeclaredPurpose,
  type DeclaredVendor,
  type LegalBasis,
  type Manifest,
  type ManifestLoadResult,
  type TransferMechanism,
} from './types';

const TOP_KEYS = ['version', 'system', 'policy', 'categories', 'purposes', 'vendors', 'first_party', 'ignore', 'rules', 'home_region'];
const POLICY_KEYS = ['url', 'file', 'updated'];
const CATEGORY_KEYS = ['id', 'description', 'match', 'retention'];
const PURPOSE_KEYS = ['id', 'description', 'basis', 'data_use', 'categories', 'paths', 'data_subjects', 'retention'];
const VENDOR_KEYS = ['id', 'name', 'packages', 'hosts', 'purposes', 'categories', 'region', 'transfer'];
const SEVERITIES = ['error', 'warning', 'info', 'off'];

/** How far aliases may expand (YAML's own guard against "billion laughs" documents), counted as `yaml` counts them. */
export const MAX_ALIAS_COUNT = 1000;

/**
 * Parses and validates a data-inventory manifest (docs/manifest.md). Never throws: every syntax or
 * validation problem comes back as a positioned error, and a manifest with any error is not ok.
 */
export function parseManifest(text: string, file = 'data-inventory.yaml'): ManifestLoadResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const reader = new YamlReader(lines, doc);
  for (const e of doc.errors) {
    const [start, end] = e.pos;
    const a = lines.linePos(start);
    const b = lines.linePos(end);
    const message = e.code === 'MULTIPLE_DOCS' ? MULTIPLE_DOCUMENTS : `YAML syntax error: ${firstLine(e.message)}`;
    reader.errors.push({ line: a.line, column: a.col, endLine: b.line, endColumn: b.col, message });
  }
  if (reader.errors.length === 0) checkAliases(doc, reader);
  if (reader.errors.length > 0) return { ok: false, errors: reader.errors };
  const manifest = readManifest(doc.contents as Node | null, reader, file);
  if (!manifest || reader.errors.length > 0) return { ok: false, errors: reader.errors };
  return { ok: true, manifest, errors: [] };
}

const MULTIPLE_DOCUMENTS = 'the manifest holds more than one YAML document (a second one starts at this "---"); keep everything in one document';

/**
 * Refuses aliases that expand too far (a few lines of `&a [*b, *b, …]` can stand for billions of
 * nodes), at the first alias, before the reader follows any of them.
 */
function checkAliases(doc: Document, r: YamlReader): void {
  let first: Node | undefined;
  visit(doc, {
    Alias(_, node) {
      first = node;
      return visit.BREAK;
    },
  });
  if (!first) return;
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // Only the expansion guard is a ReferenceError; anything else the reader reports at its node.
    if (e instanceof ReferenceError) r.error(first, `the aliases of the manifest expand too far (more than ${MAX_ALIAS_COUNT}); spell the lists out`);
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function readManifest(root: Node | null, r: YamlReader, file: string): Manifest | undefined {
  if (!isMap(root)) {
    r.error(root, 'the manifest must be a mapping with at least "version: 1"');
    return undefined;
  }
  const top = r.pairs(root, TOP_KEYS, 'the manifest');
  const version = top.get('version');
  if (!version) r.error(root, 'missing "version: 1"');
  else if (!isScalar(version.value) || version.value.value !== 1) r.error(version.value, 'version must be 1');
  const m: Manifest = {
    file,
    version: 1,
    system: optionalString(top.get('system'), r, 'system'),
    homeRegion: optionalString(top.get('home_region'), r, 'home_region'),
    categories: readCategories(top.get('categories'), r),
    purposes: [],
    vendors: [],
    firstPartyHosts: readFirstParty(top.get('first_party'), r),
    ignore: top.get('ignore') ? globs(r.strings(top.get('ignore')!.value, 'ignore'), r) : [],
    rules: readRules(top.get('rules'), r),
  };
  m.policy = readPolicy(top.get('policy'), r);
  // Sets of ids keep validation linear in the manifest's size: 100k purposes must not take a minute.
  const categoryIds = new Set(m.categories.map((c) => c.id));
  m.purposes = readPurposes(top.get('purposes'), r, categoryIds);
  m.vendors = readVendors(top.get('vendors'), r, categoryIds, new Set(m.purposes.map((p) => p.id)));
  return m;
}

/** Glob strings, each refused at its position when it cannot be compiled (braces that expand too far). */
function globs(items: { value: string; node: Node }[], r: YamlReader): string[] {
  for (const item of items) {
    const compiled = compileGlob(item.value);
    if (!compiled.ok) r.error(item.node, compiled.error);
  }
  return items.map((x) => x.value);
}

function optionalString(pair: Pair<Node, Node> | undefined, r: YamlReader, what: string): string | undefined {
  return pair ? r.string(pair.value, what) : undefined;
}

function readPolicy(pair: Pair<Node, Node> | undefined, r: YamlReader): Manifest['policy'] {
  if (!pair) return undefined;
  const map = r.map(pair.value, 'policy');
  if (!map) return undefined;
  const p = r.pairs(map, POLICY_KEYS, 'policy');
  return {
    url: optionalString(p.get('url'), r, 'policy.url'),
    file: optionalString(p.get('file'), r, 'policy.file'),
    updated: optionalString(p.get('updated'), r, 'policy.updated'),
    range: r.rangeOf(pair.value),
  };
}

function readCategories(pair: Pair<Node, Node> | undefined, r: YamlReader): DeclaredCategory[] {
  const out: DeclaredCategory[] = [];
  const seen = new Set<string>();
  for (const item of pair ? r.items(pair.value, 'categories') : []) {
    const category = isScalar(item) ? readCategoryKey(item, r) : readCategoryEntry(item, r);
    if (!category) continue;
    if (seen.has(category.id)) r.error(item, `duplicate category "${category.id}"`);
    else {
      seen.add(category.id);
      out.push(category);
    }
  }
  return out;
}

function readCategoryKey(item: Node, r: YamlReader): DeclaredCategory | undefined {
  const id = r.string(item, 'a category');
  if (id === undefined) return undefined;
  if (!isBuiltinCategory(id)) {
    r.error(item, `"${id}" is not a built-in category; describe a custom category with id, description and match`);
    return undefined;
  }
  return { id, match: [], builtin: true, range: r.rangeOf(item) };
}

function readCategoryEntry(item: Node, r: YamlReader): DeclaredCategory | undefined {
  const map = r.map(item, 'a category');
  if (!map) return undefined;
  const p = r.pairs(map, CATEGORY_KEYS, 'a category');
  const id = requiredId(p, item, r, 'a category');
  if (id === undefined) return undefined;
  const builtin = isBuiltinCategory(id);
  const description = optionalString(p.get('description'), r, 'description');
  const match = p.get('match') ? r.strings(p.get('match')!.value, 'match').map((s) => s.value) : [];
  if (!builtin && (!description || match.length === 0)) {
    r.error(item, `custom category "${id}" needs a description and a non-empty match list (it is not in the built-in taxonomy)`);
  }
  const retention = optionalString(p.get('retention'), r, 'retention');
  return { id, description, match, retention, builtin, range: r.rangeOf(item) };
}

function requiredId(p: Map<string, Pair<Node, Node>>, item: Node, r: YamlReader, what: string): string | undefined {
  const pair = p.get('id');
  if (!pair) {
    r.error(item, `${what} needs an id`);
    return undefined;
  }
  return r.string(pair.value, 'id');
}

function readPurposes(pair: Pair<Node, Node> | undefined, r: YamlReader, cats: ReadonlySet<string>): DeclaredPurpose[] {
  const out: DeclaredPurpose[] = [];
  const seen = new Set<string>();
  for (const item of pair ? r.items(pair.value, 'purposes') : []) {
    const map = r.map(item, 'a purpose');
    if (!map) continue;
    const p = r.pairs(map, PURPOSE_KEYS, 'a purpose');
    const id = requiredId(p, item, r, 'a purpose');
    if (id === undefined) continue;
    if (seen.has(id)) r.error(p.get('id')!.value, `duplicate purpose "${id}"`);
    seen.add(id);
    out.push({
      id,
      description: optionalString(p.get('description'), r, 'description'),
      basis: readBasis(p.get('basis'), r),
      dataUse: readDataUse(p.get('data_use'), r),
      categories: readCategoryRefs(p.get('categories'), r, cats, `purpose "${id}"`),
      paths: p.get('paths') ? globs(r.strings(p.get('paths')!.value, 'paths'), r) : [],
      dataSubjects: readDataSubjects(p.get('data_subjects'), r),
      retention: optionalString(p.get('retention'), r, 'retention'),
      range: r.rangeOf(item),
    });
  }
  return out;
}

function readBasis(pair: Pair<Node, Node> | undefined, r: YamlReader): LegalBasis | undefined {
  const value = optionalString(pair, r, 'basis');
  if (value === undefined) return undefined;
  if ((LEGAL_BASES as readonly string[]).includes(value)) return value as LegalBasis;
  r.error(pair!.value, `unknown legal basis "${value}"; allowed: ${LEGAL_BASES.join(', ')}`);
  return undefined;
}

function readDataSubjects(pair: Pair<Node, Node> | undefined, r: YamlReader): string[] {
  if (!pair) return [];
  const refs = r.strings(pair.value, 'data_subjects');
  for (const ref of refs) {
    if (!(DATA_SUBJECTS as readonly string[]).includes(ref.value)) r.error(ref.node, `"${ref.value}" is not a fideslang data subject; allowed: ${DATA_SUBJECTS.join(', ')}`);
  }
  return refs.map((x) => x.value);
}

function readTransfer(pair: Pair<Node, Node> | undefined, r: YamlReader): TransferMechanism | undefined {
  const value = optionalString(pair, r, 'transfer');
  if (value === undefined) return undefined;
  if ((TRANSFER_MECHANISMS as readonly string[]).includes(value)) return value as TransferMechanism;
  r.error(pair!.value, `unknown transfer mechanism "${value}"; allowed: ${TRANSFER_MECHANISMS.join(', ')}`);
  return undefined;
}

function readDataUse(pair: Pair<Node, Node> | undefined, r: YamlReader): string | undefined {
  const value = optionalString(pair, r, 'data_use');
  if (value !== undefined && !isBuiltinDataUse(value)) {
    r.error(pair!.value, `"${value}" is not a fideslang data use`);
  }
  return value;
}

function readCategoryRefs(pair: Pair<Node, Node> | undefined, r: YamlReader, cats: ReadonlySet<string>, owner: string): string[] {
  if (!pair) return [];
  const refs = r.strings(pair.value, `categories of ${owner}`);
  for (const ref of refs) {
    if (!isCovered(cats, ref.value)) {
      r.error(ref.node, `category "${ref.value}" of ${owner} is not declared under categories`);
    }
  }
  return refs.map((x) => x.value);
}

function readVendors(pair: Pair<Node, Node> | undefined, r: YamlReader, cats: ReadonlySet<string>, purposes: ReadonlySet<string>): DeclaredVendor[] {
  const out: DeclaredVendor[] = [];
  const seen = new Set<string>();
  for (const item of pair ? r.items(pair.value, 'vendors') : []) {
    const vendor = readVendor(item, r, cats, purposes);
    if (!vendor) continue;
    if (seen.has(vendor.id)) r.error(item, `duplicate vendor "${vendor.id}"`);
    else {
      seen.add(vendor.id);
      out.push(vendor);
    }
  }
  return out;
}

function readVendor(item: Node, r: YamlReader, cats: ReadonlySet<string>, purposes: ReadonlySet<string>): DeclaredVendor | undefined {
  const map = r.map(item, 'a vendor');
  if (!map) return undefined;
  const p = r.pairs(map, VENDOR_KEYS, 'a vendor');
  const id = requiredId(p, item, r, 'a vendor');
  if (id === undefined) return undefined;
  const list = (key: string) => (p.get(key) ? r.strings(p.get(key)!.value, key).map((s) => s.value) : []);
  const vendor: DeclaredVendor = {
    id,
    name: optionalString(p.get('name'), r, 'name'),
    packages: list('packages'),
    hosts: list('hosts'),
    purposes: readPurposeRefs(p.get('purposes'), r, purposes, id),
    categories: readCategoryRefs(p.get('categories'), r, cats, `vendor "${id}"`),
    region: optionalString(p.get('region'), r, 'region'),
    transfer: readTransfer(p.get('transfer'), r),
    builtin: builtinVendorIndex().byId(id) !== undefined,
    range: r.rangeOf(item),
  };
  if (!vendor.builtin && (!vendor.name || vendor.packages.length + vendor.hosts.length === 0)) {
    r.error(p.get('id')!.value, `"${id}" is not in the built-in vendor catalog; describe it with name and packages or hosts`);
  }
  return vendor;
}

function readPurposeRefs(pair: Pair<Node, Node> | undefined, r: YamlReader, purposes: ReadonlySet<string>, vendor: string): string[] {
  if (!pair) return [];
  const refs = r.strings(pair.value, `purposes of vendor "${vendor}"`);
  for (const ref of refs) {
    if (!purposes.has(ref.value)) {
      r.error(ref.node, `purpose "${ref.value}" of vendor "${vendor}" is not declared under purposes`);
    }
  }
  return refs.map((x) => x.value);
}

/** True when a declared category covers `used`: it or one of its parents (`user.contact` covers `user.contact.email`) is declared. */
function isCovered(declared: ReadonlySet<string>, used: string): boolean {
  for (let id = used; ; id = id.slice(0, id.lastIndexOf('.'))) {
    if (declared.has(id)) return true;
    if (!id.includes('.')) return false;
  }
}

function readFirstParty(pair: Pair<Node, Node> | undefined, r: YamlReader): string[] {
  if (!pair) return [];
  const map = r.map(pair.value, 'first_party');
  if (!map) return [];
  const hosts = r.pairs(map, ['hosts'], 'first_party').get('hosts');
  return hosts ? r.strings(hosts.value, 'first_party.hosts').map((s) => s.value) : [];
}

function readRules(pair: Pair<Node, Node> | undefined, r: YamlReader): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  const map = pair ? r.map(pair.value, 'rules') : undefined;
  for (const [id, entry] of map ? r.pairs(map, RULE_IDS, 'rules') : []) {
    const value = r.string(entry.value, `the severity of ${id}`);
    if (value === undefined) continue;
    if (SEVERITIES.includes(value)) out[id] = value as SeveritySetting;
    else r.error(entry.value, `severity of ${id} must be one of ${SEVERITIES.join(', ')}`);
  }
  return out;
}
