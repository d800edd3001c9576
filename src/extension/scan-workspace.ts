import * as vscode from 'vscode';
import { ScanCancelled, type Finding, type SkippedFile } from '../engine';
import { COMMANDS } from './commands';
import type { Controller } from './controller';
import type { FolderState } from './folder-state';

interface FolderResult {
  findings: Finding[];
  files: number;
  skipped: SkippedFile[];
  /** Test files left out (privacyLens.includeTests off). */
  testFilesLeftOut: number;
}

/**
 * "Privacy Lens: Scan Workspace": analyses every folder that has a valid manifest in worker threads,
 * with a cancellable progress notification, and fills the Problems panel.
 */
export async function scanWorkspaceCommand(controller: Controller): Promise<FolderResult | undefined> {
  const states = [...controller.folders.values()];
  for (const s of states) await controller.reloadFolder(s);
  const ready = states.filter((s) => s.manifest.status === 'ok');
  if (ready.length === 0) {
    await offerManifest(controller, states);
    return undefined;
  }
  const total: FolderResult = { findings: [], files: 0, skipped: [], testFilesLeftOut: 0 };
  const done = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Privacy Lens: scanning', cancellable: true },
    async (progress, token) => {
      for (const state of ready) {
        const result = await scanFolder(controller, state, progress, token);
        if (!result) return false;
        total.findings.push(...result.findings);
        total.files += result.files;
        total.skipped.push(...result.skipped);
        total.testFilesLeftOut += result.testFilesLeftOut;
      }
      return true;
    },
  );
  if (!done) {
    void vscode.window.showInformationMessage('Privacy Lens: scan cancelled.');
    return undefined;
  }
  await controller.checkOpenDocuments();
  void summarize(controller, total, ready[0]);
  return total;
}

async function scanFolder(controller: Controller, state: FolderState, progress: vscode.Progress<{ message?: string }>, token: vscode.CancellationToken): Promise<FolderResult | undefined> {
  if (state.manifest.status !== 'ok') return undefined;
  const abort = new AbortController();
  const sub = token.onCancellationRequested(() => abort.abort());
  try {
    const result = await state.session.scan({
      signal: abort.signal,
      onProgress: (n, of) => progress.report({ message: `${state.folder.name}: ${n} of ${of} files` }),
    });
    const skipped = result.skipped;
    for (const s of skipped) controller.log.channel.warn(`${state.folder.name}/${s.file}${s.line ? `:${s.line}:${s.column}` : ''} not analysed: ${s.reason}`);
    const findings = controller.publishScan(state);
    const testFilesLeftOut = result.testFilesLeftOut ?? 0;
    const tests = testFilesLeftOut ? ` (${testFilesLeftOut} test files left out)` : '';
    controller.log.channel.info(`scanned ${result.filesScanned} files of ${state.folder.name}${tests}: ${findings.length} findings`);
    return { findings, files: result.filesScanned, skipped, testFilesLeftOut };
  } catch (e) {
    if (e instanceof ScanCancelled) return undefined;
    throw e;
  } finally {
    sub.dispose();
  }
}

async function summarize(controller: Controller, r: FolderResult, first: FolderState): Promise<void> {
  const count = (s: string) => r.findings.filter((f) => f.severity === s).length;
  const skipped = r.skipped.length ? `; ${r.skipped.length} not analysed: ${namesOf(r.skipped)} (see the output)` : '';
  const tests = r.testFilesLeftOut ? `; ${r.testFilesLeftOut} test file${r.testFilesLeftOut === 1 ? '' : 's'} left out (privacyLens.includeTests scans them)` : '';
  const text = `Privacy Lens: ${r.findings.length} findings (${count('error')} errors, ${count('warning')} warnings, ${count('info')} info) in ${r.files} files${skipped}${tests}.`;
  const buttons = ['Show Problems', 'Open Manifest', ...(r.skipped.length ? ['Open Output'] : [])];
  const choice = await vscode.window.showInformationMessage(text, ...buttons);
  if (choice === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
  if (choice === 'Open Manifest') await vscode.window.showTextDocument(first.manifestUri);
  if (choice === 'Open Output') controller.log.channel.show(true);
}

/** The first files of a "Not analysed" list, for a one-line message: "package.json, .gitignore and 3 more". */
export function namesOf(skipped: SkippedFile[], shown = 3): string {
  const files = [...new Set(skipped.map((s) => s.file))];
  const more = files.length - shown;
  return more > 0 ? `${files.slice(0, shown).join(', ')} and ${more} more` : files.join(', ');
}

/** Tells the user there is no valid manifest and offers to create or open one. */
export async function offerManifest(controller: Controller, states: FolderState[]): Promise<void> {
  const invalid = states.find((s) => s.manifest.status === 'invalid');
  if (invalid) {
    const choice = await vscode.window.showErrorMessage(`Privacy Lens: ${invalid.manifestPath} has errors; fix them to scan.`, 'Open Manifest');
    if (choice) await vscode.window.showTextDocument(invalid.manifestUri);
    return;
  }
  const choice = await vscode.window.showInformationMessage('Privacy Lens: this workspace has no data-inventory.yaml.', 'Create data-inventory.yaml');
  if (choice) await vscode.commands.executeCommand(COMMANDS.createManifest);
  controller.log.channel.info('no manifest found');
}
