import { escapeControl as safe } from '../escape';
import type { TraceStep } from '../core/types';
import type { ArgumentExplanation, CallExplanation, Explanation, FlowExplanation, RuleExplanation, SinkSeen, SourceExplanation } from './explanation';

/** An explanation as a reviewer reads it (the CLI's text, the editor's Explain This Line): each call, its sink, its arguments, its flows and each rule's verdict. */
export function formatExplanation(x: Explanation): string {
  const lines = [`${safe(x.file)}:${x.line}  ${safe(x.text.trim())}`];
  if (!x.scanned) lines.push('  (this file is not scanned: the manifest\'s ignore, .gitignore or the scan\'s globs leave it out, or it is test code, scanned only with --include-tests or privacyLens.includeTests)');
  x.calls.forEach((call, i) => lines.push('', ...callLines(call, i + 1, x.file)));
  if (x.note) lines.push('', safe(x.note));
  for (const s of x.sources) lines.push('', ...sourceLines(s));
  lines.push('', x.findings.length === 0 ? `No finding on line ${x.line}.` : `${x.findings.length} finding${x.findings.length === 1 ? '' : 's'} on line ${x.line}:`);
  for (const f of x.findings) lines.push(`  ${f.severity}  ${safe(f.message)}  ${f.rule}${f.baselined ? ' (baselined)' : ''}`);
  return `${lines.join('\n')}\n`;
}

function callLines(call: CallExplanation, n: number, file: string): string[] {
  const where = call.spans ? `${call.line}:${call.column}, spans this line` : `${call.line}:${call.column}`;
  const out = [`call ${n}: ${safe(call.callee)}(...)  at ${where}`, `  callee:   ${safe(call.resolved.text)}`];
  for (const s of call.sinks) out.push(`  sink:     ${sinkText(s, file)}`);
  if (call.noSink) out.push(`  no sink:  ${safe(call.noSink)}`);
  for (const s of call.reaches) out.push(`  reaches:  ${sinkText(s, file)}`);
  for (const arg of call.arguments) out.push(...argumentLines(arg, file));
  for (const flow of call.flows) out.push(...flowLines(flow, file));
  if (call.flows.length === 0) out.push(`  no flow:  ${call.arguments.some((a) => a.categories.length > 0) ? 'the personal data in the arguments reaches no sink here' : 'no personal data reaches a sink here'}`);
  return out;
}

function sinkText(s: SinkSeen, file: string): string {
  const to = s.kind === 'vendor' ? `vendor ${safe(s.vendorName ?? s.vendor ?? '')} (${safe(s.vendor ?? '')})`
    : s.kind === 'http' ? `HTTP request to ${s.host ? safe(s.host) : s.hostStatus === 'relative' ? 'the page\'s own origin (a relative URL)' : 'a host known only at run time'}${s.vendor ? ` (vendor ${safe(s.vendor)})` : ''}`
      : s.kind === 'log' ? 'log'
        : `not followed: ${safe(s.queue ? `a message queue (${s.queue})` : s.reason ?? 'an unresolved module')}`;
  const at = s.line ? ` by ${safe(s.callee)}() at ${s.file && s.file !== file ? `${safe(s.file)}:` : ''}${s.line}` : '';
  const cats = s.categories ? `; ${s.categories.length > 0 ? `carries ${s.categories.join(', ')}` : 'no personal data reaches it'}` : '';
  return `${to}${at}${cats}`;
}

function argumentLines(arg: ArgumentExplanation, file: string): string[] {
  const head = `  arg ${arg.index + 1}:    ${safe(arg.text)}`;
  const params = arg.parameters?.length ? [`for callers in other modules: ${arg.parameters.map(safe).join(', ')}`] : [];
  const extra = [...(arg.records ?? []).map((r) => `a record of ${safe(r)}`), ...params];
  if (arg.categories.length === 0) return [`${head}  ${extra.length > 0 ? extra.join('; ') : 'no personal data'}`];
  const out = [`${head}  ${arg.categories.map((c) => c.category).join(', ')}${extra.length > 0 ? `; ${extra.join('; ')}` : ''}`];
  for (const [field, cats] of Object.entries(arg.fields ?? {})) out.push(`              .${safe(field)}: ${cats.join(', ')}`);
  for (const c of arg.categories) out.push(...traceLines(`${c.category}`, c.trace, file, '              '));
  return out;
}

function traceLines(label: string, trace: TraceStep[], file: string, indent: string): string[] {
  return trace.map((s, i) => `${indent}${i === 0 ? `${label} from` : '  ->'} ${s.file === file ? '' : `${safe(s.file)}:`}${s.line}:${s.column}  ${safe(s.note)}`);
}

function flowLines(flow: FlowExplanation, file: string): string[] {
  const to = flow.kind === 'vendor' ? safe(flow.vendorName ?? flow.vendor ?? '') : flow.kind === 'http' ? `${flow.host ? safe(flow.host) : flow.hostStatus === 'relative' ? "the page's own origin" : 'a host known only at run time'} over HTTP${flow.vendor ? ` (${safe(flow.vendor)})` : ''}` : flow.kind === 'log' ? 'the log' : 'somewhere not followed';
  const purpose = flow.purpose ? `, purpose ${safe(flow.purpose)} (${flow.purposeSource === 'annotation' ? 'from an annotation' : flow.purposeSource === 'path' ? 'from its path' : 'from its vendor'})` : ', no purpose';
  const where = flow.through ? ` at ${flow.line}:${flow.column}, through this call` : flow.atCaller ? `, reported at ${flow.line}:${flow.column}, the call that passed the data` : flow.module && flow.module !== file ? ` through ${safe(flow.module)}` : '';
  const out = [`  flow:     ${flow.categories.join(', ')} -> ${to}${where}${purpose}`];
  for (const r of flow.rules) out.push(ruleLine(r));
  return out;
}

function sourceLines(s: SourceExplanation): string[] {
  return [`source at ${s.line}:${s.column}: ${s.category}  ${safe(s.note)}${s.purpose ? `, purpose ${safe(s.purpose)}` : ''}`, ...s.rules.map(ruleLine)];
}

function ruleLine(r: RuleExplanation): string {
  if (r.status === 'reported') return `    ${r.severity ?? ''}  ${r.rule}: ${safe(r.message ?? '')}`;
  const label = r.status === 'silent' ? 'no finding' : r.status;
  return `    ${label}  ${r.rule}: ${safe(r.reason ?? '')}${r.message && r.status !== 'silent' ? ` (would say: ${safe(r.message)})` : ''}`;
}
