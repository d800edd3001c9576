import { isAlias, isMap, isScalar, isSeq, LineCounter, Pair, type Document, type Node, type YAMLMap } from 'yaml';
import type { Range } from '../core/types';
import type { ManifestError } from './types';

/**
 * Small typed accessors over a parsed YAML document that record positioned errors instead of
 * throwing, so that one validation pass reports every problem of a manifest at once. An alias
 * (`categories: *shared`) reads as the node it stands for; the caller bounds their expansion.
 */
export class YamlReader {
  readonly errors: ManifestError[] = [];

  constructor(
    private readonly lines: LineCounter,
    private readonly document?: Document,
  ) {}

  /** The node an alias stands for; any other node as it is. */
  resolve(node: Node | null | undefined): Node | null | undefined {
    return isAlias(node) && this.document ? (node.resolve(this.document) as Node | undefined) ?? node : node;
  }

  /** The 1-based range of a node, or of the document start when it has none. */
  rangeOf(node: Node | null | undefined): Range {
    const [start, end] = node?.range ?? [0, 0];
    const a = this.lines.linePos(start);
    const b = this.lines.linePos(Math.max(start, end));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  }

  /** Records an error at a node. */
  error(node: Node | null | undefined, message: string): void {
    this.errors.push({ ...this.rangeOf(node), message });
  }

  /** The node as a map, or an error. */
  map(alias: Node | null | undefined, what: string): YAMLMap | undefined {
    const node = this.resolve(alias);
    if (isMap(node)) return node;
    this.error(node, `${what} must be a mapping`);
    return undefined;
  }

  /** The pairs of a map whose keys are strings, with an error for each unknown key. */
  pairs(map: YAMLMap, allowed: readonly string[], what: string): Map<string, Pair<Node, Node>> {
    const out = new Map<string, Pair<Node, Node>>();
    for (const pair of map.items as Pair<Node, Node>[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!allowed.includes(key)) {
        const hint = suggest(key, allowed);
        this.error(pair.key, `unknown key "${key}" in ${what}${hint ? ` (did you mean "${hint}"?)` : ''}; allowed: ${allowed.join(', ')}`);
      } else if (out.has(key)) {
        this.error(pair.key, `duplicate key "${key}" in ${what}`);
      } else {
        out.set(key, isAlias(pair.value) ? new Pair(pair.key, this.resolve(pair.value)) : pair);
      }
    }
    return out;
  }

  /** A scalar string value, or an error. */
  string(alias: Node | null | undefined, what: string): string | undefined {
    const node = this.resolve(alias);
    if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) {
      return String(node.value);
    }
    this.error(node, `${what} must be a string`);
    return undefined;
  }

  /** A sequence of strings (a single string is not accepted; an empty value is an empty list), or an error. */
  strings(alias: Node | null | undefined, what: string): { value: string; node: Node }[] {
    const node = this.resolve(alias);
    if (isEmpty(node)) return [];
    if (!isSeq(node)) {
      this.error(node, `${what} must be a list of strings`);
      return [];
    }
    const out: { value: string; node: Node }[] = [];
    for (const item of node.items as Node[]) {
      const value = this.string(item, `each entry of ${what}`);
      if (value !== undefined) out.push({ value, node: this.resolve(item)! });
    }
    return out;
  }

  /** The items of a sequence (none for an empty value), or an error. */
  items(alias: Node | null | undefined, what: string): Node[] {
    const node = this.resolve(alias);
    if (isEmpty(node)) return [];
    if (isSeq(node)) return (node.items as Node[]).map((item) => this.resolve(item) ?? item);
    this.error(node, `${what} must be a list`);
    return [];
  }
}

/** An empty value, `key:` or `key: ~` (`null` spelled out): a list with nothing in it yet. */
function isEmpty(node: Node | null | undefined): boolean {
  return isScalar(node) && node.value === null;
}

/** The allowed word closest to a misspelt one, if it is close enough to be a useful hint. */
export function suggest(word: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of allowed) {
    const d = editDistance(word, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** Levenshtein distance between two short strings. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}
