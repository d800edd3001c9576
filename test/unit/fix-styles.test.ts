/**
 * `privacy-lens fix` on every style a hand-written manifest comes in (issue 14, item 7): one run
 * reaches the fixed point (a second run finds nothing to fix and the scan has no fixable finding
 * left), and every byte of the manifest outside the edits is kept.
 */
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { scanWorkspace } from '../../src/engine';
import { deletedText } from './text-diff';

const sources = join(__dirname, '../../../test/fixtures/fix-styles');

/** The rules `fix` has a manifest-side fix for (the unused-* ones are left to a person). */
const FIXABLE = new Set(['undeclared-vendor', 'undeclared-sharing', 'vendor-purpose-mismatch', 'undeclared-purpose', 'undeclared-category']);

/** Each style, and the text that fix may replace rather than keep (an alias it spells out, a null it fills). */
const STYLES: Record<string, { text: string; replaced?: string }> = {
  block: {
    text: `version: 1
categories:
  - user.name
purposes:
  - id: billing
    basis: contract
    categories:
      - user.name
    paths: ["src/billing/**"]
  - id: support
    basis: contract
    paths: ["src/support/**"]
vendors:
  - id: stripe
    purposes:
      - support
    categories:
      - user.name
`,
  },
  'flow mapping at the root': {
    text: `{version: 1, categories: [user.name],
 purposes: [{id: billing, basis: contract, categories: [user.name], paths: ["src/billing/**"]},
            {id: support, basis: contract, categories: [], paths: ["src/support/**"]}],
 vendors: [{id: stripe, purposes: [support], categories: [user.name]}]}
`,
  },
  'flow entries and lists': {
    text: `version: 1
categories: [user.name]
purposes:
  - {id: billing, basis: contract, categories: [user.name], paths: ["src/billing/**"]}
  - {id: support, basis: contract, paths: ["src/support/**"]}
vendors: [{id: stripe, purposes: [support], categories: [user.name]}]
`,
  },
  'quoted keys and values': {
    text: `"version": 1
'categories':
  - "user.name"
"purposes":
  - "id": 'billing'
    "basis": "contract"
    "categories": ["user.name"]
    "paths": ['src/billing/**']
  - id: "support"
    basis: contract
    categories: []
    paths: ["src/support/**"]
"vendors":
  - "id": "stripe"
    "purposes": ["support"]
    'categories': ['user.name']
`,
  },
  comments: {
    text: `# Our inventory
version: 1 # always 1
categories: # what we collect
  - user.name # the name
  # more to come
purposes:
  # billing first
  - id: billing # pay
    basis: contract
    categories: [user.name] # only the name
    paths: ["src/billing/**"]
  - id: support
    basis: contract
    categories: # none yet
    paths: ["src/support/**"]
# the sharing list
vendors:
  - id: stripe # payments
    purposes: [support] # to check
    categories:
      - user.name
      # end of stripe
# end of file
`,
  },
  'CRLF line ends': {
    text: 'version: 1\r\ncategories:\r\n  - user.name\r\npurposes:\r\n  - id: billing\r\n    basis: contract\r\n    categories:\r\n      - user.name\r\n    paths: ["src/billing/**"]\r\n  - id: support\r\n    basis: contract\r\n    paths: ["src/support/**"]\r\nvendors:\r\n  - id: stripe\r\n    purposes: [support]\r\n    categories: [user.name]\r\n',
  },
  aliases: {
    text: `version: 1
categories: &all
  - user.name
purposes:
  - id: billing
    basis: contract
    categories: &named [user.name]
    paths: ["src/billing/**"]
  - id: support
    basis: contract
    categories: *named
    paths: ["src/support/**"]
vendors:
  - id: stripe
    purposes: [support]
    categories: *named
`,
    replaced: '*named',
  },
  'indentation, markers and no final line break': {
    text: `---
version: 1
categories:
- user.name
purposes:
-   id: billing
    basis: contract
    categories:
    - user.name
    paths:
    - src/billing/**
-   id: support
    basis: contract
    paths: [src/support/**]
vendors:
-   id: stripe
    purposes: [support]
    categories:
    - user.name
...`,
  },
  'empty sections': {
    text: `version: 1
categories:
  - user.name
purposes:
  - id: billing
    basis: contract
    categories: [user.name]
    paths: ["src/billing/**"]
  - id: support
    basis: contract
    categories: ~
    paths: ["src/support/**"]
vendors: []
`,
    replaced: '~',
  },
};

describe('fix on every manifest style', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-lens-fix-styles-'));
    cpSync(sources, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  for (const [style, { text, replaced }] of Object.entries(STYLES)) {
    it(`${style}: one run reaches the fixed point and keeps every byte outside the edits`, async () => {
      const path = join(dir, 'data-inventory.yaml');
      writeFileSync(path, text);
      const first = await cli(['fix', dir]);
      assert.equal(first.stderr, '');
      assert.equal(first.code, 0);
      assert.match(first.stdout, /^Applied \d+ fix/);
      const after = readFileSync(path, 'utf8');
      const second = await cli(['fix', dir]);
      assert.equal(second.stdout, 'Nothing to fix in the manifest.\n', `a second run still fixes:\n${second.stdout}\n${after}`);
      const result = await scanWorkspace({ root: dir, cacheDir: null, workers: 0 });
      assert.deepEqual(result.findings.filter((f) => FIXABLE.has(f.rule) || f.rule === 'manifest-invalid').map((f) => `${f.rule}: ${f.message}`), []);
      assert.deepEqual([...new Set(result.findings.map((f) => f.rule))], ['pii-in-logs']);
      const kept = replaced ? text.split(replaced).join('') : text;
      assert.equal(deletedText(kept, after), '', `bytes of the manifest were lost:\n${after}`);
      if (text.includes('\r\n')) assert.doesNotMatch(after, /[^\r]\n/, 'a line break that is not CRLF');
    });
  }
});

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, (s) => (stdout += s), (s) => (stderr += s));
  return { code, stdout, stderr };
}
