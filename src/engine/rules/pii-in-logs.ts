import { flowReport, type RuleModule } from './rule';

/** Personal data written to a log or the console. */
export const piiInLogs: RuleModule = {
  meta: {
    id: 'pii-in-logs',
    defaultSeverity: 'warning',
    description: 'Personal data is written to a log or the console.',
    help: 'Log an id or a redacted value instead of the personal data, or mark the line with `// privacy-lens-ignore-next-line pii-in-logs -- reason` when the log is protected and kept briefly.',
    messages: { default: '{{categories}} {{is}} written to the log by {{callee}}()' },
  },
  create(context) {
    return {
      flow(flow) {
        if (flow.kind === 'log') context.report(flowReport(flow, { callee: flow.callee }));
      },
    };
  },
};
