/**
 * Finds the personal data categories, purposes and legal bases a policy describes, from the
 * phrase lists in `policy-terms.json`.
 */
import type { LegalBasis } from '../manifest/types';
import { lineAt } from './blocks';
import terms from './policy-terms.json';
import type { PolicyDocument, PolicySentence } from './text';
import type { PolicyMention } from './vendors';

/** A category a policy describes, with the sentences that describe it. */
export interface PolicyCategory {
  key: string;
  /** For a category outside the built-in taxonomy: how to declare it. */
  custom?: { description: string; match: string[] };
  mentions: PolicyMention[];
}

/** A purpose from a policy's list of uses. */
export interface PolicyPurpose {
  id: string;
  description: string;
  dataUse?: string;
  mention: PolicyMention;
}

/** A legal basis a policy names. */
export interface PolicyBasis {
  basis: LegalBasis;
  mention: PolicyMention;
}

interface CategoryTerm {
  key: string;
  phrases: string[];
  notAfter?: string[];
  custom?: { description: string; match: string[] };
}

const CATEGORY_TERMS = terms.categories as CategoryTerm[];
const PURPOSE_RULES = terms.purposes.map((p) => ({ ...p, words: new RegExp(p.words, 'i') }));
const BASIS_RULES = terms.bases.map((b) => ({ basis: b.basis as LegalBasis, words: new RegExp(b.words, 'i') }));
const PHRASES = CATEGORY_TERMS.flatMap((term) => term.phrases.map((phrase) => ({ phrase, term }))).sort((a, b) => b.phrase.length - a.phrase.length);
const PHRASE_PATTERN = new RegExp(`(?<![\\p{L}\\p{N}])(${PHRASES.map((p) => p.phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?:e?s)?(?![\\p{L}\\p{N}])`, 'giu');

/** A category phrase found in a text. */
export interface CategoryMatch {
  key: string;
  custom?: CategoryTerm['custom'];
  /** The words as written. */
  text: string;
  /** Where they start in the text. */
  offset: number;
}

/** The categories of one sentence, in order, each once. */
export function categoriesIn(text: string): CategoryMatch[] {
  const out: CategoryMatch[] = [];
  for (const m of text.matchAll(PHRASE_PATTERN)) {
    const term = PHRASES.find((p) => p.phrase.toLowerCase() === m[1].toLowerCase())?.term;
    if (!term || out.some((c) => c.key === term.key) || cancelled(text, m.index ?? 0, term)) continue;
    out.push({ key: term.key, custom: term.custom, text: m[0], offset: m.index ?? 0 });
  }
  return out;
}

/** True when a word from the term's `notAfter` comes right before the match ("dedicated IP address"). */
function cancelled(text: string, offset: number, term: CategoryTerm): boolean {
  const before = /([\p{L}-]+)\W*$/u.exec(text.slice(Math.max(0, offset - 30), offset));
  return before !== null && (term.notAfter ?? []).includes(before[1].toLowerCase());
}

/** Every category the policy describes, in order of first mention. */
export function findCategories(doc: PolicyDocument): PolicyCategory[] {
  const found = new Map<string, PolicyCategory>();
  for (const sentence of doc.sentences) {
    for (const match of categoriesIn(sentence.text)) {
      const category = found.get(match.key) ?? { key: match.key, custom: match.custom, mentions: [] };
      category.mentions.push({ sentence: sentence.text, line: lineAt(sentence.block, sentence.offset + match.offset), text: match.text });
      found.set(match.key, category);
    }
  }
  return [...found.values()];
}

/** A mention of a whole sentence. */
function mentionOf(sentence: PolicySentence): PolicyMention {
  return { sentence: sentence.text, line: sentence.line, text: sentence.text };
}

const LIST_INTRO = new RegExp(terms.purposeListIntro, 'i');
const RIGHTS = new RegExp(terms.rightsHeading, 'i');
const BASIS_HEADING = new RegExp(terms.legalBasisHeading, 'i');

