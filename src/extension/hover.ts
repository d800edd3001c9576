import * as vscode from 'vscode';
import { escapeMarkdown as escape, markdownCode as code, ruleDocsUrl, type Finding } from '../engine';
import type { Controller } from './controller';
import { toRange } from './diagnostics';
import type { FolderState } from './folder-state';

/** Hover on a flagged expression: its data, purpose and why, the vendor and what the manifest says, the data path. */
export class FindingHoverProvider implements vscode.HoverProvider {
  constructor(private readonly controller: Controller) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const findings = this.controller.store.get(doc.uri).filter((f) => toRange(f).contains(position));
    if (findings.length === 0) return undefined;
    const state = this.controller.folderOf(doc.uri);
    const md = new vscode.MarkdownString(findings.map((f) => describeFinding(f, state)).join('\n\n---\n\n'));
    md.isTrusted = false;
    return new vscode.Hover(md, toRange(findings[0]));
  }
}

/** The hover text of one finding, in Markdown. */
export function describeFinding(f: Finding, state: FolderState | undefined): string {
  const lines = [`**Privacy Lens** ${code(f.rule)} (${f.severity}): ${escape(f.message)}`, ''];
  if (f.categories?.length) lines.push(`- **Data:** ${f.categories.map(code).join(', ')}`);
  lines.push(`- **Purpose:** ${purposeText(f, state)}`);
  if (f.vendor) lines.push(`- **Vendor:** ${vendorText(f.vendor, state)}`);
  if (f.host && !f.vendor) lines.push(`- **Host:** ${code(f.host)}`);
  if (f.trace?.length) {
    lines.push('', '**Data path:**', '');
    f.trace.forEach((s, i) => lines.push(`${i + 1}. ${escape(s.note)} (${escape(s.file)}:${s.line})`));
  }
  lines.push('', `[Documentation for ${f.rule}](${ruleDocsUrl(f.rule)})`);
  return lines.join('\n');
}

function purposeText(f: Finding, state: FolderState | undefined): string {
  if (!f.purpose) return 'unattributed (no annotation, no matching manifest path)';
  const why = { annotation: 'from a `privacy-lens purpose=` annotation', path: 'from the manifest paths of the purpose', vendor: 'from the vendor\'s only purpose' }[f.purposeSource ?? 'annotation'];
  const manifest = state?.manifest.status === 'ok' ? state.manifest.manifest : undefined;
  const purpose = manifest?.purposes.find((p) => p.id === f.purpose);
  const declared = purpose ? `; declares ${purpose.categories.map(code).join(', ') || 'no categories'}` : '';
  return `${code(f.purpose)} (${why}${declared})`;
}

function vendorText(id: string, state: FolderState | undefined): string {
  if (state?.manifest.status !== 'ok') return code(id);
  const name = state.manifest.vendors.byId(id)?.name ?? id;
  const declared = state.manifest.manifest.vendors.find((v) => v.id === id);
  if (!declared) return `${escape(name)} (${code(id)}), not on the sharing list`;
  const purposes = declared.purposes.map(code).join(', ') || 'none';
  const categories = declared.categories.map(code).join(', ') || 'none';
  return `${escape(name)} (${code(id)}): declared for purposes ${purposes}; categories ${categories}`;
}
