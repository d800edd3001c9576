import { flowReport, type RuleModule } from './rule';

/** Personal data sent over HTTP to a host that is neither a known vendor nor first party. */
export const unknownRecipient: RuleModule = {
  meta: {
    id: 'unknown-recipient',
    defaultSeverity: 'warning',
    description: 'Personal data is sent over HTTP to a host that is neither a known vendor nor first party.',
    help: 'Declare the host: as a vendor (`vendors[].hosts`) when it is a third party, or under `first_party.hosts` when it is your own service.',
    messages: { default: '{{categories}} {{is}} sent to {{host}}, which is neither a known vendor nor a first-party host' },
  },
  create(context) {
    return {
      flow(flow) {
        if (flow.kind !== 'http' || flow.vendor || flow.firstParty || flow.hostStatus !== 'known') return;
        context.report(flowReport(flow, { host: flow.host ?? '' }));
      },
    };
  },
};
