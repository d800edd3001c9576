import { YAMLSeq, type Document, type Node, type YAMLMap } from 'yaml';

/** Adds a top-level list to a drafted manifest, with a blank line before it (empty lists as `[]`). */
export function addSection(doc: Document, key: string, items: Node[]): void {
  const seq = new YAMLSeq();
  seq.items = items;
  if (items.length === 0) seq.flow = true;
  const pair = doc.createPair(key, seq);
  (pair.key as Node).spaceBefore = true;
  (doc.contents as YAMLMap).items.push(pair);
}
