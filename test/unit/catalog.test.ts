import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Minimatch } from 'minimatch';
import { builtinVendors, hostMatches, mayBeGlob, VENDOR_KINDS, VendorDef, VendorIndex } from '../../src/engine/core/catalog';
import catalogJson from '../../src/engine/data/vendors.json';

/** The project root, found from wherever the compiled test runs. */
function projectRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'test', 'fixtures', 'vendors'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('test/fixtures/vendors not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

const SNIPPETS = path.join(projectRoot(), 'test', 'fixtures', 'vendors');
const MAILGUN_2018 = [
  'aws', 'softlayer', 'rackspace', 'stripe', 'disqus', 'drift', 'mixpanel', 'vwo', 'kissmetrics', 'moz',
  'segment', 'google-analytics', 'github', 'twitter', 'pendo', 'customerio', 'hubspot', 'zendesk', 'arin',
];
const REQUIRED = [
  'sentry', 'posthog', 'amplitude', 'intercom', 'twilio', 'sendgrid', 'mailgun', 'postmark', 'resend', 'slack',
  'openai', 'anthropic', 'datadog', 'braze', 'klaviyo', 'mailchimp', 'algolia', 'auth0', 'clerk', 'firebase',
  'paypal', 'plaid', 'paddle', 'lemon-squeezy', 'meta-pixel', 'linkedin', 'hotjar', 'fullstory', 'logrocket',
  'heap', 'loops', 'plain', 'crisp',
];
const HOST_PATTERN = /^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/;
const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*(\/[a-z0-9][a-z0-9._~-]*)*$/;
const SCOPE_GLOB = /^@[a-z0-9][a-z0-9._~-]*\/\*$/;
const vendors = builtinVendors();
/** The catalog file as written (builtinVendors() merges each vendor's versions into its packages and sends). */
const rawVendors = (catalogJson as unknown as { vendors: VendorDef[] }).vendors;
const VERSIONED = ['openai', 'sentry', 'segment', 'mixpanel', 'stripe', 'twilio', 'sendgrid', 'mailgun', 'firebase', 'auth0', 'amplitude', 'square', 'okta', 'weaviate'];
/** A semver range limited to what the catalog uses: space-separated comparators on majors ('<4', '>=5 <8'). */
const RANGE = /^(?:[<>]=?|=)?\d+(?:\.\d+){0,2}(?: (?:[<>]=?|=)?\d+(?:\.\d+){0,2})*$/;

/** Whether major version `major` (as `major.0.0`) satisfies `range`. */
function satisfiesMajor(major: number, range: string): boolean {
  return range.split(' ').every((comparator) => {
    const [, op = '=', version] = /^([<>]=?|=)?(.+)$/.exec(comparator)!;
    const [a = 0, b = 0, c = 0] = version.split('.').map(Number);
    const cmp = major !== a ? major - a : b !== 0 ? -b : -c;
    return op === '<' ? cmp < 0 : op === '<=' ? cmp <= 0 : op === '>' ? cmp > 0 : op === '>=' ? cmp >= 0 : cmp === 0;
  });
}

function custom(id: string, fields: Partial<VendorDef>): VendorDef {
  return { id, name: id, aliases: [], kind: 'other', packages: [], hosts: [], globals: [], sends: ['*'], ...fields };
}

/** Every (value, vendor id) pair of one field, for duplicate checks. */
function claims(field: 'packages' | 'hosts' | 'globals'): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  for (const vendor of vendors) {
    for (const value of new Set(vendor[field])) owners.set(value, [...(owners.get(value) ?? []), vendor.id]);
  }
  return owners;
}

function duplicates(owners: Map<string, string[]>): string[] {
  return [...owners].filter(([, ids]) => ids.length > 1).map(([value, ids]) => `${value}: ${ids.join(', ')}`);
}

