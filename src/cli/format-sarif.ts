import { RULE_META, ruleDocsUrl } from '../engine/rules';
import type { Finding, ScanResult, TraceStep } from '../engine/types';
import { ENGINE_VERSION } from '../engine/config';
import { pathToUri } from '../engine/escape';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** The scan as a SARIF 2.1.0 log, with rule metadata and a code flow for each finding's trace. */
export function formatSarif(result: ScanResult): string {
  const rules = RULE_META.map((m) => ({
    id: m.id,
    name: m.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: m.description },
    fullDescription: { text: m.description },
    helpUri: ruleDocsUrl(m.id),
    defaultConfiguration: { level: LEVEL[m.defaultSeverity] },
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Privacy Lens', version: ENGINE_VERSION, informationUri: 'https://github.com/privacy-lens/privacy-lens', rules } },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The scanned workspace root' } } },
        results: result.findings.map((f) => sarifResult(f, rules.findIndex((r) => r.id === f.rule))),
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: result.skipped.map(notification) }],
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function location(file: string, line: number, column: number, endLine?: number, endColumn?: number) {
  const region: Record<string, number> = { startLine: line, startColumn: column };
  if (endLine) Object.assign(region, { endLine, endColumn });
  return { physicalLocation: { artifactLocation: { uri: pathToUri(file), uriBaseId: '%SRCROOT%' }, region } };
}

function sarifResult(f: Finding, ruleIndex: number) {
  const result: Record<string, unknown> = {
    ruleId: f.rule,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location(f.file, f.line, f.column, f.endLine, f.endColumn)],
    partialFingerprints: { privacyLens: `${f.rule}|${f.file}|${f.vendor ?? ''}|${(f.categories ?? []).join(',')}` },
    properties: { categories: f.categories ?? [], vendor: f.vendor, purpose: f.purpose },
  };
  if (f.trace && f.trace.length > 0) result.codeFlows = [{ threadFlows: [{ locations: f.trace.map(flowLocation) }] }];
  return result;
}

function flowLocation(step: TraceStep) {
  return { location: { ...location(step.file, step.line, step.column), message: { text: step.note } } };
}

function notification(s: ScanResult['skipped'][number]) {
  const loc = location(s.file, s.line ?? 1, s.column ?? 1);
  return { level: 'warning', message: { text: `${s.file} was not analysed: ${s.reason}` }, locations: [loc] };
}
