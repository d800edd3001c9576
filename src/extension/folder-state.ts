import { posix } from 'node:path';
import * as vscode from 'vscode';
import type { FileFacts } from '../engine/analysis/facts';
import type { VendorIndex } from '../engine/catalog';
import type { Inventory } from '../engine/types';
import { detectionConfig, detectionHash, detectionInput, type DetectionInput } from '../engine/config';
import { parseManifest } from '../engine/manifest/load';
import { readPrismaModels } from '../engine/models';
import { EMPTY_MODULE_MAP, readModuleMap, type ModuleMap } from '../engine/modules/module-map';
import type { Manifest, ManifestError } from '../engine/manifest/types';
import { readRegularText } from '../engine/read-file';
import { readSettings, type Settings } from './settings';

/** The manifest of a folder as the editor sees it: from the open document when it is open, else from disk. */
export type ManifestState =
  | { status: 'ok'; manifest: Manifest; input: DetectionInput; inputHash: string; vendors: VendorIndex }
  | { status: 'missing' }
  | { status: 'invalid'; errors: ManifestError[] };

/** Everything the extension keeps for one workspace folder. */
export class FolderState {
  manifest: ManifestState = { status: 'missing' };
  settings: Settings;
  /** Facts of the last workspace scan, by relative path, so manifest edits re-check without re-analysing. */
  lastScan: Map<string, FileFacts> | undefined;
  /** tsconfig paths and workspace packages of the folder, to follow imports. */
  modules: ModuleMap = EMPTY_MODULE_MAP;
  /** Where each category and vendor was seen in the last scan (for the manifest's CodeLens). */
  inventory: Inventory | undefined;

  constructor(readonly folder: vscode.WorkspaceFolder) {
    this.settings = readSettings(folder);
  }

  /** The manifest's URI. */
  get manifestUri(): vscode.Uri {
    return vscode.Uri.joinPath(this.folder.uri, this.settings.manifest);
  }

  /** The manifest path relative to the folder, with forward slashes. */
  get manifestPath(): string {
    return this.settings.manifest.replace(/\\/g, '/').replace(/^\.\//, '');
  }

  /** Re-reads settings and the manifest. */
  async reload(): Promise<void> {
    this.settings = readSettings(this.folder);
    if (this.folder.uri.scheme === 'file') this.modules = readModuleMap(this.folder.uri.fsPath);
    const text = await this.readManifestText();
    if (text === undefined) {
      this.manifest = { status: 'missing' };
      return;
    }
    const loaded = parseManifest(text, this.manifestPath);
    if (!loaded.ok) {
      this.manifest = { status: 'invalid', errors: loaded.errors };
      return;
    }
    const input = detectionInput(loaded.manifest, this.folder.uri.scheme === 'file' ? readPrismaModels(this.folder.uri.fsPath) : undefined);
    this.manifest = { status: 'ok', manifest: loaded.manifest, input, inputHash: detectionHash(input), vendors: detectionConfig(input).vendors };
  }

  private async readManifestText(): Promise<string | undefined> {
    const uri = this.manifestUri.toString();
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (open) return open.getText();
    if (this.manifestUri.scheme === 'file') {
      // The engine's reader: a FIFO or a device in place of the manifest must not hang the editor.
      const read = readRegularText(this.manifestUri.fsPath);
      return read.ok ? read.text : undefined;
    }
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(this.manifestUri));
    } catch {
      return undefined;
    }
  }

  /** The path of a document relative to this folder, with forward slashes. */
  relativePath(uri: vscode.Uri): string {
    return posix.relative(this.folder.uri.path, uri.path);
  }

  /** True when a document belongs to this folder. */
  contains(uri: vscode.Uri): boolean {
    return uri.scheme === this.folder.uri.scheme && (uri.path + '/').startsWith(this.folder.uri.path.replace(/\/$/, '') + '/');
  }
}
