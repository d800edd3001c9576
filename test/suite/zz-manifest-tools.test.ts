import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { file, lensDiagnostics, rewrite, waitFor } from './helpers';

describe('Privacy Lens manifest tools', function () {
  this.timeout(90_000);
  const manifest = () => file('data-inventory.yaml');
  let manifestText = '';

  before(async () => {
    manifestText = new TextDecoder().decode(await vscode.workspace.fs.readFile(manifest()));
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await rewrite(manifest(), manifestText);
  });

  it('"Create Inventory from Code" adds what is new to the manifest as one edit, keeping its comments', async () => {
    await vscode.commands.executeCommand('privacyLens.createInventoryFromCode');
    const doc = await vscode.workspace.openTextDocument(manifest());
    await waitFor('the manifest edit', () => doc.getText() !== manifestText);
    assert.match(doc.getText(), /- id: mixpanel/);
    assert.ok(doc.getText().startsWith('# Fixture workspace for the tests in a real VS Code.\n'), 'the comment is kept');
    assert.ok(doc.isDirty, 'an edit, not a save: one undo reverts it');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await waitFor('undo to revert the whole edit', () => doc.getText() === manifestText);
  });

  it('"Draft Manifest from Privacy Policy…" opens a draft that names the policy\'s vendors', async () => {
    const policy = file('docs/privacy.md');
    const text = '# Privacy\n\nWe use Stripe® to process payments and Mixpanel to understand how the product is used.\n';
    await vscode.workspace.fs.writeFile(policy, new TextEncoder().encode(text));
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('privacyLens.draftFromPolicy', policy);
    assert.ok(doc);
    assert.equal(doc.languageId, 'yaml');
    assert.match(doc.getText(), /- id: stripe/);
    assert.match(doc.getText(), /- id: mixpanel/);
    assert.match(doc.getText(), /policy line 3/);
  });

  it('offers "Remove" on an unused vendor, and removing it clears the finding', async () => {
    await rewrite(manifest(), `${manifestText}  - id: zendesk\n    purposes: [account]\n    categories: [user.contact.email]\n`);
    await vscode.commands.executeCommand('privacyLens.scanWorkspace');
    const d = await waitFor('unused-vendor in the manifest', () =>
      lensDiagnostics(manifest()).find((x) => typeof x.code === 'object' && x.code.value === 'unused-vendor'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', manifest(), d.range, vscode.CodeActionKind.QuickFix.value);
    const remove = actions.find((a) => a.title === 'Remove Zendesk from the sharing list');
    assert.ok(remove?.edit, actions.map((a) => a.title).join('; '));
    assert.ok(await vscode.workspace.applyEdit(remove.edit));
    const doc = await vscode.workspace.openTextDocument(manifest());
    assert.equal(doc.getText(), manifestText);
    await doc.save();
    await vscode.commands.executeCommand('privacyLens.scanWorkspace');
    await waitFor('the unused-vendor finding to go', () => lensDiagnostics(manifest()).length === 0);
  });

  it('shows policy-drift in the manifest, as the CLI reports it', async () => {
    const policy = file('docs/policy-drift.md');
    await vscode.workspace.fs.writeFile(policy, new TextEncoder().encode('# Privacy\n\nWe share your email address with Mixpanel to understand how the product is used.\n'));
    try {
      await rewrite(manifest(), manifestText.replace('system: E2E shop\n', 'system: E2E shop\npolicy:\n  file: docs/policy-drift.md\n'));
      const drift = await waitFor('policy-drift in the manifest', () => {
        const found = lensDiagnostics(manifest()).filter((x) => typeof x.code === 'object' && x.code.value === 'policy-drift');
        return found.length >= 2 && found;
      });
      const messages = drift.map((d) => d.message).join('\n');
      assert.match(messages, /vendor "stripe" is on the sharing list but the policy docs\/policy-drift\.md does not name Stripe/);
      assert.match(messages, /names Mixpanel \(policy line 3\) but the sharing list does not declare vendor "mixpanel"/);
    } finally {
      await vscode.workspace.fs.delete(policy);
    }
  });
});
