import { strict as assert } from 'node:assert';
import {
  createBaseline,
  findingsOnChangedLines,
  fingerprintFindings,
  formatMarkdown,
  inventoryChanges,
  matchBaseline,
  parseBaseline,
  parseUnifiedDiff,
  pruneBaseline,
  sinkText,
  type Finding,
  type ReviewSummary,
} from '../../src/engine';

const CALL = "  mixpanel.track('signup', { email });";

function finding(over: Partial<Finding> = {}): Finding {
  return { rule: 'undeclared-vendor', severity: 'error', file: 'src/a.ts', line: 2, column: 3, endLine: 2, endColumn: 38, message: 'm', vendor: 'mixpanel', categories: ['user.contact.email'], ...over };
}

describe('review: fingerprints', () => {
  it('do not change when the finding moves to another line', () => {
    const before = fingerprintFindings([finding()], () => `x\n${CALL}\n`);
    const after = fingerprintFindings([finding({ line: 7, endLine: 7 })], () => `x\n\n\n\n\n\n${CALL}\n`);
    assert.deepEqual(after, before);
  });

  it('change with the rule, file, sink call, vendor or categories', () => {
    const text = () => `x\n${CALL}\n`;
    const base = fingerprintFindings([finding()], text)[0];
    for (const other of [finding({ rule: 'undeclared-sharing' }), finding({ file: 'src/b.ts' }), finding({ vendor: 'segment' }), finding({ categories: ['user.name'] })]) {
      assert.notEqual(fingerprintFindings([other], text)[0], base);
    }
    assert.notEqual(fingerprintFindings([finding()], () => `x\n  mixpanel.people.set({ email });\n`)[0], base);
  });

  it('are unique within a scan: identical findings get ordinals in source order', () => {
    const text = () => `x\n${CALL}\n${CALL}\n`;
    const fps = fingerprintFindings([finding({ line: 3, endLine: 3 }), finding()], text);
    assert.equal(new Set(fps).size, 2);
    assert.match(fps[1], /:1$/);
    assert.match(fps[0], /:2$/);
  });

  it('read the sink call across lines, whitespace collapsed', () => {
    assert.equal(sinkText(finding({ line: 1, column: 3, endLine: 2, endColumn: 7 }), '  a(\n    b)\n'), 'a( b)');
  });
});

describe('review: baselines', () => {
  const findings = [finding(), finding({ file: 'src/b.ts' })];
  const fps = ['f1:1', 'f2:1'];

  it('split findings into new and baselined, and list fixed entries', () => {
    const baseline = createBaseline([findings[0]], ['f1:1']);
    baseline.findings.push({ fingerprint: 'gone:1', rule: 'pii-in-logs', file: 'src/c.ts', message: 'old' });
    const match = matchBaseline(findings, fps, baseline);
    assert.deepEqual(match.fresh, [findings[1]]);
    assert.deepEqual(match.baselined, [0]);
    assert.deepEqual(match.fixed.map((e) => e.fingerprint), ['gone:1']);
    assert.deepEqual(pruneBaseline(baseline, fps).findings.map((e) => e.fingerprint), ['f1:1']);
  });

  it('keep who accepted an entry and why when re-recorded', () => {
    const first = createBaseline(findings, fps);
    first.findings[0].acceptedBy = 'dpo@example.com';
    first.findings[0].reason = 'DPA signed';
    const again = createBaseline(findings, fps, first);
    assert.equal(again.findings.find((e) => e.fingerprint === first.findings[0].fingerprint)?.reason, 'DPA signed');
  });

  it('parse only baseline files, with a one-line reason otherwise', () => {
    assert.equal(parseBaseline('{"version":1,"findings":[]}').ok, true);
    for (const bad of ['nope', '{"version":2,"findings":[]}', '{"version":1,"findings":[{"rule":"x"}]}']) {
      const r = parseBaseline(bad);
      assert.equal(r.ok, false);
      if (!r.ok) assert.doesNotMatch(r.error, /\n/);
    }
  });
});

