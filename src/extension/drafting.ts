import * as vscode from 'vscode';
import { diffEdit, draftFromCode, draftFromPolicy, extendManifest, readPolicy, type CodeInventory } from '../engine';
import type { Controller } from './controller';
import type { FolderState } from './folder-state';

/**
 * "Privacy Lens: Create Inventory from Code": drafts data-inventory.yaml from what the code does, or
 * adds what is new to the existing manifest as one edit (one undo), keeping its comments.
 */
export async function createInventoryFromCode(controller: Controller): Promise<void> {
  const state = await pickFolder(controller);
  if (!state) return;
  if (state.manifest.status === 'invalid') {
    void vscode.window.showErrorMessage(`Privacy Lens: ${state.manifestPath} has errors; fix them first.`);
    return;
  }
  const inventory = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Privacy Lens: reading the code' },
    () => state.session.codeInventory(),
  );
  if (state.manifest.status !== 'ok') {
    await vscode.workspace.fs.writeFile(state.manifestUri, new TextEncoder().encode(draftFromCode(inventory, { system: state.folder.name })));
    await vscode.window.showTextDocument(state.manifestUri);
    return controller.onManifestChanged(state);
  }
  await addWhatIsNew(state, extendManifest, inventory);
}

async function addWhatIsNew(state: FolderState, extend: typeof extendManifest, inventory: CodeInventory): Promise<void> {
  if (state.manifest.status !== 'ok') return;
  const doc = await vscode.workspace.openTextDocument(state.manifestUri);
  const result = extend(doc.getText(), state.manifest.manifest, inventory);
  const edit = result.ok ? diffEdit(doc.getText(), result.text) : null;
  await vscode.window.showTextDocument(doc);
  if (!result.ok) return void vscode.window.showErrorMessage(`Privacy Lens: cannot add to the manifest: ${result.error}`);
  if (!edit) return void vscode.window.showInformationMessage('Privacy Lens: the manifest already declares every vendor and category the code uses.');
  const change = new vscode.WorkspaceEdit();
  change.replace(doc.uri, new vscode.Range(doc.positionAt(edit.offset), doc.positionAt(edit.offset + edit.length)), edit.text);
  await vscode.workspace.applyEdit(change);
}

/** "Privacy Lens: Draft Manifest from Privacy Policy…": reads a policy file and opens the drafted manifest, unsaved. */
export async function draftManifestFromPolicy(uri?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  const file = uri ?? (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Draft manifest', filters: { 'Privacy policy': ['md', 'markdown', 'html', 'htm', 'txt'] } }))?.[0];
  if (!file) return undefined;
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
  const draft = draftFromPolicy(readPolicy(text, { file: file.path }), { policyFile: vscode.workspace.asRelativePath(file, false) });
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: draft });
  await vscode.window.showTextDocument(doc);
  return doc;
}

async function pickFolder(controller: Controller): Promise<FolderState | undefined> {
  const states = [...controller.folders.values()];
  if (states.length <= 1) return states[0];
  const pick = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'The folder whose inventory to create' });
  return pick ? controller.folders.get(pick.uri.toString()) : undefined;
}
