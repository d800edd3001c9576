import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../../src/extension/commands';

const root = join(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const source = (path: string) => readFileSync(join(root, path), 'utf8');

/** package.json contributions checked against the code (vscode-codeql's command-lint idea). */
describe('package.json', () => {
  it('contributes exactly the commands of the command table', () => {
    const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(contributed, Object.values(COMMANDS).sort());
    for (const c of pkg.contributes.commands) assert.equal(c.category, 'Privacy Lens', c.command);
  });

  it('registers a handler for every command', () => {
    const main = source('src/extension/main.ts');
    for (const key of Object.keys(COMMANDS)) assert.match(main, new RegExp(`COMMANDS\\.${key}\\b`), key);
  });

  it('menus, views and welcome content name only contributed commands and views', () => {
    const commands = new Set(Object.values(COMMANDS));
    for (const [menu, items] of Object.entries<{ command: string }[]>(pkg.contributes.menus)) {
      for (const item of items) assert.ok(commands.has(item.command as never), `${menu}: ${item.command}`);
    }
    const views = pkg.contributes.views.privacyLens.map((v: { id: string }) => v.id);
    assert.deepEqual(views, ['privacyLens.inventory']);
    assert.equal(pkg.contributes.viewsContainers.activitybar[0].icon, 'media/inventory.svg');
    for (const w of pkg.contributes.viewsWelcome) {
      assert.ok(views.includes(w.view));
      for (const m of (w.contents as string).matchAll(/\(command:([\w.]+)\)/g)) assert.ok(commands.has(m[1] as never), m[1]);
    }
  });

  it('walks through creating the inventory, scanning, a finding, its fix and the data map', () => {
    const [walkthrough] = pkg.contributes.walkthroughs;
    assert.deepEqual(walkthrough.steps.map((s: { id: string }) => s.id), ['create', 'scan', 'finding', 'fix', 'map']);
    const commands = new Set<string>([...Object.values(COMMANDS), 'workbench.actions.view.problems']);
    for (const step of walkthrough.steps) {
      assert.ok(existsSync(join(root, step.media.markdown)), step.media.markdown);
      for (const m of (step.description as string).matchAll(/\(command:([\w.]+)\)/g)) assert.ok(commands.has(m[1]), m[1]);
    }
    assert.match(source('.vscodeignore'), /^!media\/walkthrough\/\*\*$/m);
  });

  it('the data map page: one panel class, CSP default-src none with a nonce, script and style from media/', () => {
    const panel = source('src/extension/data-map-panel.ts');
    assert.match(panel, /default-src 'none'; style-src \$\{webview\.cspSource\}; script-src 'nonce-\$\{nonce\}'/);
    assert.match(panel, /localResourceRoots: \[media\]/);
    assert.match(panel, /<script nonce="\$\{nonce\}" src="\$\{script\}"><\/script>/);
    const page = source('media/data-map.js');
    assert.doesNotMatch(page, /https?:\/\/(?!www\.w3\.org\/2000\/svg)|eval\(|new Function|innerHTML/);
    assert.match(source('media/data-map.css'), /var\(--vscode-editor-foreground\)/);
  });

  it('declares every setting the extension reads, each documented', () => {
    const props = pkg.contributes.configuration.properties;
    const read = [...source('src/extension/settings.ts').matchAll(/c\.get<.*?>\('(\w+)'/g)].map((m) => `privacyLens.${m[1]}`);
    assert.deepEqual(Object.keys(props).sort(), [...new Set(read)].sort());
    for (const [key, p] of Object.entries<{ markdownDescription?: string; default?: unknown }>(props)) {
      assert.ok(p.markdownDescription && p.default !== undefined, key);
      assert.match(source('README.md'), new RegExp(key.replace('.', '\\.')), `${key} is in the README`);
    }
  });

  it('activates only where it matters and declares untrusted-workspace support', () => {
    assert.ok(!pkg.activationEvents.includes('*'));
    assert.ok(pkg.activationEvents.includes('workspaceContains:**/data-inventory.yaml'));
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  });

  it('targets a VS Code the offline test machine has, with matching types', () => {
    const floor = /^\^(\d+)\.(\d+)/.exec(pkg.engines.vscode);
    assert.ok(floor && Number(floor[1]) === 1 && Number(floor[2]) <= 139);
    assert.equal(pkg.devDependencies['@types/vscode'].replace(/^[\^~]/, ''), `${floor[1]}.${floor[2]}.0`);
  });

  it('points main, bin and the YAML schema at the bundles the build writes, and ships them', () => {
    assert.equal(pkg.main, './dist/extension.js');
    assert.equal(pkg.bin['privacy-lens'], 'dist/cli.js');
    assert.equal(pkg.contributes.yamlValidation[0].url, './dist/data-inventory.schema.json');
    const ignore = source('.vscodeignore');
    for (const f of ['dist/extension.js', 'dist/worker.js', 'dist/cli.js', 'dist/parser.js', 'dist/data-inventory.schema.json', 'media/icon.png', 'media/inventory.svg']) assert.match(ignore, new RegExp(`^!${f.replace('.', '\\.')}$`, 'm'), f);
  });

  it('documents every rule in the README', () => {
    const readme = source('README.md');
    for (const id of ['undeclared-vendor', 'undeclared-sharing', 'vendor-purpose-mismatch', 'undeclared-purpose', 'undeclared-category', 'unknown-recipient', 'pii-in-logs', 'unused-vendor', 'unused-category', 'unresolved-flow', 'manifest-invalid', 'annotation-invalid']) {
      assert.match(readme, new RegExp(`<a id="rule-${id}"></a>`), id);
    }
  });
});