describe('review: changed lines', () => {
  const diff = [
    'diff --git a/src/old.ts b/src/new.ts',
    'similarity index 90%',
    'rename from src/old.ts',
    'rename to src/new.ts',
    '--- a/src/old.ts',
    '+++ b/src/new.ts',
    '@@ -3,0 +4,2 @@ export function f() {',
    '+  const email = req.body.email;',
    '+  track(email);',
    'diff --git a/src/gone.ts b/src/gone.ts',
    'deleted file mode 100644',
    '--- a/src/gone.ts',
    '+++ /dev/null',
    '@@ -1,2 +0,0 @@',
    '-a',
    '-b',
  ].join('\n');

  it('parses added lines by new path, and renames', () => {
    const changes = parseUnifiedDiff(diff);
    assert.deepEqual([...(changes.files.get('src/new.ts') as Set<number>)], [4, 5]);
    assert.equal(changes.renames.get('src/new.ts'), 'src/old.ts');
    assert.equal(changes.files.has('src/gone.ts'), false);
  });

  it('reads the paths git quotes (octal UTF-8, spaces)', () => {
    const quoted = ['diff --git "a/src/caf\\303\\251.ts" "b/src/caf\\303\\251.ts"', '--- "a/src/caf\\303\\251.ts"', '+++ "b/src/caf\\303\\251.ts"', '@@ -1 +1 @@', '-a', '+b', 'diff --git a/my file.ts b/my file.ts', '--- a/my file.ts\t', '+++ b/my file.ts\t', '@@ -0,0 +1 @@', '+x'].join('\n');
    const changes = parseUnifiedDiff(quoted);
    assert.deepEqual([...changes.files.keys()], ['src/café.ts', 'my file.ts']);
  });

  it('keeps findings whose sink or a trace step is on a changed line', () => {
    const changes = parseUnifiedDiff(diff);
    const onSink = finding({ file: 'src/new.ts', line: 5, endLine: 5 });
    const onTrace = finding({ file: 'src/new.ts', line: 9, endLine: 9, trace: [{ file: 'src/new.ts', line: 4, column: 9, note: 'email' }] });
    const untouched = finding({ file: 'src/new.ts', line: 9, endLine: 9 });
    assert.deepEqual(findingsOnChangedLines([onSink, onTrace, untouched], changes), [onSink, onTrace]);
  });

  it('lists vendors, categories and purposes that appear or disappear', () => {
    const loc = [{ file: 'a.ts', line: 1 }];
    const changes = inventoryChanges({ categories: { 'user.name': loc }, vendors: { stripe: loc } }, { categories: { 'user.name': loc }, vendors: { segment: loc }, purposes: { marketing: loc } });
    assert.deepEqual(changes.map((c) => `${c.change} ${c.kind} ${c.id}`), ['added vendor segment', 'removed vendor stripe', 'added purpose marketing']);
  });
});

describe('review: the pull-request summary', () => {
  const summary = (n: number): ReviewSummary => ({
    against: 'main',
    newFindings: Array.from({ length: n }, (_, i) => finding({ line: i + 1, message: `finding number ${i} `.repeat(8) })),
    fixed: [],
    flows: [{ category: 'user.contact.email', purpose: 'account', vendor: 'segment', file: 'src/b.ts', line: 3 }],
    inventory: [{ kind: 'vendor', id: 'segment', change: 'added', file: 'src/b.ts', line: 3 }],
    manifestEdits: ['Add Segment to the sharing list'],
    filesScanned: 3,
  });

  it('has the verdict, the flows table with links, new findings and the manifest edits', () => {
    const md = formatMarkdown(summary(1), { linkBase: 'https://github.com/o/r/blob/abc/' });
    assert.match(md, /^:x: \*\*1 new privacy error\*\* \(against main\)/m);
    assert.match(md, /\| `user\.contact\.email` \| account \| segment \| \[src\/b\.ts:3\]\(https:\/\/github\.com\/o\/r\/blob\/abc\/src\/b\.ts#L3\) \|/);
    assert.match(md, /### Manifest changes needed \(1\)\n\n- Add Segment to the sharing list/);
    assert.match(formatMarkdown({ ...summary(0), flows: [], inventory: [] }), /:white_check_mark: \*\*No new privacy findings\*\*/);
  });

  it('fits a pull-request comment, saying how many rows were left out', () => {
    const md = formatMarkdown(summary(5000));
    assert.ok(md.length <= 65536, `${md.length} characters`);
    const shown = (md.match(/^\| error \|/gm) ?? []).length;
    assert.ok(shown > 100 && shown < 5000);
    assert.match(md, new RegExp(`_…and ${5000 - shown} more not shown\\._`));
    assert.match(md, new RegExp(`_${5000 - shown} rows left out to fit a pull-request comment`));
    assert.match(md, /### Manifest changes needed \(1\)\n\n- Add Segment/, 'small sections are kept whole');
  });
});
