/**
 * Turns a privacy policy (Markdown, HTML or plain text) into blocks and sentences that keep their
 * 1-based line numbers, so that everything found in a policy can be quoted with "policy line N".
 */
import { BlockBuilder, lineAt, type PolicyBlock, type RawBlock } from './blocks';
import { decodeEntities, htmlBlocks } from './html';

export type { BlockKind, PolicyBlock } from './blocks';

/** A sentence of a policy, with its line and the block it belongs to. */
export interface PolicySentence {
  text: string;
  line: number;
  block: PolicyBlock;
  /** Offset of the sentence in its block's text. */
  offset: number;
}

/** The formats a policy can be read from. */
export type PolicyFormat = 'markdown' | 'html' | 'text';

/** A policy split into blocks and sentences. */
export interface PolicyDocument {
  format: PolicyFormat;
  blocks: PolicyBlock[];
  sentences: PolicySentence[];
  /** The document's title: its `<title>` or first heading, '' when it has none. */
  title: string;
}

/** Guesses the format of a policy from its file name, then from its content. */
export function detectFormat(text: string, file = ''): PolicyFormat {
  if (/\.html?$/i.test(file)) return 'html';
  if (/\.(md|markdown)$/i.test(file)) return 'markdown';
  if (/^\s*(<!doctype html|<html|<body|<p>|<h1)/i.test(text)) return 'html';
  return /\.txt$/i.test(file) ? 'text' : 'markdown';
}

/** Reads a policy into blocks and sentences; never throws. */
export function readPolicyDocument(text: string, format: PolicyFormat = detectFormat(text)): PolicyDocument {
  const raw = format === 'html' ? htmlBlocks(text) : markdownBlocks(text, format === 'markdown');
  const blocks = withSections(raw.blocks);
  const sentences = blocks.flatMap(splitSentences);
  const firstHeading = blocks.find((b) => b.kind === 'heading')?.text ?? '';
  return { format, blocks, sentences, title: raw.title || firstHeading };
}

/** Gives every block the text of the heading above it. */
function withSections(blocks: RawBlock[]): PolicyBlock[] {
  let section = '';
  return blocks.map((b) => {
    if (b.kind === 'heading') section = b.text;
    return { ...b, section };
  });
}

const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const ITEM = /^\s*(?:\d{1,3}[.)]|[-*+•])\s+(.*)$/;

/** Splits Markdown (or plain text) into blocks: headings, list items and paragraphs. */
function markdownBlocks(text: string, markdown: boolean): { blocks: RawBlock[]; title: string } {
  const builder = new BlockBuilder();
  text.split(/\r\n|\r|\n/).forEach((source, i) => {
    const line = i + 1;
    const heading = markdown ? HEADING.exec(source) : null;
    const item = ITEM.exec(source);
    if (source.trim() === '') builder.end();
    else if (heading) builder.single('heading', cleanMarkdown(heading[2]), line);
    else if (item) builder.start('item', cleanMarkdown(item[1]), line);
    else builder.add(markdown ? cleanMarkdown(source) : source, line);
  });
  builder.end();
  return { blocks: builder.blocks, title: '' };
}

/** Removes Markdown markup that is not text: emphasis, links, escapes, quotes and autolinks. */
export function cleanMarkdown(line: string): string {
  return decodeEntities(
    line
      .replace(/^\s*>\s?/, '')
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<(https?:[^>]+|mailto:[^>]+)>/g, '$1')
      .replace(/(\*\*|__)(.+?)\1/g, '$2')
      .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s).,;:!?]|$)/g, '$1$2')
      .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1')
      .replace(/`([^`]*)`/g, '$1'),
  );
}

const ABBREVIATIONS = /\b(?:inc|ltd|llc|corp|co|e\.g|i\.e|etc|vs|st|no|mr|mrs|ms|dr|u\.s|approx)\.$/i;

/** Splits a block into sentences at `.`, `!`, `?` or `;` followed by a space, skipping abbreviations. */
function splitSentences(block: PolicyBlock): PolicySentence[] {
  const out: PolicySentence[] = [];
  let start = 0;
  const boundary = /[.!?;:](?=\s+["“(]?[A-Z0-9])|[.!?](?=\s*$)/g;
  for (let m = boundary.exec(block.text); m; m = boundary.exec(block.text)) {
    const end = m.index + 1;
    if (m[0] === '.' && ABBREVIATIONS.test(block.text.slice(Math.max(0, end - 8), end))) continue;
    pushSentence(out, block, start, end);
    start = end;
  }
  pushSentence(out, block, start, block.text.length);
  return out;
}

function pushSentence(out: PolicySentence[], block: PolicyBlock, start: number, end: number): void {
  const raw = block.text.slice(start, end);
  const text = raw.trim();
  if (!text) return;
  const offset = start + raw.indexOf(text);
  out.push({ text, line: lineAt(block, offset), block, offset });
}
