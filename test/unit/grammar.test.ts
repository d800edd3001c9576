import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = join(__dirname, '../../..');
const fixtures = join(root, 'test/fixtures/grammar');
const INJECTION = 'privacy-lens.annotation.injection';

/** A registry with a host TypeScript grammar (comments only) and the project's injection grammar. */
async function registry(): Promise<textmate.Registry> {
  const wasm = readFileSync(join(root, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const files: Record<string, string> = {
    'source.ts': join(fixtures, 'host.tmLanguage.json'),
    [INJECTION]: join(root, 'syntaxes/privacy-lens-annotations.tmLanguage.json'),
  };
  return new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => (files[scope] ? textmate.parseRawGrammar(readFileSync(files[scope], 'utf8'), files[scope]) : null),
    getInjections: (scope) => (scope === 'source.ts' ? [INJECTION] : []),
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

  it('is injected into the JS/TS grammars by package.json', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const g = pkg.contributes.grammars.find((x: { scopeName: string }) => x.scopeName === INJECTION);
    assert.deepEqual(g.injectTo, ['source.js', 'source.ts', 'source.js.jsx', 'source.tsx']);
    assert.equal(g.path, './syntaxes/privacy-lens-annotations.tmLanguage.json');
  });
});
