import * as vscode from 'vscode';
import { COMMANDS } from './commands';
import type { Controller } from './controller';

/** The status bar item: error and warning counts; a click scans the workspace or shows the problems. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('privacyLens.status', vscode.StatusBarAlignment.Left, 10);

  constructor(private readonly controller: Controller) {
    this.item.name = 'Privacy Lens';
    this.item.command = COMMANDS.statusBarClick;
    controller.store.onDidChange(() => this.update());
    this.update();
    this.item.show();
  }

  /** Shows the current counts and the manifest's state. */
  update(): void {
    const states = [...this.controller.folders.values()];
    const { error, warning } = this.controller.store.counts();
    const missing = states.length > 0 && states.every((s) => s.manifest.status === 'missing');
    this.item.text = missing ? '$(shield) Privacy Lens: no manifest' : `$(shield) ${error} $(warning) ${warning}`;
    const trust = vscode.workspace.isTrusted ? '' : '\n\nRestricted mode: workspace settings for paths are ignored.';
    this.item.tooltip = missing
      ? `Privacy Lens: no data-inventory.yaml in this workspace. Click to scan, or run "Privacy Lens: Create data-inventory.yaml".${trust}`
      : `Privacy Lens: ${error} errors, ${warning} warnings. Click to scan the workspace or show the problems.${trust}`;
    this.item.backgroundColor = states.some((s) => s.manifest.status === 'invalid') ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
