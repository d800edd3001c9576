import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { layoutDataMap, RECORD_COLUMNS, renderDataMapSvg, renderReport, type DataMap } from '../../src/engine';
import { exampleDataMap } from './data-map.test';

const projectRoot = join(__dirname, '../../..');
const taxonomy = resolve(process.cwd(), '..', 'shared', 'taxonomy');

describe('reports on the data map of the example workspace', function () {
  this.timeout(60_000);
  let map: DataMap;
  before(async () => {
    map = await exampleDataMap();
  });

  it('lays the graph out in three columns, every node and edge placed', () => {
    const graph = layoutDataMap(map);
    assert.equal(graph.nodes.length, map.categories.length + map.purposes.length + map.vendors.length);
    assert.equal(graph.edges.length, map.edges.length);
    const column = (kind: string) => graph.nodes.filter((n) => n.kind === kind).map((n) => n.x);
    assert.ok(Math.max(...column('category')) < Math.min(...column('purpose')), 'categories left of purposes');
    assert.ok(Math.max(...column('purpose')) < Math.min(...column('vendor')), 'purposes left of vendors');
    assert.ok(graph.edges.every((e) => e.points.length >= 2));
  });

  it('draws undeclared nodes and edges with their own class and the word "undeclared"', () => {
    const svg = renderDataMapSvg(map, { standalone: true });
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="pl-graph"/);
    assert.match(svg, /<g class="pl-node pl-vendor pl-undeclared" data-node="vendor:intercom" tabindex="0" role="button"><title>vendor Intercom: 1 code location, not declared in the manifest<\/title><rect [^>]+\/><text [^>]+>⚠ Intercom \(1\) undeclared<\/text><\/g>/);
    assert.equal(svg.match(/class="pl-edge pl-undeclared/g)?.length, 4);
    assert.equal(svg.match(/class="pl-node [a-z-]+ pl-undeclared"/g)?.length, 1);
  });

  it('html: one self-contained offline page with the graph, the tables and the findings', () => {
    const html = renderReport(map, 'html', { generated: new Date('2026-01-02T00:00:00Z') });
    assert.match(html, /^<!DOCTYPE html>/);
    assert.doesNotMatch(html, /https?:|\/\/[a-z]/i, 'no URL of any kind');
    assert.doesNotMatch(html, /<(script|link|img|iframe|object|embed)\b|\bsrc=|url\((?!#)|@import/i, "nothing loaded (url(#...) is a marker inside the page)");
    assert.match(html, /<svg class="pl-graph"/);
    for (const title of ['Vendors', 'Data categories', 'Purposes', 'Findings']) assert.match(html, new RegExp(`<h2>${title}</h2>`));
    assert.match(html, /<tr><td>Intercom<\/td><td class="undeclared">NO \(undeclared\)<\/td><td><\/td><td><\/td><td>account<\/td><td>user\.contact\.email<\/td><td>web\/src\/pages\/SignupPage\.tsx:22<\/td><\/tr>/);
    assert.match(html, /<tr><td>error<\/td><td>undeclared-vendor<\/td><td>web\/src\/pages\/SignupPage\.tsx:22<\/td><td>user\.contact\.email is sent to Intercom, which is not in the sharing list<\/td><\/tr>/);
    assert.match(html, /@media print/);
    assert.match(html, /Generated 2026-01-02/);
  });

  it('md: the same tables in Markdown', () => {
    const md = renderReport(map, 'md');
    assert.match(md, /^# Data map: Mailroom\n\n11 data categories, 9 purposes, 8 vendors \(1 undeclared\), 8 findings\. Manifest: `data-inventory\.yaml`, home region `eu`\.\n/);
    assert.ok(md.includes('\n| Vendor | Declared | Region | Transfer | Purposes | Data categories | Code locations |\n|---|---|---|---|---|---|---|\n| Stripe | yes | us | scc | billing | user.contact.address, user.contact.email, user.financial.credit_card, user.name | server/src/billing/customers.ts:15, web/src/billing/BillingForm.tsx:28 |\n'));
    assert.ok(md.includes('\n| Intercom | NO (undeclared) |  |  | account | user.contact.email | web/src/pages/SignupPage.tsx:22 |\n'));
    assert.ok(md.includes('\n| user.contact.email | yes |  | account, billing, dedicated-ips, fraud-prevention, legal, marketing, service-providers, support | ARIN, Customer.io, Drift, Intercom, Mixpanel, Segment, Stripe, Zendesk | server/src/account/events.ts:8, '));
    assert.ok(md.includes(', and 7 more |\n'));
    assert.ok(md.includes('\n| warning | vendor-purpose-mismatch | server/src/billing/dunning.ts:15 | '));
  });

  it('csv: a record of processing (GDPR Art. 30), one row per purpose, that a CSV parser reads back', () => {
    const csv = renderReport(map, 'csv');
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    assert.deepEqual(Object.keys(rows[0]), [...RECORD_COLUMNS]);
    assert.deepEqual(rows.map((r) => r.Purpose), ['account', 'realtime-logs', 'support', 'marketing', 'billing', 'fraud-prevention', 'service-providers', 'dedicated-ips', 'legal']);
    assert.deepEqual(rows[3], {
      Purpose: 'marketing',
      Description: 'Newsletters, announcements and offers about our services',
      'Legal basis': 'consent',
      'Categories of data subjects': 'customer; prospect',
      'Categories of personal data': 'user.contact.email; user.name',
      Recipients: 'Customer.io (us)',
      'Transfers to third countries': 'Customer.io (us)',
      Safeguards: 'Customer.io: scc',
      Retention: 'until consent is withdrawn',
      'Declared in manifest': 'yes',
      'Code locations': 'server/src/marketing/newsletter.ts:11; server/src/marketing/partner-leads.ts:8',
    });
    assert.equal(rows[0].Recipients, 'Intercom [undeclared]; Segment (us)');
    assert.equal(rows[8]['Code locations'], '', 'legal has no code');
    const again = parse(csv) as string[][];
    assert.equal(again.length, map.purposes.length + 1);
    assert.ok(csv.endsWith('\r\n'));
  });

  it('fides: a fideslang system manifest, one privacy declaration per declared purpose', () => {
    const doc = parseYaml(renderReport(map, 'fides'));
    const system = doc.system[0];
    assert.deepEqual(Object.keys(system), ['fides_key', 'name', 'description', 'system_type', 'egress', 'privacy_declarations']);
    assert.equal(system.fides_key, 'mailroom');
    assert.equal(system.privacy_declarations.length, 9);
    const marketing = system.privacy_declarations[3];
    assert.deepEqual(marketing, {
      name: 'Newsletters, announcements and offers about our services',
      data_categories: ['user.contact.email', 'user.name'],
      data_use: 'marketing.communications.email',
      data_subjects: ['customer', 'prospect'],
      legal_basis_for_processing: 'Consent',
      retention_period: 'until consent is withdrawn',
      data_shared_with_third_parties: true,
      third_parties: 'Customer.io',
      egress: ['customerio'],
      dataset_references: [],
    });
    assert.ok(system.privacy_declarations[0].data_categories.includes('user.account'), 'the custom user.account.domain is exported as user.account');
    assert.ok(!system.egress.some((e: { fides_key: string }) => e.fides_key === 'intercom'), 'only declared vendors are egress');
  });

  it("fides: every data category and data use is a fideslang key (../shared/taxonomy)", function () {
    if (!existsSync(join(taxonomy, 'fideslang-data-categories.txt'))) {
      console.log('    ../shared/taxonomy is absent: skipping the fideslang key check');
      this.skip();
    }
    const keys = (file: string) => new Set(readFileSync(join(taxonomy, file), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean));
    const categories = keys('fideslang-data-categories.txt');
    const uses = keys('fideslang-data-uses.txt');
    const system = parseYaml(renderReport(map, 'fides')).system[0];
    for (const d of system.privacy_declarations) {
      assert.ok(uses.has(d.data_use), d.data_use);
      for (const c of d.data_categories) assert.ok(categories.has(c), c);
    }
    for (const e of system.egress) for (const c of e.data_categories) assert.ok(categories.has(c), c);
  });
});

describe('CLI report', function () {
  this.timeout(60_000);
  const cli = join(projectRoot, 'dist/cli.js');
  const run = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'privacy-lens-report-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes each format to --output and exits 0, whatever the findings', () => {
    for (const format of ['html', 'md', 'csv', 'fides']) {
      const out = join(dir, `map.${format}`);
      const r = run(['report', 'examples/mailroom', '--format', format, '--output', out, '--no-cache']);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(readFileSync(out, 'utf8').length > 500, format);
    }
  });

  it('prints to standard output, and refuses an unknown format or a missing manifest with exit code 2', () => {
    const md = run(['report', 'examples/mailroom', '--format', 'md', '--no-cache']);
    assert.match(md.stdout, /^# Data map: Mailroom/);
    const bad = run(['report', 'examples/mailroom', '--format', 'pdf']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--format must be one of html, md, csv, fides/);
    const missing = run(['report', dir, '--format', 'md', '--no-cache']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /missing or invalid/);
  });
});
