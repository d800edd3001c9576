/**
 * The data map as a record of processing activities in the shape of GDPR Article 30(1): one row per
 * purpose with its description, legal basis, categories of data subjects and of personal data,
 * recipients (vendors and their regions), transfers to third countries and their safeguards, the
 * time limit for erasure, and the code locations that back the row. RFC 4180 CSV, CRLF line ends.
 */
import { sameRegion } from '../rules/undeclared-transfer';
import type { DataMap, MapPurpose, MapVendor } from './data-map';
import { purposeName } from './tables';

/** The columns of the record, in order. */
export const RECORD_COLUMNS = [
  'Purpose',
  'Description',
  'Legal basis',
  'Categories of data subjects',
  'Categories of personal data',
  'Recipients',
  'Transfers to third countries',
  'Safeguards',
  'Retention',
  'Declared in manifest',
  'Code locations',
] as const;

/** Renders the record of processing as CSV. */
export function renderRecordCsv(map: DataMap): string {
  const rows = [[...RECORD_COLUMNS], ...map.purposes.map((p) => recordRow(map, p))];
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** One purpose's row of the record, as plain-text cells. */
export function recordRow(map: DataMap, p: MapPurpose): string[] {
  const vendors = p.vendors.map((id) => map.vendors.find((v) => v.id === id)!).filter(Boolean);
  const transfers = vendors.filter((v) => isTransfer(v, map.homeRegion));
  return [
    purposeName(p.id),
    p.description ?? '',
    p.basis ?? '',
    p.dataSubjects.join('; '),
    p.categories.join('; '),
    vendors.map(recipient).join('; '),
    transfers.map((v) => `${v.name} (${v.region})`).join('; '),
    transfers.map((v) => `${v.name}: ${v.transfer ?? 'none declared'}`).join('; '),
    p.retention ?? retentionOfCategories(map, p),
    p.declared ? 'yes' : 'no',
    p.locations.map((l) => `${l.file}:${l.line}`).join('; '),
  ];
}

function recipient(v: MapVendor): string {
  return `${v.name}${v.region ? ` (${v.region})` : ''}${v.declared ? '' : ' [undeclared]'}`;
}

/** A vendor outside the home region; with no home region, any vendor with a region is listed. */
function isTransfer(v: MapVendor, home: string | undefined): boolean {
  if (!v.region) return false;
  return home === undefined || !sameRegion(v.region, home);
}

/** Without a purpose retention, the retention of its categories, each named. */
function retentionOfCategories(map: DataMap, p: MapPurpose): string {
  return p.categories
    .map((id) => map.categories.find((c) => c.id === id))
    .filter((c) => c?.retention)
    .map((c) => `${c!.id}: ${c!.retention}`)
    .join('; ');
}

/** A CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
