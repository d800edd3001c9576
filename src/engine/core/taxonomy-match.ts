/**
 * Identifier matching: which personal data category an identifier such as `billingEmail` denotes.
 *
 * The rules, applied to the tokens of the identifier (see `tokenize`):
 * 1. Trailing neutral suffixes (`value`, `str`, `normalized`, digits...) are dropped: `emailValue` is `email`.
 * 2. A term matches when the tokens END WITH the term's tokens, so the term is the head of the compound:
 *    `billingEmailAddress` matches "email address"; `emailTemplateId` and `emailEnabled` match nothing.
 *    The last token may be a plural of the term's last word (`emails`, `phoneNumbers`, `addresses`), but
 *    not for a part of an address (`cities`, `regions`, `countries` are lists, not a person's address).
 * 3. A match is cancelled when a token before the term (or the last qualifier, the immediate owner as in
 *    `file.name`) is in the category's `exclude` list (`fileName`, `supportEmail`), or when a token before the
 *    term is a negative prefix that makes the identifier a predicate, a count or a setting (`hasEmail`,
 *    `isEmailValid`, `numEmails`).
 * 4. A weak term (`name`, `address`, `city`...) matches only in a person context: a person word (`user`,
 *    `customer`, `billing`...) before the term or among the qualifiers, or `context.personContext`.
 * 5. The longest matching term, in tokens, wins; ties go to the first category in file order. Custom
 *    categories are tried first: when one matches it wins over every built-in category.
 * Identifiers given as tokens, and qualifiers, are tokenized again, so `["billingAddress"]` works too.
 */
import taxonomyData from '../data/taxonomy.json';

/** A data category: a hierarchical key and the identifier words that denote it. */
export interface CategoryDef {
  key: string;
  description: string;
  /** Token sequences that denote the category on their own, e.g. "email address". */
  terms: string[];
  /** Token sequences that denote the category only in a person context, e.g. "name". */
  weakTerms: string[];
  /** Tokens (or token sequences) that cancel a match when they come before the term, e.g. "file" for "name". */
  exclude: string[];
  /** True for a category described in the manifest rather than built in. */
  custom?: boolean;
}

/** Where an identifier occurs; every field is optional. */
export interface MatchContext {
  /** Tokens of the enclosing object path, e.g. for `customer.billing.name` the qualifiers are ["customer","billing"]. Defaults to []. */
  qualifiers?: string[];
  /** True when the value is known to describe a person (a field of request input or of a user record). Defaults to false. */
  personContext?: boolean;
}

/** One term of one category, ready to compare against identifier tokens. */
interface TermEntry {
  readonly key: string;
  readonly tokens: readonly string[];
  readonly weak: boolean;
  /** The position of the category: custom and built-in file order, for ties. */
  readonly rank: number;
  readonly exclude: readonly (readonly string[])[];
}

/** Terms grouped by their last word, for a lookup per identifier instead of a scan of every term. */
type TermIndex = Map<string, TermEntry[]>;

const PERSON_WORDS: ReadonlySet<string> = new Set(taxonomyData.personWords);
const NEUTRAL_SUFFIXES: ReadonlySet<string> = new Set(taxonomyData.neutralSuffixes);
const NEGATIVE_PREFIXES: ReadonlySet<string> = new Set(taxonomyData.negativePrefixes);
/** Memo entries kept per matcher before the memo is cleared, so a long session cannot grow it without bound. */
const MEMO_LIMIT = 100_000;
const NUMBER = /^\p{N}+$/u;

/** Splits an identifier into lowercase word tokens: camelCase, PascalCase, snake_case, kebab-case, dots, spaces, digits; acronyms: "userID"->["user","id"], "IPAddress"->["ip","address"], "X-Forwarded-For"->["x","forwarded","for"], "HTMLParser"->["html","parser"], "email2"->["email","2"]. */
export function tokenize(identifier: string): string[] {
  let tokens = tokenMemo.get(identifier);
  if (tokens === undefined) {
    // Frozen: the arrays are shared by every caller of the same identifier.
    tokens = Object.freeze(ASCII.test(identifier) ? tokenizeAscii(identifier) : tokenizeUnicode(identifier)) as string[];
    if (tokenMemo.size >= MEMO_LIMIT) tokenMemo.clear();
    tokenMemo.set(identifier, tokens);
  }
  return tokens;
}

/** The tokens of identifiers seen: the same names come back in every file and every keystroke's re-check. */
const tokenMemo = new Map<string, string[]>();

const ASCII = /^[\x00-\x7f]*$/;
const OTHER = 0;
const LOWER = 1;
const UPPER = 2;
const DIGIT = 3;

