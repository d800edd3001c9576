/**
 * Fuzzing as a habit (issue 14): property-based tests over generated and mutated manifests, sources
 * and file trees, through the engine's front door. A bounded run is part of `npm test`; `npm run
 * fuzz -- --runs N [--seed S]` runs a long campaign. On failure fast-check prints the seed and the
 * path of the shrunk case: `npm run fuzz -- --runs N --seed S` replays it.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { addCategory, addCategoryToPurpose, addCategoryToVendor, addPurposeToVendor, addVendor, type ManifestEdit } from '../../src/engine/draft/manifest-edit';
import { isSourceFile, parseManifest, scanWorkspace, Workspace } from '../../src/engine';
import { CATEGORY_POOL, generateManifest, PURPOSE_POOL, VENDOR_POOL } from './manifest-gen';
import { deletedText } from './text-diff';

/** The campaign's run count under `npm run fuzz` (each property takes its share); unset in `npm test`. */
const RUNS = Number(process.env.PRIVACY_LENS_FUZZ_RUNS ?? 0) || undefined;
const SEED = process.env.PRIVACY_LENS_FUZZ_SEED === undefined ? undefined : Number(process.env.PRIVACY_LENS_FUZZ_SEED);

/**
 * A property's runs: `defaultRuns` in `npm test` (a few seconds in all), else its `share` of the
 * campaign's count (a file-tree run costs a hundred manifest runs).
 */
function params(defaultRuns: number, share: number): fc.Parameters<unknown> {
  return { numRuns: RUNS ? Math.ceil(RUNS * share) : defaultRuns, seed: SEED, endOnFailure: true };
}

/** A mutation of a text: insert, delete or replace a few characters, or swap two lines. */
const mutation = fc.tuple(fc.constantFrom('insert', 'delete', 'replace', 'swap'), fc.nat(), fc.string({ unit: fc.constantFrom(...'{}[]:,-#&*!|>\'"\n\r\t ~?%@`\u0000\ufeffxé0'.split('')), maxLength: 4 }));

function mutate(text: string, ops: [string, number, string][]): string {
  let t = text;
  for (const [op, at, chars] of ops) {
    const i = t.length ? at % t.length : 0;
    if (op === 'insert') t = t.slice(0, i) + chars + t.slice(i);
    else if (op === 'delete') t = t.slice(0, i) + t.slice(i + 1 + (at % 5));
    else if (op === 'replace') t = t.slice(0, i) + chars + t.slice(i + chars.length);
    else {
      const lines = t.split('\n');
      const j = at % Math.max(1, lines.length);
      [lines[0], lines[j]] = [lines[j], lines[0]];
      t = lines.join('\n');
    }
  }
  return t;
}

const manifestText = fc.oneof(
  fc.integer().map((seed) => generateManifest(seed).text),
  fc.tuple(fc.integer(), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([seed, ops]) => mutate(generateManifest(seed).text, ops)),
  fc.string({ maxLength: 200 }),
);

describe('fuzzing: manifests', () => {
  it('parseManifest never throws, and every invalid manifest has positioned errors', () => {
    fc.assert(
      fc.property(manifestText, (text) => {
        const result = parseManifest(text);
        const lines = text.split(/\r\n|\r|\n/).length + 1;
        if (result.ok) return;
        assert.ok(result.errors.length > 0, 'an invalid manifest without an error');
        for (const e of result.errors) {
          assert.ok(Number.isInteger(e.line) && e.line >= 1 && e.line <= lines, `line ${e.line} of ${lines}: ${e.message}`);
          assert.ok(Number.isInteger(e.column) && e.column >= 1, `column ${e.column}: ${e.message}`);
          assert.ok(e.message.length > 0);
        }
      }),
      params(200, 1),
    );
  });

  it('an edit of a valid manifest keeps every byte outside it, stays valid and declares what it adds', () => {
    const edit = fc.oneof(
      fc.constantFrom(...CATEGORY_POOL).map((c) => ({ name: `addCategory ${c}`, run: (t: string) => addCategory(t, c) })),
      fc.tuple(fc.constantFrom(...VENDOR_POOL), fc.constantFrom(...PURPOSE_POOL), fc.constantFrom(...CATEGORY_POOL)).map(([v, p, c]) => ({
        name: `vendor ${v} ${p} ${c}`,
        run: (t: string): ManifestEdit => addCategoryToVendor(t, v, c),
        alt: (t: string): ManifestEdit => addPurposeToVendor(t, v, p),
        add: (t: string): ManifestEdit => addVendor(t, { id: v, purposes: [], categories: [] }),
      })),
      fc.tuple(fc.constantFrom(...PURPOSE_POOL), fc.constantFrom(...CATEGORY_POOL)).map(([p, c]) => ({ name: `purpose ${p} ${c}`, run: (t: string) => addCategoryToPurpose(t, p, c) })),
    );
    fc.assert(
      fc.property(fc.integer(), fc.array(edit, { minLength: 1, maxLength: 4 }), (seed, edits) => {
        let text = generateManifest(seed).text;
        const start = parseManifest(text);
        if (!start.ok) return;
        for (const e of edits) {
          for (const step of [e.run, 'alt' in e ? e.alt : undefined, 'add' in e ? e.add : undefined]) {
            if (!step) continue;
            const r = step(text);
            if (!r.ok || !r.edit) continue;
            // Insertions only: nothing of the text before is lost.
            assert.equal(deletedText(text, r.text), '', `${e.name} lost bytes of:\n${text}\n---\n${r.text}`);
            const before = parseManifest(text);
            const after = parseManifest(r.text);
            // Still YAML, still the same manifest plus the addition (an id it references may be undeclared).
            const syntax = after.ok ? [] : after.errors.filter((x) => /YAML syntax|must be|unknown key|duplicate/.test(x.message));
            assert.deepEqual(syntax, [], `${e.name} broke the manifest:\n${r.text}`);
            const ids = (m: typeof before) => (m.ok ? m.manifest.categories.map((c) => c.id) : []);
            if (before.ok && after.ok) for (const c of ids(before)) assert.ok(ids(after).includes(c), `${e.name} lost ${c}`);
            text = r.text;
          }
        }
      }),
      params(30, 0.1),
    );
  });
});

