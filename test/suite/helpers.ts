import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { PrivacyLensApi } from '../../src/extension/main';

/** The extension under test. */
export const EXTENSION_ID = 'privacy-lens.privacy-lens';

/** Polls until `check` returns a value other than undefined/false, or fails after `ms`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** The workspace folder the tests run in. */
export function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the tests need a workspace folder');
  return f.uri;
}

/** A file of the workspace. */
export function file(path: string): vscode.Uri {
  return vscode.Uri.joinPath(folder(), path);
}

/** Privacy Lens diagnostics of a file. */
export function lensDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Privacy Lens');
}

/** `rule@line` for each Privacy Lens diagnostic of a file (1-based lines), sorted. */
export function ruleLines(uri: vscode.Uri): string[] {
  return lensDiagnostics(uri)
    .map((d) => `${typeof d.code === 'object' ? d.code.value : d.code}@${d.range.start.line + 1}`)
    .sort();
}

/** Replaces a document's whole text and saves it. */
export async function rewrite(uri: vscode.Uri, text: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
  // save() has been seen to resolve false although the file is written moments later: wait for it.
  await doc.save();
  await waitFor(`${uri.path} to be saved`, () => !doc.isDirty);
}

/** Keeps workspace files as they were: reads them before the suite, writes them back after it. Returns their texts. */
export function keepFiles(...paths: string[]): Map<string, string> {
  const original = new Map<string, string>();
  before(async () => {
    for (const p of paths) original.set(p, new TextDecoder().decode(await vscode.workspace.fs.readFile(file(p))));
  });
  after(async () => {
    for (const [p, text] of original) await rewrite(file(p), text);
  });
  return original;
}

/** The extension's API (what activate() returns), once it is active. */
export async function lensApi(): Promise<PrivacyLensApi> {
  const ext = vscode.extensions.getExtension<PrivacyLensApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  return waitFor('activation', () => ext.isActive && ext.exports);
}

/** The text of the extension's output channel, from its log file. */
export async function outputText(api: PrivacyLensApi): Promise<string> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(api.logUri, 'Privacy Lens.log')));
  } catch {
    return '';
  }
}

/** A tree item's label as text. */
export function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

/** The status bar item's tooltip as text. */
export function tooltipOf(api: PrivacyLensApi): string {
  const t = api.statusBar.item.tooltip;
  return typeof t === 'string' ? t : t?.value ?? '';
}

/** The id of the status bar item's background colour (ThemeColor keeps it as `id`, which the types leave out). */
export function backgroundOf(api: PrivacyLensApi): string | undefined {
  return (api.statusBar.item.backgroundColor as unknown as { id: string } | undefined)?.id;
}