/** The kind of an ASCII character code; NaN (past the end) is OTHER. */
function charKind(code: number): number {
  if (code >= 97 && code <= 122) return LOWER;
  if (code >= 65 && code <= 90) return UPPER;
  return code >= 48 && code <= 57 ? DIGIT : OTHER;
}

/** True when a word starts at `i`, inside a run of letters and digits of an ASCII identifier. */
function wordStartsAt(identifier: string, i: number, kind: number): boolean {
  const previous = charKind(identifier.charCodeAt(i - 1));
  if ((kind === DIGIT) !== (previous === DIGIT)) return true;
  if (kind !== UPPER) return false;
  if (previous !== UPPER) return true;
  // Inside an acronym, a word starts at its last capital when lowercase follows ("HTMLParser"),
  // except for a plural s that ends the word ("userIDs" -> ["user", "ids"]).
  if (charKind(identifier.charCodeAt(i + 1)) !== LOWER) return false;
  return identifier.charCodeAt(i + 1) !== 115 || charKind(identifier.charCodeAt(i + 2)) === LOWER;
}

/** `tokenize` for ASCII identifiers: one scan, no regular expressions, since this runs for every identifier. */
function tokenizeAscii(identifier: string): string[] {
  const tokens: string[] = [];
  let start = -1;
  for (let i = 0; i <= identifier.length; i++) {
    const kind = charKind(identifier.charCodeAt(i));
    if (start >= 0 && (kind === OTHER || wordStartsAt(identifier, i, kind))) {
      tokens.push(identifier.slice(start, i).toLowerCase());
      start = -1;
    }
    if (kind !== OTHER && start < 0) start = i;
  }
  return tokens;
}

/** `tokenize` for identifiers with non-ASCII letters: the same rules with Unicode classes. */
function tokenizeUnicode(identifier: string): string[] {
  return identifier
    .replace(/(\p{Lu}{2,})s(?!\p{Ll})/gu, '$1S ')
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0);
}

/** The singular forms a (possibly plural) word may stand for, the word itself first. */
function singularForms(word: string): string[] {
  const forms = [word];
  if (word.endsWith('ies') && word.length > 4) forms.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es') && word.length > 3) forms.push(word.slice(0, -2));
  if (word.endsWith('s') && word.length > 2) forms.push(word.slice(0, -1));
  return forms;
}

/** True when a word names a person (`user`, `customer`, `patient`...) or is the plural of one (`customers`): their records hold personal data. */
export function isPersonWord(token: string): boolean {
  return singularForms(token).some((form) => PERSON_WORDS.has(form));
}

/** Words after which a type's name lists what comes along with the record, not what it is (`LinkWithOwner`). */
const ATTACHED = new Set(['with', 'including', 'and', 'plus', 'having', 'without']);

/**
 * True when a type's (or a variable's) name says its values are a person's records: a person word before any
 * `With`/`Including`/`And` (`UserWithTeams`, `CustomerDto`), not after (`LinkWithCollectionOwner`
 * is a link that carries its owner, whose own record is one of its fields).
 */
export function namesPerson(typeName: string): boolean {
  const words = tokenize(typeName);
  const end = words.findIndex((w) => ATTACHED.has(w));
  return (end < 0 ? words : words.slice(0, end)).some(isPersonWord);
}

/** Drops trailing neutral suffixes and numbers: `emailValue2` becomes `email`. */
function stripNeutralSuffixes(tokens: readonly string[]): readonly string[] {
  let end = tokens.length;
  while (end > 0 && (NEUTRAL_SUFFIXES.has(tokens[end - 1]) || NUMBER.test(tokens[end - 1]))) end--;
  return end === tokens.length ? tokens : tokens.slice(0, end);
}

/** Indexes the terms and weak terms of categories, in the given order. */
function buildIndex(categories: readonly CategoryDef[]): TermIndex {
  const index: TermIndex = new Map();
  categories.forEach((category, rank) => {
    const exclude = category.exclude.map((entry) => entry.split(' '));
    const add = (term: string, weak: boolean): void => {
      const tokens = term.split(' ').filter((token) => token.length > 0);
      if (tokens.length === 0) return;
      const last = tokens[tokens.length - 1];
      const list = index.get(last) ?? [];
      list.push({ key: category.key, tokens, weak, rank, exclude });
      index.set(last, list);
    };
    category.terms.forEach((term) => add(term, false));
    category.weakTerms.forEach((term) => add(term, true));
  });
  return index;
}

/** True when `sequence` occurs contiguously in `tokens`. */
function containsSequence(tokens: readonly string[], sequence: readonly string[]): boolean {
  for (let start = 0; start + sequence.length <= tokens.length; start++) {
    if (sequence.every((token, i) => tokens[start + i] === token)) return true;
  }
  return false;
}

