import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { parseManifest } from '../../src/engine/manifest/load';
import { RULE_IDS } from '../../src/engine/core/rule-ids';
import { DATA_SUBJECTS, TRANSFER_MECHANISMS } from '../../src/engine/manifest/types';

const VALID = `version: 1
system: Acme Mail
policy:
  url: https://example.com/privacy
  file: docs/privacy-policy.md
  updated: 2018-08-31
categories:
  - user.name
  - user.contact
  - id: user.account.domain
    description: The customer's sending domain
    match: [domain, sendingDomain]
purposes:
  - id: account
    description: Create and maintain the account
    basis: contract
    categories: [user.name, user.contact.email]
    paths: ["src/account/**"]
  - id: marketing
    basis: consent
    data_use: marketing.communications.email
    categories: [user.contact.email]
vendors:
  - id: stripe
    purposes: [account]
    categories: [user.name]
    region: us
  - id: acme-crm
    name: Acme CRM
    packages: ["@acme/crm-client"]
    hosts: ["api.acmecrm.io", "*.acmecrm.io"]
    purposes: [marketing]
    categories: [user.contact.email]
first_party:
  hosts: ["api.acme.example"]
ignore: ["**/*.test.ts"]
rules:
  pii-in-logs: error
  unused-vendor: off
`;

/** Replaces one line of the valid manifest (1-based) to make a broken one. */
function withLine(line: number, text: string): string {
  const lines = VALID.split('\n');
  lines[line - 1] = text;
  return lines.join('\n');
}

