/**
 * Reading a privacy policy: the vendors it names, the personal data it describes, its purposes
 * and legal bases, each with the sentence and line it came from. One entry point, `readPolicy`.
 */
import { builtinVendors, type VendorDef } from '../core/catalog';
import { findBases, findCategories, findPurposes, type PolicyBasis, type PolicyCategory, type PolicyPurpose } from './terms';
import { findRetention, findTransfers, type PolicyRetention, type PolicyTransfer } from './transfers';
import { detectFormat, readPolicyDocument, type PolicyDocument, type PolicyFormat } from './text';
import { findVendors, namedIn, VendorNameMatcher, type PolicyVendor } from './vendors';

export type { PolicyBasis, PolicyCategory, PolicyPurpose } from './terms';
export type { PolicyDocument, PolicyFormat, PolicySentence } from './text';
export type { PolicyMention, PolicyVendor } from './vendors';
export { categoriesIn, purposeIdsIn } from './terms';
export type { PolicyRetention, PolicyTransfer } from './transfers';
export { vendorNames } from './vendors';

/** Options of `readPolicy`. */
export interface ReadPolicyOptions {
  /** The policy's file name, used to tell HTML from Markdown. Defaults to '' (guess from the text). */
  file?: string;
  /** The format; overrides the guess. Defaults to the guess from `file` and the text. */
  format?: PolicyFormat;
  /** The vendors to look for. Defaults to the built-in catalog. */
  vendors?: readonly VendorDef[];
}

/** What a policy says. */
export interface PolicyReading {
  document: PolicyDocument;
  /** Catalog vendors the title names: the company whose policy it is, not a recipient. */
  owners: string[];
  vendors: PolicyVendor[];
  categories: PolicyCategory[];
  purposes: PolicyPurpose[];
  bases: PolicyBasis[];
  /** Transfer safeguards it names, strongest first. */
  transfers: PolicyTransfer[];
  /** The retention period it states, if any. */
  retention?: PolicyRetention;
}

/** The matcher of the built-in vendors' names, built on first use (not at every start of the CLI). */
let defaultMatcher: VendorNameMatcher | undefined;

/** Reads a policy text (Markdown, HTML or plain text); never throws. */
export function readPolicy(text: string, options: ReadPolicyOptions = {}): PolicyReading {
  const document = readPolicyDocument(text, options.format ?? detectFormat(text, options.file));
  const matcher = options.vendors ? new VendorNameMatcher(options.vendors) : (defaultMatcher ??= new VendorNameMatcher(builtinVendors()));
  const owners = namedIn(document.title, matcher);
  return {
    document,
    owners,
    vendors: findVendors(document, matcher).filter((v) => !owners.includes(v.id)),
    categories: findCategories(document),
    purposes: findPurposes(document),
    bases: findBases(document),
    transfers: findTransfers(document),
    retention: findRetention(document),
  };
}

/** A sentence shortened for a one-line quote of at most about `max` characters: around `focus` (words in it) when given, cut at words, with "...". */
export function shortQuote(sentence: string, max = 100, focus = ''): string {
  const flat = sentence.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const at = focus ? flat.indexOf(focus) : -1;
  const start = at > max / 3 ? wordStart(flat, Math.min(at - 30, flat.length - max + 3)) : 0;
  const end = wordEnd(flat, start + max - (start > 0 ? 6 : 3));
  return `${start > 0 ? '...' : ''}${flat.slice(start, end).replace(/[\s,;:]+$/, '')}${end < flat.length ? '...' : ''}`;
}

/** The start of the word at or after `pos`. */
function wordStart(text: string, pos: number): number {
  const space = text.indexOf(' ', Math.max(0, pos));
  return space < 0 ? Math.max(0, pos) : space + 1;
}

/** The end of the last whole word before `pos`. */
function wordEnd(text: string, pos: number): number {
  if (pos >= text.length) return text.length;
  const space = text.lastIndexOf(' ', pos);
  return space > 0 ? space : pos;
}
