import * as vscode from 'vscode';
import { formatExplanation } from '../engine';
import type { Controller } from './controller';

/** The scheme of the read-only documents that hold explanations. */
export const EXPLAIN_SCHEME = 'privacy-lens-explain';

/**
 * "Privacy Lens: Explain This Line": what the engine saw at the calls of the cursor's line (the
 * editor's text, saved or not) and why each rule reported or not, in a read-only document beside
 * the code, the same text as `privacy-lens explain FILE:LINE`. The workspace is scanned first when
 * the folder's session has not scanned yet, as the CLI does.
 */
export class ExplainDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly controller: Controller) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This explanation is no longer kept: run Privacy Lens: Explain This Line again.\n';
  }

  /** Explains the line of `at` (the active editor's cursor when not given) and shows the result. */
  async explain(uri?: vscode.Uri, at?: vscode.Position): Promise<vscode.TextEditor | undefined> {
    const editor = vscode.window.activeTextEditor;
    const doc = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
    if (!doc) {
      await vscode.window.showInformationMessage('Privacy Lens: open a JavaScript or TypeScript file to explain one of its lines.');
      return undefined;
    }
    const state = this.controller.folderOf(doc.uri);
    if (!state) {
      await vscode.window.showWarningMessage(`Privacy Lens: ${vscode.workspace.asRelativePath(doc.uri)} is not in a workspace folder; explain works on the files of one.`);
      return undefined;
    }
    const line = (at ?? (editor?.document === doc ? editor.selection.active : new vscode.Position(0, 0))).line + 1;
    const file = state.relativePath(doc.uri);
    const text = doc.getText();
    if (text.length > state.settings.maxFileSize) {
      await vscode.window.showWarningMessage(`Privacy Lens: ${file} is larger than privacyLens.maxFileSize (${state.settings.maxFileSize} bytes) and is not analysed.`);
      return undefined;
    }
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Privacy Lens: explaining ${file}:${line}` },
      () => state.session.explain(file, line, {}, text),
    );
    if (!result.ok) {
      await vscode.window.showWarningMessage(`Privacy Lens: cannot explain ${file}:${line}: ${result.error.message}`);
      return undefined;
    }
    const target = vscode.Uri.from({ scheme: EXPLAIN_SCHEME, path: `/${file}:${line}.txt` });
    this.texts.set(target.toString(), formatExplanation(result.explanation));
    this.changed.fire(target);
    const shown = await vscode.workspace.openTextDocument(target);
    return vscode.window.showTextDocument(shown, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
  }

  /** Forgets the text of an explanation document once it is closed. */
  forget(doc: vscode.TextDocument): void {
    if (doc.uri.scheme === EXPLAIN_SCHEME) this.texts.delete(doc.uri.toString());
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}
