import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, file, lensDiagnostics, rewrite, ruleLines, waitFor } from './helpers';

describe('Privacy Lens in VS Code', function () {
  this.timeout(90_000);
  const signup = () => file('src/signup.ts');
  const manifest = () => file('data-inventory.yaml');
  let manifestText = '';

  before(async () => {
    manifestText = new TextDecoder().decode(await vscode.workspace.fs.readFile(manifest()));
  });

  it('activates in a workspace with a data-inventory.yaml, from the development copy', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    await waitFor('activation', () => ext.isActive);
    // The harness switches workspace trust off here (the restricted run in test/suite-restricted switches it on).
    assert.equal(vscode.workspace.isTrusted, true);
    assert.ok(ext.packageJSON.contributes.commands.some((c: { command: string }) => c.command === 'privacyLens.scanWorkspace'));
  });

  it('shows diagnostics with rule ids on the right lines when a file is opened', async () => {
    await vscode.window.showTextDocument(signup());
    const lines = await waitFor('diagnostics in signup.ts', () => {
      const r = ruleLines(signup());
      return r.length >= 2 && r;
    });
    assert.deepEqual(lines, ['pii-in-logs@11', 'undeclared-vendor@10']);
  });

  it('attributes each diagnostic: source, code with docs link, severity, data path', () => {
    const d = lensDiagnostics(signup()).find((x) => typeof x.code === 'object' && x.code.value === 'undeclared-vendor');
    assert.ok(d);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /user\.contact\.email is sent to Mixpanel, which is not in the sharing list/);
    assert.ok(typeof d.code === 'object' && /#rule-undeclared-vendor$/.test(d.code.target.toString()));
    const related = (d.relatedInformation ?? []).map((r) => `${r.location.range.start.line + 1}: ${r.message}`);
    assert.deepEqual(related, ['8: email read from the request body (user.contact.email)', '10: passed to mixpanel.track() here']);
  });

  it('shows a hover with the data, purpose, vendor and data path', async () => {
    const hovers = await waitFor('a hover', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', signup(), new vscode.Position(9, 12));
      return h.length > 0 && h;
    });
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /undeclared-vendor/);
    assert.match(text, /`user\.contact\.email`/);
    assert.match(text, /`account` \(from the manifest paths/);
    assert.match(text, /Mixpanel \(`mixpanel`\), not on the sharing list/);
    assert.match(text, /Data path/);
    assert.match(text, /email read from the request body/);
  });

  it('re-checks as the user types', async () => {
    const editor = await vscode.window.showTextDocument(signup());
    const line = editor.document.lineAt(10);
    await editor.edit((e) => e.delete(line.rangeIncludingLineBreak));
    await waitFor('the log finding to go', () => ruleLines(signup()).join() === 'undeclared-vendor@10');
    await vscode.commands.executeCommand('undo');
    await waitFor('the log finding to come back', () => ruleLines(signup()).length === 2);
  });

  it('Scan Workspace fills the Problems panel for files that are not open', async () => {
    const unopened = file('src/unopened.ts');
    assert.deepEqual(ruleLines(unopened), []);
    await vscode.commands.executeCommand('privacyLens.scanWorkspace');
    assert.deepEqual(await waitFor('scan results', () => ruleLines(unopened).length > 0 && ruleLines(unopened)), ['unknown-recipient@2']);
    // A flow through a wrapper in another module is reported at the call site, with every hop.
    const contact = file('src/contact.ts');
    assert.deepEqual(ruleLines(contact), ['undeclared-vendor@3']);
    const hops = lensDiagnostics(contact)[0].relatedInformation?.map((r) => r.message) ?? [];
    assert.ok(hops.some((m) => m.includes('passed to syncContact() in src/lib/crm.ts')), hops.join(' | '));
    assert.deepEqual(ruleLines(signup()), ['pii-in-logs@11', 'undeclared-vendor@10']);
  });

  it('a manifest edit updates the diagnostics', async () => {
    const declared = manifestText.replace('vendors:\n', 'vendors:\n  - id: mixpanel\n    purposes: [account]\n    categories: [user.contact.email]\n');
    await rewrite(manifest(), declared);
    await waitFor('undeclared-vendor to go', () => ruleLines(signup()).join() === 'pii-in-logs@11');
  });

  it('shows the manifest\'s own errors in the manifest, positioned', async () => {
    await rewrite(manifest(), manifestText.replace('  - user.name\n', '  - user.nmae\n'));
    const diags = await waitFor('manifest diagnostics', () => {
      const d = lensDiagnostics(manifest());
      return d.length > 0 && d;
    });
    assert.equal(diags[0].range.start.line + 1, 5);
    assert.match(diags[0].message, /"user\.nmae" is not a built-in category/);
    await rewrite(manifest(), manifestText);
    await waitFor('manifest diagnostics to clear', () => lensDiagnostics(manifest()).length === 0);
    await waitFor('findings to return', () => ruleLines(signup()).join() === 'pii-in-logs@11,undeclared-vendor@10');
  });

  it('Scan Workspace shows an undeclared category once, with its other places as related information; an open file keeps its own', async () => {
    const emailUndeclared = manifestText.replace('  - user.contact.email\n', '').replace(/\[user\.name, user\.contact\.email\]/g, '[user.name]');
    assert.notEqual(emailUndeclared, manifestText);
    await vscode.window.showTextDocument(signup());
    await rewrite(manifest(), emailUndeclared);
    await waitFor('the open file\'s own finding', () => ruleLines(signup()).includes('undeclared-category@8'));
    await vscode.commands.executeCommand('privacyLens.scanWorkspace');
    const contact = file('src/contact.ts');
    const d = await waitFor('the workspace finding', () => lensDiagnostics(contact).find((x) => typeof x.code === 'object' && x.code.value === 'undeclared-category'));
    assert.match(d.message, /^user\.contact\.email is processed here \(.*\) and in 2 other places in 2 files, but is not declared under categories$/);
    const related = (d.relatedInformation ?? []).map((r) => `${vscode.workspace.asRelativePath(r.location.uri)}:${r.location.range.start.line + 1} ${r.message}`);
    assert.deepEqual(related.slice(1), ['src/signup.ts:8 also here: email read from the request body (user.contact.email)', 'src/unopened.ts:2 also here: user.email, a field its record\'s type declares (user.contact.email)']);
    assert.deepEqual(ruleLines(file('src/unopened.ts')), ['unknown-recipient@2'], 'a file that is not open shows no second finding');
    assert.ok(ruleLines(signup()).includes('undeclared-category@8'), `the open file keeps its own: ${ruleLines(signup())}`);
    await rewrite(manifest(), manifestText);
    await waitFor('undeclared-category to go', () => !ruleLines(contact).some((r) => r.startsWith('undeclared-category')) && !ruleLines(signup()).some((r) => r.startsWith('undeclared-category')));
  });
});
