import { posix } from 'node:path';
import * as vscode from 'vscode';
import { readRegularText, Workspace, type DetectionInput, type Inventory, type Manifest, type ManifestError, type SkippedFile, type VendorIndex } from '../engine';
import { filesExclude, readSettings, type Settings } from './settings';

/** The manifest of a folder as the editor sees it: from the open document when it is open, else from disk. */
export type ManifestState =
  | { status: 'ok'; manifest: Manifest; input: DetectionInput; inputHash: string; vendors: VendorIndex }
  | { status: 'missing' }
  | { status: 'invalid'; errors: ManifestError[] };

/**
 * One workspace folder in the editor: its settings, and the engine's workspace session (manifest,
 * policy, module map, facts of the last scan), which the CLI uses the same way.
 */
export class FolderState {
  settings: Settings;
  readonly session: Workspace;
  /** The refused configuration files already told to the user (file and reason). */
  private toldNotRead = new Map<string, SkippedFile>();

  constructor(readonly folder: vscode.WorkspaceFolder, cacheDir: string | null = null) {
    this.settings = readSettings(folder);
    this.session = new Workspace({ root: folder.uri.fsPath, ...this.sessionOptions(), cacheDir, inProcessBelow: 0 });
  }

  /** The manifest as the session read it, with what detection derives from it. */
  get manifest(): ManifestState {
    const file = this.session.manifestFile;
    if (file.status === 'missing') return { status: 'missing' };
    if (file.status === 'invalid') return { status: 'invalid', errors: file.errors };
    const s = this.session;
    return { status: 'ok', manifest: file.manifest, input: s.detectionInput, inputHash: s.detectionHash, vendors: s.vendors };
  }

  /** True once a workspace scan gave the session every file's facts. */
  get scanned(): boolean {
    return this.session.scanned;
  }

  /** Where each category and vendor was seen in the last scan (for the manifest's CodeLens). */
  get inventory(): Inventory | undefined {
    return this.session.scanned ? this.session.inventory() : undefined;
  }

  /** The manifest's URI. */
  get manifestUri(): vscode.Uri {
    return vscode.Uri.joinPath(this.folder.uri, this.settings.manifest);
  }

  /** The manifest path relative to the folder, with forward slashes. */
  get manifestPath(): string {
    return this.settings.manifest.replace(/\\/g, '/').replace(/^\.\//, '');
  }

  /** Re-reads settings and the manifest (the open document's text when it is open); true when analysed facts went stale. */
  async reload(): Promise<boolean> {
    this.settings = readSettings(this.folder);
    const configured = this.session.configure(this.sessionOptions());
    const reloaded = this.session.reload(await this.readManifestText());
    return configured.detectionChanged || reloaded.detectionChanged;
  }

  /**
   * The configuration files refused since the last call (a FIFO, a device, over the size limit),
   * and the files refused then that are read now: what the log tells the user once.
   */
  takeNotReadChanges(): { refused: SkippedFile[]; readAgain: string[] } {
    const now = new Map(this.session.configNotRead.map((s) => [`${s.file}\0${s.reason}`, s]));
    const refused = [...now].filter(([key]) => !this.toldNotRead.has(key)).map(([, s]) => s);
    const files = new Set([...now.values()].map((s) => s.file));
    const readAgain = [...new Set([...this.toldNotRead.values()].map((s) => s.file))].filter((f) => !files.has(f));
    this.toldNotRead = now;
    return { refused, readAgain };
  }

  private sessionOptions() {
    return {
      manifest: this.settings.manifest,
      exclude: [...this.settings.exclude, ...filesExclude(this.folder)],
      include: this.settings.include,
      includeTests: this.settings.includeTests,
      maxFileSize: this.settings.maxFileSize,
      severities: this.settings.rules,
      baseline: this.settings.baseline || undefined,
      baselinedFindings: this.settings.baselinedFindings,
    };
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
