/**
 * Drafts a data-inventory manifest from what a privacy policy says: its categories, its list of
 * uses and its sharing list, each entry under a comment quoting the policy sentence it came from.
 */
import { Document, isScalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { builtinVendors } from '../core/catalog';
import { categoriesIn, purposeIdsIn, shortQuote, type PolicyMention, type PolicyReading } from '../policy';
import { addSection } from './yaml-sections';

/** Options of `draftFromPolicy`. */
export interface PolicyDraftOptions {
  /** The policy file as the manifest should name it (`policy.file`). Defaults to none. */
  policyFile?: string;
  /** The `system:` of the draft. Defaults to the company the policy's title names, if any. */
  system?: string;
}

/** The YAML text of a manifest drafted from a policy reading; valid for `parseManifest`. */
export function draftFromPolicy(reading: PolicyReading, options: PolicyDraftOptions = {}): string {
  const doc = new Document({ version: 1 });
  const root = doc.contents as YAMLMap;
  const system = options.system ?? ownerName(reading);
  if (system) root.set('system', system);
  if (options.policyFile) root.set('policy', doc.createNode({ file: options.policyFile }));
  addSection(doc, 'categories', categoryNodes(doc, reading));
  addSection(doc, 'purposes', purposeNodes(doc, reading));
  addSection(doc, 'vendors', vendorNodes(doc, reading));
  doc.commentBefore = headerComment(reading, options.policyFile);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** The display name of the company whose policy this is. */
function ownerName(reading: PolicyReading): string | undefined {
  const owner = reading.owners[0];
  return owner ? builtinVendors().find((v) => v.id === owner)?.name : undefined;
}

function headerComment(reading: PolicyReading, file: string | undefined): string {
  const bases = reading.bases.map((b) => `${b.basis} (line ${b.mention.line})`).join(', ');
  return [
    ` Drafted by \`privacy-lens draft-from-policy\`${file ? ` from ${file}` : ''}.`,
    ' Each entry quotes the policy sentence it came from: review it, then fill in what is empty.',
    bases ? ` Legal bases the policy names: ${bases}. Set \`basis\` on each purpose.` : ' The policy names no legal basis.',
    ...transferComment(reading),
  ].join('\n');
}

function transferComment(reading: PolicyReading): string[] {
  if (reading.transfers.length === 0) return [];
  const named = reading.transfers.map((t) => `${t.mechanism} (line ${t.mention.line})`).join(', ');
  return [` Transfer safeguards the policy names: ${named}. Set \`region\` on each vendor and \`home_region\` for the undeclared-transfer rule.`];
}

/** The comment that says where an entry came from. */
export function sourceComment(mention: PolicyMention): string {
  return ` policy line ${mention.line}: "${shortQuote(mention.sentence, 100, mention.text).replace(/"/g, "'")}"`;
}

function withComment<T extends Node>(node: T, mention: PolicyMention): T {
  node.commentBefore = sourceComment(mention);
  return node;
}

function categoryNodes(doc: Document, reading: PolicyReading): Node[] {
  return reading.categories.map((c) => {
    const value = c.custom ? { id: c.key, description: c.custom.description, match: c.custom.match } : c.key;
    const node = doc.createNode(value) as Node;
    if (node instanceof YAMLMap) flowLists(node);
    return withComment(node, c.mentions[0]);
  });
}

function purposeNodes(doc: Document, reading: PolicyReading): Node[] {
  const declared = reading.categories.map((c) => c.key);
  return reading.purposes.map((p) => {
    const categories = categoriesIn(p.mention.sentence).map((t) => t.key).filter((k) => declared.includes(k));
    const retention = reading.retention ? { retention: reading.retention.retention } : {};
    const entry = { id: p.id, description: p.description, ...(p.dataUse ? { data_use: p.dataUse } : {}), categories, ...retention };
    const node = withComment(flowLists(doc.createNode(entry) as YAMLMap), p.mention);
    if (reading.retention) commentValue(node, 'retention', reading.retention.mention);
    return node;
  });
}

function vendorNodes(doc: Document, reading: PolicyReading): Node[] {
  const purposes = reading.purposes.map((p) => p.id);
  const declared = reading.categories.map((c) => c.key);
  const transfer = reading.transfers[0];
  return reading.vendors.map((v) => {
    const sentence = v.mentions[0].sentence;
    const entry = {
      id: v.id,
      purposes: purposeIdsIn(sentence).filter((id) => purposes.includes(id)),
      categories: categoriesIn(sentence).map((t) => t.key).filter((k) => declared.includes(k)),
      ...(transfer ? { transfer: transfer.mechanism } : {}),
    };
    const node = withComment(flowLists(doc.createNode(entry) as YAMLMap), v.mentions[0]);
    if (transfer) commentValue(node, 'transfer', transfer.mention);
    return node;
  });
}

/** Puts the policy line a value came from after it, on its line. */
function commentValue(map: YAMLMap, key: string, mention: PolicyMention): void {
  const value = map.get(key, true);
  if (isScalar(value)) value.comment = sourceComment(mention);
}

/** Writes the lists of a map in flow style: `categories: [user.name]`. */
function flowLists(map: YAMLMap): YAMLMap {
  for (const pair of map.items) if (pair.value instanceof YAMLSeq) pair.value.flow = true;
  return map;
}
