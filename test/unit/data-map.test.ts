import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { buildDataMap, parseManifest, relationDeclared, UNATTRIBUTED, VendorIndex, Workspace, type DataMap } from '../../src/engine';

const example = join(__dirname, '../../../examples/mailroom');

/** Scans the bundled example once, in-process, without the cache. */
export async function exampleDataMap(): Promise<DataMap> {
  const workspace = new Workspace({ root: example, cacheDir: null, workers: 0 });
  await workspace.scan();
  return workspace.dataMap()!;
}

describe('data map of the example workspace', function () {
  this.timeout(60_000);
  let map: DataMap;
  before(async () => {
    map = await exampleDataMap();
  });

  it('lists the vendors in sharing-list order, the undeclared one last, with what each receives and from where', () => {
    assert.deepEqual(
      map.vendors.map((v) => [v.id, v.declared, v.region ?? null, v.transfer ?? null, v.purposes, v.locations.map((l) => `${l.file}:${l.line}`)]),
      [
        ['stripe', true, 'us', 'scc', ['billing'], ['server/src/billing/customers.ts:15', 'web/src/billing/BillingForm.tsx:28']],
        ['segment', true, 'us', 'scc', ['account'], ['server/src/account/signup.ts:34']],
        ['mixpanel', true, 'us', 'scc', ['service-providers'], ['web/src/analytics/identify.ts:13', 'web/src/analytics/identify.ts:15']],
        ['drift', true, 'us', 'scc', ['support'], ['web/src/support/chat.ts:10']],
        ['zendesk', true, 'us', 'scc', ['support'], ['server/src/support/tickets.ts:17']],
        ['customerio', true, 'us', 'scc', ['billing', 'marketing'], ['server/src/billing/dunning.ts:15', 'server/src/marketing/newsletter.ts:16']],
        ['arin', true, 'us', 'scc', ['dedicated-ips'], ['server/src/dedicated-ips/arin.ts:23']],
        ['intercom', false, null, null, ['account'], ['web/src/pages/SignupPage.tsx:22']],
      ],
    );
    assert.deepEqual(map.vendors.find((v) => v.id === 'intercom'), {
      id: 'intercom',
      name: 'Intercom',
      declared: false,
      categories: ['user.contact.email'],
      purposes: ['account'],
      locations: [{ file: 'web/src/pages/SignupPage.tsx', line: 22 }],
    });
  });

  it('lists the purposes in manifest order with their categories, vendors, subjects and retention', () => {
    assert.deepEqual(
      map.purposes.map((p) => [p.id, p.basis, p.dataSubjects, p.retention ?? null, p.vendors, p.categories.length, p.locations.length]),
      [
        ['account', 'contract', ['customer'], 'as long as is necessary to provide our services', ['intercom', 'segment'], 6, 12],
        ['realtime-logs', 'contract', [], null, [], 1, 1],
        ['support', 'contract', ['customer', 'visitor'], 'P2Y', ['drift', 'zendesk'], 5, 5],
        ['marketing', 'consent', ['customer', 'prospect'], 'until consent is withdrawn', ['customerio'], 2, 2],
        ['billing', 'contract', ['customer'], 'P7Y', ['customerio', 'stripe'], 4, 8],
        ['fraud-prevention', 'legitimate_interest', [], null, [], 2, 2],
        ['service-providers', 'contract', [], null, ['mixpanel'], 3, 2],
        ['dedicated-ips', 'contract', [], null, ['arin'], 5, 1],
        ['legal', 'legal_obligation', [], null, [], 3, 0],
      ],
    );
    assert.ok(!map.purposes.some((p) => p.id === UNATTRIBUTED), 'every location of the example has a purpose');
  });

  it('lists each category with where it is collected and where it goes', () => {
    assert.deepEqual(
      map.categories.map((c) => [c.id, c.declared, c.purposes.length, c.vendors, c.locations.length]),
      [
        ['user.account.domain', true, 2, [], 4],
        ['user.authorization.password', true, 1, [], 3],
        ['user.contact.address', true, 4, ['arin', 'stripe'], 6],
        ['user.contact.email', true, 8, ['arin', 'customerio', 'drift', 'intercom', 'mixpanel', 'segment', 'stripe', 'zendesk'], 17],
        ['user.contact.organization', true, 2, ['arin'], 2],
        ['user.contact.phone_number', true, 1, ['arin'], 1],
        ['user.content.private', true, 1, ['zendesk'], 1],
        ['user.device.ip_address', true, 1, [], 1],
        ['user.financial.credit_card', true, 1, ['stripe'], 2],
        ['user.name', true, 7, ['arin', 'customerio', 'drift', 'mixpanel', 'segment', 'stripe', 'zendesk'], 7],
        ['user.unique_id', true, 3, ['drift', 'mixpanel', 'segment'], 4],
      ],
    );
  });

  it('marks exactly the edges the findings are about as undeclared', () => {
    assert.deepEqual(
      map.edges.filter((e) => !e.declared).map((e) => [e.from, e.to, e.undeclaredCategories, e.locations.map((l) => `${l.file}:${l.line}`)]),
      [
        ['category:user.contact.address', 'purpose:support', [], ['server/src/support/verify-caller.ts:11']],
        ['purpose:account', 'vendor:intercom', ['user.contact.email'], ['web/src/pages/SignupPage.tsx:22']],
        ['purpose:billing', 'vendor:customerio', [], ['server/src/billing/dunning.ts:15']],
        ['purpose:service-providers', 'vendor:mixpanel', ['user.name'], ['web/src/analytics/identify.ts:13', 'web/src/analytics/identify.ts:15']],
      ],
    );
    assert.equal(map.edges.length, 40);
    assert.deepEqual(map.edges.filter((e) => !e.seen).map((e) => `${e.from}>${e.to}`), [
      'category:user.contact.address>purpose:legal',
      'category:user.contact.email>purpose:legal',
      'category:user.name>purpose:legal',
    ]);
    assert.equal(map.findings.length, 8);
  });

  it('tells declared relations from undeclared ones, not only declared ends', () => {
    const rel = (a: [string, string], b: [string, string]) => relationDeclared(map, { kind: a[0] as 'vendor', id: a[1] }, { kind: b[0] as 'vendor', id: b[1] });
    assert.equal(rel(['vendor', 'mixpanel'], ['category', 'user.name']), false, 'undeclared-sharing');
    assert.equal(rel(['vendor', 'mixpanel'], ['category', 'user.contact.email']), true);
    assert.equal(rel(['purpose', 'billing'], ['vendor', 'customerio']), false, 'vendor-purpose-mismatch');
    assert.equal(rel(['vendor', 'customerio'], ['purpose', 'marketing']), true);
    assert.equal(rel(['category', 'user.contact.address'], ['purpose', 'support']), false, 'undeclared-purpose');
    assert.equal(rel(['category', 'user.contact.email'], ['vendor', 'intercom']), false, 'undeclared vendor');
  });
});

