/**
 * Low-level helpers for editing YAML as text: positions, line ends, indentation and scalar
 * quoting. Edits built from these only insert text, so everything else stays byte for byte.
 */
import type { Node } from 'yaml';

/** A change to a text: replace `length` characters at `offset` with `text`. */
export interface TextEdit {
  offset: number;
  length: number;
  text: string;
}

/** The line break a text uses: CRLF when it has any, else LF. */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The offset where the line containing `pos` ends (before its line break). */
export function lineEnd(text: string, pos: number): number {
  const n = text.indexOf('\n', pos);
  if (n < 0) return text.length;
  return n > 0 && text[n - 1] === '\r' ? n - 1 : n;
}

/** The offset where the line containing `pos` starts. */
export function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** The 0-based column of an offset. */
export function columnOf(text: string, pos: number): number {
  return pos - lineStart(text, pos);
}

/** The offset just after a node's last non-blank character. */
export function contentEnd(text: string, node: Node): number {
  let end = node.range?.[1] ?? 0;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}

/** The offset where a node starts. */
export function startOf(node: Node): number {
  return node.range?.[0] ?? 0;
}

const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

/** A string as a YAML scalar: plain when that reads back as the same string in block and flow context, else double-quoted. */
export function scalar(value: string): string {
  const plainSafe = /^[A-Za-z_][A-Za-z0-9_.\-/@ ]*$/.test(value) && value === value.trim() && !RESERVED.test(value);
  return plainSafe ? value : JSON.stringify(value);
}

/** A flow list: `[a, "b c"]`. */
export function flowList(values: readonly string[]): string {
  return `[${values.map(scalar).join(', ')}]`;
}

/** An entry (ordered key/value pairs) as a flow map: `{id: x, purposes: [a]}`. */
export function flowMap(entry: readonly [string, string | string[]][]): string {
  return `{${entry.map(([k, v]) => `${k}: ${Array.isArray(v) ? flowList(v) : scalar(v)}`).join(', ')}}`;
}

/** An entry as block lines (`id: x`, `purposes: [a]`), without indentation. */
export function blockLines(entry: readonly [string, string | string[]][]): string[] {
  return entry.map(([k, v]) => `${k}: ${Array.isArray(v) ? flowList(v) : scalar(v)}`);
}

/** Comment lines for an entry, at an indentation; none without a comment. */
export function commentLines(comment: string | undefined, indent: string, eol: string): string {
  if (!comment) return '';
  return comment
    .split(/\r?\n/)
    .map((line) => `${indent}# ${line.trim()}`.trimEnd())
    .join(eol) + eol;
}

/** Applies an edit to a text. */
export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.offset) + edit.text + text.slice(edit.offset + edit.length);
}

/** The smallest single edit that turns `before` into `after` (common prefix and suffix kept); null when they are equal. */
export function diffEdit(before: string, after: string): TextEdit | null {
  if (before === after) return null;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { offset: start, length: before.length - start - end, text: after.slice(start, after.length - end) };
}
