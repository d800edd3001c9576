import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { progressOn } from '../../src/cli/progress';
import { RULE_META } from '../../src/engine';
import { closestOption, commandHelp, COMMANDS, OPTIONS, type CommandName } from '../../src/cli/options';

function stream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const s = { isTTY, text: '', write: (t: string) => ((s.text += t), true) };
  return s as unknown as NodeJS.WriteStream & { text: string };
}

describe('CLI progress and options', () => {
  it('shows the phase and files done / total on a terminal, and clears the line at the end', () => {
    const tty = stream(true);
    const p = progressOn(tty, false);
    p.phase("Analysing main's tree");
    p.onProgress(3, 3);
    p.done();
    assert.match(tty.text, /Analysing main's tree: 3\/3 files/);
    assert.ok(tty.text.endsWith('\r\u001b[K'));
  });

  it('shows nothing when not a terminal or with --quiet', () => {
    for (const [s, quiet] of [[stream(false), false], [stream(true), true]] as const) {
      const p = progressOn(s, quiet);
      p.phase('Analysing');
      p.onProgress(1, 1);
      p.done();
      assert.equal(s.text, '');
    }
  });

  it('explains every option of every command in its help, and guesses mistyped ones', () => {
    for (const command of Object.keys(COMMANDS) as CommandName[]) {
      const help = commandHelp(command);
      for (const o of OPTIONS.filter((x) => x.commands.includes(command))) assert.ok(help.includes(`--${o.name}`) && help.includes(o.help), `${command} --${o.name}`);
    }
    assert.equal(closestOption('outptu'), 'output');
    assert.equal(closestOption('changed'), 'changed-since');
    assert.equal(closestOption('zzzzzz'), undefined);
  });
});

describe('CI integrations', () => {
  const root = join(__dirname, '../../..');

  it('action.yml and the pre-commit hook use only options scan has', () => {
    const action = parse(readFileSync(join(root, 'action.yml'), 'utf8'));
    assert.equal(action.runs.using, 'composite');
    const script = action.runs.steps.map((s: { run?: string }) => s.run ?? '').join('\n');
    const scans = script.split('\n').filter((l: string) => /^\s*privacy-lens scan /.test(l));
    assert.equal(scans.length, 2);
    const scanOptions = OPTIONS.filter((o) => o.commands.includes('scan')).map((o) => o.name);
    for (const option of scans.join(' ').match(/--[a-z-]+/g) ?? []) assert.ok(scanOptions.includes(option.slice(2)), option);
    assert.match(script, /--changed-since "\$BASE"/);
    const [hook] = parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8'));
    assert.equal(hook.id, 'privacy-lens');
    assert.match(hook.entry, /privacy-lens scan$/);
    assert.equal(hook.pass_filenames, true);
  });
});

describe('rule help', () => {
  it('is in the README word for word, where each rule\'s helpUri points', () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    for (const m of RULE_META) {
      assert.ok(m.help.length > 40, m.id);
      assert.ok(readme.includes(`- **\`${m.id}\`**: ${m.help}`), `README: how to resolve ${m.id}`);
    }
  });
});
