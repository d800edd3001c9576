/**
 * Finds the catalog vendors a policy names. A name matches as a whole word, case-insensitive but
 * capitalised as in the catalog ("Drift" and "Segment" are vendors, "drift" and "segment" are not),
 * tolerant of ®, ™ and © after a word ("Google® Analytics", "AWS®").
 */
import type { VendorDef } from '../core/catalog';
import type { PolicyDocument, PolicySentence } from './text';
import { lineAt } from './blocks';

/** Where a policy names something: the sentence, its line and the words as written. */
export interface PolicyMention {
  sentence: string;
  line: number;
  text: string;
}

/** A vendor a policy names, with every place it is named. */
export interface PolicyVendor {
  id: string;
  name: string;
  mentions: PolicyMention[];
}

/** Names shorter than this ("X", "GA") are too ambiguous to look for in prose. */
const MIN_NAME_LENGTH = 3;

/** The names a policy may use for a vendor: its name split at " / ", what is in parentheses, and its aliases. */
export function vendorNames(vendor: Pick<VendorDef, 'name' | 'aliases'>): string[] {
  const names = new Set<string>();
  for (const part of vendor.name.split(/\s+\/\s+/)) {
    const inner = /\(([^)]+)\)/.exec(part);
    names.add(part.replace(/\([^)]*\)/g, '').trim());
    if (inner) names.add(inner[1].trim());
  }
  for (const alias of vendor.aliases) names.add(alias.trim());
  return [...names].filter((n) => n.replace(/[^\p{L}\p{N}]/gu, '').length >= MIN_NAME_LENGTH);
}

/** A compiled matcher for the names of many vendors: one alternation, longest names first. */
export class VendorNameMatcher {
  private readonly byName = new Map<string, { vendor: VendorDef; name: string }>();
  private readonly pattern: RegExp | undefined;

  /** Indexes the names of these vendors; the first vendor to claim a name keeps it. */
  constructor(vendors: readonly VendorDef[]) {
    for (const vendor of vendors) {
      for (const name of vendorNames(vendor)) {
        const key = nameKey(name);
        if (!this.byName.has(key)) this.byName.set(key, { vendor, name });
      }
    }
    const names = [...this.byName.values()].map((x) => x.name).sort((a, b) => b.length - a.length);
    this.pattern = names.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.map(namePattern).join('|')})(?![\\p{L}\\p{N}])`, 'giu') : undefined;
  }

  /** The vendors named in a text, with the offset and words of each match. */
  match(text: string): { vendor: VendorDef; offset: number; text: string }[] {
    if (!this.pattern) return [];
    const out: { vendor: VendorDef; offset: number; text: string }[] = [];
    for (const m of text.matchAll(this.pattern)) {
      const entry = this.byName.get(nameKey(m[0]));
      if (entry && capitalisedLike(m[0], entry.name)) out.push({ vendor: entry.vendor, offset: m.index ?? 0, text: m[0] });
    }
    return out;
  }
}

/** A name as a lookup key: lower case, trademark signs dropped, spaces collapsed. */
function nameKey(name: string): string {
  return name.replace(/[®™©]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** A regular expression source for a name: escaped, any run of spaces (and trademark signs) between words. */
function namePattern(name: string): string {
  return name
    .split(/\s+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[®™©]*\\s+[®™©]*');
}

/** True when a match starts with a capital wherever the catalog name does ("Drift" yes, "drift" no). */
function capitalisedLike(found: string, name: string): boolean {
  const first = name[0];
  if (first.toLowerCase() === first.toUpperCase() || first !== first.toUpperCase()) return true;
  return found[0] === found[0].toUpperCase() && found[0] !== found[0].toLowerCase();
}

/** A denial before a name: "we do not use Heap" names Heap but does not share with it. */
const NEGATED = /\b(do not|don't|does not|never|no longer)\s+(use|share|sell|work with|send)\b[^.;]*$/i;

/** Every catalog vendor named in the policy's sentences, in order of first mention. */
export function findVendors(doc: PolicyDocument, matcher: VendorNameMatcher): PolicyVendor[] {
  const found = new Map<string, PolicyVendor>();
  for (const sentence of doc.sentences) {
    for (const m of matcher.match(sentence.text)) {
      if (NEGATED.test(sentence.text.slice(0, m.offset))) continue;
      const vendor = found.get(m.vendor.id) ?? { id: m.vendor.id, name: displayName(m.vendor), mentions: [] };
      vendor.mentions.push({ sentence: sentence.text, line: mentionLine(sentence, m.offset), text: m.text });
      found.set(vendor.id, vendor);
    }
  }
  return [...found.values()];
}

/** The line of a match inside a sentence. */
function mentionLine(sentence: PolicySentence, offset: number): number {
  return lineAt(sentence.block, sentence.offset + offset);
}

/** A vendor's display name without its parenthesised part: "SoftLayer (IBM Cloud)" → "SoftLayer". */
function displayName(vendor: VendorDef): string {
  return vendor.name.replace(/\s*\([^)]*\)/g, '').trim() || vendor.id;
}

/** True when a text names one of these vendors (used on the title to find the policy's owner). */
export function namedIn(text: string, matcher: VendorNameMatcher): string[] {
  return [...new Set(matcher.match(text).map((m) => m.vendor.id))];
}
