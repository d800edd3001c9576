import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { file, keepFiles, lensDiagnostics, rewrite, ruleLines, waitFor } from './helpers';

describe('Privacy Lens quick fixes', function () {
  this.timeout(90_000);
  const signup = () => file('src/signup.ts');
  const manifest = () => file('data-inventory.yaml');
  const original = keepFiles('data-inventory.yaml', 'src/signup.ts');
  const manifestText = () => original.get('data-inventory.yaml')!;

  before(async () => {
    await vscode.window.showTextDocument(signup());
    await waitFor('diagnostics', () => ruleLines(signup()).join() === 'pii-in-logs@11,undeclared-vendor@10');
  });

  async function actionsFor(rule: string): Promise<vscode.CodeAction[]> {
    const d = lensDiagnostics(signup()).find((x) => typeof x.code === 'object' && x.code.value === rule);
    assert.ok(d, `a ${rule} diagnostic`);
    return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', signup(), d.range, vscode.CodeActionKind.QuickFix.value);
  }

  it('offers the fixes in a stable order, the manifest fix preferred', async () => {
    // Other providers (TypeScript's) may add actions for the same range: keep Privacy Lens's own.
    const ours = /sharing list|purpose…|^Ignore undeclared-vendor|^Show documentation for undeclared-vendor|^Explain this finding/;
    const actions = (await actionsFor('undeclared-vendor')).filter((a) => ours.test(a.title));
    assert.deepEqual(actions.map((a) => a.title), [
      'Add Mixpanel to the sharing list',
      'Mark this code\'s purpose…',
      'Ignore undeclared-vendor on this line',
      'Show documentation for undeclared-vendor',
      'Explain this finding',
    ]);
    assert.deepEqual(actions.map((a) => a.isPreferred === true), [true, false, false, false, false]);
  });

  it('"Add Mixpanel to the sharing list" edits the manifest, keeps its comments, and re-checks', async () => {
    const add = (await actionsFor('undeclared-vendor')).find((a) => a.title === 'Add Mixpanel to the sharing list');
    assert.ok(add?.edit && (await vscode.workspace.applyEdit(add.edit)));
    const doc = await vscode.workspace.openTextDocument(manifest());
    assert.ok(doc.getText().startsWith(manifestText().split('vendors:')[0]), 'everything before the vendors is kept byte for byte');
    assert.match(doc.getText(), /- id: mixpanel/);
    await waitFor('the undeclared-vendor diagnostic to go', () => ruleLines(signup()).join() === 'pii-in-logs@11');
    await vscode.commands.executeCommand('workbench.action.files.revert', manifest());
    await rewrite(manifest(), manifestText());
    await waitFor('the finding to come back', () => ruleLines(signup()).join() === 'pii-in-logs@11,undeclared-vendor@10');
  });

  it('"Ignore on this line" inserts the annotation and puts the cursor where the reason goes', async () => {
    const ignore = (await actionsFor('pii-in-logs')).find((a) => a.title === 'Ignore pii-in-logs on this line');
    assert.ok(ignore?.edit && (await vscode.workspace.applyEdit(ignore.edit)));
    if (ignore.command) await vscode.commands.executeCommand(ignore.command.command, ...(ignore.command.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.lineAt(10).text, '  // privacy-lens-ignore-next-line pii-in-logs -- ');
    assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [10, 50]);
    await waitFor('the log finding to be ignored', () => ruleLines(signup()).join() === 'undeclared-vendor@10');
  });
});

describe('Privacy Lens quick fixes on the manifest side', function () {
  this.timeout(90_000);
  const signup = () => file('src/signup.ts');
  const manifest = () => file('data-inventory.yaml');
  const original = keepFiles('data-inventory.yaml', 'src/signup.ts');
  const manifestText = () => original.get('data-inventory.yaml')!;

  async function applyFix(rule: string, title: string): Promise<void> {
    const d = await waitFor(`a ${rule} diagnostic`, () => lensDiagnostics(signup()).find((x) => typeof x.code === 'object' && x.code.value === rule));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', signup(), d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === title);
    assert.ok(fix?.edit, `"${title}" among: ${actions.map((a) => a.title).join('; ')}`);
    assert.ok(fix.isPreferred);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
  }

  it('"Declare user.name for Stripe" fixes undeclared-sharing', async () => {
    await rewrite(manifest(), manifestText().replace(/(vendors:[\s\S]*?categories: )\[user\.name, user\.contact\.email\]/, '$1[user.contact.email]'));
    await vscode.window.showTextDocument(signup());
    await applyFix('undeclared-sharing', 'Declare user.name for Stripe');
    await waitFor('undeclared-sharing to go', () => !ruleLines(signup()).some((r) => r.startsWith('undeclared-sharing')));
    const doc = await vscode.workspace.openTextDocument(manifest());
    assert.match(doc.getText(), /# Fixture workspace for the tests in a real VS Code\./);
  });

  it('"Mark this code\'s purpose…" inserts the annotation chosen from the manifest\'s purposes', async () => {
    await rewrite(manifest(), manifestText());
    const editor = await vscode.window.showTextDocument(signup());
    const running = vscode.commands.executeCommand('privacyLens.markPurpose', signup(), 9);
    await new Promise((r) => setTimeout(r, 300));
    await waitFor('the purpose to be picked', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return editor.document.lineAt(9).text.includes('privacy-lens purpose=');
    }, 10_000);
    await running;
    assert.equal(editor.document.lineAt(9).text, '  // privacy-lens purpose=account');
  });
});
