import { hostMatches } from '../core/catalog';
import { categoryCovers } from '../core/taxonomy';
import type { RuleId } from '../core/rule-ids';
import type { Manifest } from '../manifest/types';
import { listText, type ResolvedFlow, type ResolvedOccurrence } from './rule';
import { needsTransfer } from './undeclared-transfer';

/**
 * Why a rule that ran over a flow reported nothing, in the manifest's terms, for explain. The
 * decision itself is the rule's (explain runs it); this says what of the flow and the manifest the
 * rule looked at. Undefined when the rule has nothing to say about this kind of flow (a log rule
 * on a vendor call), so that explain lists only the rules that apply.
 */
export function whyFlowSilent(rule: RuleId, flow: ResolvedFlow, manifest: Manifest): string | undefined {
  const vendor = flow.declaredVendor;
  const name = flow.vendorName ?? flow.vendor ?? '';
  switch (rule) {
    case 'undeclared-vendor':
      return flow.vendor ? `${name} (${flow.vendor}) is in the sharing list (vendors in ${manifest.file}, line ${vendor?.range.line ?? '?'})` : undefined;
    case 'undeclared-sharing':
      return vendor ? coveredText(flow.categories, vendor.categories, `${name}'s categories`) : undefined;
    case 'vendor-purpose-mismatch':
      if (!vendor) return undefined;
      if (!flow.purpose) return 'the code has no purpose: no purpose= annotation, no manifest purpose whose paths match the file, and the vendor has not exactly one purpose';
      if (flow.purposeSource === 'vendor') return `the purpose "${flow.purpose}" is the vendor's only purpose, so it cannot mismatch`;
      return `the code's purpose "${flow.purpose}" (${purposeWhy(flow.purposeSource)}) is one of ${name}'s purposes`;
    case 'undeclared-transfer':
      if (!vendor) return undefined;
      if (!manifest.homeRegion) return 'the manifest has no home_region';
      if (vendor.region === undefined) return `${name}'s entry has no region`;
      if (vendor.transfer) return `${name}'s entry declares transfer: ${vendor.transfer}`;
      return needsTransfer(vendor, manifest.homeRegion) ? `no category reaches it` : `${name}'s region ${vendor.region} is in the home region ${manifest.homeRegion}`;
    case 'unknown-recipient':
      if (flow.kind !== 'http') return undefined;
      if (flow.vendor) return `the host ${flow.host} belongs to ${name}: the vendor rules apply`;
      if (flow.hostStatus === 'relative') return 'a relative URL goes to the page\'s own origin (first party)';
      if (flow.hostStatus === 'dynamic') return 'the host is known only at run time (see unresolved-flow)';
      return `${flow.host} is first party (${firstPartyPattern(flow.host ?? '', manifest)})`;
    case 'unresolved-flow':
      return flow.kind === 'http' ? `the host is known (${flow.hostStatus === 'relative' ? 'a relative URL' : flow.host})` : undefined;
    default:
      return undefined;
  }
}

/** Why a rule that ran over an occurrence (a place personal data is read) reported nothing. */
export function whyOccurrenceSilent(rule: RuleId, o: ResolvedOccurrence, manifest: Manifest): string | undefined {
  if (o.category === 'user') return rule === 'undeclared-category' ? "a person's whole record (user) is not a category to declare" : undefined;
  switch (rule) {
    case 'undeclared-category':
      return coveredText([o.category], manifest.categories.map((c) => c.id), 'the manifest\'s categories');
    case 'undeclared-purpose': {
      if (!o.purpose) return 'the code has no purpose (no purpose= annotation, no manifest purpose whose paths match the file)';
      const purpose = manifest.purposes.find((p) => p.id === o.purpose);
      if (!manifest.categories.some((d) => categoryCovers(d.id, o.category))) return `${o.category} is declared nowhere (see undeclared-category)`;
      return purpose ? coveredText([o.category], purpose.categories, `purpose "${o.purpose}" (${purposeWhy(o.purposeSource)})`) : undefined;
    }
    default:
      return undefined;
  }
}

/** "user.contact.email is covered by user.contact in X": which declared category covers each one. */
function coveredText(categories: string[], declared: string[], where: string): string {
  const parts = categories.filter((c) => c !== 'user').map((c) => {
    const by = declared.find((d) => categoryCovers(d, c));
    return by === c ? c : `${c} (by ${by ?? '?'})`;
  });
  if (parts.length === 0) return "only a person's whole record (user) reaches it, which is not checked against declared categories";
  return `${listText(parts)} ${parts.length === 1 ? 'is' : 'are'} declared in ${where}`;
}

function purposeWhy(source: ResolvedFlow['purposeSource']): string {
  return source === 'annotation' ? 'from an annotation' : source === 'path' ? 'from its path' : 'from its vendor';
}

function firstPartyPattern(host: string, manifest: Manifest): string {
  const pattern = manifest.firstPartyHosts.find((p) => hostMatches(p, host) || p === host);
  return pattern ? `first_party.hosts: ${pattern}` : 'this machine';
}
