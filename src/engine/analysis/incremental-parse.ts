/**
 * An incremental parse of one document as it is edited (the editor's re-check): TypeScript's own
 * incremental parser (`ts.updateSourceFile`, what tsserver runs on every keystroke) reuses the
 * syntax nodes outside the edit, and typescript-estree then converts the updated source file,
 * taking the ESTree of every statement TypeScript reused from the previous conversion (moved by
 * the edit's length and lines) instead of converting it again. The result is the tree a fresh
 * `parse` of the new text gives (test/unit/incremental-parse.test.ts compares them over edit
 * sequences on every fixture). A text after one with syntax errors is parsed from scratch, since
 * TypeScript's update does not report again the errors of nodes it reuses. Part of the parser
 * bundle (imported by estree.ts only).
 */
import { dirname, join } from 'node:path';
import * as ts from 'typescript';
import { parse, type TSESTree, type TSESTreeOptions } from '@typescript-eslint/typescript-estree';

/** The options the engine parses with, less `jsx` (fixed per document) and `filePath` (never given: typescript-estree's default name). */
export type IncrementalParseOptions = Omit<TSESTreeOptions, 'jsx' | 'filePath'>;

/** How much an incremental parse reused (for tests and the benchmark). */
export interface IncrementalParseStats {
  /** Parses that updated the previous source file (the others parsed from scratch). */
  updates: number;
  /** Statements whose previous ESTree was reused. */
  reusedStatements: number;
  /** Statements converted again. */
  convertedStatements: number;
}

/** Parses successive texts of one document; each `parse` gives what typescript-estree's `parse` gives for that text. */
export interface IncrementalParser {
  parse(text: string, options: IncrementalParseOptions): TSESTree.Program;
  readonly stats: IncrementalParseStats;
}

/** A statement's conversion, kept for the next parse of the same document. */
interface Converted {
  estree: TSESTree.Node;
  /** The converter's pattern flag and the parent's kind it was converted under: a reuse needs both equal. */
  allowPattern: boolean;
  parentKind: ts.SyntaxKind;
}

/** The edit between two texts, in the previous text's positions (`start`, `oldEnd`) and lines (0-based). */
interface Change {
  start: number;
  oldEnd: number;
  delta: number;
  oldEndLine: number;
  lineDelta: number;
}

interface Session {
  sourceFile: ts.SourceFile;
  converted: WeakMap<ts.Node, Converted>;
  change: Change | undefined;
  stats: IncrementalParseStats;
}

/** The conversion under way that may reuse statements (none outside `IncrementalParser.parse`). */
let active: Session | undefined;

/** A new incremental parser for one document (`jsx`: parsed as TSX, as the engine does for every file but .ts, .mts, .cts). */
export function createIncrementalParser(jsx: boolean): IncrementalParser {
  hookConverter();
  let previous: { text: string; sourceFile: ts.SourceFile; converted: WeakMap<ts.Node, Converted> } | undefined;
  const stats: IncrementalParseStats = { updates: 0, reusedStatements: 0, convertedStatements: 0 };
  return {
    stats,
    parse(text, options) {
      let sourceFile: ts.SourceFile;
      let change: Change | undefined;
      const converted = previous?.converted ?? new WeakMap<ts.Node, Converted>();
      if (previous && previous.text === text) {
        // Nothing changed: the same source file converts again (its statements all reused).
        sourceFile = previous.sourceFile;
        change = { start: text.length, oldEnd: text.length, delta: 0, oldEndLine: 0, lineDelta: 0 };
      } else if (previous) {
        const range = changeRange(previous.text, text);
        const oldEnd = range.span.start + range.span.length;
        const oldEndLine = previous.sourceFile.getLineAndCharacterOfPosition(oldEnd).line;
        sourceFile = ts.updateSourceFile(previous.sourceFile, text, range);
        const newEnd = range.span.start + range.newLength;
        change = { start: range.span.start, oldEnd, delta: range.newLength - range.span.length, oldEndLine, lineDelta: sourceFile.getLineAndCharacterOfPosition(newEnd).line - oldEndLine };
        stats.updates++;
      } else {
        sourceFile = freshSourceFile(text, jsx);
      }
      // The previous source file is given up to the update either way: until this parse succeeds, there is none.
      previous = undefined;
      const session: Session = { sourceFile, converted, change, stats };
      active = session;
      try {
        // typescript-estree's parse takes a source file for the code (its createSourceFile.ts keeps it as is); its type says string.
        const program = parse(sourceFile as unknown as string, { ...options, jsx });
        previous = { text, sourceFile, converted };
        return program;
      } catch (e) {
        // A text that does not parse. With syntax errors, the next text is parsed from scratch:
        // TypeScript's update drops the errors of the nodes it reuses (a fresh parse reports them
        // again). Else (typescript-estree's own checks refused it) the source file is a base for
        // the next update, but the conversion stopped part way: no statement's ESTree is current.
        if (syntaxErrors(sourceFile) === 0) previous = { text, sourceFile, converted: new WeakMap() };
        throw e;
      } finally {
        active = undefined;
      }
    },
  };
}

