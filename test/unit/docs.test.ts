import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseManifest } from '../../src/engine';

const root = join(__dirname, '../../..');
const DOCS = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** The Markdown outside fenced code blocks and inline code spans. */
function prose(text: string): string {
  return text.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** The targets of the inline links and images of a Markdown text (`[text](target)`, `![alt](target)`). */
function links(text: string): string[] {
  return [...prose(text).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
}

/** GitHub's anchors of a Markdown text: heading slugs and explicit `<a id>`s. */
function anchors(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6}\s+(.+?)\s*$/gm)) {
    out.add(m[1].toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'));
  }
  for (const m of text.matchAll(/<a id="([^"]+)"><\/a>/g)) out.add(m[1]);
  return out;
}

describe('documentation', () => {
  it('README.md and docs/*.md link only to files inside the repository that exist, and to anchors that exist', () => {
    const repo = realpathSync(root);
    const problems: string[] = [];
    for (const doc of DOCS) {
      const text = readFileSync(join(root, doc), 'utf8');
      for (const target of links(text)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
        const [path, fragment] = target.split('#');
        const file = path ? resolve(dirname(join(root, doc)), decodeURI(path)) : join(root, doc);
        if (relative(repo, file).startsWith('..') || relative(root, file).startsWith('..')) {
          problems.push(`${doc}: ${target} is outside the repository`);
          continue;
        }
        if (!existsSync(file)) {
          problems.push(`${doc}: ${target} does not exist`);
          continue;
        }
        if (fragment && file.endsWith('.md') && statSync(file).isFile() && !anchors(readFileSync(file, 'utf8')).has(fragment)) {
          problems.push(`${doc}: ${target} names an anchor that ${relative(root, file)} does not have`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('finds the links it checks (the check is not vacuous)', () => {
    const readme = links(readFileSync(join(root, 'README.md'), 'utf8'));
    assert.ok(readme.includes('docs/rules.md'), readme.join(', '));
    assert.ok(links('see [x](../shared/DESIGN.md) and `[y](z)`').includes('../shared/DESIGN.md'));
    assert.ok(!links('`[y](z)`').includes('z'));
    assert.ok(anchors('## The purpose of a code location\n').has('the-purpose-of-a-code-location'));
  });

  it('no document cites the external DESIGN.md', () => {
    for (const doc of DOCS) assert.doesNotMatch(readFileSync(join(root, doc), 'utf8'), /DESIGN(\.md| §)/, doc);
  });

  it('the manifest examples of README.md and docs/manifest.md are valid manifests', () => {
    for (const doc of ['README.md', 'docs/manifest.md']) {
      const text = readFileSync(join(root, doc), 'utf8');
      const examples = [...text.matchAll(/^```yaml\n([\s\S]*?)^```/gm)].map((m) => m[1]).filter((y) => /^version: 1$/m.test(y));
      assert.ok(examples.length > 0, doc);
      for (const yaml of examples) {
        const r = parseManifest(yaml);
        assert.ok(r.ok, `${doc}: ${JSON.stringify(!r.ok && r.errors)}`);
      }
    }
  });
});
