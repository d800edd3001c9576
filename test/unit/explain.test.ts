import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { main } from '../../src/cli/main';
import { analyzeSource } from '../../src/engine/analysis/analyze-source';
import { CallObserver } from '../../src/engine/analysis/observer';
import { isSourceFile } from '../../src/engine/analysis/parse';
import { detectionConfig, detectionInput } from '../../src/engine/config';
import type { CallExplanation, Explanation, RuleExplanation } from '../../src/engine';

const projectRoot = join(__dirname, '../../..');
const fixture = join(projectRoot, 'test/fixtures/explain');

/** Runs the CLI in-process: the exit code and what it printed. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, (s) => void (out += s), (s) => void (err += s));
  return { code, out, err };
}

/** `explain src/signup.ts:LINE` on the fixture, as JSON. */
async function explain(target: string): Promise<Explanation> {
  const r = await cli(['explain', target, fixture, '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as Explanation;
}

async function onlyCall(line: number): Promise<CallExplanation> {
  const x = await explain(`src/signup.ts:${line}`);
  assert.equal(x.calls.length, 1, JSON.stringify(x.calls.map((c) => c.callee)));
  return x.calls[0];
}

function rule(call: CallExplanation, id: string): RuleExplanation {
  const found = call.flows.flatMap((f) => f.rules).find((r) => r.rule === id);
  assert.ok(found, `${id} in ${JSON.stringify(call.flows.map((f) => f.rules))}`);
  return found;
}

describe('privacy-lens explain FILE:LINE', function () {
  this.timeout(60_000);

  it('a vendor SDK call with a finding: the SDK, the sink, where the argument\'s category came from, the rule that reported', async () => {
    const x = await explain('src/signup.ts:16');
    assert.equal(x.text.trim(), "mixpanel.track('Signed up', { email });");
    const [call] = x.calls;
    assert.equal(call.callee, 'mixpanel.track');
    assert.deepEqual({ kind: call.resolved.kind, vendor: call.resolved.vendor }, { kind: 'vendor', vendor: 'mixpanel' });
    assert.deepEqual(call.sinks.map((s) => [s.kind, s.vendor, s.categories]), [['vendor', 'mixpanel', ['user.contact.email']]]);
    assert.deepEqual(call.arguments[0].categories, []);
    const email = call.arguments[1].categories.find((c) => c.category === 'user.contact.email');
    assert.equal(email?.trace[0].line, 15);
    assert.match(email!.trace[0].note, /request body/);
    assert.deepEqual(call.arguments[1].fields, { email: ['user.contact.email'] });
    assert.equal(rule(call, 'undeclared-vendor').status, 'reported');
    assert.deepEqual(x.findings.map((f) => f.rule), ['undeclared-vendor']);
  });

  it('a declared flow: no finding, and each vendor rule says why', async () => {
    const call = await onlyCall(17);
    assert.equal(call.resolved.vendor, 'segment');
    assert.deepEqual(call.flows[0].categories, ['user.contact.email', 'user.name']);
    const rules = call.flows[0].rules;
    assert.ok(rules.every((r) => r.status === 'silent'), JSON.stringify(rules));
    assert.match(rule(call, 'undeclared-vendor').reason!, /Segment \(segment\) is in the sharing list .*line 10/);
    assert.match(rule(call, 'undeclared-sharing').reason!, /user\.contact\.email \(by user\.contact\) and user\.name are declared in Segment's categories/);
    assert.match(rule(call, 'vendor-purpose-mismatch').reason!, /"account" \(from its path\) is one of Segment's purposes/);
    assert.ok(!rules.some((r) => r.rule === 'pii-in-logs' || r.rule === 'unknown-recipient'), 'only the rules that apply to a vendor flow are listed');
  });

  it('a call of a same-file helper: the local function, the sink inside it, the flow reported at the call', async () => {
    const call = await onlyCall(18);
    assert.deepEqual({ kind: call.resolved.kind, name: call.resolved.name, line: call.resolved.line }, { kind: 'local', name: 'notify', line: 10 });
    assert.deepEqual(call.sinks, []);
    assert.match(call.noSink!, /the sinks it reaches are inside it/);
    assert.deepEqual(call.reaches.map((s) => [s.kind, s.callee, s.line]), [['log', 'console.info', 11]]);
    assert.deepEqual(call.flows.map((f) => [f.kind, f.line, f.through, f.atCaller]), [['log', 18, undefined, undefined]]);
    assert.equal(rule(call, 'pii-in-logs').status, 'reported');
    // At the helper's own sink: the data came from a caller, and is reported there.
    const sink = await onlyCall(11);
    assert.deepEqual(sink.sinks.map((s) => [s.kind, s.categories]), [['log', ['user.contact.email']]]);
    assert.deepEqual(sink.flows.map((f) => [f.line, f.atCaller]), [[18, true]]);
    assert.equal(sink.flows[0].rules.find((r) => r.rule === 'pii-in-logs')?.status, 'reported');
  });

  it('a call into another module: the workspace module, the sink its parameter reaches there, the linked finding', async () => {
    const call = await onlyCall(19);
    assert.deepEqual({ kind: call.resolved.kind, module: call.resolved.module, name: call.resolved.name }, { kind: 'workspace', module: 'src/lib/tracking.ts', name: 'track' });
    assert.deepEqual(call.reaches.map((s) => [s.kind, s.host, s.file, s.line]), [['http', 'hooks.partner.example', 'src/lib/tracking.ts', 2]]);
    assert.equal(call.flows[0].module, 'src/lib/tracking.ts');
    assert.equal(rule(call, 'unknown-recipient').status, 'reported');
  });

  it('calls with no sink say why: a package the catalog does not list, a vendor method that sends nothing, a built-in', async () => {
    const lodash = await onlyCall(20);
    assert.deepEqual({ kind: lodash.resolved.kind, module: lodash.resolved.module }, { kind: 'package', module: 'lodash' });
    assert.match(lodash.noSink!, /not in the catalog: "lodash"/);
    assert.deepEqual(lodash.arguments[0].categories.map((c) => c.category), ['user.name']);
    assert.deepEqual(lodash.flows, []);
    const [helper] = (await explain('src/lib/tracking.ts:18')).calls;
    assert.deepEqual({ kind: helper.resolved.kind, name: helper.resolved.name }, { kind: 'local', name: 'label' });
    assert.deepEqual([helper.noSink, helper.reaches, helper.flows], ['a local helper that reaches no sink', [], []]);
    const config = await onlyCall(27);
    assert.match(config.noSink!, /does not list set_config as a call of Mixpanel that sends data/);
    const x = await explain('src/signup.ts:22');
    assert.deepEqual(x.calls.map((c) => c.callee), ['fetch', 'JSON.stringify']);
    assert.equal(x.calls[1].resolved.kind, 'builtin');
  });

  it('a log call: the global console, the log sink, pii-in-logs', async () => {
    const call = await onlyCall(21);
    assert.deepEqual({ kind: call.resolved.kind, global: call.resolved.global }, { kind: 'logger', global: true });
    assert.deepEqual(call.sinks.map((s) => s.kind), ['log']);
    assert.equal(rule(call, 'pii-in-logs').status, 'reported');
  });

  it('a host known only at run time: unresolved-flow reports, unknown-recipient says why not', async () => {
    const [call] = (await explain('src/signup.ts:22')).calls;
    assert.deepEqual(call.sinks.map((s) => [s.kind, s.hostStatus]), [['http', 'dynamic']]);
    assert.equal(rule(call, 'unresolved-flow').status, 'reported');
    assert.match(rule(call, 'unknown-recipient').reason!, /known only at run time/);
  });

  it('a finding suppressed by an annotation, a first-party host and an import that cannot be found', async () => {
    const suppressed = rule(await onlyCall(24), 'pii-in-logs');
    assert.equal(suppressed.status, 'suppressed');
    assert.match(suppressed.reason!, /ignore-next-line comment at line 23 \(audit log, kept 7 days\)/);
    assert.match(suppressed.message!, /written to the log by console\.warn/);
    const [firstParty] = (await explain('src/signup.ts:25')).calls;
    assert.match(rule(firstParty, 'unknown-recipient').reason!, /api\.acme\.example is first party \(first_party\.hosts: api\.acme\.example\)/);
    const missing = await onlyCall(26);
    assert.deepEqual({ kind: missing.resolved.kind, module: missing.resolved.module }, { kind: 'unresolved-import', module: './lib/gone' });
    assert.equal(rule(missing, 'unresolved-flow').status, 'reported');
  });

  it('a rule off in the manifest given with --manifest, and a finding a rule reports once per file at another line', async () => {
    const r = await cli(['explain', 'src/signup.ts:21', fixture, '--manifest', join(fixture, 'quiet.yaml'), '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const off = rule((JSON.parse(r.out) as Explanation).calls[0], 'pii-in-logs');
    assert.deepEqual([off.status, off.reason], ['off', 'the rule is off (rules: in quiet.yaml)']);
    const [source] = (await explain('src/lib/tracking.ts:10')).sources;
    assert.equal(source.category, 'user.contact.phone_number');
    const once = source.rules.find((x) => x.rule === 'undeclared-purpose')!;
    assert.deepEqual([once.status, once.reason], ['elsewhere', 'reported once per file, at line 6']);
  });

  it('a line without a call says so and lists the sources of personal data on it', async () => {
    const x = await explain('src/signup.ts:15');
    assert.deepEqual(x.calls, []);
    assert.match(x.note!, /no call on line 15; the engine saw 2 places where personal data is read/);
    assert.deepEqual(x.sources.map((s) => s.category), ['user.contact.email', 'user.name']);
    assert.match(x.sources[0].rules.find((r) => r.rule === 'undeclared-category')!.reason!, /by user\.contact/);
    assert.match((await explain('src/signup.ts:9')).note!, /saw nothing there/);
    assert.match((await explain('src/signup.ts:1')).note!, /no call on line 1; the engine saw an import of mixpanel$/);
    assert.match((await explain('src/signup.ts:23')).note!, /saw a privacy-lens ignore-next-line comment$/);
    // A sink that is a constructor, not a call: its parameters' sink is named, for its callers.
    assert.match((await explain('src/lib/upload.ts:7')).note!, /no call on line 7; the engine saw a sink of the parameters of storeAvatar\(\) \(aws by Upload\), explained at its callers$/);
  });

  it('a line of a file the scan leaves out says it is not scanned', async () => {
    const x = await explain('src/ignored/old.ts:2');
    assert.equal(x.scanned, false);
    assert.equal(x.calls[0].flows[0].rules[0].status, 'not-scanned');
  });

  it('prints text for a reviewer, FILE relative to the current directory, and is in the help', async () => {
    const r = await cli(['explain', relative(process.cwd(), join(fixture, 'src/signup.ts')) + ':17', fixture]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^src\/signup\.ts:17 {2}analytics\.identify/);
    assert.match(r.out, /callee: {3}the SDK of Segment \(segment\), at identify/);
    assert.match(r.out, /no finding {2}undeclared-vendor: Segment \(segment\) is in the sharing list/);
    assert.match(r.out, /No finding on line 17\./);
    assert.match((await cli(['help', 'explain'])).out, /Usage: privacy-lens explain FILE:LINE \[DIR\]/);
    assert.match((await cli(['--help'])).out, /privacy-lens explain FILE:LINE \[DIR\]/);
  });

  it('the README\'s example is what explain prints', async () => {
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    const command = '$ privacy-lens explain server/src/account/signup.ts:34 examples/mailroom\n';
    const start = readme.indexOf(command);
    assert.ok(start >= 0, 'the example is in the README');
    const shown = readme.slice(start + command.length, readme.indexOf('```', start));
    const r = await cli(['explain', 'server/src/account/signup.ts:34', join(projectRoot, 'examples/mailroom')]);
    assert.equal(r.out, shown);
  });

  it('usage errors exit 2 with a clear message', async () => {
    const cases: [string[], RegExp][] = [
      [['explain'], /explain needs FILE:LINE/],
      [['explain', 'src/signup.ts', fixture], /with the line after a colon/],
      [['explain', 'src/signup.ts:x', fixture], /must be a number from 1 \(got "x"\)/],
      [['explain', 'src/signup.ts:0', fixture], /must be a number from 1 \(got "0"\)/],
      [['explain', 'src/signup.ts:99', fixture], /line 99 is out of range: src\/signup\.ts has 29 lines/],
      [['explain', 'src/nope.ts:1', fixture], /no such file: src\/nope\.ts/],
      [['explain', join(projectRoot, 'package.json') + ':1', fixture], /is outside the workspace/],
      [['explain', 'notes.md:1', fixture], /notes\.md is not a JavaScript or TypeScript file/],
      [['explain', 'src/broken.ts:1', fixture], /src\/broken\.ts:2:10: could not parse: ':' expected/],
      [['explain', 'src/signup.ts:1', fixture, '--format', 'sarif'], /--format of explain must be one of text, json/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.out}`);
      assert.match(r.err, message);
      assert.equal(r.out, '');
    }
  });

  it('the observer explain uses changes nothing the analysis finds', () => {
    const config = detectionConfig(detectionInput(null));
    const files = ['test/fixtures/cases', 'eval/apps', 'examples/mailroom'].flatMap((d) => sourceFiles(join(projectRoot, d))).concat(sourceFiles(fixture));
    assert.ok(files.length > 150, `only ${files.length} files`);
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      const plain = analyzeSource(text, path, config);
      const observer = new CallObserver(1, text.split('\n').length);
      assert.deepEqual(analyzeSource(text, path, config, observer), plain, path);
    }
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name !== 'node_modules').flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return isSourceFile(path) ? [path] : [];
  });
}
