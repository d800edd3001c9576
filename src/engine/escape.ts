/**
 * Escaping for what the tool prints. File names, identifiers and policy text come from the
 * workspace: a name with a newline or a terminal escape code could clear the screen or forge a
 * finding line, and one with Markdown or a backtick could forge a hover. Every front end passes
 * workspace text through these functions before printing it.
 */

/** C0 and C1 control characters, DEL, and the bidirectional overrides of "Trojan Source". */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Makes text safe for a terminal: control characters become visible escapes (`\n`, `\x1b`, `\u202e`). */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    const code = c.charCodeAt(0);
    return named[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}

/** Makes text safe as Markdown prose: control characters escaped, Markdown and HTML syntax taken literally. */
export function escapeMarkdown(text: string): string {
  return escapeControl(text).replace(/[\\`*_{}[\]()<>#|~!&]/g, '\\$&');
}

/** Inline Markdown code for any text: a fence longer than any run of backticks in it. */
export function markdownCode(text: string): string {
  const safe = escapeControl(text);
  const longest = Math.max(0, ...(safe.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 || safe.startsWith(' ') || safe.endsWith(' ') ? ' ' : '';
  return `${fence}${pad}${safe}${pad}${fence}`;
}

/** A relative path as a URI reference: each segment percent-encoded (`a b/#1.ts` -> `a%20b/%231.ts`). */
export function pathToUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
