import * as vscode from 'vscode';
import type { Finding } from '../engine';
import { toRange } from './diagnostics';
import type { FolderState } from './folder-state';
import type { InventoryNode, InventoryTreeProvider } from './inventory-tree';

/** Opens a file of a folder at a 1-based line. */
export async function revealLocation(state: FolderState, file: string, line: number): Promise<void> {
  const uri = vscode.Uri.joinPath(state.folder.uri, file);
  const at = new vscode.Range(line - 1, 0, line - 1, 0);
  await vscode.window.showTextDocument(uri, { selection: at, preview: true });
}

/** "Reveal Code": the node's location, or its entity's first one. */
export async function revealInCode(tree: InventoryTreeProvider, node: InventoryNode): Promise<void> {
  if (node.kind === 'location') return revealLocation(node.state, node.location.file, node.location.line);
  const first = tree.entityOf(node)?.entity.locations[0];
  if (first) return revealLocation(node.state, first.file, first.line);
  void vscode.window.showInformationMessage('Privacy Lens: no scanned code does this; scan the workspace to see where it is used.');
}

/** "Open in Manifest": the entity's entry in data-inventory.yaml. */
export async function openInManifest(tree: InventoryTreeProvider, node: InventoryNode): Promise<void> {
  const found = tree.entityOf(node);
  if (found) await revealInManifest(found.state, found.kind, found.entity.id);
}

/** Opens the manifest at the entry of a vendor, category or purpose (at the top when it has none). */
export async function revealInManifest(state: FolderState, kind: 'vendor' | 'category' | 'purpose', id: string): Promise<void> {
  if (state.manifest.status !== 'ok') return;
  const m = state.manifest.manifest;
  const list = kind === 'vendor' ? m.vendors : kind === 'category' ? m.categories : m.purposes;
  const entry = list.find((e) => e.id === id);
  const range = entry ? new vscode.Range(entry.range.line - 1, entry.range.column - 1, entry.range.line - 1, entry.range.column - 1) : undefined;
  await vscode.window.showTextDocument(state.manifestUri, { selection: range });
}

/**
 * "Declare in Manifest": applies the preferred quick fix of a finding about the undeclared item,
 * the same edit the lightbulb offers at the code (so there is one implementation of each fix).
 */
export async function declareInManifest(tree: InventoryTreeProvider, node: InventoryNode): Promise<void> {
  const found = tree.entityOf(node);
  if (!found) return;
  const finding = findingAbout(tree.mapOf(found.state)?.findings ?? [], found.kind, found.entity.id);
  if (!finding) {
    void vscode.window.showInformationMessage(`Privacy Lens: no finding about ${found.entity.label} to fix; scan the workspace first.`);
    return;
  }
  const uri = vscode.Uri.joinPath(found.state.folder.uri, finding.file);
  await vscode.workspace.openTextDocument(uri);
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, toRange(finding), vscode.CodeActionKind.QuickFix.value)) ?? [];
  const fix = actions.find((a) => a.isPreferred && a.edit && a.diagnostics?.some((d) => d.message === finding.message));
  if (!fix?.edit) {
    void vscode.window.showInformationMessage(`Privacy Lens: no manifest fix for ${found.entity.label}.`);
    return;
  }
  await vscode.workspace.applyEdit(fix.edit);
}

/** The first finding a manifest fix of the item would resolve. */
function findingAbout(findings: Finding[], kind: 'vendor' | 'category' | 'purpose', id: string): Finding | undefined {
  if (kind === 'vendor') return findings.find((f) => f.vendor === id && (f.rule === 'undeclared-vendor' || f.rule === 'undeclared-sharing' || f.rule === 'vendor-purpose-mismatch'));
  if (kind === 'category') return findings.find((f) => f.rule === 'undeclared-category' && f.categories?.includes(id));
  return findings.find((f) => f.purpose === id && f.rule === 'undeclared-purpose');
}

/** "Filter…": asks for the text. */
export async function filterInventory(tree: InventoryTreeProvider): Promise<void> {
  const text = await vscode.window.showInputBox({ prompt: 'Show vendors, categories and purposes containing', value: tree.filter });
  if (text !== undefined) tree.setFilter(text);
}
