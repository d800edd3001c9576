import type { RuleMeta } from './rule';

/** The manifest cannot be read, parsed or validated: reported by the scan itself, before any rule runs. */
export const manifestInvalidMeta: RuleMeta = {
  id: 'manifest-invalid',
  defaultSeverity: 'error',
  description: 'The manifest cannot be read, parsed or validated.',
  help: 'Fix the manifest at the line and column given: unknown keys, wrong types, duplicate ids and references to undeclared ids are errors. Without a manifest, draft one with `privacy-lens init` (from the code) or `privacy-lens draft-from-policy POLICY_FILE` (from the privacy policy).',
  messages: { default: '{{message}}' },
};
