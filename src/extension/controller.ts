import * as vscode from 'vscode';
import { isSourceFile } from '../engine/analysis/parse';
import type { FileFacts } from '../engine/analysis/facts';
import { checkFacts } from '../engine/check';
import { compileGlobs } from '../engine/glob';
import type { Finding } from '../engine/types';
import { AnalysisClient } from './analysis-client';
import { FindingStore } from './diagnostics';
import { FolderState } from './folder-state';
import type { Log } from './log';

/** Languages whose documents are checked. */
export const LANGUAGES = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact'];

/**
 * Keeps every open JS/TS document checked against its folder's manifest: on open, on edit
 * (debounced) and on save per the `privacyLens.run` setting. Analysis runs in a worker thread; the
 * rules, which are cheap, run here. Manifest edits re-check open documents and the last scan.
 */
export class Controller implements vscode.Disposable {
  readonly store = new FindingStore();
  readonly folders = new Map<string, FolderState>();
  private readonly client: AnalysisClient;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inventoryChanged = new vscode.EventEmitter<void>();
  /** Fires when a scan (or a manifest edit after one) changes where categories and vendors are seen. */
  readonly onDidChangeInventory = this.inventoryChanged.event;

  constructor(readonly log: Log) {
    this.client = new AnalysisClient(undefined, (m) => log.channel.error(m));
  }

  /** Loads every workspace folder's settings and manifest, then checks the open documents. */
  async start(): Promise<void> {
    for (const folder of vscode.workspace.workspaceFolders ?? []) await this.addFolder(folder);
    await this.checkOpenDocuments();
  }

  /** Adds (or re-reads) a workspace folder. */
  async addFolder(folder: vscode.WorkspaceFolder): Promise<void> {
    const state = this.folders.get(folder.uri.toString()) ?? new FolderState(folder);
    this.folders.set(folder.uri.toString(), state);
    await state.reload();
    this.showManifestProblems(state);
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
    const before = state.manifest.status === 'ok' ? state.manifest.inputHash : '';
    await state.reload();
    this.showManifestProblems(state);
    const after = state.manifest.status === 'ok' ? state.manifest.inputHash : '';
    if (state.lastScan && before !== after) state.lastScan = undefined;
    this.recheckLastScan(state);
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
    state.lastScan?.set(file, facts);
    this.store.set(doc.uri, state.folder.uri, this.check(state, [facts], false).filter((f) => f.file === file));
  }

  private excluded(state: FolderState, file: string): boolean {
    const manifest = state.manifest.status === 'ok' ? state.manifest.manifest : undefined;
    const excludes = [...(manifest?.ignore ?? []), ...state.settings.exclude];
    if (compileGlobs(excludes).some((g) => g.match(file))) return true;
    return state.settings.include.length > 0 && !compileGlobs(state.settings.include).some((g) => g.match(file));
  }

  /** Runs the rules over facts with a folder's manifest and settings. */
  check(state: FolderState, facts: FileFacts[], workspace: boolean): Finding[] {
    if (state.manifest.status !== 'ok') return [];
    const knownFacts = state.lastScan ? [...state.lastScan.values()] : [];
    return checkFacts(facts, state.manifest.manifest, { vendors: state.manifest.vendors, workspace, severities: state.settings.rules, knownFacts, modules: state.modules }).findings;
  }

  /** Publishes the results of a workspace scan: every file's findings, replacing the folder's old ones. */
  publishScan(state: FolderState, facts: FileFacts[]): Finding[] {
    state.lastScan = new Map(facts.map((f) => [f.file, f]));
    return this.recheckLastScan(state);
  }

  private recheckLastScan(state: FolderState): Finding[] {
    if (!state.lastScan || state.manifest.status !== 'ok') return [];
    const { findings, inventory } = checkFacts([...state.lastScan.values()], state.manifest.manifest, { vendors: state.manifest.vendors, workspace: true, severities: state.settings.rules, modules: state.modules });
    state.inventory = inventory;
    this.inventoryChanged.fire();
    this.store.clear(state.folder.uri);
    const byFile = new Map<string, Finding[]>();
    for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
    for (const [file, list] of byFile) this.store.set(vscode.Uri.joinPath(state.folder.uri, file), state.folder.uri, list);
    this.showManifestProblems(state, byFile.get(state.manifestPath));
    return findings;
  }

  /** Shows a manifest's own problems (and the unused-* findings of the last scan) in the manifest. */
  showManifestProblems(state: FolderState, scanFindings: Finding[] = []): void {
    const uri = state.manifestUri;
    if (state.manifest.status === 'invalid') {
      const findings: Finding[] = state.manifest.errors.map((e) => ({ rule: 'manifest-invalid', severity: 'error', file: state.manifestPath, ...e }));
      this.store.set(uri, state.folder.uri, findings);
    } else {
      this.store.set(uri, state.folder.uri, scanFindings);
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.client.dispose();
    this.store.dispose();
    this.inventoryChanged.dispose();
  }
}
