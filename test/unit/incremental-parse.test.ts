import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../src/engine/pipeline/analyze-workspace-file';
import { DocumentAnalyses } from '../../src/engine/pipeline/documents';
import { documentParser, isSourceFile, parseSource } from '../../src/engine/analysis/parse';
import { detectionConfig, detectionInput } from '../../src/engine/config';
import { parseManifest } from '../../src/engine/manifest/load';
import { emptyManifest } from '../../src/engine/pipeline/scan';
import { random } from './manifest-gen';

/**
 * The editor's incremental parse (analysis/incremental-parse.ts) must give what a fresh parse of
 * the same text gives: every source file of the fixtures, the eval applications and the engine
 * itself goes through a sequence of edits (insertions, deletions, replacements that break and
 * mend the syntax, a return to the original), and after each one the incremental tree (or error)
 * and the facts are compared whole with the plain path's.
 */
const ROOT = join(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (isSourceFile(name)) out.push(path);
  }
  return out;
}

/** The workspace folder of a fixture or eval file (where its manifest is), for its detection config. */
function manifestOf(file: string): string | undefined {
  for (let dir = join(file, '..'); dir.startsWith(ROOT) && dir !== ROOT; dir = join(dir, '..')) {
    if (existsSync(join(dir, 'data-inventory.yaml'))) return join(dir, 'data-inventory.yaml');
  }
  return undefined;
}

/** A seed for a file's edit sequence: the FNV-1a hash of its text. */
function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h;
}

/** Snippets typed into the text: tokens, brackets and quotes that open or close, comments, directives, line breaks of every kind. */
const SNIPPETS = ['x', ' ', '\n', ';', '{', '}', '(', ')', '"', "'", '`', '/*', '*/', '// note\n', 'async ', 'export ', "'use strict';\n", '\r\n', '\r', '\u2028', '<div>', '</div>', ' => ', ', ', 'await ', 'yield ', '@dec ', 'declare ', '#', 'privacy-lens-ignore-line ', 'const added = user.email;\n', 'logger.info(user.email);\n', 'return;\n', '${', '\\'];

/** The next text of an edit sequence: a snippet inserted, a span deleted or replaced, a line duplicated, or the original back. */
function edit(text: string, original: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const snippet = SNIPPETS[Math.floor(next() * SNIPPETS.length)];
  const kind = next();
  if (kind < 0.4) return text.slice(0, at) + snippet + text.slice(at);
  if (kind < 0.6) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(next() * 20)));
  if (kind < 0.75) return text.slice(0, at) + snippet + text.slice(Math.min(text.length, at + 1 + Math.floor(next() * 5)));
  if (kind < 0.9) {
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const lineEnd = text.indexOf('\n', at);
    const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd + 1);
    return text.slice(0, lineStart) + line + text.slice(lineStart);
  }
  return original;
}

const EDITS_PER_FILE = 14;

describe('incremental parse gives the fresh parse', function () {
  this.timeout(300_000);
  const corpora = [
    ...sourceFiles(join(ROOT, 'test/fixtures/cases')),
    ...sourceFiles(join(ROOT, 'eval/apps')),
    ...sourceFiles(join(ROOT, 'src')),
  ];

  it('finds a corpus', () => {
    assert.ok(corpora.length > 200, `${corpora.length} files`);
  });

  it('gives the same tree or error after every edit of every file', () => {
    let compared = 0;
    let reused = 0;
    for (const path of corpora) {
      const original = readFileSync(path, 'utf8');
      const file = path.slice(ROOT.length + 1);
      const next = random(seedOf(file));
      const parser = documentParser(file);
      let text = original;
      for (let i = 0; i <= EDITS_PER_FILE; i++) {
        const incremental = JSON.stringify(parser.parse(text));
        const fresh = JSON.stringify(parseSource(text, file));
        if (incremental !== fresh) assert.fail(`${file}, edit ${i}: the incremental parse differs\n--- text\n${text}`);
        compared++;
        text = edit(text, original, next);
      }
      reused += parser.stats.reusedStatements;
    }
    assert.ok(compared > 3000, `${compared} parses compared`);
    // The fast path was taken: statements were reused, not all converted again.
    assert.ok(reused > 2_000, `${reused} statements reused`);
  });

  it('gives the same facts after every edit of every fixture and eval file', () => {
    const documents = new DocumentAnalyses();
    const configs = new Map<string, ReturnType<typeof detectionConfig>>();
    const configOf = (manifest: string | undefined) => {
      const key = manifest ?? '';
      let config = configs.get(key);
      if (!config) {
        const loaded = manifest ? parseManifest(readFileSync(manifest, 'utf8'), manifest) : undefined;
        config = detectionConfig(detectionInput(loaded?.ok ? loaded.manifest : emptyManifest()));
        configs.set(key, config);
      }
      return config;
    };
    let withFlows = 0;
    for (const path of corpora.filter((p) => !p.startsWith(join(ROOT, 'src')))) {
      const original = readFileSync(path, 'utf8');
      const file = path.slice(ROOT.length + 1);
      const config = configOf(manifestOf(path));
      const next = random(seedOf(`facts ${file}`));
      let text = original;
      for (let i = 0; i <= EDITS_PER_FILE; i++) {
        const fresh = analyzeText(text, file, config);
        const incremental = documents.analyze(text, file, config);
        assert.deepEqual(incremental, fresh, `${file}, edit ${i}`);
        if (fresh.flows.length > 0) withFlows++;
        text = edit(text, original, next);
      }
    }
    assert.ok(withFlows > 100, `${withFlows} analyses with flows`);
  });

  it('reuses the statements an edit leaves alone, and moves those after it', () => {
    const body = Array.from({ length: 40 }, (_, i) => `export function f${i}(user) {\n  logger.info(user.email);\n  return ${i};\n}\n`).join('');
    const parser = documentParser('src/a.ts');
    assert.ok(parser.parse(body).ok);
    const converted = parser.stats.convertedStatements;
    // One line added in the middle: the other functions are reused, those after it moved down a line.
    const at = body.indexOf('export function f20');
    const edited = `${body.slice(0, at)}const added = 1;\n${body.slice(at)}`;
    const result = parser.parse(edited);
    assert.deepEqual(JSON.stringify(result), JSON.stringify(parseSource(edited, 'src/a.ts')));
    // TypeScript parses again the statements next to the edit (its lookahead); the rest are reused.
    assert.ok(parser.stats.reusedStatements >= 36, `${parser.stats.reusedStatements} reused`);
    assert.ok(parser.stats.convertedStatements - converted <= 8, `${parser.stats.convertedStatements - converted} converted again`);
  });

  it('follows a directive prologue, a modifier moved into a block and a text that stops parsing', () => {
    const steps = [
      "foo();\n'use strict';\nbar();\n",
      "'use strict';\nfoo();\n'use strict';\nbar();\n",
      "foo();\n'use strict';\nbar();\n",
      'export const a = 1;\nexport function g() {}\n',
      '{ export const a = 1;\nexport function g() {} }\n',
      'export const a = 1;\nexport function g() {}\n',
      'export const a = 1;\nexport function g() {\n',
      'export const a = 1;\nexport function g() {}\n',
      'export const a = 1;\r\nexport function g() {}\r\n',
      'export const a = 1;\r\n\nexport function g() {}\r\n',
    ];
    const parser = documentParser('src/b.ts');
    for (const [i, text] of steps.entries()) assert.equal(JSON.stringify(parser.parse(text)), JSON.stringify(parseSource(text, 'src/b.ts')), `step ${i}`);
  });
});
