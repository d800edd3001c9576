import { ENGINE_VERSION, pathToUri, RULE_META, ruleDocsUrl, type Finding, type RelatedLocation, type RuleMeta, type ScanResult, type TraceStep } from '../engine';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;
/** GitHub code scanning's `security-severity` (0–10): high for errors, medium for warnings, low for notes. */
const SECURITY_SEVERITY = { error: '7.5', warning: '5.0', info: '2.0' } as const;
/** CWE ids by rule: exposure of private personal information, or of sensitive data in logs. */
const CWE: Record<string, string> = { 'pii-in-logs': 'external/cwe/cwe-532', 'undeclared-vendor': 'external/cwe/cwe-359', 'undeclared-sharing': 'external/cwe/cwe-359', 'unknown-recipient': 'external/cwe/cwe-359' };

/** Related locations of one result at most: GitHub code scanning rejects a result of over 1,000 locations, its own one included. */
export const SARIF_RELATED_LIMIT = 999;
/** Related locations the message links to (`[text](id)`), so that code scanning shows them in the alert. */
const LINKED = 5;

/** What a SARIF log needs besides the scan. */
export interface SarifOptions {
  /** One fingerprint per finding (engine `fingerprintFindings`), the same order. */
  fingerprints: string[];
  /** `automationDetails.id`'s category, so that several runs (folders, shards) upload side by side. Defaults to none. */
  category?: string;
}

/** The scan as a SARIF 2.1.0 log that GitHub code scanning takes: rule help, fingerprints, tags, code flows. */
export function formatSarif(result: ScanResult, options: SarifOptions): string {
  const rules = RULE_META.map(sarifRule);
  const run: Record<string, unknown> = {
    tool: { driver: { name: 'Privacy Lens', version: ENGINE_VERSION, semanticVersion: ENGINE_VERSION, informationUri: 'https://github.com/privacy-lens/privacy-lens', rules } },
    automationDetails: { id: `privacy-lens/${options.category ? `${options.category.replace(/\/+$/, '')}/` : ''}` },
    originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The scanned workspace root' } } },
    results: result.findings.map((f, i) => sarifResult(f, rules.findIndex((r) => r.id === f.rule), options.fingerprints[i])),
    invocations: [{ executionSuccessful: true, toolExecutionNotifications: result.skipped.map(notification) }],
  };
  if (result.testFilesLeftOut !== undefined) run.properties = { testFilesLeftOut: result.testFilesLeftOut };
  const log = { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] };
  return JSON.stringify(log, null, 2) + '\n';
}

function sarifRule(m: RuleMeta) {
  const tags = ['privacy', 'security', ...(CWE[m.id] ? [CWE[m.id]] : [])];
  const docs = ruleDocsUrl(m.id);
  return {
    id: m.id,
    name: m.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: m.description },
    fullDescription: { text: m.description },
    helpUri: docs,
    help: { text: `${m.description} ${plain(m.help)} See ${docs}`, markdown: `${m.description}\n\n**How to resolve:** ${m.help}\n\n[Documentation](${docs})` },
    defaultConfiguration: { level: LEVEL[m.defaultSeverity] },
    properties: { tags, precision: m.id === 'unresolved-flow' ? 'low' : 'high', 'security-severity': SECURITY_SEVERITY[m.defaultSeverity] },
  };
}

/** Markdown without its code spans' backquotes, for `help.text`. */
function plain(markdown: string): string {
  return markdown.replace(/`([^`]*)`/g, '$1');
}

function location(file: string, line: number, column: number, endLine?: number, endColumn?: number) {
  const region: Record<string, number> = { startLine: line, startColumn: column };
  if (endLine) Object.assign(region, { endLine, endColumn });
  return { physicalLocation: { artifactLocation: { uri: pathToUri(file), uriBaseId: '%SRCROOT%' }, region } };
}

function sarifResult(f: Finding, ruleIndex: number, fingerprint: string) {
  const properties: Record<string, unknown> = { categories: f.categories ?? [], 'security-severity': SECURITY_SEVERITY[f.severity] };
  if (f.vendor) properties.vendor = f.vendor;
  if (f.host) properties.host = f.host;
  if (f.purpose) properties.purpose = f.purpose;
  const result: Record<string, unknown> = {
    ruleId: f.rule,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: messageText(f) },
    locations: [location(f.file, f.line, f.column, f.endLine, f.endColumn)],
    partialFingerprints: { 'privacyLens/v1': fingerprint },
    properties,
  };
  if (f.trace && f.trace.length > 0) result.codeFlows = [{ threadFlows: [{ locations: f.trace.map(flowLocation) }] }];
  if (f.related?.length) result.relatedLocations = f.related.slice(0, SARIF_RELATED_LIMIT).map(relatedLocation);
  return result;
}

/**
 * A result's message; with related locations, it links the first few (`[file:line](id)`, SARIF
 * §3.11.6), which makes its own brackets literal text that has to be escaped.
 */
function messageText(f: Finding): string {
  if (!f.related?.length) return f.message;
  const escaped = f.message.replace(/[\\[\]]/g, (c) => `\\${c}`);
  const links = f.related.slice(0, LINKED).map((r, i) => `[${linkText(r)}](${i + 1})`);
  const more = f.related.length > LINKED ? `, and ${f.related.length - LINKED} more` : '';
  const cut = f.related.length > SARIF_RELATED_LIMIT ? ` (the first ${SARIF_RELATED_LIMIT} are listed)` : '';
  return `${escaped}. Other places: ${links.join(', ')}${more}${cut}.`;
}

function linkText(r: RelatedLocation): string {
  return `${r.file}:${r.line}`.replace(/[\\[\]]/g, (c) => `\\${c}`);
}

function relatedLocation(r: RelatedLocation, i: number) {
  return { id: i + 1, ...location(r.file, r.line, r.column, r.endLine, r.endColumn), message: { text: r.message ?? `${r.file}:${r.line}` } };
}

function flowLocation(step: TraceStep) {
  return { location: { ...location(step.file, step.line, step.column), message: { text: step.note } } };
}

function notification(s: ScanResult['skipped'][number]) {
  const loc = location(s.file, s.line ?? 1, s.column ?? 1);
  return { level: 'warning', message: { text: `${s.file} was not analysed: ${s.reason}` }, locations: [loc], descriptor: { id: 'file-not-analysed' } };
}
