import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_IDS, RULE_META, ruleDocsUrl } from '../../src/engine';
import { COMMANDS } from '../../src/extension/commands';
import { installFakeVscode } from './fake-vscode';

const root = join(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const text = (path: string) => readFileSync(join(root, path), 'utf8');

/** Loads a compiled extension module with a stand-in `vscode` (see fake-vscode.ts). */
function loadWithFakeVscode(path: string) {
  const fake = installFakeVscode();
  // A fresh copy of the extension's modules, bound to this fake.
  for (const cached of Object.keys(require.cache)) if (cached.startsWith(join(root, 'out/src/extension'))) delete require.cache[cached];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return { module: require(join(root, 'out', path)), log: fake.log, restore: fake.restore };
}

/** package.json contributions checked against what the code does (vscode-codeql's command-lint idea). */
describe('package.json', () => {
  it('contributes exactly the commands of the command table', () => {
    const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(contributed, Object.values(COMMANDS).sort());
    for (const c of pkg.contributes.commands) assert.equal(c.category, 'Privacy Lens', c.command);
  });

  it('activate() registers a handler for every command of the table, and only those', async () => {
    const { module: main, log, restore } = loadWithFakeVscode('src/extension/main');
    try {
      const context = { subscriptions: [] as { dispose?: () => unknown }[], globalStorageUri: { fsPath: join(root, 'out/.fake-storage') } };
      const api = await main.activate(context);
      assert.ok(api, 'activation succeeded');
      for (const s of context.subscriptions) if (typeof s.dispose === 'function') s.dispose();
      assert.deepEqual([...log.commands].sort(), Object.values(COMMANDS).sort());
    } finally {
      restore();
    }
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
    assert.match(text('.vscodeignore'), /^!media\/walkthrough\/\*\*$/m);
  });

  it('the data map page: one panel class, CSP default-src none with a nonce, script and style from media/', () => {
    const panel = text('src/extension/data-map-panel.ts');
    assert.match(panel, /default-src 'none'; style-src \$\{webview\.cspSource\}; script-src 'nonce-\$\{nonce\}'/);
    assert.match(panel, /localResourceRoots: \[media\]/);
    assert.match(panel, /<script nonce="\$\{nonce\}" src="\$\{script\}"><\/script>/);
    const page = text('media/data-map.js');
    assert.doesNotMatch(page, /https?:\/\/(?!www\.w3\.org\/2000\/svg)|eval\(|new Function|innerHTML/);
    assert.match(text('media/data-map.css'), /var\(--vscode-editor-foreground\)/);
  });

  it('declares every setting the extension reads, with the default the code uses, each documented', () => {
    const { module: settings, log, restore } = loadWithFakeVscode('src/extension/settings');
    try {
      settings.readSettings(undefined);
    } finally {
      restore();
    }
    const read = log.settings;
    const props = pkg.contributes.configuration.properties as Record<string, { markdownDescription?: string; default?: unknown }>;
    assert.deepEqual(Object.keys(props).sort(), [...read.keys()].sort());
    const readme = text('README.md');
    for (const [key, p] of Object.entries(props)) {
      assert.deepEqual(p.default, read.get(key), `${key}: package.json's default is the one the code falls back to`);
      assert.ok(p.markdownDescription, key);
      assert.ok(readme.includes(`\`${key}\``), `${key} is in the README`);
    }
  });

  // Kept as declarations: only VS Code reads activation events, capabilities and engines, and the
  // in-host tests (test/suite, .ci/e2e.sh) are what exercise them in a real editor.
  it('activates only where it matters and declares untrusted-workspace support', () => {
    assert.ok(!pkg.activationEvents.includes('*'));
    assert.ok(pkg.activationEvents.includes('workspaceContains:**/data-inventory.yaml'));
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  });

  it('names in RESTRICTED_SETTINGS exactly the settings package.json restricts in untrusted workspaces', () => {
    const { module, restore } = loadWithFakeVscode('src/extension/settings.js');
    try {
      const restricted = (module.RESTRICTED_SETTINGS as string[]).map((k) => `privacyLens.${k}`);
      assert.deepEqual(restricted, pkg.capabilities.untrustedWorkspaces.restrictedConfigurations);
      for (const key of restricted) assert.ok(pkg.contributes.configuration.properties[key], key);
    } finally {
      restore();
    }
  });

  it("the scan's summary names the first files not analysed, each once", () => {
    const { module, restore } = loadWithFakeVscode('src/extension/scan-workspace.js');
    try {
      const skipped = (...files: string[]) => files.map((file) => ({ file, reason: 'not read: it is a FIFO, not a regular file' }));
      assert.equal(module.namesOf(skipped('package.json', '.gitignore', '.gitignore')), 'package.json, .gitignore');
      assert.equal(module.namesOf(skipped('a.ts', 'b.ts', 'c.ts', 'd.ts', 'e.ts')), 'a.ts, b.ts, c.ts and 2 more');
    } finally {
      restore();
    }
  });

  it('targets a VS Code the offline test machine has, with matching types', () => {
    const floor = /^\^(\d+)\.(\d+)/.exec(pkg.engines.vscode);
    assert.ok(floor && Number(floor[1]) === 1 && Number(floor[2]) <= 139);
    assert.equal(pkg.devDependencies['@types/vscode'].replace(/^[\^~]/, ''), `${floor[1]}.${floor[2]}.0`);
  });

  it('packages the files that main, bin, the YAML schema, the grammar and the icon point at (vsce ls, after the build)', () => {
    const listed = new Set(
      execFileSync(join(root, 'node_modules/.bin/vsce'), ['ls', '--no-dependencies'], { cwd: root, encoding: 'utf8', timeout: 60000 })
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    );
    const strip = (p: string) => p.replace(/^\.\//, '');
    const needed = [
      pkg.main,
      pkg.bin['privacy-lens'],
      ...pkg.contributes.yamlValidation.map((v: { url: string }) => v.url),
      ...pkg.contributes.grammars.map((g: { path: string }) => g.path),
      pkg.icon,
      'dist/worker.js',
      'dist/parser.js',
      'README.md',
      ...['manifest', 'annotations', 'rules', 'cli', 'json-output'].map((d) => `docs/${d}.md`),
    ].map(strip);
    for (const f of needed) assert.ok(listed.has(f), `${f} is in the .vsix (${[...listed].join(', ')})`);
  });
});

describe('rule documentation', () => {
  it('the registry has metadata for every rule id, and only those', () => {
    assert.deepEqual(RULE_META.map((m) => m.id), [...RULE_IDS]);
  });

  it('documents every rule of the registry in the README, where ruleDocsUrl points', () => {
    const readme = text('README.md');
    for (const { id, defaultSeverity } of RULE_META) {
      const anchor = `rule-${id}`;
      assert.ok(ruleDocsUrl(id).endsWith(`/README.md#${anchor}`), id);
      const row = readme.split('\n').find((l) => l.includes(`<a id="${anchor}"></a>\`${id}\``));
      assert.ok(row, `README has the anchor ${anchor}`);
      assert.match(row, new RegExp(`\\|\\s*${defaultSeverity}\\s*\\|`), `${id}: README says default ${defaultSeverity}`);
    }
  });

  it('documents every rule of the registry in docs/rules.md: a row with its default severity and a section', () => {
    const doc = text('docs/rules.md');
    for (const { id, defaultSeverity } of RULE_META) {
      assert.match(doc, new RegExp(`^\\| \\[\`${id}\`\\]\\(#${id}\\) \\| ${defaultSeverity} \\|`, 'm'), `${id}: a table row with default ${defaultSeverity}`);
      const section = new RegExp(`^## ${id}\\n\\n\\*\\*Default: ${defaultSeverity}\\.`, 'm');
      assert.match(doc, section, `${id}: a section that starts with its default severity`);
    }
    const documented = [...doc.matchAll(/^## ([a-z-]+)$/gm)].map((m) => m[1]);
    assert.deepEqual(documented, RULE_META.map((m) => m.id), 'docs/rules.md documents exactly the registry, in its order');
  });
});