describe('data map edges', () => {
  const manifest = (() => {
    const r = parseManifest(
      [
        'version: 1',
        'categories: [user.contact]',
        'purposes:',
        '  - id: billing',
        '    categories: [user.contact.email]',
        'vendors:',
        '  - id: stripe',
        '    purposes: [billing]',
        '    categories: [user.contact.email]',
        '',
      ].join('\n'),
    );
    assert.ok(r.ok);
    return r.manifest;
  })();

  it('puts code without a purpose under the unattributed purpose, and a parent key declares its children', () => {
    const map = buildDataMap({
      manifest,
      vendors: new VendorIndex(),
      findings: [],
      inventory: {
        categories: { 'user.contact.phone_number': [{ file: 'a.ts', line: 3 }] },
        vendors: { stripe: [{ file: 'a.ts', line: 4, categories: ['user.contact.phone_number'] }] },
      },
    });
    assert.deepEqual(map.purposes.map((p) => [p.id, p.declared, p.locations]), [
      ['billing', true, []],
      [UNATTRIBUTED, false, [{ file: 'a.ts', line: 3 }]],
    ]);
    assert.deepEqual(map.categories.find((c) => c.id === 'user.contact.phone_number')?.declared, true);
    assert.deepEqual(map.edges.map((e) => [e.from, e.to, e.declared, e.seen, e.undeclaredCategories]), [
      ['category:user.contact.email', 'purpose:billing', true, false, []],
      ['category:user.contact.phone_number', `purpose:${UNATTRIBUTED}`, false, true, []],
      [`purpose:${UNATTRIBUTED}`, 'vendor:stripe', false, true, ['user.contact.phone_number']],
      ['purpose:billing', 'vendor:stripe', true, false, []],
    ]);
  });
});

describe('data map at scale', () => {
  it('keeps one node per vendor and purpose, and every location once, with 20,000 call sites', () => {
    const r = parseManifest('version: 1\ncategories: [user.contact.email]\npurposes:\n  - id: billing\n    categories: [user.contact.email]\n');
    assert.ok(r.ok);
    const vendors: Record<string, { file: string; line: number; categories: string[]; purpose?: string }[]> = {};
    for (let v = 0; v < 40; v++) {
      vendors[`vendor-${v}`] = Array.from({ length: 500 }, (_, i) => ({ file: `src/f${i % 250}.ts`, line: 1 + Math.floor(i / 250), categories: ['user.contact.email'], purpose: i % 3 ? 'billing' : undefined }));
    }
    const map = buildDataMap({ manifest: r.manifest, vendors: new VendorIndex(), findings: [], inventory: { categories: {}, vendors } });
    assert.equal(map.vendors.length, 40);
    assert.deepEqual(map.purposes.map((p) => p.id), ['billing', UNATTRIBUTED]);
    assert.ok(map.vendors.every((v) => v.locations.length === 500 && !v.declared));
    assert.equal(map.edges.length, 1 + 40 * 2);
  });
});

describe('undeclared-transfer', () => {
  it('names the vendor, its region and the home region', async () => {
    const workspace = new Workspace({ root: join(__dirname, '../../../test/fixtures/cases/rule-undeclared-transfer'), cacheDir: null, workers: 0 });
    const { findings } = await workspace.scan();
    assert.deepEqual(findings.map((f) => f.message), ['Stripe (region us, outside the home region eu) receives user.contact.email, and no transfer mechanism is declared for it']);
  });
});
