import type { RuleModule } from './rule';

/** A `privacy-lens` comment that names an unknown rule or purpose, or is malformed. */
export const annotationInvalid: RuleModule = {
  meta: {
    id: 'annotation-invalid',
    defaultSeverity: 'warning',
    description: 'A `privacy-lens` comment names an unknown rule or purpose, or cannot be read.',
    help: 'Check the comment\'s rule ids against the rule table and its purpose against the manifest\'s `purposes`. The grammar is `// privacy-lens purpose=ID`, `// privacy-lens-ignore-next-line RULE -- reason` and `// privacy-lens-ignore-line RULE -- reason`.',
    messages: { default: 'invalid privacy-lens annotation: {{problem}}' },
  },
  create(context) {
    return {
      file(facts) {
        for (const a of facts.annotations) {
          let problem = a.problem;
          if (a.kind === 'purpose' && !context.manifest.purposes.some((p) => p.id === a.purpose)) {
            problem = `unknown purpose "${a.purpose}" (declared: ${context.manifest.purposes.map((p) => p.id).join(', ') || 'none'})`;
          }
          if (problem) context.report({ file: facts.file, line: a.line, column: a.column, endLine: a.endLine, endColumn: a.endColumn, data: { problem } });
        }
      },
    };
  },
};
