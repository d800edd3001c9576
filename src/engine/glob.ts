/**
 * Workspace globs (`.gitignore`, the manifest's `ignore` and purpose `paths`, the include and
 * exclude settings) come from other people's repositories. Matched by regular expressions they can
 * hang a scan: `+(a|aa)b` backtracks exponentially, `a*a*a*a*a*b` polynomially, and `{a,b}`
 * repeated 20 times expands to a million patterns. Here a glob is compiled once into segments
 * matched without regular expressions, in time bounded by the product of the glob's and the
 * path's lengths; extglob syntax (`+(…)`, `@(…)`, `!(…)`) is taken literally, and brace
 * expansion is capped. Otherwise the dialect is minimatch's with `dot: true`.
 */
import { braceExpand } from 'minimatch';

/** The most patterns a glob's braces may expand to; a glob that expands to more is refused. */
export const MAX_BRACE_EXPANSION = 256;

/** A compiled glob: `match` tests a relative path with forward slashes. */
export interface Glob {
  readonly source: string;
  match(path: string): boolean;
}

/** A compiled glob, or why the text is not one. */
export type GlobResult = { ok: true; glob: Glob } | { ok: false; error: string };

type Token = { kind: 'char'; c: string } | { kind: 'any' } | { kind: 'star' } | { kind: 'class'; negated: boolean; test: (c: string) => boolean };
type Segment = { kind: 'globstar' } | { kind: 'part'; tokens: Token[] };

/** Compiles a glob; a glob whose braces expand to more than MAX_BRACE_EXPANSION patterns is an error. */
export function compileGlob(source: string): GlobResult {
  let pattern = source;
  let negated = false;
  while (pattern.startsWith('!')) {
    negated = !negated;
    pattern = pattern.slice(1);
  }
  // minimatch treats a leading # as a comment that matches nothing.
  if (pattern.startsWith('#')) return { ok: true, glob: { source, match: () => negated } };
  const expanded = braceExpand(pattern, { braceExpandMax: MAX_BRACE_EXPANSION + 1 });
  if (expanded.length > MAX_BRACE_EXPANSION) return { ok: false, error: `the glob "${source}" expands to more than ${MAX_BRACE_EXPANSION} patterns` };
  const alternatives = expanded.map((p) => {
    const segments = segmentsOf(p);
    return { segments, suffix: literalSuffix(segments) };
  });
  const matches = (path: string) => {
    // The last segment of the path (before one trailing slash) must end with the pattern's literal tail: most paths are refused here.
    const end = path.endsWith('/') ? path.length - 1 : path.length;
    return alternatives.some((a) => (a.suffix === '' || path.startsWith(a.suffix, end - a.suffix.length)) && matchPath(a.segments, path.split('/')));
  };
  return { ok: true, glob: { source, match: (path) => matches(path) !== negated } };
}

/** Compiles globs, dropping those that are refused and reporting each once through `onError`. */
export function compileGlobs(sources: readonly string[], onError?: (error: string) => void): Glob[] {
  const out: Glob[] = [];
  for (const source of sources) {
    const r = compileGlob(source);
    if (r.ok) out.push(r.glob);
    else onError?.(r.error);
  }
  return out;
}

function segmentsOf(pattern: string): Segment[] {
  const parts = pattern.split('/');
  // Empty segments in the middle (`a//b`) are dropped, as minimatch does; leading and trailing ones stay.
  const kept = parts.filter((p, i) => p !== '' || i === 0 || i === parts.length - 1);
  const out: Segment[] = [];
  for (const p of kept) {
    // Consecutive globstars are one.
    if (p === '**' && out[out.length - 1]?.kind === 'globstar') continue;
    out.push(p === '**' ? { kind: 'globstar' } : { kind: 'part', tokens: tokensOf(p) });
  }
  return out;
}

/**
 * The characters a pattern's last segment ends with, after its last wildcard: the end of every
 * path it matches (`**\/*.min.js` gives `.min.js`). Empty when the pattern ends with a globstar.
 */
function literalSuffix(segments: Segment[]): string {
  const last = segments[segments.length - 1];
  if (!last || last.kind !== 'part') return '';
  let suffix = '';
  for (let i = last.tokens.length - 1; i >= 0; i--) {
    const token = last.tokens[i];
    if (token.kind !== 'char') break;
    suffix = token.c + suffix;
  }
  return suffix;
}

