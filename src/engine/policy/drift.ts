/**
 * Where a manifest and its published policy disagree: vendors on one list and not the other, and
 * declared purposes the policy never mentions. Conservative: a purpose counts as mentioned when
 * the policy uses any telling word of its id, or enough of its description's key words.
 */
import type { VendorDef } from '../core/catalog';
import type { DeclaredPurpose, Manifest } from '../manifest/types';
import type { Range } from '../core/types';
import { readPolicy } from './index';
import type { PolicySource } from './source';

/** One disagreement, positioned in the manifest. */
export interface PolicyDrift extends Range {
  kind: 'unreadable' | 'vendorNotInPolicy' | 'vendorNotInManifest' | 'purposeNotInPolicy';
  vendor?: string;
  vendorName?: string;
  purpose?: string;
  /** For a vendor the policy names: the policy line. */
  policyLine?: number;
  /** For an unreadable policy: why. */
  reason?: string;
}

/** Compares a manifest with its policy; `vendors` are the catalog and custom vendors to look for. */
export function compareWithPolicy(manifest: Manifest, policy: PolicySource, vendors: readonly VendorDef[]): PolicyDrift[] {
  if (policy.text === undefined) return [{ kind: 'unreadable', reason: policy.error ?? 'it cannot be read', ...policy.range }];
  const reading = readPolicy(policy.text, { file: policy.file, vendors });
  const named = new Set([...reading.owners, ...reading.vendors.map((v) => v.id)]);
  const nameOf = (id: string) => vendors.find((v) => v.id === id)?.name ?? id;
  const out: PolicyDrift[] = [];
  for (const v of manifest.vendors) {
    if (!named.has(v.id)) out.push({ kind: 'vendorNotInPolicy', vendor: v.id, vendorName: v.name ?? nameOf(v.id), ...v.range });
  }
  for (const v of reading.vendors) {
    if (manifest.vendors.some((d) => d.id === v.id)) continue;
    out.push({ kind: 'vendorNotInManifest', vendor: v.id, vendorName: v.name, policyLine: v.mentions[0].line, ...policy.range });
  }
  const words = stemsOf(policy.text);
  for (const p of manifest.purposes) {
    if (!purposeMentioned(p, words)) out.push({ kind: 'purposeNotInPolicy', purpose: p.id, ...p.range });
  }
  return out;
}

/** Words too common in policies to show that a purpose is mentioned. */
const GENERIC = new Set([
  'data', 'info', 'information', 'service', 'services', 'user', 'users', 'customer', 'customers', 'personal', 'process',
  'processing', 'provide', 'platform', 'purpose', 'purposes', 'other', 'general', 'misc', 'internal', 'website', 'site',
  'the', 'and', 'for', 'with', 'our', 'your', 'their', 'them', 'that', 'this', 'from', 'into', 'about', 'when', 'which',
]);

/** True when the policy mentions a purpose: one telling word of its id, or two (or all, if fewer) key words of its description. */
export function purposeMentioned(purpose: Pick<DeclaredPurpose, 'id' | 'description'>, policyStems: ReadonlySet<string>): boolean {
  const idWords = telling(purpose.id.split(/[-_.\s]+/));
  if (idWords.some((w) => policyStems.has(stem(w)))) return true;
  const keyWords = telling(purpose.description?.match(/[A-Za-z][A-Za-z-]*/g) ?? []).filter((w) => w.length >= 4);
  const found = keyWords.filter((w) => policyStems.has(stem(w))).length;
  if (keyWords.length === 0) return idWords.length === 0;
  return found >= Math.min(2, keyWords.length);
}

function telling(words: string[]): string[] {
  return words.map((w) => w.toLowerCase()).filter((w) => w.length >= 3 && !GENERIC.has(w));
}

/** The stems of every word of a text, hyphenated words also joined ("real-time" → "realtime"). */
export function stemsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.toLowerCase().match(/[a-z]+(?:-[a-z]+)*/g) ?? []) {
    out.add(stem(word.replace(/-/g, '')));
    for (const part of word.split('-')) out.add(stem(part));
  }
  return out;
}

/** A crude stem: a common suffix dropped, then at most six letters ("prevention", "prevent" → "preven"). */
export function stem(word: string): string {
  const w = word.toLowerCase();
  const suffix = ['ations', 'ation', 'ions', 'ion', 'ing', 'ies', 'ed', 'es', 's'].find((s) => w.endsWith(s) && w.length - s.length >= 3);
  return (suffix ? w.slice(0, -suffix.length) : w).slice(0, 6);
}
