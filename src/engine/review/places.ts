/**
 * What a change adds to a finding that has many places (an undeclared category, reported once per
 * workspace): its fingerprint is the category's, so a pull request that adds a place of a category
 * already undeclared in the base leaves the fingerprint as it was. The reviewer should still see
 * the new places: they are reported as the finding narrowed to them.
 */
import type { Finding, RelatedLocation } from '../core/types';
import { interpolate } from '../rules/rule';
import { othersText, plural, undeclaredCategory } from '../rules/undeclared-category';
import { isChangedLine, type ChangedLines } from './changes';
import { isWorkspaceKeyed, keyHash, sinkText, type ReadSource } from './fingerprint';

/** A finding's places: where it is reported, then its related locations. */
export function placesOf(f: Finding): RelatedLocation[] {
  const first: RelatedLocation = { file: f.file, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, message: f.trace?.[0]?.note };
  return [first, ...(f.related ?? [])];
}

/** A base finding's places with their files renamed to the head's paths. */
function basePlaces(base: Finding, changes: ChangedLines): RelatedLocation[] {
  const toHead = new Map([...changes.renames].map(([to, from]) => [from, to]));
  return placesOf(base).map((p) => ({ ...p, file: toHead.get(p.file) ?? p.file }));
}

/**
 * The places of `head` that a change adds: on an added or changed line, and with a text its file
 * did not already process in the base (`base`, the same finding in the base's scan), so that a
 * line that only moved or was re-indented is no new place.
 */
export function newPlaces(head: Finding, base: Finding, changes: ChangedLines, readHead: ReadSource, readBase: ReadSource): RelatedLocation[] {
  const known = new Set(basePlaces(base, changes).map((p) => `${p.file}\u0000${sinkText(p, readBase(changes.renames.get(p.file) ?? p.file))}`));
  return placesOf(head).filter((p) => isChangedLine(changes, p.file, p.line) && !known.has(`${p.file}\u0000${sinkText(p, readHead(p.file))}`));
}

/**
 * An undeclared category's finding narrowed to some of its places (those of the paths a scan
 * reports on, or those a change adds): at the first of them, with the others as related locations.
 * With `before`, the places are a change's and the message says the category was already
 * undeclared, at that many places.
 */
export function narrowToPlaces(head: Finding, places: RelatedLocation[], before?: number): Finding {
  const [first, ...others] = places;
  const category = head.categories?.[0] ?? '';
  const note = first.message ?? category;
  const messages = undeclaredCategory.meta.messages;
  const message =
    before !== undefined
      ? interpolate(messages.added, { category, note, more: others.length ? ` and in ${othersText(first.file, others, 'other new place')}` : '', before: plural(before, 'place') })
      : interpolate(others.length ? messages.places : messages.default, { category, note, others: othersText(first.file, others) });
  // The head's purpose is its first place's, which need not be the first new place's.
  const { related: _related, purpose: _purpose, purposeSource: _source, ...rest } = head;
  const narrowed: Finding = { ...rest, file: first.file, line: first.line, column: first.column, endLine: first.endLine, endColumn: first.endColumn, message };
  narrowed.trace = [{ file: first.file, line: first.line, column: first.column, note }];
  if (others.length) narrowed.related = others;
  return narrowed;
}

/**
 * The fingerprints an undeclared category's finding had when it was reported once per file (a
 * baseline recorded then has these): one per file, of the file's first place. Empty for other rules.
 */
export function legacyFingerprints(f: Finding, read: ReadSource): string[] {
  if (!isWorkspaceKeyed(f.rule)) return [];
  const firsts = new Map<string, RelatedLocation>();
  for (const p of placesOf(f)) if (!firsts.has(p.file)) firsts.set(p.file, p);
  const recipient = f.vendor ?? f.host ?? '';
  const categories = [...(f.categories ?? [])].sort().join(',');
  return [...firsts.values()].map((p) => `${keyHash([f.rule, p.file, sinkText(p, read(p.file)), recipient, categories].join('\u0000'))}:1`);
}
