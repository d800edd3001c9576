import * as vscode from 'vscode';
import { applyEdits, diffEdit, fixPlan, parseManifest, ruleDocsUrl, type Finding } from '../engine';
import { COMMANDS } from './commands';
import type { Controller } from './controller';
import { SOURCE, toRange } from './diagnostics';
import type { FolderState } from './folder-state';

/**
 * Quick fixes keyed on the diagnostic's rule id, in a stable order: the manifest-side fix
 * (preferred), "Mark this code's purpose…", "Ignore on this line", then the rule's documentation and "Explain this finding".
 */
export class PrivacyLensCodeActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly controller: Controller) {}

  async provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const state = this.controller.folderOf(doc.uri);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics.filter((d) => d.source === SOURCE)) {
      const finding = this.findingOf(doc.uri, diagnostic);
      if (!finding || !state) continue;
      const fix = await manifestFix(state, finding, diagnostic);
      if (fix) actions.push(fix);
      if (finding.file !== state.manifestPath) actions.push(...codeFixes(doc, finding, diagnostic, state));
      actions.push(docsAction(finding.rule, diagnostic));
      if (finding.file !== state.manifestPath) actions.push(explainAction(doc.uri, diagnostic));
    }
    return actions;
  }

  private findingOf(uri: vscode.Uri, d: vscode.Diagnostic): Finding | undefined {
    const rule = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
    return this.controller.store.get(uri).find((f) => f.rule === rule && toRange(f).isEqual(d.range) && f.message === d.message);
  }
}

/** The manifest-side fix of a finding, as one edit of the manifest (one undo reverts it). */
async function manifestFix(state: FolderState, f: Finding, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction | undefined> {
  if (state.manifest.status !== 'ok') return undefined;
  const manifest = state.manifest.manifest;
  const plan = fixPlan(manifest, f, state.manifest.vendors.byId(f.vendor ?? '')?.name ?? f.vendor ?? '');
  if (!plan) return undefined;
  const doc = await vscode.workspace.openTextDocument(state.manifestUri);
  const before = doc.getText();
  const result = applyEdits(before, plan.steps);
  if (!result.ok || !parseManifest(result.text, state.manifestPath).ok) return undefined;
  const edit = diffEdit(before, result.text);
  if (!edit) return undefined;
  const action = new vscode.CodeAction(plan.title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  action.edit = new vscode.WorkspaceEdit();
  action.edit.replace(state.manifestUri, new vscode.Range(doc.positionAt(edit.offset), doc.positionAt(edit.offset + edit.length)), edit.text);
  return action;
}

/** Fixes in the code: mark the purpose (for purpose-related rules) and ignore on this line. */
function codeFixes(doc: vscode.TextDocument, f: Finding, diagnostic: vscode.Diagnostic, state: FolderState): vscode.CodeAction[] {
  const out: vscode.CodeAction[] = [];
  const line = doc.lineAt(diagnostic.range.start.line);
  const indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
  if (state.manifest.status === 'ok' && state.manifest.manifest.purposes.length > 0 && f.rule !== 'annotation-invalid') {
    const mark = new vscode.CodeAction('Mark this code\'s purpose…', vscode.CodeActionKind.QuickFix);
    mark.diagnostics = [diagnostic];
    mark.command = { title: mark.title, command: COMMANDS.markPurpose, arguments: [doc.uri, line.lineNumber] };
    out.push(mark);
  }
  const ignore = new vscode.CodeAction(`Ignore ${f.rule} on this line`, vscode.CodeActionKind.QuickFix);
  const text = `${indent}// privacy-lens-ignore-next-line ${f.rule} -- `;
  ignore.diagnostics = [diagnostic];
  ignore.edit = new vscode.WorkspaceEdit();
  ignore.edit.insert(doc.uri, new vscode.Position(line.lineNumber, 0), `${text}\n`);
  ignore.command = { title: 'Type the reason', command: COMMANDS.moveCursor, arguments: [doc.uri, line.lineNumber, text.length] };
  out.push(ignore);
  return out;
}

function docsAction(rule: string, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(`Show documentation for ${rule}`, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.command = { title: action.title, command: 'vscode.open', arguments: [vscode.Uri.parse(ruleDocsUrl(rule))] };
  return action;
}

/** "Explain this finding": what the engine saw on the finding's line and why each rule reported (Explain This Line). */
function explainAction(uri: vscode.Uri, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction('Explain this finding', vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.command = { title: action.title, command: COMMANDS.explainLine, arguments: [uri, diagnostic.range.start] };
  return action;
}

/** "Mark this code's purpose…": picks one of the manifest's purposes and inserts the annotation above the line. */
export async function markPurpose(controller: Controller, uri: vscode.Uri, lineNumber: number): Promise<void> {
  const state = controller.folderOf(uri);
  if (state?.manifest.status !== 'ok') return;
  const items = state.manifest.manifest.purposes.map((p) => ({ label: p.id, description: p.description }));
  const pick = await vscode.window.showQuickPick(items, { placeHolder: 'The purpose this code serves' });
  if (!pick) return;
  const doc = await vscode.workspace.openTextDocument(uri);
  const line = doc.lineAt(lineNumber);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(lineNumber, 0), `${line.text.slice(0, line.firstNonWhitespaceCharacterIndex)}// privacy-lens purpose=${pick.label}\n`);
  await vscode.workspace.applyEdit(edit);
}

/** Puts the cursor at a position (after "Ignore on this line", where the reason goes). */
export async function moveCursor(uri: vscode.Uri, line: number, character: number): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri);
  const position = new vscode.Position(line, character);
  editor.selection = new vscode.Selection(position, position);
}