/** A source file's text: snippets of what the engine reads, cut and mixed with noise. */
const SNIPPETS = [
  "import Stripe from 'stripe';\nconst stripe = new Stripe('k');\n",
  'export async function f(req: any) {\n  const email = req.body.email;\n  await stripe.customers.create({ email });\n  console.log(email);\n}\n',
  "fetch('https://api.example.com/x', { method: 'POST', body: JSON.stringify({ email: user.email }) });\n",
  'class A { constructor(private x = req.query.phone) { analytics.track(this.x); } }\n',
  'const { name, ...rest } = req.body; module.exports = () => rest;\n',
  '/* privacy-lens purpose=billing */\n// privacy-lens-ignore-next-line pii-in-logs -- ok\n',
  '<div onClick={() => send(user.email)}>{user.name}</div>\n',
  '((((((((((', '`${', '\u0000\u0001', '\ufeff', 'export default function () { return f(f(f(f(f(f(f(f()))))))); }\n',
];
const source = fc.array(fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 20 })), { maxLength: 8 }).map((parts) => parts.join(''));

const fileName = fc.tuple(fc.constantFrom('', 'src/', 'src/a/', 'lib/', 'node_modules/x/', '.hidden/'), fc.constantFrom('a', 'b', 'index', 'x y', 'é'), fc.constantFrom('.ts', '.js', '.tsx', '.jsx', '.mjs', '.cjs', '.d.ts', '.min.js', '.txt', '.json'));
const tree = fc.array(fc.tuple(fileName, source), { maxLength: 8 });

describe('fuzzing: sources and file trees', () => {
  it('no exception escapes the engine, and every source file is analysed or listed under Not analysed', async () => {
    await fc.assert(
      fc.asyncProperty(tree, manifestText, fc.boolean(), async (files, manifest, withLink) => {
        const dir = mkdtempSync(join(tmpdir(), 'privacy-lens-fuzz-'));
        try {
          const written = new Map<string, string>();
          for (const [[folder, base, ext], text] of files) written.set(`${folder}${base}${ext}`, text);
          for (const [rel, text] of written) {
            mkdirSync(dirname(join(dir, rel)), { recursive: true });
            writeFileSync(join(dir, rel), text);
          }
          writeFileSync(join(dir, 'data-inventory.yaml'), manifest);
          if (withLink) symlinkSync(dir, join(dir, 'loop'));
          const result = await scanWorkspace({ root: dir, cacheDir: null, workers: 0 });
          if (result.findings.some((f) => f.rule === 'manifest-invalid')) return;
          const ignored = /(^|\/)node_modules\/|\.d\.ts$|\.min\.js$/;
          const expected = [...written.keys()].filter((rel) => isSourceFile(rel) && !ignored.test(rel));
          const skipped = new Set(result.skipped.map((s) => s.file));
          const ws = new Workspace({ root: dir, cacheDir: null, workers: 0 });
          const manifestIgnores = ws.manifest?.ignore.length ?? 0;
          if (manifestIgnores === 0) assert.equal(result.filesScanned, expected.length, `files: ${expected.join(', ')}; skipped: ${[...skipped].join(', ')}`);
          for (const s of skipped) assert.ok(written.has(s) || s === 'loop' || s === 'data-inventory.yaml', `unknown skipped file ${s}`);
          for (const [rel, text] of written) ws.checkDocument(rel, text);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      params(10, 0.02),
    );
  });
});