/** The purposes of the policy's lists of uses: list items under a "how we use" heading or intro. */
export function findPurposes(doc: PolicyDocument): PolicyPurpose[] {
  const out: PolicyPurpose[] = [];
  doc.blocks.forEach((block, i) => {
    if (block.kind !== 'item' || !isUseList(doc, i)) return;
    const sentence = doc.sentences.find((s) => s.block === block);
    if (sentence) out.push(purposeOf(block.text, uniqueId(out, purposeId(block.text)), sentence));
  });
  return out;
}

/** True when the item at `index` is in a list of uses: its section or the paragraph before the list says how data is used. */
function isUseList(doc: PolicyDocument, index: number): boolean {
  const block = doc.blocks[index];
  if (RIGHTS.test(block.section) || BASIS_HEADING.test(block.section)) return false;
  let intro = index - 1;
  while (intro >= 0 && doc.blocks[intro].kind === 'item') intro--;
  const before = intro >= 0 ? doc.blocks[intro] : undefined;
  if (before?.kind === 'paragraph' && /:\s*$/.test(before.text)) return LIST_INTRO.test(before.text);
  return LIST_INTRO.test(block.section);
}

function purposeOf(item: string, id: string, sentence: PolicySentence): PolicyPurpose {
  const rule = PURPOSE_RULES.find((r) => r.id === id.replace(/-\d+$/, '') && r.words.test(item));
  return { id, description: describe(item), dataUse: rule?.dataUse, mention: { ...mentionOf(sentence), sentence: item } };
}

const STOP_WORDS = new Set(['to', 'for', 'the', 'a', 'an', 'and', 'or', 'of', 'our', 'your', 'you', 'we', 'us', 'with', 'in', 'on', 'it', 'any', 'that', 'this', 'as', 'by', 'about', 'from', 'may', 'such', 'which', 'is', 'are', 'be', 'provide', 'use', 'purposes', 'purpose']);

/** A kebab-case purpose id for a list item: a known purpose, else its first two key words. */
export function purposeId(item: string): string {
  const rule = PURPOSE_RULES.find((r) => r.words.test(item));
  if (rule) return rule.id;
  const words = item.toLowerCase().match(/[a-z][a-z-]*/g) ?? [];
  const key = words.filter((w) => !STOP_WORDS.has(w) && w.length > 2).slice(0, 2);
  return key.join('-').replace(/-+/g, '-') || 'purpose';
}

/** The purposes whose rules match a sentence (used to attach purposes to a vendor). */
export function purposeIdsIn(text: string): string[] {
  return [...new Set(PURPOSE_RULES.filter((r) => r.words.test(text)).map((r) => r.id))];
}

function uniqueId(existing: PolicyPurpose[], id: string): string {
  let candidate = id;
  for (let n = 2; existing.some((p) => p.id === candidate); n++) candidate = `${id}-${n}`;
  return candidate;
}

/** A purpose description from a list item: "to create ...;" → "Create ...". */
function describe(item: string): string {
  const text = item.replace(/^(to|for)\s+/i, '').replace(/[\s;,.:]+(and|or)?\s*$/i, '').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The legal bases a policy names: in its legal-basis section when it has one, else anywhere outside its rights section. */
export function findBases(doc: PolicyDocument): PolicyBasis[] {
  const inBasisSection = doc.sentences.filter((s) => BASIS_HEADING.test(s.block.section));
  const sentences = inBasisSection.length ? inBasisSection : doc.sentences.filter((s) => !RIGHTS.test(s.block.section));
  const out: PolicyBasis[] = [];
  for (const sentence of sentences) {
    for (const rule of BASIS_RULES) {
      if (rule.words.test(sentence.text) && !out.some((b) => b.basis === rule.basis)) out.push({ basis: rule.basis, mention: mentionOf(sentence) });
    }
  }
  return out;
}
