import * as vscode from 'vscode';
import { compileGlobs, isSourceFile, type Finding } from '../engine';
import { AnalysisClient } from './analysis-client';
import { FindingStore } from './diagnostics';
import { FolderState } from './folder-state';
import type { Log } from './log';
import { openDocumentFindings } from './open-findings';

/** Languages whose documents are checked. */
export const LANGUAGES = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact'];

/**
 * Keeps every open JS/TS document checked against its folder's manifest: on open, on edit
 * (debounced) and on save per the `privacyLens.run` setting. Analysis runs in a worker thread; the
 * rules, which are cheap, run here, in each folder's workspace session. Manifest edits re-check
 * open documents and the last scan. This class is VS Code wiring: events, debouncing, diagnostics.
 */
export class Controller implements vscode.Disposable {
  readonly store = new FindingStore();
  readonly folders = new Map<string, FolderState>();
  private readonly client: AnalysisClient;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inventoryChanged = new vscode.EventEmitter<void>();
  /** Fires when a scan (or a manifest edit after one) changes where categories and vendors are seen. */
  readonly onDidChangeInventory = this.inventoryChanged.event;

  constructor(readonly log: Log, private readonly cacheDir: string | null = null) {
    this.client = new AnalysisClient(undefined, (m) => log.channel.error(m));
  }

  /** Loads every workspace folder's settings and manifest, then checks the open documents. */
  async start(): Promise<void> {
    for (const folder of vscode.workspace.workspaceFolders ?? []) await this.addFolder(folder);
    await this.checkOpenDocuments();
  }

  /** Adds (or re-reads) a workspace folder. */
  async addFolder(folder: vscode.WorkspaceFolder): Promise<void> {
    const state = this.folders.get(folder.uri.toString()) ?? new FolderState(folder, this.cacheDir);
    this.folders.set(folder.uri.toString(), state);
    await this.reloadFolder(state);
    this.showManifestProblems(state);
  }

  /** Re-reads a folder's settings and manifest; true when analysed facts went stale. Logs the configuration files it newly refuses. */
  async reloadFolder(state: FolderState): Promise<boolean> {
    const stale = await state.reload();
    const { refused, readAgain } = state.takeNotReadChanges();
    for (const s of refused) this.log.channel.warn(`${state.folder.name}/${s.file} not analysed: ${s.reason}`);
    for (const file of readAgain) this.log.channel.info(`${state.folder.name}/${file} is read again`);
    if (refused.length > 0 || readAgain.length > 0) this.inventoryChanged.fire();
    return stale;
  }

  /** Forgets a removed folder and its diagnostics. */
  removeFolder(folder: vscode.WorkspaceFolder): void {
    this.folders.delete(folder.uri.toString());
    this.store.clear(folder.uri);
  }

  /** The folder state a document belongs to. */
  folderOf(uri: vscode.Uri): FolderState | undefined {
    let best: FolderState | undefined;
    for (const s of this.folders.values()) {
      if (s.contains(uri) && (!best || s.folder.uri.path.length > best.folder.uri.path.length)) best = s;
    }
    return best;
  }

  /** Called on every edit: re-checks the document after the debounce delay when running on type. */
  onDidChange(doc: vscode.TextDocument): void {
    const state = this.folderOf(doc.uri);
    if (state && doc.uri.toString() === state.manifestUri.toString()) {
      this.debounce(doc, () => this.onManifestChanged(state), state.settings.debounceMs);
      return;
    }
    if (state?.settings.run === 'onType') this.debounce(doc, () => this.checkDocument(doc), state.settings.debounceMs);
  }

  /** Called on open and save. */
  async onDidOpenOrSave(doc: vscode.TextDocument, saved: boolean): Promise<void> {
    const state = this.folderOf(doc.uri);
    if (!state) return;
    if (doc.uri.toString() === state.manifestUri.toString()) return this.onManifestChanged(state);
    if (state.settings.run !== 'manual' || saved === false) await this.checkDocument(doc);
  }

