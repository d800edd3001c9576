/**
 * Edits a data-inventory manifest as text: add a category, purpose or vendor, or add a category
 * or purpose to an entry. Every edit is one insertion, so each comment and all the formatting of
 * the rest of the file stay byte for byte. The CLI's `init` and the editor's quick fixes share these.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Alias, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import {
  applyEdit,
  blockLines,
  diffEdit,
  columnOf,
  commentLines,
  contentEnd,
  eolOf,
  flowList,
  flowMap,
  lineEnd,
  lineStart,
  scalar,
  startOf,
  type TextEdit,
} from './yaml-text';

export { applyEdit, diffEdit, type TextEdit } from './yaml-text';

/** The result of an edit: the edit and the new text (`edit` null when there was nothing to add), or why it cannot be made. */
export type ManifestEdit = { ok: true; edit: TextEdit | null; text: string } | { ok: false; error: string };

/** A vendor to add to the sharing list. */
export interface VendorEntry {
  id: string;
  name?: string;
  packages?: string[];
  hosts?: string[];
  purposes?: string[];
  categories?: string[];
}

/** A purpose to add. */
export interface PurposeEntry {
  id: string;
  description?: string;
  basis?: string;
  data_use?: string;
  categories?: string[];
  paths?: string[];
}

type Entry = [string, string | string[]][];
type Loaded = { ok: true; document: Document; root: YAMLMap; text: string; eol: string } | { ok: false; error: string };

/** Adds a built-in category key under `categories` (nothing when it is already there). */
export function addCategory(text: string, id: string, comment?: string): ManifestEdit {
  return withRoot(text, (doc) => (findEntry(topList(doc.root, 'categories'), id) ? null : appendTo(doc, doc.root, 'categories', { scalar: id }, comment)));
}

/** Adds a custom category (id, description and match words) under `categories`. */
export function addCustomCategory(text: string, category: { id: string; description: string; match: string[] }, comment?: string): ManifestEdit {
  const entry: Entry = [['id', category.id], ['description', category.description], ['match', category.match]];
  return withRoot(text, (doc) => (findEntry(topList(doc.root, 'categories'), category.id) ? null : appendTo(doc, doc.root, 'categories', { entry }, comment)));
}

/** Adds a vendor to the sharing list, with `purposes` and `categories` (empty lists when not given). */
export function addVendor(text: string, vendor: VendorEntry, comment?: string): ManifestEdit {
  const entry: Entry = [['id', vendor.id]];
  if (vendor.name) entry.push(['name', vendor.name]);
  if (vendor.packages?.length) entry.push(['packages', vendor.packages]);
  if (vendor.hosts?.length) entry.push(['hosts', vendor.hosts]);
  entry.push(['purposes', vendor.purposes ?? []], ['categories', vendor.categories ?? []]);
  return withRoot(text, (doc) => (findEntry(topList(doc.root, 'vendors'), vendor.id) ? null : appendTo(doc, doc.root, 'vendors', { entry }, comment)));
}

/** Adds a purpose, with `categories` (an empty list when not given). */
export function addPurpose(text: string, purpose: PurposeEntry, comment?: string): ManifestEdit {
  const entry: Entry = [['id', purpose.id]];
  for (const key of ['description', 'basis', 'data_use'] as const) if (purpose[key]) entry.push([key, purpose[key]!]);
  entry.push(['categories', purpose.categories ?? []]);
  if (purpose.paths?.length) entry.push(['paths', purpose.paths]);
  return withRoot(text, (doc) => (findEntry(topList(doc.root, 'purposes'), purpose.id) ? null : appendTo(doc, doc.root, 'purposes', { entry }, comment)));
}

/** Adds a category to a purpose's `categories`. */
export function addCategoryToPurpose(text: string, purposeId: string, category: string): ManifestEdit {
  return addToEntryList(text, 'purposes', purposeId, 'categories', category);
}

/** Adds a category to a vendor's `categories`. */
export function addCategoryToVendor(text: string, vendorId: string, category: string): ManifestEdit {
  return addToEntryList(text, 'vendors', vendorId, 'categories', category);
}

