import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { file, waitFor } from './helpers';

describe('Privacy Lens in data-inventory.yaml', function () {
  this.timeout(60_000);
  const manifest = () => file('data-inventory.yaml');
  let doc: vscode.TextDocument;

  before(async () => {
    doc = await vscode.workspace.openTextDocument(manifest());
    await vscode.window.showTextDocument(doc);
  });

  /** The position just after `text` on the first line containing it. */
  function after(text: string): vscode.Position {
    const offset = doc.getText().indexOf(text);
    assert.ok(offset >= 0, text);
    return doc.positionAt(offset + text.length);
  }

  it('completes vendor ids from the catalog, category keys and legal bases', async () => {
    const labels = async (at: vscode.Position) => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', manifest(), at);
      return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    };
    assert.ok((await labels(after('vendors:\n  - id: '))).includes('mixpanel'), 'vendor ids');
    assert.ok((await labels(after('categories: ['))).includes('user.contact.phone_number'), 'category keys');
    assert.ok((await labels(after('basis: '))).includes('legitimate_interest'), 'legal bases');
  });

  it('hovers on a vendor id with its packages and hosts', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', manifest(), after('  - id: str'));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*Stripe\*\*/);
    assert.match(text, /`stripe`/);
  });

  it('goes from a purpose reference to its declaration', async () => {
    const refs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', manifest(), after('purposes: [acc'));
    const target = refs.map((r) => ('targetRange' in r ? r.targetRange : r.range))[0];
    assert.ok(target);
    assert.equal(doc.lineAt(target.start.line).text.trim(), '- id: account');
  });

  it('shows "used in N places" on vendors and categories after a scan', async () => {
    await vscode.commands.executeCommand('privacyLens.scanWorkspace');
    const lenses = await waitFor('code lenses', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', manifest());
      return l.some((x) => x.command?.title.startsWith('stripe used in')) && l;
    });
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.includes('stripe used in 1 place'), titles.join('; '));
    assert.ok(titles.some((t) => /^user\.contact\.email used in [1-9]\d* places?$/.test(t)), titles.join('; '));
  });
});
