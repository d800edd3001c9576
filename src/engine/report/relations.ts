/** Whether the manifest declares a relation of the data map (the editor marks undeclared ones). */
import { nodeId, type DataMap } from './data-map';

/** A category, purpose or vendor of the map. */
export interface MapRef {
  kind: 'category' | 'purpose' | 'vendor';
  id: string;
}

/**
 * Whether the manifest declares both ends of a relation and the relation itself, as the code does
 * it: Mixpanel receiving user.name is undeclared when Mixpanel's entry does not list user.name,
 * though both are declared.
 */
export function relationDeclared(map: DataMap, a: MapRef, b: MapRef): boolean {
  if (!isDeclared(map, a) || !isDeclared(map, b)) return false;
  const idOf = (kind: MapRef['kind']) => (a.kind === kind ? a.id : b.kind === kind ? b.id : undefined);
  const [vendor, category, purpose] = [idOf('vendor'), idOf('category'), idOf('purpose')];
  const seen = map.edges.filter((e) => e.seen);
  if (vendor && category) return !seen.some((e) => e.to === nodeId('vendor', vendor) && e.undeclaredCategories.includes(category));
  if (vendor && purpose) return !seen.some((e) => e.from === nodeId('purpose', purpose) && e.to === nodeId('vendor', vendor) && !e.declared);
  if (category && purpose) return !seen.some((e) => e.from === nodeId('category', category) && e.to === nodeId('purpose', purpose) && !e.declared);
  return true;
}

function isDeclared(map: DataMap, ref: MapRef): boolean {
  const list: { id: string; declared: boolean }[] = ref.kind === 'vendor' ? map.vendors : ref.kind === 'category' ? map.categories : map.purposes;
  return list.find((x) => x.id === ref.id)?.declared ?? false;
}
