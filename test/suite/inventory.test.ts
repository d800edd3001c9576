import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, waitFor } from './helpers';

/** The parts of the inventory tree provider the tests use (the extension's API returns it). */
interface Tree {
  getChildren(node?: unknown): unknown[];
  getTreeItem(node: unknown): vscode.TreeItem;
}

const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label ?? '');

describe('Inventory view and Data Map panel', function () {
  this.timeout(90_000);
  let tree: Tree;

  before(async () => {
    const ext = vscode.extensions.getExtension<{ inventory: Tree }>(EXTENSION_ID);
    assert.ok(ext);
    const api = await waitFor('activation', () => ext.isActive && ext.exports);
    tree = api.inventory;
    await vscode.commands.executeCommand('privacyLens.scanWorkspace');
  });

  const groups = () => tree.getChildren().map((n) => ({ node: n, item: tree.getTreeItem(n) }));
  const children = (node: unknown) => tree.getChildren(node).map((n) => ({ node: n, item: tree.getTreeItem(n) }));

  it("shows the fixture workspace's vendors, categories and purposes with their counts", async () => {
    const labels = await waitFor('the scanned inventory', () => {
      const l = groups().map((g) => label(g.item));
      return l.join() === 'Vendors (3),Data categories (2),Purposes (1)' && l;
    });
    assert.deepEqual(labels, ['Vendors (3)', 'Data categories (2)', 'Purposes (1)']);
    const [vendors, categories, purposes] = groups();
    assert.equal(vendors.item.description, '2 undeclared');
    assert.deepEqual(
      children(vendors.node).map((c) => [label(c.item), c.item.description, (c.item.iconPath as vscode.ThemeIcon).id, c.item.contextValue]),
      [
        ['Stripe', '1 call site · 2 categories', 'cloud-upload', 'vendor.declared'],
        ['HubSpot', 'undeclared · 2 call sites · 1 category', 'warning', 'vendor.undeclared'],
        ['Mixpanel', 'undeclared · 1 call site · 1 category', 'warning', 'vendor.undeclared'],
      ],
    );
    assert.deepEqual(children(categories.node).map((c) => [label(c.item), c.item.description]), [
      ['user.contact.email', '3 locations · 1 purpose, 3 vendors'],
      ['user.name', '1 location · 1 purpose, 1 vendor'],
    ]);
    assert.deepEqual(children(purposes.node).map((c) => [label(c.item), c.item.description]), [['account', '3 locations · 2 categories, 3 vendors']]);
  });

  it('lists what a vendor receives and its call sites; a click on a call site reveals the code', async () => {
    const hubspot = children(groups()[0].node)[1];
    const inside = children(hubspot.node);
    assert.deepEqual(inside.map((c) => label(c.item)), ['user.contact.email', 'src/contact.ts:3', 'src/lib/crm.ts:3']);
    const site = inside[1].item.command;
    assert.ok(site);
    await vscode.commands.executeCommand(site.command, ...(site.arguments ?? []));
    await waitFor('contact.ts at line 3', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.path.endsWith('src/contact.ts') && e.selection.active.line === 2;
    });
  });

  it('Reveal Code on a vendor opens its first call site', async () => {
    const mixpanel = children(groups()[0].node)[2];
    await vscode.commands.executeCommand('privacyLens.revealInCode', mixpanel.node);
    await waitFor('signup.ts at line 10', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.path.endsWith('src/signup.ts') && e.selection.active.line === 9;
    });
  });

  it('opens the Data Map panel, a webview', async () => {
    await vscode.commands.executeCommand('privacyLens.showDataMap');
    const tab = await waitFor('the data map tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('privacyLens.dataMap')),
    );
    assert.equal(tab.label, 'Privacy Lens: Data Map');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