describe('vendor catalog data', () => {
  it('compiles only the packages that may be globs: every plain name is one minimatch finds no magic in', () => {
    const patterns = new Set(builtinVendors().flatMap((v) => [...v.packages, ...(v.versions ?? []).flatMap((x) => x.packages)]));
    const extra = ['@scope/pkg', 'a@b', '@a/*', 'a+(b)', '@(a|b)', '!a', 'a{b,c}', 'a[bc]', 'a?', '#comment', 'a\\*', 'plain-name', 'a.b/c'];
    let globs = 0;
    for (const p of [...patterns, ...extra]) {
      const magic = new Minimatch(p).hasMagic();
      if (magic) globs++;
      assert.ok(mayBeGlob(p) || !magic, `${p}: minimatch sees a glob that mayBeGlob would skip`);
    }
    assert.ok(globs > 10 && patterns.size > 500, `${globs} globs in ${patterns.size} packages`);
  });

  it('has at least 150 vendors', () => {
    assert.ok(vendors.length >= 150, `only ${vendors.length} vendors`);
  });

  it('documents its schema in a $comment', () => {
    assert.match((catalogJson as { $comment?: string }).$comment ?? '', /versions/);
  });

  it('includes every vendor of the Mailgun 2018 sharing list and the other required vendors', () => {
    const ids = new Set(vendors.map((v) => v.id));
    assert.deepEqual([...MAILGUN_2018, ...REQUIRED].filter((id) => !ids.has(id)), []);
    assert.equal(vendors.find((v) => v.id === 'softlayer')?.name, 'SoftLayer (IBM Cloud)');
    assert.equal(vendors.find((v) => v.id === 'twitter')?.name, 'Twitter / X');
  });

  it('gives every vendor the required fields with the right types', () => {
    for (const v of vendors) {
      for (const key of ['id', 'name', 'kind'] as const) assert.equal(typeof v[key], 'string', `${v.id}.${key}`);
      for (const key of ['aliases', 'packages', 'hosts', 'globals', 'sends'] as const) {
        assert.ok(Array.isArray(v[key]) && v[key].every((x) => typeof x === 'string' && x.length > 0), `${v.id}.${key}`);
      }
      assert.ok(v.sends.length > 0, `${v.id} sends nothing`);
      assert.ok(v.packages.length + v.hosts.length + v.globals.length > 0, `${v.id} cannot be recognised`);
      if (v.docs !== undefined) assert.match(v.docs, /^https:\/\//, `${v.id}.docs`);
      const known = ['id', 'name', 'aliases', 'kind', 'packages', 'hosts', 'globals', 'sends', 'docs', 'versions'];
      assert.deepEqual(Object.keys(v).filter((k) => !known.includes(k)), [], `${v.id} has unknown keys`);
    }
  });

  it('gives versioned vendors well-formed, distinct versions', () => {
    const versioned = rawVendors.filter((v) => v.versions !== undefined).map((v) => v.id);
    assert.deepEqual(VERSIONED.filter((id) => !versioned.includes(id)), [], 'vendors expected to be versioned');
    for (const v of rawVendors.filter((x) => x.versions !== undefined)) {
      assert.ok(Array.isArray(v.versions) && v.versions.length >= 2, `${v.id}: versions needs at least two entries`);
      for (const version of v.versions) {
        const label = `${v.id} ${version.range}`;
        assert.deepEqual(Object.keys(version).filter((k) => !['range', 'packages', 'sends', 'note'].includes(k)), [], `${label}: unknown keys`);
        assert.match(version.range, RANGE, `${label}: range`);
        assert.ok(version.packages.length > 0 && version.packages.every((p) => PACKAGE_NAME.test(p) || SCOPE_GLOB.test(p)), `${label}: packages`);
        assert.ok(version.sends.length > 0, `${label}: sends nothing`);
        for (const send of version.sends) assert.match(send, /^(\*|\(\)|[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*)$/, `${label}: ${send}`);
        assert.equal(typeof version.note, 'string', `${label}: note`);
      }
      const keys = v.versions.map((x) => `${x.range} ${[...x.packages].sort().join(',')}`);
      assert.equal(new Set(keys).size, keys.length, `${v.id}: duplicate versions`);
    }
  });

  it('merges version packages and sends into the vendor', () => {
    for (const raw of rawVendors.filter((x) => x.versions !== undefined)) {
      const merged = vendors.find((v) => v.id === raw.id)!;
      for (const version of raw.versions!) {
        assert.deepEqual(version.packages.filter((p) => !merged.packages.includes(p)), [], `${raw.id} packages`);
        assert.deepEqual(version.sends.filter((p) => !merged.sends.includes(p)), [], `${raw.id} sends`);
      }
    }
  });

  it('uses unique kebab-case ids and known kinds', () => {
    const ids = vendors.map((v) => v.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate ids');
    for (const v of vendors) {
      assert.match(v.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, v.id);
      assert.ok(VENDOR_KINDS.includes(v.kind), `${v.id}: unknown kind ${v.kind}`);
    }
  });

  it('uses valid host patterns, package names and sends entries', () => {
    for (const v of vendors) {
      for (const host of v.hosts) assert.match(host, HOST_PATTERN, `${v.id}: ${host}`);
      for (const pkg of v.packages) assert.ok(PACKAGE_NAME.test(pkg) || SCOPE_GLOB.test(pkg), `${v.id}: ${pkg}`);
      for (const send of v.sends) assert.match(send, /^(\*|\(\)|[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*)$/, `${v.id}: ${send}`);
      for (const name of v.globals) assert.match(name, /^[A-Za-z_$][\w$]*$/, `${v.id}: ${name}`);
    }
  });

  it('lets no two vendors claim the same exact package, host or global', () => {
    assert.deepEqual(duplicates(claims('packages')), []);
    assert.deepEqual(duplicates(claims('hosts')), []);
    assert.deepEqual(duplicates(claims('globals')), []);
  });

  it('lets no two vendors share a name or alias', () => {
    const owners = new Map<string, string[]>();
    for (const v of vendors) {
      for (const name of new Set([v.name, ...v.aliases].map((n) => n.toLowerCase()))) {
        owners.set(name, [...(owners.get(name) ?? []), v.id]);
      }
    }
    assert.deepEqual(duplicates(owners), []);
  });

  it('names a policy would use are aliases', () => {
    const names = (id: string) => [vendors.find((v) => v.id === id)!.name, ...vendors.find((v) => v.id === id)!.aliases];
    assert.ok(names('kissmetrics').includes('KISSmetrics'));
    assert.ok(names('customerio').includes('Customer.io'));
    assert.ok(names('aws').includes('Amazon Web Services'));
    assert.ok(names('vwo').includes('Visual Website Optimizer'));
    assert.ok(names('arin').includes('American Registry for Internet Numbers'));
    assert.ok(names('twitter').includes('X'));
    assert.ok(names('softlayer').includes('IBM Cloud'));
  });
});

describe('vendor snippet fixtures', () => {
  const files = fs.readdirSync(SNIPPETS).filter((f) => /\.(ts|js|tsx)$/.test(f));
  const byId = new Map(files.filter((f) => !f.includes('@')).map((f) => [f.replace(/\.(ts|js|tsx)$/, ''), f]));
  /** Version snippets `<id>@<major>.<ext>`, by id. */
  const byVersion = new Map<string, { major: number; file: string }[]>();
  for (const f of files.filter((x) => x.includes('@'))) {
    const m = /^([a-z0-9-]+)@(\d+)\.(ts|js|tsx)$/.exec(f);
    assert.ok(m, `badly named version snippet ${f}`);
    byVersion.set(m[1], [...(byVersion.get(m[1]) ?? []), { major: Number(m[2]), file: f }]);
  }
  const markersOf = (v: Pick<VendorDef, 'packages' | 'hosts' | 'globals'>) => [
    ...v.packages.map((p) => `'${p.replace(/\*$/, '')}`),
    ...v.hosts.map((h) => h.replace(/^\*/, '')),
    ...v.globals.map((g) => `${g}(`).concat(v.globals.map((g) => `${g}.`)),
  ];

  it('has one snippet per vendor, whose first line names it', () => {
    for (const v of vendors) {
      const file = byId.get(v.id);
      assert.ok(file, `no snippet for ${v.id}`);
      const first = fs.readFileSync(path.join(SNIPPETS, file), 'utf8').split('\n')[0];
      assert.equal(first, `// expect-vendor: ${v.id} user.contact.email`, file);
    }
  });

  it('has no snippet for an unknown vendor', () => {
    const ids = new Set(vendors.map((v) => v.id));
    assert.deepEqual([...byId.keys(), ...byVersion.keys()].filter((id) => !ids.has(id)), []);
  });

  it('has exactly one snippet per version, named by a major in its range, whose first line names the vendor', () => {
    for (const raw of rawVendors) {
      const snippets = byVersion.get(raw.id) ?? [];
      if (!raw.versions) {
        assert.deepEqual(snippets, [], `${raw.id} has no versions`);
        continue;
      }
      // A snippet belongs to a version when its major is in the range and it imports one of the version's packages
      // (ranges of different package lines, like Segment's analytics-node 3-6 and @segment/analytics-node 1+, may overlap).
      const text = (file: string) => fs.readFileSync(path.join(SNIPPETS, file), 'utf8');
      const belongs = (s: { major: number; file: string }, version: NonNullable<VendorDef['versions']>[number]) =>
        satisfiesMajor(s.major, version.range) && markersOf({ packages: version.packages, hosts: [], globals: [] }).some((m) => text(s.file).includes(m));
      for (const version of raw.versions) {
        const matching = snippets.filter((s) => belongs(s, version));
        assert.equal(matching.length, 1, `${raw.id} ${version.range}: snippets ${matching.map((s) => s.file).join(', ') || 'none'}`);
        assert.equal(text(matching[0].file).split('\n')[0], `// expect-vendor: ${raw.id} user.contact.email`, matching[0].file);
      }
      for (const s of snippets) {
        assert.ok(raw.versions.some((version) => belongs(s, version)), `${s.file} matches no version of ${raw.id}`);
      }
    }
  });

  it('reaches each vendor through one of its packages, hosts or globals', () => {
    for (const v of vendors) {
      const text = fs.readFileSync(path.join(SNIPPETS, byId.get(v.id)!), 'utf8');
      const markers = markersOf(v);
      assert.ok(markers.some((m) => text.includes(m)), `${v.id}: snippet uses none of ${markers.join(' ')}`);
    }
  });
});

describe('VendorIndex', () => {
  const index = new VendorIndex();
  const id = (v: VendorDef | undefined) => v?.id;

  it('lists the built-in vendors in file order and finds them by id', () => {
    assert.deepEqual(index.all().map((v) => v.id), vendors.map((v) => v.id));
    assert.equal(index.byId('mixpanel')?.name, 'Mixpanel');
    assert.equal(index.byId('nope'), undefined);
  });

  it('finds vendors by exact package, scope glob and subpath', () => {
    assert.equal(id(index.forPackage('mixpanel')), 'mixpanel');
    assert.equal(id(index.forPackage('mixpanel-browser')), 'mixpanel');
    assert.equal(id(index.forPackage('@sentry/node')), 'sentry');
    assert.equal(id(index.forPackage('@aws-sdk/client-ses')), 'aws');
    assert.equal(id(index.forPackage('firebase/analytics')), 'firebase');
    assert.equal(id(index.forPackage('firebase-admin/auth')), 'firebase');
    assert.equal(id(index.forPackage('openai/resources')), 'openai');
    assert.equal(id(index.forPackage('@vercel/analytics/server')), 'vercel-analytics');
    assert.equal(id(index.forPackage('mailgun.js')), 'mailgun');
    assert.equal(id(index.forPackage('@ai-sdk/anthropic')), 'anthropic');
  });

  it('finds nothing for packages that only look alike', () => {
    for (const spec of ['express', 'mixpanel-extra', 'openai-edge', '@sentry', './mixpanel', 'node:crypto', '@vercel/og']) {
      assert.equal(index.forPackage(spec), undefined, spec);
    }
  });

  it('matches exact hosts and wildcards case-insensitively, ignoring ports', () => {
    assert.equal(id(index.forHost('api.mixpanel.com')), 'mixpanel');
    assert.equal(id(index.forHost('API.Mixpanel.COM:443')), 'mixpanel');
    assert.equal(id(index.forHost('o4505.ingest.us.sentry.io')), 'sentry');
    assert.equal(id(index.forHost('us19.api.mailchimp.com')), 'mailchimp');
    assert.equal(id(index.forHost('rest.iad-01.braze.com')), 'braze');
    assert.equal(index.forHost('mixpanel.com'), undefined);
    assert.equal(index.forHost('evilmixpanel.com'), undefined);
    assert.equal(index.forHost('example.com'), undefined);
  });

  it('prefers an exact host, then the most specific wildcard', () => {
    assert.equal(id(index.forHost('googleads.googleapis.com')), 'google-ads');
    assert.equal(id(index.forHost('firestore.googleapis.com')), 'firebase');
    assert.equal(id(index.forHost('generativelanguage.googleapis.com')), 'google-gemini');
    assert.equal(id(index.forHost('storage.googleapis.com')), 'google-cloud');
  });

  it('finds vendors by browser global', () => {
    const expected: Record<string, string> = {
      gtag: 'google-analytics', dataLayer: 'google-analytics', fbq: 'meta-pixel', analytics: 'segment',
      mixpanel: 'mixpanel', Intercom: 'intercom', _kmq: 'kissmetrics', _vwo_code: 'vwo', pendo: 'pendo',
      drift: 'drift', $crisp: 'crisp', hj: 'hotjar', FS: 'fullstory', _hsq: 'hubspot', zE: 'zendesk',
      DISQUS: 'disqus', twq: 'twitter', lintrk: 'linkedin', ttq: 'tiktok-pixel',
    };
    for (const [name, vendor] of Object.entries(expected)) assert.equal(id(index.forGlobal(name)), vendor, name);
    assert.equal(index.forGlobal('window'), undefined);
  });

  it('lets custom vendors replace built-in ones with the same id', () => {
    const idx = new VendorIndex([custom('stripe', { name: 'Stripe EU', packages: ['stripe'] })]);
    assert.equal(idx.byId('stripe')?.name, 'Stripe EU');
    assert.equal(idx.byId('stripe')?.custom, true);
    assert.equal(idx.all().length, vendors.length);
    assert.equal(idx.forPackage('@stripe/stripe-js'), undefined);
    assert.equal(idx.forHost('api.stripe.com'), undefined);
    assert.equal(vendors.find((v) => v.id === 'stripe')?.custom, undefined, 'built-in catalog untouched');
  });

  it('searches custom packages and hosts before built-in ones', () => {
    const acme = custom('acme-analytics', { packages: ['mixpanel'], hosts: ['*.mixpanel.com'], globals: ['gtag'] });
    const idx = new VendorIndex([acme]);
    assert.equal(id(idx.forPackage('mixpanel')), 'acme-analytics');
    assert.equal(id(idx.forHost('api.mixpanel.com')), 'acme-analytics');
    assert.equal(id(idx.forGlobal('gtag')), 'acme-analytics');
    assert.equal(id(idx.forPackage('mixpanel-browser')), 'mixpanel');
    assert.equal(idx.all()[0].id, 'acme-analytics');
  });

  it('matches exact packages before globs', () => {
    const idx = new VendorIndex([
      custom('acme-all', { packages: ['@acme/*'] }),
      custom('acme-crm', { packages: ['@acme/crm-client'] }),
    ]);
    assert.equal(id(idx.forPackage('@acme/crm-client')), 'acme-crm');
    assert.equal(id(idx.forPackage('@acme/crm-client/lib')), 'acme-crm');
    assert.equal(id(idx.forPackage('@acme/billing')), 'acme-all');
  });

  it('memoizes lookups without mixing up results', () => {
    assert.equal(index.forPackage('@sentry/react'), index.forPackage('@sentry/react'));
    assert.equal(index.forHost('nope.example'), undefined);
    assert.equal(index.forHost('nope.example'), undefined);
  });

  it('decides which calls send data', () => {
    const mixpanel = index.byId('mixpanel')!;
    assert.equal(index.sends(mixpanel, ['track']), true);
    assert.equal(index.sends(mixpanel, ['people', 'set']), true);
    assert.equal(index.sends(mixpanel, ['client', 'people', 'set']), true);
    assert.equal(index.sends(mixpanel, ['set']), false);
    assert.equal(index.sends(mixpanel, ['people', 'set_once']), true);
    assert.equal(index.sends(mixpanel, ['init']), false);
    assert.equal(index.sends(mixpanel, []), false);
    const stripe = index.byId('stripe')!;
    assert.equal(index.sends(stripe, ['customers', 'create']), true);
    assert.equal(index.sends(stripe, []), true);
    const ga = index.byId('google-analytics')!;
    assert.equal(index.sends(ga, []), true);
    assert.equal(index.sends(ga, ['push']), true);
    assert.equal(index.sends(index.byId('segment')!, []), false);
  });

  it('accepts the sending calls of every SDK version', () => {
    const sentry = index.byId('sentry')!;
    assert.equal(index.sends(sentry, ['setUserContext']), true, 'raven');
    assert.equal(index.sends(sentry, ['configureScope']), true, 'sentry 5-7');
    assert.equal(index.sends(sentry, ['setUser']), true, 'sentry 8');
    assert.equal(index.sends(sentry, ['getCurrentScope']), false);
    const amplitude = index.byId('amplitude')!;
    assert.equal(index.sends(amplitude, ['logRevenueV2']), true, 'amplitude-js');
    assert.equal(index.sends(amplitude, ['init']), false);
    const mixpanel = index.byId('mixpanel')!;
    assert.equal(index.sends(mixpanel, ['set_group']), true, 'mixpanel-browser');
    assert.equal(id(index.forPackage('analytics-node')), 'segment');
    assert.equal(id(index.forPackage('sendgrid')), 'sendgrid');
    assert.equal(id(index.forPackage('weaviate-ts-client')), 'weaviate');
  });

  it('reads versions of custom vendors too', () => {
    const acme = custom('acme', {
      packages: ['acme-v2'], sends: ['track'],
      versions: [{ range: '<2', packages: ['acme-legacy'], sends: ['logEvent'] }, { range: '>=2', packages: ['acme-v2'], sends: ['track'] }],
    });
    const idx = new VendorIndex([acme]);
    assert.equal(id(idx.forPackage('acme-legacy')), 'acme');
    assert.equal(idx.sends(idx.byId('acme')!, ['logEvent']), true);
    assert.equal(idx.sends(idx.byId('acme')!, ['track']), true);
    assert.equal(idx.sends(idx.byId('acme')!, ['flush']), false);
  });
});

describe('hostMatches', () => {
  it('matches exact hosts case-insensitively and ignores ports', () => {
    assert.equal(hostMatches('api.x.com', 'api.x.com'), true);
    assert.equal(hostMatches('api.x.com', 'API.X.com:8443'), true);
    assert.equal(hostMatches('api.x.com', 'x.com'), false);
  });

  it('matches wildcards at any depth but not the bare domain', () => {
    assert.equal(hostMatches('*.x.com', 'a.x.com'), true);
    assert.equal(hostMatches('*.x.com', 'a.b.x.com'), true);
    assert.equal(hostMatches('*.x.com', 'x.com'), false);
    assert.equal(hostMatches('*.x.com', 'ax.com'), false);
    assert.equal(hostMatches('*.X.COM', 'a.x.com'), true);
  });
});
