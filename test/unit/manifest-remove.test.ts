import { strict as assert } from 'node:assert';
import { removeCategory, removeVendor } from '../../src/engine/draft/manifest-remove';
import { parseManifest } from '../../src/engine/manifest/load';

const MANIFEST = `# Inventory
version: 1
categories:
  - user.name            # the customer's name
  - user.contact.email
  # the card is only seen by Stripe.js
  - user.financial.credit_card
purposes:
  - id: billing
    categories: [user.name, user.contact.email]
vendors:
  # payments
  - id: stripe
    purposes: [billing]
    categories: [user.name]
  # support desk, not used any more
  - id: zendesk             # EU region
    purposes: [billing]
    categories: [user.contact.email]

# Our own hosts.
first_party:
  hosts: []
`;

describe('manifest removals', () => {
  it("removes a vendor's own lines and nothing else", () => {
    const r = removeVendor(MANIFEST, 'zendesk');
    assert.ok(r.ok && r.edit);
    const expected = MANIFEST.replace('  - id: zendesk             # EU region\n    purposes: [billing]\n    categories: [user.contact.email]\n', '');
    assert.equal(r.text, expected);
    assert.ok(parseManifest(r.text).ok);
  });

  it('removes a block-list category with its inline comment, keeping the comment lines around it', () => {
    const r = removeCategory(MANIFEST, 'user.financial.credit_card');
    assert.ok(r.ok);
    assert.equal(r.text, MANIFEST.replace('  - user.financial.credit_card\n', ''));
    const first = removeCategory(MANIFEST, 'user.name');
    assert.ok(first.ok);
    assert.equal(first.text, MANIFEST.replace("  - user.name            # the customer's name\n", ''));
  });

  it('removes an element of a flow list, with one comma', () => {
    const text = 'version: 1\ncategories: [user.name, user.contact.email, user.contact.phone_number]\n';
    const middle = removeCategory(text, 'user.contact.email');
    assert.ok(middle.ok);
    assert.equal(middle.text, 'version: 1\ncategories: [user.name, user.contact.phone_number]\n');
    const last = removeCategory(text, 'user.contact.phone_number');
    assert.ok(last.ok);
    assert.equal(last.text, 'version: 1\ncategories: [user.name, user.contact.email]\n');
  });

  it('keeps CRLF line ends', () => {
    const crlf = MANIFEST.replace(/\n/g, '\r\n');
    const r = removeVendor(crlf, 'stripe');
    assert.ok(r.ok);
    assert.equal(r.text, crlf.replace('  - id: stripe\r\n    purposes: [billing]\r\n    categories: [user.name]\r\n', ''));
  });

  it('says why when there is nothing to remove', () => {
    assert.equal(removeVendor(MANIFEST, 'mixpanel').ok, false);
    assert.equal(removeVendor('version: [', 'x').ok, false);
  });
});
