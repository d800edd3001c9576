import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { minimatch } from 'minimatch';
import { compileGlob, MAX_BRACE_EXPANSION } from '../../src/engine/glob';
import { listSourceFiles } from '../../src/engine/files';
import { parseManifest } from '../../src/engine/manifest/load';
import type { UnreadFile } from '../../src/engine/core/read-file';

function matches(glob: string, path: string): boolean {
  const r = compileGlob(glob);
  assert.ok(r.ok, glob);
  return r.glob.match(path);
}

describe('workspace globs', () => {
  it('takes extglob syntax literally: +(a|aa)b matches only the name "+(a|aa)b"', () => {
    assert.equal(matches('+(a|aa)b', `${'a'.repeat(40)}b`), false);
    assert.equal(matches('+(a|aa)b', 'aab'), false);
    assert.equal(matches('+(a|aa)b', '+(a|aa)b'), true);
    assert.equal(matches('**/@(x|y).ts', 'src/x.ts'), false);
    assert.equal(matches('**/!(x).ts', 'src/!(x).ts'), true);
  });

  it('matches many stars against a long name without backtracking', () => {
    // As a regular expression this glob backtracks polynomially (60^11 steps).
    assert.equal(matches(`${'a*'.repeat(11)}b`, 'a'.repeat(60)), false);
    assert.equal(matches(`${'a*'.repeat(11)}b`, `${'a'.repeat(60)}b`), true);
    assert.equal(matches(`**/${'x/**/'.repeat(20)}y`, `${'x/'.repeat(40)}z`), false);
  });

  it('caps brace expansion with an error, never a million patterns', () => {
    const twenty = '{a,b}'.repeat(20);
    assert.deepEqual(compileGlob(twenty), { ok: false, error: `the glob "${twenty}" expands to more than ${MAX_BRACE_EXPANSION} patterns` });
    assert.deepEqual(compileGlob('{1..100000}').ok, false);
    assert.equal(matches('{a,b}'.repeat(8), 'abbaabba'), true);
  });

  it('a manifest glob that expands too far is a positioned manifest error', () => {
    const r = parseManifest(`version: 1\nignore:\n  - "${'{a,b}'.repeat(9)}"\npurposes:\n  - id: x\n    paths: ["{1..1000}/**"]\n`);
    assert.ok(!r.ok);
    assert.deepEqual(r.errors.map((e) => [e.line, e.column, e.message]), [
      [3, 5, `the glob "${'{a,b}'.repeat(9)}" expands to more than ${MAX_BRACE_EXPANSION} patterns`],
      [6, 13, `the glob "{1..1000}/**" expands to more than ${MAX_BRACE_EXPANSION} patterns`],
    ]);
  });

  it('a crafted .gitignore and 200 crafted ignore globs leave the listing right: literal extglobs, capped braces reported', () => {
    const dir = mkdtempSync(join(tmpdir(), 'privacy-lens-glob-'));
    try {
      const long = `${'a'.repeat(60)}.ts`;
      for (const name of [long, 'aab.ts', '+(a|aa)b.ts', 'keep.ts']) writeFileSync(join(dir, name), 'export {};\n');
      writeFileSync(join(dir, '.gitignore'), `+(a|aa)b.ts\n${'{a,b}'.repeat(20)}\n`);
      const crafted = Array.from({ length: 200 }, (_, i) => `**/${'a*'.repeat(10 + (i % 5))}b${i}.ts`);
      const unread: UnreadFile[] = [];
      const files = listSourceFiles(dir, { exclude: crafted, unread });
      assert.deepEqual(files.map((f) => f.relative), [long, 'aab.ts', 'keep.ts']);
      assert.deepEqual(unread, [{ path: join(dir, '.gitignore'), reason: `line 2 is not used: the glob "**/${'{a,b}'.repeat(20)}" expands to more than ${MAX_BRACE_EXPANSION} patterns` }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('agrees with minimatch on globs with a literal tail and paths with a trailing slash (what the tail check refuses early)', () => {
    const globs = ['a', '*.js', '**/*.min.js', 'dist', 'a/b', '**/a', '*a', 'b*a', '[ab]a', 'a?', '.', 'x.js', '**', 'a/', 'a/**'];
    const paths = ['a', 'a/', 'b/a', 'b/a/', 'x.js', 'x.js/', 'd/x.min.js', 'd/x.min.js/', 'd/x.min.jsx', 'dist', 'dist/', 'a/b', 'a/b/', 'ba', 'ba/', 'aa/', 'xa.js', '.', 'js'];
    const disagreements: string[] = [];
    for (const glob of globs) for (const path of paths) if (matches(glob, path) !== minimatch(path, glob, { dot: true, noext: true })) disagreements.push(`${glob} ${path}`);
    assert.deepEqual(disagreements, []);
  });

  it('agrees with minimatch (dot: true, noext: true) on 20,000 generated globs and paths', () => {
    let seed = 7;
    const pick = <T>(xs: T[]) => xs[(seed = (seed * 1103515245 + 12345) & 0x7fffffff) % xs.length];
    const globParts = ['a', 'b', '.', '*', '?', '/', '**', '[ab]', '[!a]', '{a,b}', '\\*', '-'];
    const pathParts = ['a', 'b', '.', '/', '-', '*'];
    const disagreements: string[] = [];
    for (let k = 0; k < 20000; k++) {
      const glob = Array.from({ length: 1 + (k % 6) }, () => pick(globParts)).join('');
      const path = Array.from({ length: 1 + (k % 7) }, () => pick(pathParts)).join('');
      if (path.startsWith('/') || path.includes('//')) continue;
      if (matches(glob, path) !== minimatch(path, glob, { dot: true, noext: true })) disagreements.push(`${glob} ${path}`);
    }
    assert.deepEqual(disagreements, []);
  });
});