/** Adds a purpose to a vendor's `purposes`. */
export function addPurposeToVendor(text: string, vendorId: string, purposeId: string): ManifestEdit {
  return addToEntryList(text, 'vendors', vendorId, 'purposes', purposeId);
}

function addToEntryList(text: string, section: string, id: string, key: string, value: string): ManifestEdit {
  return withRoot(text, (doc) => {
    const entry = findEntry(topList(doc.root, section), id);
    if (!isMap(entry)) throw new EditError(`no ${section.slice(0, -1)} "${id}" in ${section}`);
    const list = resolved(doc.document, entry.get(key, true) as Node | undefined);
    if (isSeq(list) && list.items.some((item) => isScalar(item) && String(item.value) === value)) return null;
    return appendTo(doc, entry, key, { scalar: value }, undefined, true);
  });
}

class EditError extends Error {}

/** Parses the text, runs an edit builder on its root mapping, and checks the result still parses. */
function withRoot(text: string, build: (doc: Extract<Loaded, { ok: true }>) => TextEdit | null): ManifestEdit {
  const doc = load(text);
  if (!doc.ok) return doc;
  try {
    const edit = build(doc);
    if (!edit) return { ok: true, edit: null, text };
    const next = applyEdit(text, edit);
    const check = parseDocument(next);
    return check.errors.length ? { ok: false, error: `the edit would not parse: ${check.errors[0].message.split('\n')[0]}` } : { ok: true, edit, text: next };
  } catch (e) {
    if (e instanceof EditError) return { ok: false, error: e.message };
    throw e;
  }
}

function load(text: string): Loaded {
  const doc = parseDocument(text);
  if (doc.errors.length) return { ok: false, error: `the manifest does not parse: ${doc.errors[0].message.split('\n')[0]}` };
  const root = doc.contents;
  if (!isMap(root)) return { ok: false, error: 'the manifest is not a mapping' };
  return { ok: true, document: doc, root, text, eol: eolOf(text) };
}

/** The node an alias stands for (the node itself when it is not an alias). */
function resolved(document: Document, node: Node | undefined): Node | undefined {
  return isAlias(node) ? (node.resolve(document) as Node | undefined) : node;
}

function topList(root: YAMLMap, key: string): Node | undefined {
  return root.get(key, true) as Node | undefined;
}


/** The entry of a list with this id: a map with `id: <id>`, or a scalar `<id>`. */
function findEntry(list: Node | undefined, id: string): Node | undefined {
  if (!isSeq(list)) return undefined;
  return (list.items as Node[]).find((item) => {
    if (isScalar(item)) return String(item.value) === id;
    return isMap(item) && isScalar(item.get('id', true)) && String((item.get('id', true) as { value: unknown }).value) === id;
  });
}

type Item = { scalar: string } | { entry: Entry };

/** The edit that appends an item to the list under `key` of `map`, creating the key when it is absent. */
function appendTo(doc: Extract<Loaded, { ok: true }>, map: YAMLMap, key: string, item: Item, comment?: string, nested = false): TextEdit {
  const pair = (map.items as Pair<Node, Node>[]).find((p) => isScalar(p.key) && p.key.value === key);
  if (!pair) return addKey(doc, map, key, item, comment, nested);
  const value = pair.value;
  if (isAlias(value)) return spellOutAlias(doc, value, key, item);
  if (isSeq(value) && value.flow) return appendToFlowSeq(doc.text, value, item);
  if (isSeq(value)) return appendToBlockSeq(doc, value, item, comment);
  if (isScalar(value) && (value.value === null || value.value === undefined)) return replaceNull(doc.text, pair, item);
  throw new EditError(`"${key}" is not a list`);
}

/**
 * `key: *names`, a list shared through an alias: the alias is replaced by a flow list of its
 * items and the new one, so that the other users of the anchored list keep what they declare.
 */
function spellOutAlias(doc: Extract<Loaded, { ok: true }>, alias: Alias, key: string, item: Item): TextEdit {
  const target = resolved(doc.document, alias);
  if (!isSeq(target) || !target.items.every((x) => isScalar(x)) || !('scalar' in item)) throw new EditError(`"${key}" is an alias of something other than a list of names`);
  const values = (target.items as Node[]).map((x) => String((x as { value: unknown }).value));
  const start = startOf(alias);
  return { offset: start, length: contentEnd(doc.text, alias) - start, text: flowList([...values, item.scalar]) };
}

