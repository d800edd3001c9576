import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { renderDataMapSvg, renderReport, type DataMap } from '../engine';
import type { Controller } from './controller';
import type { FolderState } from './folder-state';
import { revealInManifest, revealLocation } from './inventory-commands';

/** Messages the page posts to the extension. */
type PageMessage = { type: 'ready' } | { type: 'reveal'; node: string } | { type: 'manifest'; node: string } | { type: 'export'; format: 'svg' | 'html' };

/**
 * The Data Map panel: the graph of the engine's data map (categories → purposes → vendors) in a
 * webview, redrawn after each scan. One panel per window; the page's script and style are in
 * media/, the CSP allows nothing else, and the page talks to the extension by postMessage only.
 */
export class DataMapPanel implements vscode.Disposable {
  static readonly viewType = 'privacyLens.dataMap';
  /** The open panel, if any. */
  static current: DataMapPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private state: FolderState | undefined;

  /** Shows the panel (creating it when needed) for the first folder with a manifest. */
  static createOrShow(extensionUri: vscode.Uri, controller: Controller): DataMapPanel {
    if (DataMapPanel.current) {
      DataMapPanel.current.panel.reveal();
      DataMapPanel.current.update();
      return DataMapPanel.current;
    }
    const media = vscode.Uri.joinPath(extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel(DataMapPanel.viewType, 'Privacy Lens: Data Map', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [media],
      retainContextWhenHidden: false,
    });
    DataMapPanel.current = new DataMapPanel(panel, media, controller);
    return DataMapPanel.current;
  }

  private constructor(readonly panel: vscode.WebviewPanel, private readonly media: vscode.Uri, private readonly controller: Controller) {
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: PageMessage) => void this.onMessage(m).catch((e) => controller.log.showError('the data map failed', e))),
      controller.onDidChangeInventory(() => this.update()),
    );
  }

  /** The map shown, for tests. */
  get map(): DataMap | undefined {
    this.state = [...this.controller.folders.values()].find((s) => s.manifest.status === 'ok');
    return this.state?.session.dataMap();
  }

  /** Sends the current map to the page. */
  update(): void {
    const map = this.map;
    // The page gets the drawing only; the extension keeps the locations and answers clicks.
    void this.panel.webview.postMessage({
      type: 'map',
      svg: map ? renderDataMapSvg(map, { style: false }) : '',
      empty: map ? '' : 'No valid data-inventory.yaml in this workspace.',
      scanned: this.state?.scanned ?? false,
    });
  }

  private async onMessage(m: PageMessage): Promise<void> {
    if (m.type === 'ready') return this.update();
    if (m.type === 'reveal') return this.reveal(m.node);
    if (m.type === 'manifest' && this.state) {
      const [kind, ...rest] = m.node.split(':');
      return revealInManifest(this.state, kind as 'vendor' | 'category' | 'purpose', rest.join(':'));
    }
    if (m.type === 'export') return this.export(m.format);
  }

  /** Opens the code of a node: its one location, or the one picked. */
  private async reveal(node: string): Promise<void> {
    const map = this.map;
    if (!map || !this.state) return;
    const [kind, ...rest] = node.split(':');
    const id = rest.join(':');
    const list: { id: string; locations: { file: string; line: number }[] }[] = kind === 'vendor' ? map.vendors : kind === 'category' ? map.categories : map.purposes;
    const locations = list.find((x) => x.id === id)?.locations ?? [];
    if (locations.length === 0) {
      void vscode.window.showInformationMessage(`Privacy Lens: no scanned code for ${id}.`);
      return;
    }
    const pick = locations.length === 1 ? locations[0] : (await vscode.window.showQuickPick(locations.map((l) => ({ label: `${l.file}:${l.line}`, l })), { title: `Code of ${id}` }))?.l;
    if (pick) await revealLocation(this.state, pick.file, pick.line);
  }

  private async export(format: 'svg' | 'html'): Promise<void> {
    const map = this.map;
    if (!map || !this.state) return;
    const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(this.state.folder.uri, `data-map.${format}`), filters: format === 'svg' ? { SVG: ['svg'] } : { HTML: ['html'] } });
    if (!target) return;
    const text = format === 'svg' ? renderDataMapSvg(map, { standalone: true }) : renderReport(map, 'html');
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.media, 'data-map.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.media, 'data-map.css'));
    const csp = `default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}'; img-src ${webview.cspSource}`;
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${style}">
<title>Data Map</title></head>
<body>
<div class="toolbar" role="toolbar">
  <input id="filter" type="search" placeholder="Filter nodes" aria-label="Filter nodes">
  <button id="zoom-out" title="Zoom out" aria-label="Zoom out">−</button>
  <button id="zoom-in" title="Zoom in" aria-label="Zoom in">+</button>
  <button id="export-svg">Export SVG</button>
  <button id="export-html">Export HTML report</button>
  <span id="status" aria-live="polite"></span>
</div>
<p class="legend">Data categories → purposes → vendors. Dashed with ⚠: undeclared in the manifest. Faint dotted: declared, not seen in the code. Click a node to open its code, Alt+click to open its entry in the manifest.</p>
<div id="graph"></div>
<script nonce="${nonce}" src="${script}"></script>
</body></html>`;
  }

  dispose(): void {
    DataMapPanel.current = undefined;
    this.panel.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}
