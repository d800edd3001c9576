/** The reports on the data map: one builder per format of `privacy-lens report`. */
import type { DataMap } from './data-map';
import { renderFidesManifest } from './fides';
import { renderHtmlReport } from './html';
import { renderMarkdownReport } from './markdown';
import { renderRecordCsv } from './record-csv';

/** The formats of `privacy-lens report`. */
export const REPORT_FORMATS = ['html', 'md', 'csv', 'fides'] as const;

/** A report format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Options of a report. */
export interface ReportOptions {
  /** When the report was made (shown by the HTML report). Defaults to now. */
  generated?: Date;
}

/** Renders the data map in one of the report formats. */
export function renderReport(map: DataMap, format: ReportFormat, options: ReportOptions = {}): string {
  switch (format) {
    case 'html':
      return renderHtmlReport(map, options.generated);
    case 'md':
      return renderMarkdownReport(map);
    case 'csv':
      return renderRecordCsv(map);
    case 'fides':
      return renderFidesManifest(map);
  }
}
