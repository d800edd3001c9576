import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { requireWithCodeCache } from '../core/code-cache';
import type { IncrementalParseStats } from './incremental-parse';

type Estree = typeof import('./estree');
let estree: Estree | undefined;
/** Where the parser bundle's code cache is kept (the facts cache's folder), once a scan with a cache said so. */
let codeCacheDir: string | undefined;
/** Stores the code cache after the first parse, which compiles most of the parser. */
let saveCodeCache: (() => void) | undefined;

/**
 * Lets the parser bundle (dist/parser.js) load through V8's code cache kept in `dir`; it applies
 * when the parser is first loaded, and only to the bundle (the tsc build loads it as usual).
 */
export function useParserCodeCache(dir: string): void {
  codeCacheDir ??= dir;
}

/** The parser module, loaded on first use (see estree.ts). */
function parser(): Estree {
  if (estree) return estree;
  const bundle = join(__dirname, 'parser.js');
  if (codeCacheDir !== undefined && existsSync(bundle)) {
    try {
      const loaded = requireWithCodeCache(bundle, codeCacheDir);
      estree = loaded.exports as Estree;
      saveCodeCache = loaded.save;
      return estree;
    } catch {
      // Loaded as usual below.
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  estree = require('./estree') as Estree;
  return estree;
}

/** The file extensions Privacy Lens analyses. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

/** A parsed program, or a positioned reason it could not be parsed. */
export type ParseResult =
  | { ok: true; program: TSESTree.Program }
  | { ok: false; error: { message: string; line: number; column: number } };

/** True when the path has an extension Privacy Lens analyses. */
export function isSourceFile(path: string): boolean {
  return SOURCE_EXTENSIONS.some((ext) => path.endsWith(ext)) && !path.endsWith('.d.ts');
}

/** True when a file is parsed as TSX (every kind but .ts, .mts and .cts, as TypeScript's own JSX rules are not the engine's). */
function parsesAsJsx(file: string): boolean {
  return !/\.(ts|mts|cts)$/.test(file);
}

/** The parse options of a text: comments only where an annotation can be. */
function parseOptions(text: string) {
  // Comments cost a third of the parse; they are only read for `privacy-lens` annotations.
  const comment = text.includes('privacy-lens');
  // JSDoc is never read (annotations are plain comments): TypeScript's default parses every JSDoc block.
  return { loc: true, range: true, comment, errorOnUnknownASTType: false, jsDocParsingMode: 'none' } as const;
}

/** Parses JS/TS source with typescript-estree. Bad input is a result, not an exception. */
export function parseSource(text: string, file: string): ParseResult {
  try {
    const program = parser().parse(text, { ...parseOptions(text), jsx: parsesAsJsx(file) });
    codeCacheSaved();
    return { ok: true, program };
  } catch (e) {
    return { ok: false, error: parseError(e) };
  }
}

/** Parses the successive texts of one document (an editor's buffer): see incremental-parse.ts. */
export interface DocumentParser {
  /** The text parsed as `parseSource` parses it, reusing what the previous text's parse shares with it. */
  parse(text: string): ParseResult;
  /** How much the parses reused. */
  readonly stats: IncrementalParseStats;
}

/** A parser for the successive texts of one file, each parsed to what `parseSource` gives. */
export function documentParser(file: string): DocumentParser {
  const incremental = parser().createIncrementalParser(parsesAsJsx(file));
  return {
    stats: incremental.stats,
    parse(text) {
      try {
        return { ok: true, program: incremental.parse(text, parseOptions(text)) };
      } catch (e) {
        return { ok: false, error: parseError(e) };
      }
    },
  };
}

/** Stores the parser bundle's code cache once, after the first parse. */
function codeCacheSaved(): void {
  if (!saveCodeCache) return;
  const save = saveCodeCache;
  saveCodeCache = undefined;
  save();
}

function parseError(e: unknown): { message: string; line: number; column: number } {
  const err = e as { message?: string; lineNumber?: number; column?: number };
  return {
    message: `could not parse: ${String(err.message ?? e).split('\n')[0]}`,
    line: err.lineNumber ?? 1,
    column: (err.column ?? 0) + 1,
  };
}
