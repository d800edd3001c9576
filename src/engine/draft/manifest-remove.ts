/**
 * Removes an entry from a data-inventory manifest as text: a vendor from the sharing list or a
 * category from `categories`. The edit deletes the entry's own lines (a block list item) or its
 * element (a flow list); every other byte, comments above and below included, stays as it was.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node, type YAMLSeq } from 'yaml';
import { applyEdit, lineEnd, lineStart, type TextEdit } from './yaml-text';
import type { ManifestEdit } from './manifest-edit';

/** Removes the vendor with this id from `vendors`. */
export function removeVendor(text: string, id: string): ManifestEdit {
  return removeFrom(text, 'vendors', id);
}

/** Removes the category with this id (a key or an `id:` entry) from `categories`. */
export function removeCategory(text: string, id: string): ManifestEdit {
  return removeFrom(text, 'categories', id);
}

function removeFrom(text: string, key: string, id: string): ManifestEdit {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return { ok: false, error: 'the manifest does not parse' };
  const seq = doc.contents.get(key, true) as Node | undefined;
  if (!isSeq(seq)) return { ok: false, error: `the manifest has no ${key} list` };
  const index = (seq.items as Node[]).findIndex((item) => idOf(item) === id);
  if (index < 0) return { ok: false, error: `"${id}" is not under ${key}` };
  const edit = seq.flow ? flowRemoval(text, seq, index) : blockRemoval(text, seq.items[index] as Node);
  return { ok: true, edit, text: applyEdit(text, edit) };
}

function idOf(item: Node): string | undefined {
  if (isScalar(item)) return String(item.value);
  if (isMap(item)) return String(item.get('id') ?? '');
  return undefined;
}

/** The item's lines, from the start of its `- ` line to the end of its last line. */
function blockRemoval(text: string, item: Node): TextEdit {
  const [start, , end] = item.range!;
  const from = lineStart(text, start);
  const lastLineEnd = lineEnd(text, Math.max(start, end - 1));
  const to = text[lastLineEnd] === '\r' ? lastLineEnd + 2 : lastLineEnd + 1;
  return { offset: from, length: Math.min(text.length, to) - from, text: '' };
}

/** The element and one comma next to it, in a `[a, b, c]` list. */
function flowRemoval(text: string, seq: YAMLSeq, index: number): TextEdit {
  const items = seq.items as Node[];
  const [start, end] = items[index].range!;
  if (items.length === 1) return { offset: start, length: end - start, text: '' };
  if (index < items.length - 1) {
    const next = items[index + 1].range![0];
    return { offset: start, length: next - start, text: '' };
  }
  const previousEnd = items[index - 1].range![1];
  return { offset: previousEnd, length: end - previousEnd, text: '' };
}
