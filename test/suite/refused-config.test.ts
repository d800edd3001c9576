import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { PrivacyLensApi } from '../../src/extension/main';
import { backgroundOf, file, folder, labelOf, lensApi, lensDiagnostics, outputText, rewrite, ruleLines, tooltipOf, waitFor } from './helpers';

/**
 * Configuration files the engine refuses (not a regular file, over the size limit) are listed as
 * the CLI lists them under "Not analysed": in the output, the status bar and the Inventory view;
 * a refused policy file is a diagnostic in the manifest.
 */
describe('Configuration files the editor refuses', function () {
  this.timeout(120_000);
  const gitignore = () => join(folder().fsPath, '.gitignore');
  const packageJson = () => join(folder().fsPath, 'package.json');
  const TOO_LARGE = 'not read: larger than the size limit (5.0 MiB > 4.0 MiB)';
  const DEVICE = 'not read: it is a character device, not a regular file';
  let api: PrivacyLensApi;

  const state = () => [...api.controller.folders.values()][0];
  const notAnalysed = () => {
    const group = api.inventory.getChildren().find((n) => labelOf(api.inventory.getTreeItem(n)).startsWith('Not analysed'));
    if (!group) return undefined;
    const items = api.inventory.getChildren(group).map((n) => api.inventory.getTreeItem(n));
    return { label: labelOf(api.inventory.getTreeItem(group)), entries: items.map((i) => `${labelOf(i)}: ${String(i.description)}`) };
  };

  before(async () => {
    api = await lensApi();
    // The hostile shapes of the robustness issue: a link to a device, a file over the limit.
    symlinkSync('/dev/zero', gitignore());
    // Valid JSON, so that VS Code's own npm extension can parse it.
    writeFileSync(packageJson(), `{ "name": "e2e-shop", "description": "${'x'.repeat(5 * 1024 * 1024)}" }\n`);
  });

  after(async () => {
    rmSync(gitignore(), { force: true });
    rmSync(packageJson(), { force: true });
    await vscode.commands.executeCommand('privacyLens.scanWorkspace');
  });

  it('Scan Workspace re-reads them and lists both, with the reason, in the Inventory view', async () => {
    await vscode.commands.executeCommand('privacyLens.scanWorkspace');
    assert.deepEqual(state().session.configNotRead.map((s) => `${s.file}: ${s.reason}`), [`package.json: ${TOO_LARGE}`, `.gitignore: ${DEVICE}`]);
    const listed = await waitFor('the Not analysed group', notAnalysed);
    assert.equal(listed.label, 'Not analysed (2)');
    assert.deepEqual(listed.entries, [`package.json: ${TOO_LARGE}`, `.gitignore: ${DEVICE}`]);
  });

  it('turns the status bar to a warning whose tooltip names them, as vscode-eslint does', () => {
    assert.equal(backgroundOf(api), 'statusBarItem.warningBackground');
    const tooltip = tooltipOf(api);
    assert.match(tooltip, /Configuration files not read/);
    assert.ok(tooltip.includes(`\`package.json\`: \`${TOO_LARGE}\``), tooltip);
    assert.ok(tooltip.includes(`\`.gitignore\`: \`${DEVICE}\``), tooltip);
    assert.match(tooltip, /\[Show Output\]\(command:privacyLens\.showOutput\)/);
  });

  it('writes each to the output once, in the words of the CLI', async () => {
    const name = vscode.workspace.workspaceFolders![0].name;
    const text = await waitFor('the log lines', async () => {
      const t = await outputText(api);
      return t.includes(`${name}/.gitignore not analysed: ${DEVICE}`) && t;
    });
    assert.ok(text.includes(`${name}/package.json not analysed: ${TOO_LARGE}`), text);
  });

  it('still checks the open files', async () => {
    await vscode.window.showTextDocument(file('src/signup.ts'));
    assert.deepEqual(await waitFor('findings', () => ruleLines(file('src/signup.ts')).length === 2 && ruleLines(file('src/signup.ts'))), ['pii-in-logs@11', 'undeclared-vendor@10']);
  });

  it('a policy.file that is a FIFO is a diagnostic in the manifest, at policy.file', async () => {
    const manifest = file('data-inventory.yaml');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(manifest));
    const policy = join(folder().fsPath, 'privacy.md');
    // A FIFO (a link to /dev/zero would be refused earlier, as a link out of the workspace).
    execFileSync('mkfifo', [policy]);
    try {
      await rewrite(manifest, `${text}policy:\n  file: privacy.md\n`);
      const line = text.split('\n').length + 1;
      const drift = await waitFor('the policy-drift diagnostic', () => lensDiagnostics(manifest).find((d) => typeof d.code === 'object' && d.code.value === 'policy-drift'));
      assert.equal(drift.message, 'policy.file privacy.md cannot be read (it is a FIFO, not a regular file), so the manifest cannot be compared with the policy');
      assert.equal(drift.range.start.line + 1, line);
    } finally {
      await rewrite(manifest, text);
      rmSync(policy, { force: true });
    }
    await waitFor('the diagnostic to go', () => lensDiagnostics(manifest).length === 0);
  });

  it('once they are fixed, the next re-read drops them and the log says they are read again', async () => {
    rmSync(gitignore());
    writeFileSync(packageJson(), '{ "name": "e2e-shop" }\n');
    await vscode.commands.executeCommand('privacyLens.scanWorkspace');
    await waitFor('the list to empty', () => state().session.configNotRead.length === 0 && notAnalysed() === undefined);
    assert.equal(backgroundOf(api), undefined);
    assert.doesNotMatch(tooltipOf(api), /not read/);
    const name = vscode.workspace.workspaceFolders![0].name;
    await waitFor('"read again" in the log', async () => (await outputText(api)).includes(`${name}/package.json is read again`));
  });
});