/** Matches path segments against pattern segments; each (pattern, path) position is visited once. */
function matchPath(pattern: Segment[], path: string[]): boolean {
  const seen = new Set<number>();
  const visit = (pi: number, si: number): boolean => {
    const key = pi * (path.length + 1) + si;
    if (seen.has(key)) return false;
    seen.add(key);
    // As in minimatch, a path's trailing slash is allowed after the last segment: `dist` matches `dist/`.
    if (pi === pattern.length) return si === path.length || (si === path.length - 1 && path[si] === '');
    const segment = pattern[pi];
    if (segment.kind === 'part') return si < path.length && matchSegment(segment.tokens, path[si]) && visit(pi + 1, si + 1);
    // A globstar matches zero or more segments, but never `.` or `..`; at the end it must match at least one.
    if (pi === pattern.length - 1) return si < path.length && path.slice(si).every((s) => s !== '.' && s !== '..');
    if (visit(pi + 1, si)) return true;
    return si < path.length && path[si] !== '.' && path[si] !== '..' && visit(pi, si + 1);
  };
  return visit(0, 0);
}

/** Wildcard matching with one backtracking point: at most (tokens × characters) steps. */
function matchSegment(tokens: Token[], text: string): boolean {
  if (text === '.' || text === '..') return tokens.length === text.length && tokens.every((t) => t.kind === 'char' && t.c === '.');
  let t = 0;
  let i = 0;
  let starT = -1;
  let starI = 0;
  while (i < text.length) {
    const token = tokens[t];
    if (token?.kind === 'star') {
      starT = t++;
      starI = i;
    } else if (token && matchesChar(token, text[i])) {
      t++;
      i++;
    } else if (starT >= 0) {
      t = starT + 1;
      i = ++starI;
    } else return false;
  }
  while (tokens[t]?.kind === 'star') t++;
  // A lone `*` does not match an empty segment, as in minimatch.
  return t === tokens.length && !(text === '' && tokens.length > 0);
}

function matchesChar(token: Token, c: string): boolean {
  if (token.kind === 'char') return token.c === c;
  if (token.kind === 'any') return true;
  return token.kind === 'class' && token.test(c) !== token.negated;
}

function tokensOf(part: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < part.length; i++) {
    const c = part[i];
    if (c === '\\' && i + 1 < part.length) out.push({ kind: 'char', c: part[++i] });
    else if (c === '*') {
      if (out[out.length - 1]?.kind !== 'star') out.push({ kind: 'star' });
    } else if (c === '?') out.push({ kind: 'any' });
    else if (c === '[') {
      const cls = classAt(part, i);
      if (cls) {
        out.push(cls.token);
        i = cls.end;
      } else out.push({ kind: 'char', c });
    } else out.push({ kind: 'char', c });
  }
  return out;
}

const POSIX_CLASSES: Record<string, RegExp> = {
  alpha: /\p{L}/u,
  digit: /\d/,
  alnum: /[\p{L}\d]/u,
  upper: /\p{Lu}/u,
  lower: /\p{Ll}/u,
  space: /\s/,
  xdigit: /[0-9a-fA-F]/,
  punct: /[\p{P}\p{S}]/u,
};

/** `[abc]`, `[!a-z]`, `[^0-9]`, `[[:alpha:]]`: the token and the index of the closing `]`, or undefined when it does not close. */
function classAt(part: string, start: number): { token: Token; end: number } | undefined {
  let i = start + 1;
  const negated = part[i] === '!' || part[i] === '^';
  if (negated) i++;
  const tests: ((c: string) => boolean)[] = [];
  for (let first = true; i < part.length; first = false, i++) {
    const c = part[i];
    if (c === ']' && !first) return { token: { kind: 'class', negated, test: (x) => tests.some((t) => t(x)) }, end: i };
    const posix = c === '[' ? /^\[:(\w+):\]/.exec(part.slice(i)) : null;
    if (posix && POSIX_CLASSES[posix[1]]) {
      const re = POSIX_CLASSES[posix[1]];
      tests.push((x) => re.test(x));
      i += posix[0].length - 1;
      continue;
    }
    const lo = c === '\\' && i + 1 < part.length ? part[++i] : c;
    if (part[i + 1] === '-' && i + 2 < part.length && part[i + 2] !== ']') {
      const hi = part[i + 2] === '\\' && i + 3 < part.length ? part[(i += 3)] : part[(i += 2)];
      tests.push((x) => x >= lo && x <= hi);
    } else tests.push((x) => x === lo);
  }
  return undefined;
}