  private debounce(doc: vscode.TextDocument, run: () => Promise<void>, ms: number): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      run().catch((e) => this.log.channel.error(`check failed: ${String(e)}`));
    }, ms));
  }

  /** Re-reads a folder's manifest, shows its problems, and re-checks open documents and the last scan. */
  async onManifestChanged(state: FolderState): Promise<void> {
    await this.reloadFolder(state);
    this.showManifestProblems(state);
    // The data map shows the manifest's entries even before a scan: tell the views it changed.
    this.recheckLastScan(state);
    if (!state.scanned || state.manifest.status !== 'ok') this.inventoryChanged.fire();
    await this.checkOpenDocuments();
  }

  /** Checks every open JS/TS document. */
  async checkOpenDocuments(): Promise<void> {
    await Promise.all(vscode.workspace.textDocuments.map((d) => this.checkDocument(d)));
  }

  /** Checks one document's in-memory text and publishes its diagnostics. */
  async checkDocument(doc: vscode.TextDocument): Promise<void> {
    if (!LANGUAGES.includes(doc.languageId) && !isSourceFile(doc.uri.path)) return;
    const state = this.folderOf(doc.uri);
    if (!state || state.manifest.status !== 'ok') return;
    const file = state.relativePath(doc.uri);
    if (this.excluded(state, file) || doc.getText().length > state.settings.maxFileSize) {
      this.store.set(doc.uri, state.folder.uri, []);
      return;
    }
    const version = doc.version;
    const facts = await this.client.analyze(doc.uri.toString(), doc.getText(), file, state.manifest.input);
    if (!facts || doc.isClosed || doc.version !== version || state.manifest.status !== 'ok') return;
    if (facts.error) this.log.channel.warn(`${file}:${facts.error.line}:${facts.error.column} not analysed: ${facts.error.message}`);
    this.store.set(doc.uri, state.folder.uri, state.session.checkAnalyzed(facts, doc.getText()));
    if (state.scanned) this.inventoryEdited();
  }

  /** After an edit in a scanned folder the data map changed too: tell the views, at most once a second. */
  private inventoryEdited(): void {
    if (this.timers.has('inventory')) return;
    this.timers.set('inventory', setTimeout(() => {
      this.timers.delete('inventory');
      this.inventoryChanged.fire();
    }, 1000));
  }

  private excluded(state: FolderState, file: string): boolean {
    const manifest = state.manifest.status === 'ok' ? state.manifest.manifest : undefined;
    const excludes = [...(manifest?.ignore ?? []), ...state.settings.exclude];
    if (compileGlobs(excludes).some((g) => g.match(file))) return true;
    // Test code is left out of the editor as of the scan: an open test file gets no diagnostics unless privacyLens.includeTests is on.
    if (state.session.leavesOutAsTestCode(file)) return true;
    return state.settings.include.length > 0 && !compileGlobs(state.settings.include).some((g) => g.match(file));
  }

  /** Publishes the findings of the session's last workspace scan, replacing the folder's old ones. */
  publishScan(state: FolderState): Finding[] {
    return this.recheckLastScan(state);
  }

  private recheckLastScan(state: FolderState): Finding[] {
    if (!state.scanned || state.manifest.status !== 'ok') return [];
    const findings = state.session.findings();
    this.inventoryChanged.fire();
    const open = this.openDocumentsOf(state).map((uri) => ({ uri, own: this.store.get(uri) }));
    this.store.clear(state.folder.uri);
    const byFile = new Map<string, Finding[]>();
    for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
    for (const [file, list] of byFile) this.store.set(vscode.Uri.joinPath(state.folder.uri, file), state.folder.uri, list);
    // The scan reports an undeclared category at its first place only: open documents keep their own.
    for (const { uri, own } of open) {
      const scan = byFile.get(state.relativePath(uri)) ?? [];
      const shown = openDocumentFindings(scan, own);
      if (shown.length > scan.length) this.store.set(uri, state.folder.uri, shown);
    }
    this.showManifestProblems(state, byFile.get(state.manifestPath) ?? []);
    return findings;
  }

  /** The URIs of the folder's open JS/TS documents. */
  private openDocumentsOf(state: FolderState): vscode.Uri[] {
    return vscode.workspace.textDocuments.filter((d) => !d.isClosed && this.folderOf(d.uri) === state && (LANGUAGES.includes(d.languageId) || isSourceFile(d.uri.path))).map((d) => d.uri);
  }

  /**
   * Shows a manifest's own problems in the manifest: its errors, its policy-drift findings, and the
   * unused-* findings of the last scan. A missing manifest has no document to show them in.
   */
  showManifestProblems(state: FolderState, scanFindings?: Finding[]): void {
    if (state.manifest.status === 'missing') return this.store.set(state.manifestUri, state.folder.uri, []);
    this.store.set(state.manifestUri, state.folder.uri, scanFindings ?? state.session.manifestProblems());
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.client.dispose();
    this.store.dispose();
    this.inventoryChanged.dispose();
  }
}
