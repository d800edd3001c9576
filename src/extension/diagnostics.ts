import * as vscode from 'vscode';
import { ruleDocsUrl, type Finding, type Severity } from '../engine';

/** The diagnostic source of every Privacy Lens diagnostic. */
export const SOURCE = 'Privacy Lens';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** A 1-based finding range as a VS Code range: the one place positions are converted. */
export function toRange(f: { line: number; column: number; endLine?: number; endColumn?: number }): vscode.Range {
  const start = new vscode.Position(Math.max(0, f.line - 1), Math.max(0, f.column - 1));
  const end = f.endLine ? new vscode.Position(Math.max(0, f.endLine - 1), Math.max(0, (f.endColumn ?? f.column) - 1)) : start;
  return new vscode.Range(start, end.isBefore(start) ? start : end);
}

/** A finding as a fully attributed diagnostic: source, rule code with docs link, severity, data path. */
export function toDiagnostic(f: Finding, folder: vscode.Uri): vscode.Diagnostic {
  // A finding the baseline accepted stays visible as a hint, out of the Problems panel's counts.
  const d = new vscode.Diagnostic(toRange(f), f.baselined ? `${f.message} (baselined)` : f.message, f.baselined ? vscode.DiagnosticSeverity.Hint : SEVERITY[f.severity]);
  d.source = SOURCE;
  d.code = { value: f.rule, target: vscode.Uri.parse(ruleDocsUrl(f.rule)) };
  const at = (p: { file: string; line: number; column: number; endLine?: number; endColumn?: number }, message: string) =>
    new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.joinPath(folder, p.file), toRange(p)), message);
  // An undeclared category's other places follow its data path; its message counts them all.
  const related = (f.related ?? []).slice(0, RELATED_SHOWN).map((r) => at(r, `also here${r.message ? `: ${r.message}` : ''}`));
  d.relatedInformation = [...(f.trace ?? []).map((s) => at(s, s.note)), ...related];
  return d;
}

/** Other places of a finding shown under its diagnostic at most (its message says how many there are). */
export const RELATED_SHOWN = 100;

/**
 * The extension's diagnostics and the findings behind them, by document URI: the hover and code
 * actions read the findings, the Problems panel shows the diagnostics.
 */
export class FindingStore implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('privacy-lens');
  private readonly findings = new Map<string, Finding[]>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when any document's findings change. */
  readonly onDidChange = this.changed.event;

  /** Replaces the findings of one document. */
  set(uri: vscode.Uri, folder: vscode.Uri, findings: Finding[]): void {
    this.findings.set(uri.toString(), findings);
    this.collection.set(uri, findings.map((f) => toDiagnostic(f, folder)));
    this.changed.fire();
  }

  /** Removes the findings of every document in a folder (or of all documents). */
  clear(folder?: vscode.Uri): void {
    for (const key of [...this.findings.keys()]) {
      if (folder && !key.startsWith(folder.toString() + '/')) continue;
      this.findings.delete(key);
      this.collection.delete(vscode.Uri.parse(key));
    }
    this.changed.fire();
  }

  /** The findings of a document. */
  get(uri: vscode.Uri): readonly Finding[] {
    return this.findings.get(uri.toString()) ?? [];
  }

  /** Counts by severity over every document. */
  counts(): Record<Severity, number> {
    const counts = { error: 0, warning: 0, info: 0 };
    for (const list of this.findings.values()) for (const f of list) if (!f.baselined) counts[f.severity]++;
    return counts;
  }

  dispose(): void {
    this.collection.dispose();
    this.changed.dispose();
  }
}
