import type { RuleMeta } from './rule';

/** The manifest cannot be read, parsed or validated: reported by the scan itself, before any rule runs. */
export const manifestInvalidMeta: RuleMeta = {
  id: 'manifest-invalid',
  defaultSeverity: 'error',
  description: 'The manifest cannot be read, parsed or validated.',
  messages: { default: '{{message}}' },
};
