import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { PrivacyLensApi } from '../../src/extension/main';
import { backgroundOf, file, folder, labelOf, lensApi, outputText, ruleLines, tooltipOf, waitFor } from '../suite/helpers';

/**
 * Privacy Lens in a restricted (untrusted) workspace. test/e2e/run.mjs opens this copy untrusted,
 * with workspace settings that point elsewhere: privacyLens.manifest at ../outside/data-inventory.yaml
 * (system "Outside the folder"), include ["nothing/**"], exclude ["**"], and rules
 * { "pii-in-logs": "off" }, which is not restricted; the user settings exclude src/unopened.ts; the
 * copy's package.json is over the size limit.
 */
describe('Privacy Lens in a restricted workspace', function () {
  this.timeout(150_000);
  const signup = () => file('src/signup.ts');
  const outside = () => join(folder().fsPath, '..', 'outside', 'data-inventory.yaml');
  let api: PrivacyLensApi;
  const state = () => [...api.controller.folders.values()][0];
  const system = () => (state().manifest.status === 'ok' ? (state().manifest as { manifest: { system?: string } }).manifest.system : state().manifest.status);

  before(async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the harness opens this folder untrusted');
    api = await lensApi();
  });

  it('activates, reads the manifest of the folder and checks an open file', async () => {
    assert.equal(state().manifestUri.toString(), file('data-inventory.yaml').toString());
    assert.equal(system(), 'E2E shop');
    await vscode.window.showTextDocument(signup());
    // pii-in-logs is off by a workspace setting that is not restricted: the workspace settings are read.
    assert.deepEqual(await waitFor('diagnostics in signup.ts', () => ruleLines(signup()).length > 0 && ruleLines(signup())), ['undeclared-vendor@10']);
  });

  it('ignores the workspace values of manifest, include and exclude, and applies the user values', async () => {
    const c = vscode.workspace.getConfiguration('privacyLens', folder());
    assert.equal(c.get('manifest'), 'data-inventory.yaml');
    assert.deepEqual(c.get('include'), []);
    assert.deepEqual(c.get('exclude'), ['src/unopened.ts'], 'the user value');
    assert.deepEqual(state().settings.exclude, ['src/unopened.ts']);
    await vscode.commands.executeCommand('privacyLens.scanWorkspace');
    await waitFor('scan results in contact.ts', () => ruleLines(file('src/contact.ts')).join() === 'undeclared-vendor@3');
    assert.deepEqual(ruleLines(file('src/unopened.ts')), [], 'excluded by the user setting');
  });

  it('says so in the status bar and the output, and lists the refused package.json from activation on', async () => {
    assert.match(tooltipOf(api), /Restricted mode: workspace settings for paths \(`privacyLens\.manifest`, `privacyLens\.include`, `privacyLens\.exclude`, `privacyLens\.baseline`\) are ignored; user settings apply\./);
    assert.ok(tooltipOf(api).includes('`package.json`: `not read: larger than the size limit (5.0 MiB > 4.0 MiB)`'), tooltipOf(api));
    assert.equal(backgroundOf(api), 'statusBarItem.warningBackground');
    const text = await waitFor('the log', async () => {
      const t = await outputText(api);
      return t.includes('in restricted mode') && t;
    });
    assert.match(text, /activated for 1 folder\(s\) in restricted mode/);
    assert.match(text, /restricted mode: the workspace values of privacyLens\.manifest, privacyLens\.include, privacyLens\.exclude, privacyLens\.baseline are ignored, user values apply/);
    // logged when the folder was first read, on activation, before any scan
    const first = text.indexOf('/package.json not analysed: not read: larger than the size limit (5.0 MiB > 4.0 MiB)');
    assert.ok(first >= 0 && first < text.indexOf('activated for 1 folder(s)'), text);
    const group = api.inventory.getChildren().map((n) => api.inventory.getTreeItem(n)).find((i) => labelOf(i).startsWith('Not analysed'));
    assert.equal(group && labelOf(group), 'Not analysed (1)');
  });

  it('takes the workspace values once the workspace is trusted', async () => {
    await vscode.commands.executeCommand('workbench.trust.manage');
    // The harness waits for this line and clicks "Trust" in the Workspace Trust editor.
    console.log('[privacy-lens-e2e] grant workspace trust');
    await waitFor('workspace trust', () => vscode.workspace.isTrusted, 90_000);
    await waitFor('the workspace manifest setting', () => state().settings.manifest === '../outside/data-inventory.yaml');
    assert.equal(state().manifestUri.fsPath, outside());
    await waitFor('the manifest outside the folder to be read', () => system() === 'Outside the folder');
    assert.deepEqual(state().settings.exclude, ['**']);
    await waitFor('signup.ts, now excluded, to lose its diagnostics', () => ruleLines(signup()).length === 0);
    await waitFor('the status bar to drop the restricted-mode sentence', () => !tooltipOf(api).includes('Restricted mode'));
    await waitFor('the log', async () => (await outputText(api)).includes('workspace trusted: the workspace values of privacyLens.manifest'));
  });
});
