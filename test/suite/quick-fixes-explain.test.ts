import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { file, lensDiagnostics, waitFor } from './helpers';

/** "Privacy Lens: Explain This Line" and the "Explain this finding" code action, in a real VS Code. */
describe('Privacy Lens explain in the editor', function () {
  this.timeout(90_000);
  const signup = () => file('src/signup.ts');
  const explanation = () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'privacy-lens-explain');

  afterEach(async () => {
    for (const e of vscode.window.visibleTextEditors.filter((x) => x.document.uri.scheme === 'privacy-lens-explain')) {
      await vscode.window.showTextDocument(e.document, e.viewColumn);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  it('explains the cursor line beside the code: the sink, the data and each rule verdict', async () => {
    const editor = await vscode.window.showTextDocument(signup());
    editor.selection = new vscode.Selection(9, 4, 9, 4);
    await vscode.commands.executeCommand('privacyLens.explainLine');
    const shown = await waitFor('the explanation document', () => explanation());
    const text = shown.document.getText();
    assert.equal(shown.document.uri.path, '/src/signup.ts:10.txt');
    assert.match(text, /^src\/signup\.ts:10 {2}mixpanel\.track\('signup', \{ distinct_id: email \}\);/);
    assert.match(text, /call 1: mixpanel\.track\(\.\.\.\)/);
    assert.match(text, /user\.contact\.email/);
    assert.match(text, /undeclared-vendor/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), signup().toString(), 'the focus stays in the code');
  });

  it('explains the unsaved text: a line added in the editor is explained as it is now', async () => {
    const editor = await vscode.window.showTextDocument(signup());
    await editor.edit((e) => e.insert(new vscode.Position(11, 0), "  console.info('signed up', email);\n"));
    try {
      await vscode.commands.executeCommand('privacyLens.explainLine', signup(), new vscode.Position(11, 2));
      const shown = await waitFor('the explanation of the new line', () => explanation()?.document.uri.path === '/src/signup.ts:12.txt' && explanation());
      assert.match(shown.document.getText(), /console\.info\('signed up', email\)/);
      assert.match(shown.document.getText(), /pii-in-logs/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert', signup());
    }
  });

  it('"Explain this finding" opens the explanation of the diagnostic line', async () => {
    await vscode.window.showTextDocument(signup());
    const d = await waitFor('the pii-in-logs diagnostic', () => lensDiagnostics(signup()).find((x) => typeof x.code === 'object' && x.code.value === 'pii-in-logs'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', signup(), d.range, vscode.CodeActionKind.QuickFix.value);
    const explain = actions.find((a) => a.title === 'Explain this finding');
    assert.ok(explain?.command, 'the code action is offered');
    await vscode.commands.executeCommand(explain.command.command, ...(explain.command.arguments ?? []));
    const shown = await waitFor('the explanation of line 11', () => explanation()?.document.uri.path === '/src/signup.ts:11.txt' && explanation());
    assert.match(shown.document.getText(), /console\.log\(\.\.\.\)/);
    assert.match(shown.document.getText(), /pii-in-logs/);
  });
});
