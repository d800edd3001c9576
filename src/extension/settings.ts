import * as vscode from 'vscode';
import type { SeveritySetting } from '../engine';

/** When documents are checked. */
export type RunMode = 'onType' | 'onSave' | 'manual';

/** The extension's settings for one workspace folder (contributes.configuration). */
export interface Settings {
  manifest: string;
  include: string[];
  exclude: string[];
  /** Check and scan test code too (tests, specs, stories, fixtures, mocks, test-helper packages). */
  includeTests: boolean;
  run: RunMode;
  rules: Record<string, SeveritySetting>;
  maxFileSize: number;
  debounceMs: number;
  baseline: string;
  baselinedFindings: 'hint' | 'hide';
}

/**
 * The settings whose workspace values VS Code ignores in a restricted (untrusted) workspace, as
 * package.json's `capabilities.untrustedWorkspaces.restrictedConfigurations` declares: each points
 * the extension at other files. Their user values still apply.
 */
export const RESTRICTED_SETTINGS = ['manifest', 'include', 'exclude', 'baseline'] as const;

/**
 * Reads the settings that apply to a folder. In a restricted workspace VS Code itself leaves out
 * the workspace values of RESTRICTED_SETTINGS (`get` returns the user value or the default).
 */
export function readSettings(folder: vscode.WorkspaceFolder | undefined): Settings {
  const c = vscode.workspace.getConfiguration('privacyLens', folder?.uri);
  return {
    manifest: c.get<string>('manifest', 'data-inventory.yaml') || 'data-inventory.yaml',
    include: c.get<string[]>('include', []),
    exclude: c.get<string[]>('exclude', []),
    includeTests: c.get<boolean>('includeTests', false),
    run: c.get<RunMode>('run', 'onType'),
    rules: c.get<Record<string, SeveritySetting>>('rules', {}),
    maxFileSize: c.get<number>('maxFileSize', 1048576),
    debounceMs: c.get<number>('debounceMs', 300),
    baseline: c.get<string>('baseline', ''),
    baselinedFindings: c.get<'hint' | 'hide'>('baselinedFindings', 'hint'),
  };
}

/** The globs of VS Code's `files.exclude` that are switched on, for a folder. */
export function filesExclude(folder: vscode.WorkspaceFolder): string[] {
  const map = vscode.workspace.getConfiguration('files', folder.uri).get<Record<string, boolean>>('exclude', {});
  return Object.entries(map).filter(([, on]) => on === true).map(([glob]) => glob.replace(/^\*\*\//, '**/'));
}
