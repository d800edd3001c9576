/**
 * The rows of the report's tables, shared by the HTML and Markdown formats: by vendor, by category,
 * by purpose, and the findings. Each cell is plain text; each format escapes and lays it out.
 */
import { UNATTRIBUTED, type DataMap, type MapLocation } from './data-map';

/** A table: a title, its column headings and its rows of plain-text cells. */
export interface ReportTable {
  title: string;
  columns: string[];
  rows: string[][];
}

/** At most this many code locations are listed in one cell; the rest are counted. */
export const MAX_LOCATIONS = 10;

/** The tables of a report on the data map. */
export function reportTables(map: DataMap): ReportTable[] {
  return [vendorTable(map), categoryTable(map), purposeTable(map), findingTable(map)];
}

function vendorTable(map: DataMap): ReportTable {
  return {
    title: 'Vendors',
    columns: ['Vendor', 'Declared', 'Region', 'Transfer', 'Purposes', 'Data categories', 'Code locations'],
    rows: map.vendors.map((v) => [v.name, yesNo(v.declared), v.region ?? '', v.transfer ?? '', list(v.purposes.map(purposeName)), list(v.categories), locations(v.locations)]),
  };
}

function categoryTable(map: DataMap): ReportTable {
  return {
    title: 'Data categories',
    columns: ['Category', 'Declared', 'Retention', 'Purposes', 'Vendors', 'Collected at'],
    rows: map.categories.map((c) => [c.id, yesNo(c.declared), c.retention ?? '', list(c.purposes.map(purposeName)), list(c.vendors.map((id) => vendorName(map, id))), locations(c.locations)]),
  };
}

function purposeTable(map: DataMap): ReportTable {
  return {
    title: 'Purposes',
    columns: ['Purpose', 'Declared', 'Description', 'Legal basis', 'Data subjects', 'Retention', 'Data categories', 'Vendors', 'Code locations'],
    rows: map.purposes.map((p) => [
      purposeName(p.id),
      yesNo(p.declared),
      p.description ?? '',
      p.basis ?? '',
      list(p.dataSubjects),
      p.retention ?? '',
      list(p.categories),
      list(p.vendors.map((id) => vendorName(map, id))),
      locations(p.locations),
    ]),
  };
}

function findingTable(map: DataMap): ReportTable {
  return {
    title: 'Findings',
    columns: ['Severity', 'Rule', 'Location', 'Message'],
    rows: map.findings.map((f) => [f.severity, f.rule, `${f.file}:${f.line}`, f.message]),
  };
}

/** A purpose's display name: its id, or "no purpose" for unattributed code. */
export function purposeName(id: string): string {
  return id === UNATTRIBUTED ? 'no purpose' : id;
}

/** A vendor's display name. */
export function vendorName(map: DataMap, id: string): string {
  return map.vendors.find((v) => v.id === id)?.name ?? id;
}

/** Code locations as `file:line`, the first MAX_LOCATIONS of them and a count of the rest. */
export function locations(list: MapLocation[], max = MAX_LOCATIONS): string {
  const shown = list.slice(0, max).map((l) => `${l.file}:${l.line}`);
  if (list.length > max) shown.push(`and ${list.length - max} more`);
  return shown.join(', ');
}

function list(items: string[]): string {
  return items.join(', ');
}

function yesNo(declared: boolean): string {
  return declared ? 'yes' : 'NO (undeclared)';
}
