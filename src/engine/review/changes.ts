/**
 * What a change touches: the lines a unified diff adds or changes in each file (after renames),
 * the findings on them, and how the inventory (vendors, categories, purposes) differs from the base.
 */
import type { Finding, Inventory } from '../core/types';

/** The changed lines of each file of a diff, by its new path, and the renames (new path → old path). */
export interface ChangedLines {
  /** Lines added or changed, by new path; `'all'` for a file that is wholly new. */
  files: Map<string, Set<number> | 'all'>;
  renames: Map<string, string>;
}

/** Parses `git diff --unified=0 --find-renames` output (any context size works; only `+` lines count). */
export function parseUnifiedDiff(diff: string): ChangedLines {
  const files = new Map<string, Set<number> | 'all'>();
  const renames = new Map<string, string>();
  let renameFrom: string | undefined;
  let current: Set<number> | undefined;
  let line = 0;
  for (const text of diff.split('\n')) {
    if (text.startsWith('diff --git ')) {
      current = undefined;
      renameFrom = undefined;
    } else if (text.startsWith('rename from ')) renameFrom = unquote(text.slice(12));
    else if (text.startsWith('rename to ')) {
      const to = unquote(text.slice(10));
      if (renameFrom !== undefined) renames.set(to, renameFrom);
      files.set(to, files.get(to) ?? new Set());
    } else if (text.startsWith('+++ ')) {
      const path = text.slice(4);
      current = undefined;
      if (path === '/dev/null') continue;
      // git ends a name that has a space with a tab on this line.
      const name = unquote(path.replace(/\t$/, '')).replace(/^b\//, '');
      const set = new Set<number>();
      files.set(name, set);
      current = set;
    } else if (text.startsWith('@@ ')) {
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
      line = m ? Number(m[1]) : 0;
    } else if (current && text.startsWith('+')) current.add(line++);
    else if (current && text.startsWith(' ')) line++;
  }
  return { files, renames };
}

/** Undoes git's C-style quoting of a path ("a\\tb", octal bytes of UTF-8 as "\\303\\251"). */
function unquote(path: string): string {
  if (!path.startsWith('"') || !path.endsWith('"')) return path;
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, v: 11, a: 7, '"': 34, '\\': 92 };
  const body = Buffer.from(path.slice(1, -1), 'utf8');
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== 92) {
      bytes.push(body[i]);
      continue;
    }
    const next = String.fromCharCode(body[i + 1]);
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.subarray(i + 1, i + 4).toString('latin1'), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? body[i + 1]);
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Marks files as wholly new (untracked files of the working tree). */
export function addNewFiles(changes: ChangedLines, paths: readonly string[]): ChangedLines {
  for (const p of paths) changes.files.set(p, 'all');
  return changes;
}

/** True when a line of a file is added or changed. */
export function isChangedLine(changes: ChangedLines, file: string, line: number): boolean {
  const lines = changes.files.get(file);
  return lines === 'all' || (lines !== undefined && lines.has(line));
}

/** The findings whose sink, any step of whose trace, or any of whose other places (`related`) lies on a changed line. */
export function findingsOnChangedLines(findings: readonly Finding[], changes: ChangedLines): Finding[] {
  const on = (p: { file: string; line: number }) => isChangedLine(changes, p.file, p.line);
  return findings.filter((f) => on(f) || (f.trace ?? []).some(on) || (f.related ?? []).some(on));
}

/** What appears and disappears between two inventories. */
export interface InventoryChange {
  kind: 'vendor' | 'category' | 'purpose';
  id: string;
  change: 'added' | 'removed';
  /** Where it is seen now (added) or was seen (removed). */
  file?: string;
  line?: number;
}

/** The vendors, categories and purposes that appear in `after` and not in `before`, and the reverse. */
export function inventoryChanges(before: Inventory, after: Inventory): InventoryChange[] {
  const out: InventoryChange[] = [];
  const kinds = [
    ['vendor', 'vendors'],
    ['category', 'categories'],
    ['purpose', 'purposes'],
  ] as const;
  for (const [kind, key] of kinds) {
    const a = before[key] ?? {};
    const b = after[key] ?? {};
    for (const id of Object.keys(b).sort()) if (!(id in a)) out.push({ kind, id, change: 'added', file: b[id][0]?.file, line: b[id][0]?.line });
    for (const id of Object.keys(a).sort()) if (!(id in b)) out.push({ kind, id, change: 'removed', file: a[id][0]?.file, line: a[id][0]?.line });
  }
  return out;
}

/** A finding of the base scan with its file renamed as the change renamed it, so that fingerprints compare. */
export function renameToHead(finding: Finding, changes: ChangedLines): Finding {
  for (const [to, from] of changes.renames) if (from === finding.file) return { ...finding, file: to };
  return finding;
}
