/**
 * `init`'s manifest: a fresh draft from what the code does, or the additions (vendors and
 * categories not yet declared) to an existing manifest, made with the text edits of manifest-edit.
 */
import { Document, YAMLMap, YAMLSeq, type Node } from 'yaml';
import type { Manifest } from '../manifest/types';
import { categoryCovers } from '../core/taxonomy';
import { seenComment, type CodeInventory } from './from-code';
import { addCategory, addVendor, applyEdits, type ManifestEdit } from './manifest-edit';
import { addSection } from './yaml-sections';

/** Options of `draftFromCode`. */
export interface CodeDraftOptions {
  /** The `system:` of the draft. Defaults to none. */
  system?: string;
}

/** The YAML text of a manifest drafted from a code inventory; valid for `parseManifest`. */
export function draftFromCode(inventory: CodeInventory, options: CodeDraftOptions = {}): string {
  const doc = new Document({ version: 1 });
  const root = doc.contents as YAMLMap;
  if (options.system) root.set('system', options.system);
  addSection(doc, 'categories', inventory.categories.map((c) => commented(doc.createNode(c.id) as Node, seenComment(c.seen))));
  addSection(doc, 'purposes', inventory.purposes.map((p) => {
    const entry = { id: p.id, categories: p.categories, ...(p.paths.length ? { paths: p.paths } : {}) };
    const how = p.from === 'annotation' ? 'a privacy-lens purpose= annotation' : `the folder ${p.paths[0]}`;
    return commented(flowLists(doc.createNode(entry) as YAMLMap), `from ${how}, ${seenComment(p.seen)}`);
  }));
  addSection(doc, 'vendors', inventory.vendors.map((v) => {
    const entry = { id: v.id, purposes: v.purposes, categories: v.categories };
    return commented(flowLists(doc.createNode(entry) as YAMLMap), seenComment(v.seen));
  }));
  if (inventory.ownHosts.length > 0) {
    const hosts = doc.createNode(inventory.ownHosts.map((h) => h.host)) as YAMLSeq;
    hosts.items.forEach((item, i) => commented(item as Node, `named like the project (${inventory.ownHosts[i].name}): your own service? ${seenComment(inventory.ownHosts[i].seen)}`));
    root.set('first_party', doc.createNode({ hosts }));
  }
  doc.commentBefore = ' Drafted by `privacy-lens init` from what the code does. Review every entry: add descriptions,\n legal bases (`basis`) and the vendors and purposes the code does not show.';
  const hosts = hostsComment(inventory);
  if (hosts) doc.comment = hosts;
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}


function commented<T extends Node>(node: T, comment: string): T {
  node.commentBefore = ` ${comment}`;
  return node;
}

function flowLists(map: YAMLMap): YAMLMap {
  for (const pair of map.items) if (pair.value instanceof YAMLSeq) pair.value.flow = true;
  return map;
}

/** The comment listing hosts that received personal data and are no known vendor: they are not added as first party. */
function hostsComment(inventory: CodeInventory): string | undefined {
  if (inventory.unknownHosts.length === 0) return undefined;
  const lines = inventory.unknownHosts.map((h) => `   ${h.host} (${seenComment(h.seen)})`);
  return [' Hosts that receive personal data and are no known vendor. If they are your own services, list', ' them under first_party.hosts; if not, add them as vendors with name and hosts:', ...lines].join('\n');
}

/** What `init` adds to an existing manifest: the categories and vendors the code shows and it does not declare. */
export function extendManifest(text: string, manifest: Manifest, inventory: CodeInventory): ManifestEdit {
  const declared = manifest.categories.map((c) => c.id);
  const purposes = new Set(manifest.purposes.map((p) => p.id));
  const newCategories = inventory.categories.filter((c) => !declared.some((d) => categoryCovers(d, c.id)));
  const newVendors = inventory.vendors.filter((v) => !manifest.vendors.some((d) => d.id === v.id));
  return applyEdits(text, [
    ...newCategories.map((c) => (t: string) => addCategory(t, c.id, seenComment(c.seen))),
    ...newVendors.map((v) => (t: string) =>
      addVendor(t, { id: v.id, purposes: v.purposes.filter((p) => purposes.has(p)), categories: v.categories }, seenComment(v.seen))),
  ]);
}
