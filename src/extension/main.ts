import * as vscode from 'vscode';
import { markPurpose, moveCursor, PrivacyLensCodeActions } from './code-actions';
import { COMMANDS } from './commands';
import { DataMapPanel } from './data-map-panel';
import { createInventoryFromCode, draftManifestFromPolicy } from './drafting';
import { Controller, LANGUAGES } from './controller';
import { ExplainDocuments, EXPLAIN_SCHEME } from './explain-line';
import { FindingHoverProvider } from './hover';
import { declareInManifest, filterInventory, openInManifest, revealInCode } from './inventory-commands';
import { InventoryTreeProvider, type InventoryNode } from './inventory-tree';
import { describe, Log } from './log';
import { ManifestLanguage } from './manifest-language';
import { MANIFEST_STARTER } from './manifest-starter';
import { offerManifest, scanWorkspaceCommand } from './scan-workspace';
import { RESTRICTED_SETTINGS } from './settings';
import { StatusBar } from './status-bar';

/** What activate() returns: the controller, the inventory tree, the status bar and the log's folder, for tests inside VS Code. */
export interface PrivacyLensApi {
  controller: Controller;
  inventory: InventoryTreeProvider;
  statusBar: StatusBar;
  /** The folder of the output channel's log file ("Privacy Lens.log"). */
  logUri: vscode.Uri;
}

/** Activates Privacy Lens; a failure is shown to the user with its log instead of being lost. */
export async function activate(context: vscode.ExtensionContext): Promise<PrivacyLensApi | undefined> {
  const log = new Log();
  context.subscriptions.push(log);
  try {
    const controller = new Controller(log, vscode.Uri.joinPath(context.globalStorageUri, 'cache').fsPath);
    const statusBar = new StatusBar(controller);
    context.subscriptions.push(controller, statusBar);
    const inventory = registerInventory(context, controller);
    registerCommands(context, controller);
    registerEvents(context, controller);
    const selector = LANGUAGES.map((language) => ({ language, scheme: 'file' }));
    context.subscriptions.push(
      vscode.languages.registerHoverProvider(selector, new FindingHoverProvider(controller)),
      ...registerManifestLanguage(new ManifestLanguage(controller)),
      vscode.languages.registerCodeActionsProvider([...selector, { pattern: '**/*.{yaml,yml}' }], new PrivacyLensCodeActions(controller), {
        providedCodeActionKinds: PrivacyLensCodeActions.providedCodeActionKinds,
      }),
    );
    await controller.start();
    inventory.refresh();
    log.channel.info(`activated for ${controller.folders.size} folder(s)${vscode.workspace.isTrusted ? '' : ' in restricted mode'}`);
    if (!vscode.workspace.isTrusted) log.channel.warn(`restricted mode: the workspace values of ${restrictedList()} are ignored, user values apply; trust the workspace to use them`);
    return { controller, inventory, statusBar, logUri: context.logUri };
  } catch (e) {
    void log.showError('activation failed', e);
    return undefined;
  }
}

function registerManifestLanguage(language: ManifestLanguage): vscode.Disposable[] {
  const yaml = [{ pattern: '**/*.{yaml,yml}' }];
  return [
    language,
    vscode.languages.registerCompletionItemProvider(yaml, language, ' ', '[', ',', '-'),
    vscode.languages.registerHoverProvider(yaml, language),
    vscode.languages.registerDefinitionProvider(yaml, language),
    vscode.languages.registerCodeLensProvider(yaml, language),
  ];
}

/** The Inventory view, its commands and the Data Map panel. */
function registerInventory(context: vscode.ExtensionContext, controller: Controller): InventoryTreeProvider {
  const tree = new InventoryTreeProvider(controller);
  const view = vscode.window.createTreeView('privacyLens.inventory', { treeDataProvider: tree, showCollapseAll: true });
  const onNode = (name: string, run: (tree: InventoryTreeProvider, node: InventoryNode) => Promise<void>) => (node: InventoryNode) =>
    run(tree, node).catch((e) => controller.log.showError(`${name} failed`, e));
  context.subscriptions.push(
    tree,
    view,
    vscode.commands.registerCommand(COMMANDS.showDataMap, () => DataMapPanel.createOrShow(context.extensionUri, controller)),
    vscode.commands.registerCommand(COMMANDS.refreshInventory, () => tree.refresh()),
    vscode.commands.registerCommand(COMMANDS.filterInventory, () => filterInventory(tree).then(() => (view.description = tree.filter ? `filter: ${tree.filter}` : undefined))),
    vscode.commands.registerCommand(COMMANDS.clearInventoryFilter, () => {
      tree.setFilter('');
      view.description = undefined;
    }),
    vscode.commands.registerCommand(COMMANDS.revealInCode, onNode('revealing the code', revealInCode)),
    vscode.commands.registerCommand(COMMANDS.openInManifest, onNode('opening the manifest', openInManifest)),
    vscode.commands.registerCommand(COMMANDS.declareInManifest, onNode('declaring in the manifest', declareInManifest)),
    vscode.workspace.onDidSaveTextDocument((d) => {
      if ([...controller.folders.values()].some((s) => s.manifestUri.toString() === d.uri.toString())) tree.refresh();
    }),
  );
  return tree;
}