describe('manifest', () => {
  it('reads every part of a valid manifest', () => {
    const r = parseManifest(VALID);
    assert.ok(r.ok, JSON.stringify(r.errors));
    const m = r.manifest;
    assert.equal(m.system, 'Acme Mail');
    assert.equal(m.policy?.file, 'docs/privacy-policy.md');
    assert.deepEqual(m.categories.map((c) => [c.id, c.builtin]), [['user.name', true], ['user.contact', true], ['user.account.domain', false]]);
    assert.deepEqual(m.categories[2].match, ['domain', 'sendingDomain']);
    assert.equal(m.purposes[1].dataUse, 'marketing.communications.email');
    assert.equal(m.purposes[0].basis, 'contract');
    assert.deepEqual(m.vendors.map((v) => [v.id, v.builtin]), [['stripe', true], ['acme-crm', false]]);
    assert.deepEqual(m.vendors[1].hosts, ['api.acmecrm.io', '*.acmecrm.io']);
    assert.deepEqual(m.firstPartyHosts, ['api.acme.example']);
    assert.deepEqual(m.ignore, ['**/*.test.ts']);
    assert.deepEqual(m.rules, { 'pii-in-logs': 'error', 'unused-vendor': 'off' });
    assert.equal(m.vendors[0].range.line, 24);
  });

  it('reads retention, data subjects, regions, transfers and the home region', () => {
    const text = [
      'version: 1',
      'home_region: eu',
      'categories:',
      '  - id: user.contact.email',
      '    retention: P1Y',
      'purposes:',
      '  - id: billing',
      '    data_subjects: [customer]',
      '    retention: as long as the account exists',
      'vendors:',
      '  - id: stripe',
      '    region: us',
      '    transfer: scc',
      '',
    ].join('\n');
    const r = parseManifest(text);
    assert.ok(r.ok, JSON.stringify(r.errors));
    assert.equal(r.manifest.homeRegion, 'eu');
    assert.equal(r.manifest.categories[0].retention, 'P1Y');
    assert.deepEqual([r.manifest.purposes[0].dataSubjects, r.manifest.purposes[0].retention], [['customer'], 'as long as the account exists']);
    assert.deepEqual([r.manifest.vendors[0].region, r.manifest.vendors[0].transfer], ['us', 'scc']);
    const bad = parseManifest(text.replace('transfer: scc', 'transfer: shield'));
    assert.ok(!bad.ok);
    assert.deepEqual(bad.errors.map((e) => [e.line, e.column, e.message]), [[13, 15, 'unknown transfer mechanism "shield"; allowed: adequacy, scc, bcr, consent, none']]);
    const subject = parseManifest(text.replace('[customer]', '[customer, users]'));
    assert.ok(!subject.ok);
    assert.deepEqual(subject.errors.map((e) => [e.line, e.column]), [[8, 31]]);
    assert.match(subject.errors[0].message, /^"users" is not a fideslang data subject; allowed: anonymous_user, /);
  });

  it('reads the example manifest and the fixture manifests', () => {
    const r = parseManifest(readFileSync(join(__dirname, '../../../examples/mailroom/data-inventory.yaml'), 'utf8'));
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  });

  const broken: [string, string, string, number, number][] = [
    ['a YAML syntax error', withLine(17, '    categories: [user.name, user.contact.email'), 'YAML syntax error', 18, 5],
    ['an unknown top-level key, with a hint', withLine(2, 'sytem: Acme Mail'), 'unknown key "sytem" in the manifest (did you mean "system"?)', 2, 1],
    ['a missing version', VALID.replace('version: 1\n', ''), 'missing "version: 1"', 1, 1],
    ['a wrong version', withLine(1, 'version: 2'), 'version must be 1', 1, 10],
    ['a wrong type', withLine(2, 'system: [a, b]'), 'system must be a string', 2, 9],
    ['an unknown built-in category', withLine(8, '  - user.nmae'), '"user.nmae" is not a built-in category', 8, 5],
    ['a custom category without match', withLine(12, '    matches: [domain]'), 'unknown key "matches" in a category', 12, 5],
    ['a duplicate category', withLine(9, '  - user.name'), 'duplicate category "user.name"', 9, 5],
    ['an unknown legal basis', withLine(16, '    basis: contractual'), 'unknown legal basis "contractual"', 16, 12],
    ['an unknown data use', withLine(21, '    data_use: marketing.spam'), '"marketing.spam" is not a fideslang data use', 21, 15],
    ['a purpose category that is not declared', withLine(22, '    categories: [user.financial.credit_card]'), 'category "user.financial.credit_card" of purpose "marketing" is not declared under categories', 22, 18],
    ['a duplicate purpose', withLine(19, '  - id: account'), 'duplicate purpose "account"', 19, 9],
    ['a vendor purpose that is not declared', withLine(25, '    purposes: [billing]'), 'purpose "billing" of vendor "stripe" is not declared under purposes', 25, 16],
    ['an unknown vendor id', withLine(24, '  - id: stripey'), '"stripey" is not in the built-in vendor catalog', 24, 9],
    ['a duplicate vendor', withLine(28, '  - id: stripe'), 'duplicate vendor "stripe"', 28, 5],
    ['a bad severity', withLine(38, '  pii-in-logs: loud'), 'severity of pii-in-logs must be one of error, warning, info, off', 38, 16],
    ['an unknown rule id', withLine(38, '  pii-in-log: error'), 'unknown key "pii-in-log" in rules (did you mean "pii-in-logs"?)', 38, 3],
    ['a list given as a string', withLine(36, 'ignore: "**/*.test.ts"'), 'ignore must be a list of strings', 36, 9],
    ['a vendor that is not a mapping', 'version: 1\nvendors:\n  - stripe\n', 'a vendor must be a mapping', 3, 5],
  ];
  for (const [what, text, message, line, column] of broken) {
    it(`reports ${what} with its position`, () => {
      const r = parseManifest(text);
      assert.equal(r.ok, false);
      const e = r.errors.find((x) => x.message.includes(message));
      assert.ok(e, `no error containing ${JSON.stringify(message)}; got ${JSON.stringify(r.errors)}`);
      assert.deepEqual([e.line, e.column], [line, column], `position of: ${e.message}`);
    });
  }

  it('reports every problem at once, not only the first', () => {
    const r = parseManifest(withLine(2, 'sytem: x').replace('basis: contract', 'basis: nope'));
    assert.equal(r.ok, false);
    assert.ok(r.errors.length >= 2);
  });

  it('never throws on arbitrary text', () => {
    for (const text of ['', '---', '[1, 2]', 'version', '\u0000\u0001', ': :', 'a: !!binary x', '- - -', 'x: &a [*a]']) {
      const r = parseManifest(text);
      assert.equal(r.ok, false, text);
      assert.ok(r.errors.length > 0 && r.errors.every((e) => e.line >= 1 && e.column >= 1), text);
    }
  });

  it('accepts every rule id in rules:', () => {
    const rules = RULE_IDS.map((id) => `  ${id}: warning`).join('\n');
    const r = parseManifest(`version: 1\nrules:\n${rules}\n`);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  });

  it('the JSON schema lists the same keys as the validator', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '../../../src/engine/data/data-inventory.schema.json'), 'utf8'));
    assert.deepEqual(Object.keys(schema.properties).sort(), ['categories', 'first_party', 'home_region', 'ignore', 'policy', 'purposes', 'rules', 'system', 'vendors', 'version']);
    assert.deepEqual(schema.properties.rules.propertyNames.enum, [...RULE_IDS]);
    assert.deepEqual(Object.keys(schema.properties.vendors.items.properties).sort(), ['categories', 'hosts', 'id', 'name', 'packages', 'purposes', 'region', 'transfer']);
    assert.deepEqual(Object.keys(schema.properties.purposes.items.properties).sort(), ['basis', 'categories', 'data_subjects', 'data_use', 'description', 'id', 'paths', 'retention']);
    assert.deepEqual(Object.keys(schema.properties.categories.items.oneOf[1].properties).sort(), ['description', 'id', 'match', 'retention']);
    assert.deepEqual(schema.properties.purposes.items.properties.data_subjects.items.enum, [...DATA_SUBJECTS]);
    assert.deepEqual(schema.properties.vendors.items.properties.transfer.enum, [...TRANSFER_MECHANISMS]);
  });
});

