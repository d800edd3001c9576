/**
 * The data map as a fideslang system manifest (YAML): the system, its privacy declarations (one
 * per purpose: data categories, data use, data subjects, legal basis, retention, the vendors it
 * shares with) and its egress to the vendors. Custom categories are exported as their nearest
 * built-in parent, and a purpose without `data_use` as `essential.service`, each with a comment.
 */
import { Document, YAMLMap, YAMLSeq } from 'yaml';
import { isBuiltinCategory } from '../core/taxonomy';
import type { DataMap, MapPurpose } from './data-map';
import { UNATTRIBUTED } from './data-map';

/** The data use a purpose without `data_use` is exported with. */
export const DEFAULT_DATA_USE = 'essential.service';

const LEGAL_BASIS: Record<string, string> = {
  contract: 'Contract',
  consent: 'Consent',
  legitimate_interest: 'Legitimate interests',
  legal_obligation: 'Legal obligations',
  vital_interest: 'Vital interests',
  public_task: 'Public interest',
};

/** Renders the data map as a fideslang system manifest. */
export function renderFidesManifest(map: DataMap): string {
  const key = fidesKey(map.system ?? 'system');
  const declarations = map.purposes.filter((p) => p.id !== UNATTRIBUTED && p.declared).map((p) => declaration(map, p));
  const system: Record<string, unknown> = {
    fides_key: key,
    name: map.system ?? key,
    description: `Data map of ${map.system ?? key}, exported by Privacy Lens from ${map.manifest}`,
    system_type: 'Service',
    egress: map.vendors.filter((v) => v.declared).map((v) => ({ fides_key: fidesKey(v.id), type: 'system', data_categories: v.categories.map(fidesCategory).filter(unique) })),
    privacy_declarations: declarations,
  };
  const doc = new Document({ system: [system] });
  commentDefaults(doc, map);
  return doc.toString({ lineWidth: 0 });
}

function declaration(map: DataMap, p: MapPurpose): Record<string, unknown> {
  const vendors = p.vendors.map((id) => map.vendors.find((v) => v.id === id)!).filter((v) => v?.declared);
  const out: Record<string, unknown> = {
    name: p.description ?? p.id,
    data_categories: p.categories.map(fidesCategory).filter(unique),
    data_use: p.dataUse ?? DEFAULT_DATA_USE,
    data_subjects: p.dataSubjects.length > 0 ? p.dataSubjects : ['customer'],
  };
  if (p.basis) out.legal_basis_for_processing = LEGAL_BASIS[p.basis];
  if (p.retention) out.retention_period = p.retention;
  out.data_shared_with_third_parties = vendors.length > 0;
  if (vendors.length > 0) out.third_parties = vendors.map((v) => v.name).join(', ');
  out.egress = vendors.map((v) => fidesKey(v.id));
  out.dataset_references = [];
  return out;
}

/** Notes the defaults taken (data use, data subjects, parent categories) as comments on the declarations. */
function commentDefaults(doc: Document, map: DataMap): void {
  const systems = doc.get('system') as YAMLSeq<YAMLMap>;
  const declarations = systems.items[0].get('privacy_declarations') as YAMLSeq<YAMLMap>;
  const purposes = map.purposes.filter((p) => p.id !== UNATTRIBUTED && p.declared);
  declarations.items.forEach((item, i) => {
    const p = purposes[i];
    const notes = [`purpose ${p.id}`];
    if (!p.dataUse) notes.push(`no data_use in the manifest: ${DEFAULT_DATA_USE} assumed`);
    if (p.dataSubjects.length === 0) notes.push('no data_subjects in the manifest: customer assumed');
    const custom = p.categories.filter((c) => !isBuiltinCategory(c));
    if (custom.length > 0) notes.push(`custom categories exported as their parent: ${custom.map((c) => `${c} as ${fidesCategory(c)}`).join(', ')}`);
    item.commentBefore = ` ${notes.join('; ')}`;
  });
}

/** The nearest built-in fideslang category of a key (a custom `user.account.domain` is `user.account`). */
export function fidesCategory(key: string): string {
  const parts = key.split('.');
  while (parts.length > 1 && !isBuiltinCategory(parts.join('.'))) parts.pop();
  return isBuiltinCategory(parts.join('.')) ? parts.join('.') : 'user';
}

/** A fides_key: lower case letters, digits and underscores. */
export function fidesKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9_.]+/g, '_').replace(/^_+|_+$/g, '') || 'system';
}

function unique<T>(x: T, i: number, all: T[]): boolean {
  return all.indexOf(x) === i;
}