function appendToBlockSeq(doc: Extract<Loaded, { ok: true }>, seq: YAMLSeq, item: Item, comment?: string): TextEdit {
  const dash = ' '.repeat(columnOf(doc.text, startOf(seq)));
  const last = seq.items[seq.items.length - 1] as Node;
  const offset = lineEnd(doc.text, ownEnd(doc.text, startOf(last), contentEnd(doc.text, last), dash.length));
  return { offset, length: 0, text: doc.eol + commentLines(comment, dash, doc.eol) + dash + '- ' + itemBlock(item, dash + '  ', doc.eol) };
}

/**
 * Where an item's own text ends: its range, less the comment lines at its end that are indented no
 * deeper than the list's dashes (`# end of file` after the last vendor belongs to no vendor).
 */
function ownEnd(text: string, start: number, end: number, dashColumn: number): number {
  let at = end;
  for (;;) {
    const from = lineStart(text, at);
    const line = text.slice(from, at);
    if (from <= start || !/^\s*#/.test(line) || line.search(/\S/) > dashColumn) return at;
    at = from - 1;
    while (at > start && /\s/.test(text[at - 1])) at--;
  }
}

function itemBlock(item: Item, indent: string, eol: string): string {
  return 'scalar' in item ? scalar(item.scalar) : blockLines(item.entry).join(eol + indent);
}

function itemFlow(item: Item): string {
  return 'scalar' in item ? scalar(item.scalar) : flowMap(item.entry);
}

/** Appends after the last item (not before the `]`, which a comment line may precede), or into `[]`. */
function appendToFlowSeq(text: string, seq: YAMLSeq, item: Item): TextEdit {
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  if (last) return { offset: contentEnd(text, last), length: 0, text: `, ${itemFlow(item)}` };
  const open = startOf(seq);
  if (text[open] !== '[') throw new EditError('cannot find the start of a flow list');
  return { offset: open + 1, length: 0, text: itemFlow(item) };
}

/** `key:` or `key: ~` with no list yet: the list is written in flow style in place of the null. */
function replaceNull(text: string, pair: Pair<Node, Node>, item: Item): TextEdit {
  const value = pair.value!;
  const [start, end] = value.range ?? [0, 0];
  if (end > start) return { offset: start, length: end - start, text: `[${itemFlow(item)}]` };
  const keyEnd = contentEnd(text, pair.key!);
  const colon = text.indexOf(':', keyEnd);
  return { offset: colon + 1, length: 0, text: ` [${itemFlow(item)}]` };
}

/** Adds `key:` with one item to a mapping: at its end, in block style (flow inside a flow mapping). */
function addKey(doc: Extract<Loaded, { ok: true }>, map: YAMLMap, key: string, item: Item, comment: string | undefined, nested: boolean): TextEdit {
  if (map.flow) {
    const close = contentEnd(doc.text, map) - 1;
    const empty = map.items.length === 0;
    return { offset: close, length: 0, text: `${empty ? '' : ', '}${key}: [${itemFlow(item)}]` };
  }
  const first = map.items[0]?.key as Node | undefined;
  const indent = ' '.repeat(first ? columnOf(doc.text, startOf(first)) : 0);
  const offset = lineEnd(doc.text, contentEnd(doc.text, map));
  const eol = doc.eol;
  if (nested) return { offset, length: 0, text: `${eol}${indent}${key}: [${itemFlow(item)}]` };
  const body = commentLines(comment, indent + '  ', eol) + `${indent}  - ${itemBlock(item, indent + '    ', eol)}`;
  return { offset, length: 0, text: `${eol}${eol}${indent}${key}:${eol}${body}` };
}

/** Runs edits one after another (stopping at the first that fails); the edit is the single change from `text` to the result. */
export function applyEdits(text: string, steps: ((text: string) => ManifestEdit)[]): ManifestEdit {
  let current = text;
  for (const step of steps) {
    const result = step(current);
    if (!result.ok) return result;
    current = result.text;
  }
  return { ok: true, edit: diffEdit(text, current), text: current };
}