describe('the JSON schema and the validator', () => {
  const schema = JSON.parse(readFileSync(join(__dirname, '../../../src/engine/data/data-inventory.schema.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  const bySchema = (yaml: string) => validate(JSON.parse(JSON.stringify(parse(yaml)))) as boolean;
  const byValidator = (yaml: string) => parseManifest(yaml).ok;

  it('both accept the documented manifest and each extra key the docs describe', () => {
    const variants = [
      VALID,
      'version: 1\n',
      'version: 1\nsystem: x\nfirst_party:\n  hosts: [api.acme.example]\nignore: ["scripts/**"]\nrules:\n  pii-in-logs: off\n',
      'version: 1\ncategories:\n  - id: user.account.domain\n    description: d\n    match: [domain]\n',
      'version: 1\ncategories:\npurposes: ~\nvendors:\n  - id: stripe\n    purposes:\n    categories: ~\nignore:\n',
    ];
    for (const yaml of variants) assert.deepEqual([bySchema(yaml), byValidator(yaml)], [true, true], yaml);
  });

  it('both reject an unknown key at every level', () => {
    const variants = [
      'version: 1\nvendor: []\n',
      'version: 1\npolicy:\n  link: https://x\n',
      'version: 1\ncategories:\n  - id: user.account.domain\n    description: d\n    match: [domain]\n    matches: [x]\n',
      'version: 1\npurposes:\n  - id: billing\n    purpose: x\n',
      'version: 1\nvendors:\n  - id: stripe\n    purpose: [x]\n',
      'version: 1\nfirst_party:\n  host: [x]\n',
      'version: 1\nrules:\n  no-such-rule: error\n',
    ];
    for (const yaml of variants) assert.deepEqual([bySchema(yaml), byValidator(yaml)], [false, false], yaml);
  });
});
