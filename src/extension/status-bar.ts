import * as vscode from 'vscode';
import { markdownCode } from '../engine';
import { COMMANDS } from './commands';
import type { Controller } from './controller';
import { RESTRICTED_SETTINGS } from './settings';

/**
 * The status bar item: error and warning counts; a click scans the workspace or shows the problems.
 * Like vscode-eslint's, it turns to a warning when a configuration file is refused (the output has
 * the details), to an error when the manifest is invalid, and its tooltip says when the workspace
 * is restricted.
 */
export class StatusBar implements vscode.Disposable {
  /** The item itself (read by the tests inside VS Code). */
  readonly item = vscode.window.createStatusBarItem('privacyLens.status', vscode.StatusBarAlignment.Left, 10);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly controller: Controller) {
    this.item.name = 'Privacy Lens';
    this.item.command = COMMANDS.statusBarClick;
    this.subscriptions = [
      controller.store.onDidChange(() => this.update()),
      controller.onDidChangeInventory(() => this.update()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.update()),
    ];
    this.update();
    this.item.show();
  }

  /** Shows the current counts, the manifest's state, the refused configuration files and the trust state. */
  update(): void {
    const states = [...this.controller.folders.values()];
    const { error, warning } = this.controller.store.counts();
    const missing = states.length > 0 && states.every((s) => s.manifest.status === 'missing');
    const notRead = states.flatMap((s) => s.session.configNotRead.map((n) => ({ ...n, file: states.length > 1 ? `${s.folder.name}/${n.file}` : n.file })));
    this.item.text = missing ? '$(shield) Privacy Lens: no manifest' : `$(shield) ${error} $(warning) ${warning}`;
    const tooltip = new vscode.MarkdownString(
      missing
        ? 'Privacy Lens: no data-inventory.yaml in this workspace. Click to scan, or run "Privacy Lens: Create data-inventory.yaml".'
        : `Privacy Lens: ${error} errors, ${warning} warnings. Click to scan the workspace or show the problems.`,
    );
    if (notRead.length > 0) {
      tooltip.appendMarkdown('\n\n**Configuration files not read** (listed under "Not analysed"):\n');
      for (const n of notRead) tooltip.appendMarkdown(`\n- ${markdownCode(n.file)}: ${markdownCode(n.reason)}`);
      tooltip.appendMarkdown(`\n\n[Show Output](command:${COMMANDS.showOutput})`);
      tooltip.isTrusted = { enabledCommands: [COMMANDS.showOutput] };
    }
    if (!vscode.workspace.isTrusted) {
      tooltip.appendMarkdown(`\n\nRestricted mode: workspace settings for paths (${RESTRICTED_SETTINGS.map((k) => markdownCode(`privacyLens.${k}`)).join(', ')}) are ignored; user settings apply.`);
    }
    this.item.tooltip = tooltip;
    const invalid = states.some((s) => s.manifest.status === 'invalid');
    this.item.backgroundColor = invalid ? new vscode.ThemeColor('statusBarItem.errorBackground') : notRead.length > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
    this.item.dispose();
  }
}
