import { escapeControl as safe, type Finding, type ScanResult } from '../engine';

const COLORS = { error: '31', warning: '33', info: '36', dim: '2', bold: '1' } as const;

/** Formats a scan like a linter: findings grouped by file, each with its data path, then a summary. */
export function formatText(result: ScanResult, color: boolean): string {
  const paint = (code: keyof typeof COLORS, s: string) => (color ? `\u001b[${COLORS[code]}m${s}\u001b[0m` : s);
  const lines: string[] = [];
  let current = '';
  for (const f of result.findings) {
    if (f.file !== current) {
      if (current) lines.push('');
      lines.push(paint('bold', safe(f.file)));
      current = f.file;
    }
    lines.push(`  ${f.line}:${f.column}  ${paint(f.severity, f.severity.padEnd(7))}  ${safe(f.message)}  ${paint('dim', f.rule)}`);
    for (const step of traceOf(f)) lines.push(paint('dim', `      ${step}`));
    for (const place of relatedOf(f)) lines.push(paint('dim', `      ${place}`));
  }
  if (result.skipped.length > 0) {
    if (lines.length) lines.push('');
    lines.push(paint('bold', 'Not analysed:'));
    for (const s of result.skipped) lines.push(`  ${safe(s.file)}${s.line ? `:${s.line}:${s.column}` : ''}  ${safe(s.reason)}`);
  }
  if (lines.length) lines.push('');
  lines.push(summary(result));
  return lines.join('\n') + '\n';
}

function traceOf(f: Finding): string[] {
  if (!f.trace || f.trace.length < 2) return [];
  return f.trace.map((s) => `${s.file === f.file ? '' : `${safe(s.file)}:`}${s.line}:${s.column}  ${safe(s.note)}`).map((s, i) => `${i === 0 ? 'from' : '  ->'} ${s}`);
}

/** Other places shown under a finding; the rest are counted (JSON and SARIF list them all). */
export const TEXT_RELATED_SHOWN = 3;

function relatedOf(f: Finding): string[] {
  const related = f.related ?? [];
  const shown = related.slice(0, TEXT_RELATED_SHOWN).map((r) => `also ${r.file === f.file ? '' : `${safe(r.file)}:`}${r.line}:${r.column}${r.message ? `  ${safe(r.message)}` : ''}`);
  const rest = related.length - shown.length;
  return rest > 0 ? [...shown, `... ${rest.toLocaleString('en-US')} more (--format json or sarif lists every place)`] : shown;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The closing line: counts by severity, files scanned, files not analysed and test files left out. */
export function summary(result: ScanResult): string {
  const count = (s: string) => result.findings.filter((f) => f.severity === s).length;
  const total = result.findings.length;
  const skipped = result.skipped.length ? `, ${result.skipped.length} not analysed` : '';
  const notFollowed = result.findings.filter((f) => f.rule === 'unresolved-flow').length;
  const unresolved = notFollowed ? `; ${notFollowed} could not be followed` : '';
  const tests = result.testFilesLeftOut ? `, ${plural(result.testFilesLeftOut, 'test file')} left out (--include-tests scans them)` : '';
  const files = `${result.filesScanned} file${result.filesScanned === 1 ? '' : 's'} scanned${skipped}${tests}`;
  if (total === 0) return `No privacy findings (${files}).`;
  return `${plural(total, 'finding')} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info) in ${files}${unresolved}.`;
}
