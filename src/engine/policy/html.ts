/**
 * Reads an HTML policy into blocks: tags are stripped, entities decoded, and every piece of text
 * keeps the line it was on in the source.
 */
import { BlockBuilder, type BlockKind, type RawBlock } from './blocks';

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', reg: '®', trade: '™', copy: '©',
  rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', ndash: '–', mdash: '—', hellip: '…', eacute: 'é',
};

/** Decodes HTML character references: named (the common ones), decimal and hexadecimal. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, ref: string) => {
    if (ref[0] !== '#') return NAMED_ENTITIES[ref.toLowerCase()] ?? m;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

const TOKEN = /<!--[\s\S]*?-->|<(script|style|head)\b[\s\S]*?<\/\1\s*>|<\/?([a-zA-Z][\w-]*)[^>]*>/gi;
const BREAKS = new Set(['p', 'div', 'br', 'ul', 'ol', 'tr', 'td', 'th', 'table', 'section', 'article', 'blockquote', 'dd', 'dt', 'hr', 'main', 'header', 'footer', 'nav', 'body']);

/** Splits HTML into blocks (headings, list items, paragraphs) and finds its `<title>`. */
export function htmlBlocks(html: string): { blocks: RawBlock[]; title: string } {
  const reader = new HtmlLines();
  let last = 0;
  for (let m = TOKEN.exec(html); m; m = TOKEN.exec(html)) {
    reader.text(html.slice(last, m.index));
    reader.tag(m[0], (m[2] ?? m[1] ?? '').toLowerCase());
    last = m.index + m[0].length;
  }
  reader.text(html.slice(last));
  reader.builder.end();
  return { blocks: reader.builder.blocks, title: titleOf(html) };
}

function titleOf(html: string): string {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  return m ? decodeEntities(m[1]).replace(/\s+/g, ' ').trim() : '';
}

/** Feeds text and tags to a block builder, tracking the source line. */
class HtmlLines {
  readonly builder = new BlockBuilder();
  private line = 1;
  private pending = '';
  private pendingLine = 1;

  text(chunk: string): void {
    const pieces = chunk.split('\n');
    pieces.forEach((piece, i) => {
      if (i > 0) this.flush();
      if (i > 0) this.line++;
      if (!this.pending.trim()) this.pendingLine = this.line;
      this.pending += decodeEntities(piece);
    });
  }

  tag(source: string, name: string): void {
    const closing = source.startsWith('</');
    const kind = blockKind(name);
    if (kind || BREAKS.has(name) || name === 'head' || name === 'script' || name === 'style') {
      this.flush();
      this.builder.end();
      if (kind && !closing) this.builder.start(kind, '', this.line);
    }
    this.line += (source.match(/\n/g) ?? []).length;
    this.pendingLine = this.line;
  }

  private flush(): void {
    if (this.pending.trim()) this.builder.add(this.pending, this.pendingLine);
    this.pending = '';
    this.pendingLine = this.line;
  }
}

function blockKind(name: string): BlockKind | undefined {
  if (/^h[1-6]$/.test(name)) return 'heading';
  return name === 'li' ? 'item' : undefined;
}
