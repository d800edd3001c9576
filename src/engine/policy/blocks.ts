/** Blocks of policy text that remember the source line of every character. */

/** The kind of a policy block: a heading, a list item or a paragraph. */
export type BlockKind = 'heading' | 'item' | 'paragraph';

/** A block of policy text with the line each of its characters came from. */
export interface PolicyBlock {
  kind: BlockKind;
  text: string;
  /** Line of the block's first character. */
  line: number;
  /** Where each source line starts in `text`: the line of offset o is the last entry with offset <= o. */
  lineStarts: { offset: number; line: number }[];
  /** The text of the nearest heading above the block ('' before the first heading). */
  section: string;
}

/** A block before its section is known. */
export type RawBlock = Omit<PolicyBlock, 'section'>;

/** Collects lines into blocks, remembering where each line starts. */
export class BlockBuilder {
  readonly blocks: RawBlock[] = [];
  private current: RawBlock | undefined;

  /** Starts a new block of this kind. */
  start(kind: BlockKind, text: string, line: number): void {
    this.end();
    this.current = { kind, text: '', line, lineStarts: [] };
    this.add(text, line);
  }

  /** A block of one line (a heading). */
  single(kind: BlockKind, text: string, line: number): void {
    this.start(kind, text, line);
    this.end();
  }

  /** Adds text from a line to the current block, or starts a paragraph. */
  add(text: string, line: number): void {
    const trimmed = text.replace(/\s+/g, ' ').trim();
    if (!trimmed) return;
    if (!this.current) this.current = { kind: 'paragraph', text: '', line, lineStarts: [] };
    const block = this.current;
    if (block.text) block.text += ' ';
    block.lineStarts.push({ offset: block.text.length, line });
    block.text += trimmed;
  }

  /** Ends the current block. */
  end(): void {
    if (this.current?.text) this.blocks.push(this.current);
    this.current = undefined;
  }
}

/** The line of an offset in a block's text. */
export function lineAt(block: Pick<PolicyBlock, 'lineStarts' | 'line'>, offset: number): number {
  let line = block.line;
  for (const start of block.lineStarts) {
    if (start.offset > offset) break;
    line = start.line;
  }
  return line;
}
