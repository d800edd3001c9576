/**
 * Generates varied but valid manifests for the property tests of manifest-edit: comments, blank
 * lines, quoting styles, flow and block lists, flow-map items, indentation and CRLF line breaks.
 */

/** A seeded pseudo-random generator (mulberry32), so a failing case can be replayed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The category keys and vendor ids generated manifests draw from. */
export const CATEGORY_POOL = ['user.name', 'user.contact.email', 'user.contact.address', 'user.financial.credit_card', 'user.device.ip_address', 'user.unique_id', 'user.contact.phone_number'];
export const VENDOR_POOL = ['stripe', 'segment', 'mixpanel', 'zendesk', 'drift', 'arin'];
export const PURPOSE_POOL = ['billing', 'support', 'marketing', 'account-access'];

/** What a generated manifest declares. */
export interface GeneratedManifest {
  text: string;
  categories: string[];
  purposes: { id: string; categories: string[] }[];
  vendors: { id: string; purposes: string[]; categories: string[] }[];
}

type Rand = () => number;

function pick<T>(rand: Rand, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

function subset<T>(rand: Rand, items: readonly T[], max = items.length): T[] {
  return items.filter(() => rand() < 0.5).slice(0, max);
}

function quote(rand: Rand, value: string): string {
  return pick(rand, [value, value, `'${value}'`, `"${value}"`]);
}

function comment(rand: Rand): string {
  return rand() < 0.3 ? `   # ${pick(rand, ['note', 'why: it matters', 'TODO', 'é ünïcode'])}` : '';
}

/** A list under `key` at an indentation: flow, block, or (when empty) `[]` or nothing. */
function list(rand: Rand, key: string, values: string[], indent: string): string[] {
  if (values.length === 0) return rand() < 0.5 ? [] : [`${indent}${key}: []`];
  if (rand() < 0.5) return [`${indent}${key}: [${values.map((v) => quote(rand, v)).join(', ')}]${comment(rand)}`];
  const dash = rand() < 0.5 ? indent : `${indent}  `;
  return [`${indent}${key}:${comment(rand)}`, ...values.map((v) => `${dash}- ${quote(rand, v)}${comment(rand)}`)];
}

/** An entry (id plus lists) as a block-map item or a flow-map item. */
function entry(rand: Rand, dash: string, id: string, lists: [string, string[]][]): string[] {
  if (rand() < 0.2) return [`${dash}- {id: ${id}${lists.map(([k, v]) => `, ${k}: [${v.join(', ')}]`).join('')}}${comment(rand)}`];
  const inner = `${dash}  `;
  const lines = [`${dash}- id: ${quote(rand, id)}${comment(rand)}`];
  for (const [key, values] of lists) lines.push(...list(rand, key, values, inner));
  return lines;
}

function section(rand: Rand, key: string, items: string[][]): string[] {
  const lines = rand() < 0.3 ? [`# the ${key}`] : [];
  if (items.length === 0) return [...lines, `${key}: []`];
  lines.push(`${key}:${comment(rand)}`);
  items.forEach((item, i) => {
    if (i > 0 && rand() < 0.2) lines.push(rand() < 0.5 ? '' : '  # between items');
    lines.push(...item);
  });
  return lines;
}

/** A random valid manifest and what it declares. */
export function generateManifest(seed: number): GeneratedManifest {
  const rand = random(seed);
  const categories = subset(rand, CATEGORY_POOL);
  if (categories.length === 0) categories.push('user.name');
  const purposes = subset(rand, PURPOSE_POOL, 3).map((id) => ({ id, categories: subset(rand, categories, 3) }));
  const vendors = subset(rand, VENDOR_POOL, 3).map((id) => ({ id, purposes: subset(rand, purposes.map((p) => p.id), 2), categories: subset(rand, categories, 3) }));
  const dash = rand() < 0.5 ? '' : '  ';
  const blocks = [
    rand() < 0.5 ? [`categories: [${categories.map((c) => quote(rand, c)).join(', ')}]`] : section(rand, 'categories', categories.map((c) => [`${dash}- ${quote(rand, c)}${comment(rand)}`])),
    section(rand, 'purposes', purposes.map((p) => entry(rand, dash, p.id, [['categories', p.categories]]))),
    section(rand, 'vendors', vendors.map((v) => entry(rand, dash, v.id, [['purposes', v.purposes], ['categories', v.categories]]))),
  ];
  const lines = [...(rand() < 0.5 ? ['# Generated manifest', ''] : []), `version: 1${comment(rand)}`, 'system: "Gen: test"'];
  for (const block of blocks.sort(() => rand() - 0.5)) lines.push(...(rand() < 0.5 ? [''] : []), ...block);
  const eol = rand() < 0.3 ? '\r\n' : '\n';
  return { text: lines.join(eol) + (rand() < 0.8 ? eol : ''), categories, purposes, vendors };
}