/** True when `tokens` ends with the term, the term's last word already known to match (maybe as a plural). */
function endsWithTerm(tokens: readonly string[], term: readonly string[]): boolean {
  const offset = tokens.length - term.length;
  if (offset < 0) return false;
  for (let i = 0; i < term.length - 1; i++) {
    if (tokens[offset + i] !== term[i]) return false;
  }
  return true;
}

/** An identifier, made ready for matching: tokens without neutral suffixes, and its context. */
interface Subject {
  readonly tokens: readonly string[];
  readonly qualifiers: readonly string[];
  readonly personContext: boolean;
}

/** True when the term matches the subject under rules 2 to 4. */
function termApplies(entry: TermEntry, subject: Subject): boolean {
  if (!endsWithTerm(subject.tokens, entry.tokens)) return false;
  const before = subject.tokens.slice(0, subject.tokens.length - entry.tokens.length);
  if (before.some((token) => NEGATIVE_PREFIXES.has(token))) return false;
  const owner = subject.qualifiers.slice(-1);
  const scope = owner.concat(before);
  if (entry.exclude.some((sequence) => containsSequence(scope, sequence))) return false;
  if (!entry.weak) return true;
  if (before.some(isPersonWord) || subject.qualifiers.some(isPersonWord)) return true;
  // In request input a bare weak word is the person's (`name`), a qualified one is not (`netHandle`).
  return subject.personContext && before.length === 0;
}

/** True when `entry` ranks above `best` under rule 5: longer term, or same length and earlier category. */
function outranks(entry: TermEntry, best: TermEntry | undefined): boolean {
  if (!best) return true;
  if (entry.tokens.length !== best.tokens.length) return entry.tokens.length > best.tokens.length;
  return entry.rank < best.rank;
}

/** The categories of the parts of an address (`user.contact.address.city`), which a plural does not denote. */
const ADDRESS_PART = 'user.contact.address.';

/** The category of the longest term of `index` that matches the subject (rule 5), or undefined. */
function bestMatch(index: TermIndex, subject: Subject): string | undefined {
  const last = subject.tokens[subject.tokens.length - 1];
  let best: TermEntry | undefined;
  for (const form of new Set(singularForms(last))) {
    for (const entry of index.get(form) ?? []) {
      // A person has one city, region or country: `regions` and `countries` are lists a setting holds (checker regions), not an address.
      if (form !== last && entry.key.startsWith(ADDRESS_PART)) continue;
      if (outranks(entry, best) && termApplies(entry, subject)) best = entry;
    }
  }
  return best?.key;
}

let builtinIndex: TermIndex | undefined;

/** The index of the built-in categories, built once and shared by every matcher. */
function getBuiltinIndex(): TermIndex {
  builtinIndex ??= buildIndex(taxonomyData.categories);
  return builtinIndex;
}

/** Matches identifiers to categories. Custom categories (from the manifest) are tried before built-in ones. */
export class CategoryMatcher {
  private readonly customIndex: TermIndex;
  private readonly memo = new Map<string, string | undefined>();

  constructor(custom: CategoryDef[] = []) {
    this.customIndex = buildIndex(custom);
  }

  /** The category an identifier denotes, or undefined. Accepts a raw identifier (tokenized here) or tokens. Results are memoized per (identifier, context) since this is a hot path: called for every identifier of every file. */
  match(identifier: string | readonly string[], context: MatchContext = {}): string | undefined {
    const key = memoKey(identifier, context);
    if (this.memo.has(key)) return this.memo.get(key);
    const result = this.compute(identifier, context);
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(key, result);
    return result;
  }

  /** Matches without the memo: custom categories first, then built-in ones. */
  private compute(identifier: string | readonly string[], context: MatchContext): string | undefined {
    const raw = typeof identifier === 'string' ? tokenize(identifier) : identifier.flatMap(tokenize);
    const tokens = stripNeutralSuffixes(raw);
    if (tokens.length === 0) return undefined;
    const subject: Subject = {
      tokens,
      qualifiers: (context.qualifiers ?? []).flatMap(tokenize),
      personContext: context.personContext ?? false,
    };
    return bestMatch(this.customIndex, subject) ?? bestMatch(getBuiltinIndex(), subject);
  }
}

/** The memo key of an identifier in a context; tokens and raw identifiers are kept apart. */
function memoKey(identifier: string | readonly string[], context: MatchContext): string {
  const id = typeof identifier === 'string' ? identifier : `\u0001${identifier.join('\u0002')}`;
  const qualifiers = context.qualifiers?.join('\u0002') ?? '';
  return `${context.personContext ? 1 : 0}\u0000${qualifiers}\u0000${id}`;
}
