import type { RuleModule } from './rule';

/** A declared vendor that no scanned code reaches. */
export const unusedVendor: RuleModule = {
  meta: {
    id: 'unused-vendor',
    defaultSeverity: 'info',
    description: 'A declared vendor is never reached in the scanned code (workspace scan only).',
    help: 'Remove the vendor when the code no longer sends it anything, or check that the scan covers the code that does.',
    messages: { default: 'vendor "{{vendor}}" is on the sharing list but no scanned code sends it personal data' },
    workspaceOnly: true,
  },
  create(context) {
    return {
      end({ flows }) {
        if (!context.workspace) return;
        const reached = new Set(flows.map((f) => f.vendor));
        for (const v of context.manifest.vendors) {
          if (!reached.has(v.id)) context.report({ file: context.manifest.file, ...v.range, data: { vendor: v.id }, vendor: v.id });
        }
      },
    };
  },
};
