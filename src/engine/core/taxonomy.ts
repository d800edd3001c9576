/**
 * The built-in taxonomy: the fideslang data categories and data uses (keys from fideslang, (c) Ethyca,
 * CC BY 4.0), with Privacy Lens's own detection hints, all read from `data/taxonomy.json`.
 * Identifier matching lives in `taxonomy-match.ts` and is re-exported here, so callers import one module.
 */
import taxonomyData from '../data/taxonomy.json';
import { tokenize, type CategoryDef } from './taxonomy-match';

export { CategoryMatcher, isPersonWord, namesPerson, tokenize } from './taxonomy-match';
export type { CategoryDef, MatchContext } from './taxonomy-match';

/** A fideslang data use: why data is processed. */
export interface DataUseDef {
  key: string;
  description: string;
}

const CATEGORIES: readonly CategoryDef[] = Object.freeze(taxonomyData.categories.map(freezeCategory));
const DATA_USES: readonly DataUseDef[] = Object.freeze(
  taxonomyData.dataUses.map((use) => Object.freeze({ key: use.key, description: use.description })),
);
const CATEGORY_KEYS: ReadonlySet<string> = new Set(CATEGORIES.map((category) => category.key));
const DATA_USE_KEYS: ReadonlySet<string> = new Set(DATA_USES.map((use) => use.key));

/** A frozen copy of a category from the data file, so callers cannot change the shared taxonomy. */
function freezeCategory(category: CategoryDef): CategoryDef {
  return Object.freeze({
    key: category.key,
    description: category.description,
    terms: Object.freeze([...category.terms]) as string[],
    weakTerms: Object.freeze([...category.weakTerms]) as string[],
    exclude: Object.freeze([...category.exclude]) as string[],
  });
}

/** All built-in categories, in file order. */
export function builtinCategories(): readonly CategoryDef[] {
  return CATEGORIES;
}

/** All fideslang data uses. */
export function builtinDataUses(): readonly DataUseDef[] {
  return DATA_USES;
}

/** True when `key` is a built-in category key such as `user.contact.email`. */
export function isBuiltinCategory(key: string): boolean {
  return CATEGORY_KEYS.has(key);
}

/** True when `key` is a fideslang data use key such as `marketing.communications.email`. */
export function isBuiltinDataUse(key: string): boolean {
  return DATA_USE_KEYS.has(key);
}

/** True when declaring `declared` covers `used` (hierarchical: user.contact covers user.contact.email; a key covers itself). */
export function categoryCovers(declared: string, used: string): boolean {
  return used === declared || used.startsWith(`${declared}.`);
}

/** Makes a custom category definition from a manifest entry: `match` words may be camelCase identifiers ("sendingDomain") and become token sequences. */
export function customCategory(key: string, description: string, match: string[]): CategoryDef {
  const terms = match.map((word) => tokenize(word).join(' ')).filter((term) => term.length > 0);
  return { key, description, terms: [...new Set(terms)], weakTerms: [], exclude: [], custom: true };
}
