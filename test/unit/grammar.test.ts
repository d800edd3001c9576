import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = join(__dirname, '../../..');
const fixtures = join(root, 'test/fixtures/grammar');

const HOSTS = ['source.js', 'source.ts', 'source.js.jsx', 'source.tsx'];

/**
 * A registry configured as VS Code configures it from package.json's `contributes.grammars` (their
 * paths and `injectTo`), with a host grammar (comments only) under each JS/TS scope name.
 */
async function registry(): Promise<textmate.Registry> {
  const wasm = readFileSync(join(root, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const contributed: { scopeName: string; path: string; injectTo?: string[] }[] = pkg.contributes.grammars;
  const host = join(fixtures, 'host.tmLanguage.json');
  const load = (file: string, scopeName?: string) => {
    const raw = JSON.parse(readFileSync(file, 'utf8'));
    return textmate.parseRawGrammar(JSON.stringify(scopeName ? { ...raw, scopeName } : raw), file);
  };
  return new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => {
      if (HOSTS.includes(scope)) return load(host, scope);
      const g = contributed.find((x) => x.scopeName === scope);
      return g ? load(join(root, g.path)) : null;
    },
    getInjections: (scope) => contributed.filter((g) => g.injectTo?.includes(scope)).map((g) => g.scopeName),
  });
}

/** Each token of each line with its innermost privacy-lens scope: the snapshot format. */
function snapshot(grammar: textmate.IGrammar, text: string): string {
  let stack = textmate.INITIAL;
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    for (const t of r.tokens) {
      const scope = t.scopes.filter((s) => s.endsWith('.privacy-lens')).pop();
      if (scope) out.push(`${JSON.stringify(line.slice(t.startIndex, t.endIndex))} ${scope}`);
    }
    out.push('--');
  }
  return out.join('\n') + '\n';
}

describe('annotation grammar', () => {
  it('highlights directives, purposes, rule ids and reasons only inside comments (snapshot)', async () => {
    const grammar = await (await registry()).loadGrammar('source.ts');
    assert.ok(grammar);
    const got = snapshot(grammar, readFileSync(join(fixtures, 'annotations.ts.txt'), 'utf8'));
    const file = join(fixtures, 'annotations.snapshot.txt');
    if (process.env.UPDATE_FIXTURES) writeFileSync(file, got);
    assert.equal(got, readFileSync(file, 'utf8'));
  });

  it('is injected into every JS/TS grammar by its package.json contribution', async () => {
    const reg = await registry();
    for (const scope of HOSTS) {
      const grammar = await reg.loadGrammar(scope);
      assert.ok(grammar, scope);
      assert.ok(snapshot(grammar, '// privacy-lens purpose=billing').includes('"billing" entity.name.tag.purpose.privacy-lens'), scope);
    }
  });
});