function registerCommands(context: vscode.ExtensionContext, controller: Controller): void {
  let scanned = false;
  const guard = (name: string, run: () => Promise<unknown>) => async () => {
    try {
      await run();
    } catch (e) {
      await controller.log.showError(`${name} failed`, e);
    }
  };
  const scan = guard('the workspace scan', async () => {
    scanned = (await scanWorkspaceCommand(controller)) !== undefined || scanned;
  });
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.scanWorkspace, scan),
    vscode.commands.registerCommand(COMMANDS.createManifest, guard('creating the manifest', () => createManifest(controller))),
    vscode.commands.registerCommand(COMMANDS.createInventoryFromCode, guard('creating the inventory from code', () => createInventoryFromCode(controller))),
    vscode.commands.registerCommand(COMMANDS.draftFromPolicy, (uri?: vscode.Uri) => draftManifestFromPolicy(uri).catch((e) => controller.log.showError('drafting from the policy failed', e))),
    vscode.commands.registerCommand(COMMANDS.openManifest, guard('opening the manifest', () => openManifest(controller))),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => controller.log.channel.show(true)),
    vscode.commands.registerCommand(COMMANDS.markPurpose, (uri: vscode.Uri, line: number) => markPurpose(controller, uri, line)),
    vscode.commands.registerCommand(COMMANDS.moveCursor, moveCursor),
    vscode.commands.registerCommand(COMMANDS.showLocations, (uri: vscode.Uri, at: vscode.Position, locations: vscode.Location[]) =>
      vscode.commands.executeCommand('editor.action.showReferences', uri, at, locations)),
    vscode.commands.registerCommand(COMMANDS.statusBarClick, () => (scanned ? vscode.commands.executeCommand('workbench.actions.view.problems') : scan())),
  );
  const explanations = new ExplainDocuments(controller);
  context.subscriptions.push(
    explanations,
    vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, explanations),
    vscode.workspace.onDidCloseTextDocument((d) => explanations.forget(d)),
    vscode.commands.registerCommand(COMMANDS.explainLine, (uri?: vscode.Uri, at?: vscode.Position) =>
      explanations.explain(uri instanceof vscode.Uri ? uri : undefined, at).catch((e) => controller.log.showError('explaining the line failed', e))),
  );
}

function registerEvents(context: vscode.ExtensionContext, controller: Controller): void {
  const log = (e: unknown) => controller.log.channel.error(describe(e));
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((d) => void controller.onDidOpenOrSave(d, false).catch(log)),
    vscode.workspace.onDidSaveTextDocument((d) => void controller.onDidOpenOrSave(d, true).catch(log)),
    vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && controller.onDidChange(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => {
      const state = controller.folderOf(d.uri);
      if (state && !state.scanned && d.uri.toString() !== state.manifestUri.toString()) controller.store.set(d.uri, state.folder.uri, []);
    }),
    vscode.workspace.onDidChangeWorkspaceFolders((e) => {
      e.removed.forEach((f) => controller.removeFolder(f));
      void Promise.all(e.added.map((f) => controller.addFolder(f))).then(() => controller.checkOpenDocuments()).catch(log);
    }),
    // VS Code reports the restricted settings whose workspace values differ as changed, which re-reads the folders below.
    vscode.workspace.onDidGrantWorkspaceTrust(() => controller.log.channel.info(`workspace trusted: the workspace values of ${restrictedList()} now apply`)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('privacyLens') && !e.affectsConfiguration('files.exclude')) return;
      void Promise.all([...controller.folders.values()].map((s) => controller.onManifestChanged(s))).catch(log);
    }),
    watchManifests(controller, log),
  );
}

/** "privacyLens.manifest, privacyLens.include, ...": the settings restricted mode ignores in the workspace. */
function restrictedList(): string {
  return RESTRICTED_SETTINGS.map((k) => `privacyLens.${k}`).join(', ');
}

/** Watches manifests on disk (created, changed or deleted outside the editor). */
function watchManifests(controller: Controller, log: (e: unknown) => void): vscode.Disposable {
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}');
  const onEvent = (uri: vscode.Uri) => {
    const state = controller.folderOf(uri);
    if (state && uri.toString() === state.manifestUri.toString()) void controller.onManifestChanged(state).catch(log);
  };
  watcher.onDidCreate(onEvent);
  watcher.onDidChange(onEvent);
  watcher.onDidDelete(onEvent);
  return watcher;
}

async function createManifest(controller: Controller): Promise<void> {
  const state = [...controller.folders.values()].find((s) => s.manifest.status === 'missing') ?? [...controller.folders.values()][0];
  if (!state) {
    void vscode.window.showWarningMessage('Privacy Lens: open a folder first.');
    return;
  }
  if (state.manifest.status === 'missing') {
    await vscode.workspace.fs.writeFile(state.manifestUri, new TextEncoder().encode(MANIFEST_STARTER));
  }
  await vscode.window.showTextDocument(state.manifestUri);
  await controller.onManifestChanged(state);
}

async function openManifest(controller: Controller): Promise<void> {
  const states = [...controller.folders.values()];
  const state = states.find((s) => s.manifest.status !== 'missing');
  if (state) await vscode.window.showTextDocument(state.manifestUri);
  else await offerManifest(controller, states);
}

/** Nothing to do: every resource is a disposable in the context's subscriptions. */
export function deactivate(): void {
  // Disposables registered in activate() are disposed by VS Code.
}
