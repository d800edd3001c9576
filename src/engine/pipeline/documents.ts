import { analyzeParsed } from '../analysis/analyze-source';
import type { FileFacts } from '../analysis/facts';
import { documentParser, type DocumentParser } from '../analysis/parse';
import type { DetectionConfig } from '../analysis/state';
import { internalErrorFacts } from './analyze-workspace-file';

/**
 * The documents an editor re-checks as they are typed: each file's successive texts are parsed
 * incrementally (analysis/incremental-parse.ts), so a keystroke re-parses what it changed, and the
 * facts are those `analyzeText` gives for the same text (test/unit/incremental-parse.test.ts).
 * The parsers of the most recently analysed files are kept, at most `limit`.
 */
export class DocumentAnalyses {
  private readonly parsers = new Map<string, DocumentParser>();

  constructor(private readonly limit = 8) {}

  /** Analyses a document's text, as `analyzeText(text, file, config)` does. */
  analyze(text: string, file: string, config: DetectionConfig): FileFacts {
    const parser = this.parserOf(file);
    try {
      return analyzeParsed(parser.parse(text), text, file, config);
    } catch (e) {
      // The next text of this file starts from a fresh parse.
      this.parsers.delete(file);
      return internalErrorFacts(file, e);
    }
  }

  /** Forgets a file's previous text (a closed document). */
  forget(file: string): void {
    this.parsers.delete(file);
  }

  /** The parser of a file, made the most recent one. */
  private parserOf(file: string): DocumentParser {
    const parser = this.parsers.get(file) ?? documentParser(file);
    this.parsers.delete(file);
    this.parsers.set(file, parser);
    for (const oldest of this.parsers.keys()) {
      if (this.parsers.size <= this.limit) break;
      this.parsers.delete(oldest);
    }
    return parser;
  }
}