/** How many syntax errors TypeScript's parser reported (`parseDiagnostics`, internal to TypeScript; typescript-estree throws the first). */
function syntaxErrors(sourceFile: ts.SourceFile): number {
  return (sourceFile as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics?.length ?? 0;
}

/**
 * The source file typescript-estree's `parse` creates for a text (createSourceFile.ts there): its
 * default file name for the `jsx` option, the latest language version, JSDoc not parsed (the
 * engine passes `jsDocParsingMode: 'none'`), parents set.
 */
function freshSourceFile(text: string, jsx: boolean): ts.SourceFile {
  const fileName = join(process.cwd(), jsx ? 'estree.tsx' : 'estree.ts');
  return ts.createSourceFile(fileName, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, true, jsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

/** The smallest change between two texts: their common beginning and end left out. */
export function changeRange(before: string, after: string): ts.TextChangeRange {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return { span: { start, length: before.length - end - start }, newLength: after.length - end - start };
}

/** The parents whose statements are reused: statement lists. */
const STATEMENT_LISTS = new Set([ts.SyntaxKind.SourceFile, ts.SyntaxKind.Block, ts.SyntaxKind.ModuleBlock, ts.SyntaxKind.CaseClause, ts.SyntaxKind.DefaultClause]);

/**
 * A statement whose ESTree can be kept: one of a statement list, and not an expression statement
 * of a string (a directive, whose `directive` field depends on the statements before it).
 */
function reusable(node: ts.Node): boolean {
  const parent = node.parent as ts.Node | undefined;
  if (!parent || !STATEMENT_LISTS.has(parent.kind)) return false;
  return !(ts.isExpressionStatement(node) && ts.isStringLiteral(node.expression));
}

interface ConverterLike {
  allowPattern?: boolean;
  converter(node: ts.Node | undefined, parent?: ts.Node, allowPattern?: boolean): TSESTree.Node | null;
}

let hooked = false;

/**
 * Wraps typescript-estree's Converter.converter (its one entry for every node) so that, during an
 * incremental parse, a statement TypeScript reused gives its previous ESTree, moved to its new
 * place; any other parse runs the converter unchanged.
 */
function hookConverter(): void {
  if (hooked) return;
  const proto = converterClass().prototype;
  const original = proto.converter;
  proto.converter = function (this: ConverterLike, node, parent, allowPattern) {
    const session = active;
    if (!session || !node || !reusable(node)) return original.call(this, node, parent, allowPattern);
    const pattern = allowPattern ?? this.allowPattern ?? false;
    const kept = session.converted.get(node);
    if (kept && kept.allowPattern === pattern && kept.parentKind === (parent ?? node.parent).kind && moved(kept.estree, node, session)) {
      session.stats.reusedStatements++;
      return kept.estree;
    }
    const result = original.call(this, node, parent, allowPattern);
    session.stats.convertedStatements++;
    if (result) session.converted.set(node, { estree: result, allowPattern: pattern, parentKind: (parent ?? node.parent).kind });
    return result;
  };
  hooked = true;
}

/**
 * Moves a kept ESTree to its statement's place in the new text, when it can: the statement lies
 * wholly before the edit (nothing moves), or wholly after it on a later line than the edit's end
 * (offsets move by the edit's length, lines by its line count, columns stay). False otherwise, or
 * when the source file's own positions disagree (the statement is then converted again).
 */
function moved(estree: TSESTree.Node, node: ts.Node, session: Session): boolean {
  const change = session.change;
  if (!change) return false;
  const [from, to] = estree.range;
  const start = node.getStart(session.sourceFile);
  if (to <= change.start) return start === from;
  if (from < change.oldEnd || estree.loc.start.line - 1 <= change.oldEndLine || start !== from + change.delta) return false;
  if (change.delta !== 0 || change.lineDelta !== 0) shift(estree, change.delta, change.lineDelta);
  return true;
}

/** Adds `delta` to every offset and `lineDelta` to every line of a tree (ranges and positions shared between nodes moved once). */
function shift(root: object, delta: number, lineDelta: number): void {
  const seen = new Set<object>();
  const visit = (value: object): void => {
    if (Array.isArray(value)) {
      for (const x of value) if (x !== null && typeof x === 'object') visit(x as object);
      return;
    }
    for (const key of Object.keys(value)) {
      const x = (value as Record<string, unknown>)[key];
      if (x === null || typeof x !== 'object') continue;
      if (key === 'range' && Array.isArray(x)) {
        if (!seen.has(x)) {
          seen.add(x);
          x[0] += delta;
          x[1] += delta;
        }
      } else if (key === 'loc' && 'start' in x && 'end' in x) {
        for (const p of [(x as TSESTree.SourceLocation).start, (x as TSESTree.SourceLocation).end]) {
          if (!seen.has(p)) {
            seen.add(p);
            p.line += lineDelta;
          }
        }
      } else visit(x);
    }
  };
  visit(root);
}

/**
 * typescript-estree's Converter class. It is internal (the package's exports do not list it): the
 * parser bundle resolves this path at build time (scripts/build.mjs); Node, running the tsc build,
 * loads it by its file next to the package's entry.
 */
const ESTREE_PACKAGE: string = '@typescript-eslint/typescript-estree';

function converterClass(): { prototype: ConverterLike } {
  let mod: { Converter?: { prototype: ConverterLike } };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require('@typescript-eslint/typescript-estree/dist/convert.js') as typeof mod;
  } catch {
    // Only reached outside the bundle (the name is not a literal, so the bundler leaves this alone).
    const pkg = ESTREE_PACKAGE;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(join(dirname(require.resolve(pkg)), 'convert.js')) as typeof mod;
  }
  if (!mod.Converter || typeof mod.Converter.prototype.converter !== 'function') throw new Error('typescript-estree has no Converter.converter');
  return mod.Converter;
}
