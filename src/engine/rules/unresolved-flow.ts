import { flowReport, type RuleModule } from './rule';

/** Personal data goes somewhere the engine cannot follow. */
export const unresolvedFlow: RuleModule = {
  meta: {
    id: 'unresolved-flow',
    defaultSeverity: 'info',
    description: 'Personal data goes where the engine cannot follow (a host known only at run time, an unresolved import).',
    help: 'Nothing is wrong yet: the engine could not follow the data. Make the host a constant or declare the module path (tsconfig `paths`, a workspace package), so that the flow can be checked.',
    messages: {
      default: '{{categories}} {{is}} sent by {{callee}}() to a host known only at run time: could not follow',
      module: '{{categories}} {{is}} passed to {{callee}}() from "{{module}}", which could not be found: could not follow',
      queue: '{{categories}} {{is}} published by {{callee}}() to a message queue ({{queue}}): its consumers are not followed',
      reason: '{{categories}} {{is}} sent by {{callee}}() {{reason}}: could not follow',
    },
  },
  create(context) {
    return {
      flow(flow) {
        if (flow.kind === 'http' && flow.hostStatus === 'dynamic') context.report(flowReport(flow, { callee: flow.callee }));
        if (flow.kind === 'unresolved' && flow.queue) context.report({ ...flowReport(flow, { callee: flow.callee, queue: flow.queue }), messageId: 'queue' });
        else if (flow.kind === 'unresolved' && flow.reason) context.report({ ...flowReport(flow, { callee: flow.callee, reason: flow.reason }), messageId: 'reason' });
        else if (flow.kind === 'unresolved') context.report({ ...flowReport(flow, { callee: flow.callee, module: flow.module ?? '' }), messageId: 'module' });
      },
    };
  },
};
