import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isRuleId } from '../core/rule-ids';
import type { Annotation } from './facts';

const DIRECTIVE = /^\s*\*?\s*(privacy-lens(?:-[a-z-]+)?)\b(.*)$/s;

/** A purpose annotation with the source offsets it applies to. */
export interface PurposeRegion {
  purpose: string;
  start: number;
  end: number;
}

/** Reads every `privacy-lens` comment of a program (docs/annotations.md). */
export function readAnnotations(program: TSESTree.Program): Annotation[] {
  const out: Annotation[] = [];
  for (const comment of program.comments ?? []) {
    const match = DIRECTIVE.exec(comment.value.trim());
    if (match) out.push(readDirective(match[1], match[2], comment));
  }
  return out;
}

function readDirective(directive: string, rest: string, comment: TSESTree.Comment): Annotation {
  const range = {
    line: comment.loc.start.line,
    column: comment.loc.start.column + 1,
    endLine: comment.loc.end.line,
    endColumn: comment.loc.end.column + 1,
  };
  const [body, ...reasonParts] = rest.split(/\s--\s?|^--\s?/);
  const reason = reasonParts.join(' -- ').trim() || undefined;
  if (directive === 'privacy-lens') {
    const purpose = /^\s*purpose\s*=\s*([\w.-]+)\s*$/.exec(body ?? '');
    if (purpose) return { ...range, kind: 'purpose', purpose: purpose[1], rules: [] };
    return { ...range, kind: 'invalid', rules: [], problem: 'expected "privacy-lens purpose=<purpose id>"' };
  }
  if (directive === 'privacy-lens-ignore-line' || directive === 'privacy-lens-ignore-next-line') {
    const rules = (body ?? '').split(/[\s,]+/).filter(Boolean);
    const unknown = rules.filter((r) => !isRuleId(r));
    const kind = directive === 'privacy-lens-ignore-line' ? 'ignore-line' : 'ignore-next-line';
    if (unknown.length > 0) return { ...range, kind: 'invalid', rules, reason, problem: `unknown rule id "${unknown[0]}"` };
    return { ...range, kind, rules, reason };
  }
  return { ...range, kind: 'invalid', rules: [], problem: `unknown directive "${directive}"` };
}

/**
 * The source regions each purpose annotation covers: a block comment before any code covers the
 * whole file; any other covers the next statement, declaration or member after it.
 */
export function purposeRegions(program: TSESTree.Program, annotations: Annotation[]): PurposeRegion[] {
  const comments = (program.comments ?? []).filter((c) => DIRECTIVE.test(c.value.trim()));
  const starts = statementLikeNodes(program);
  const firstCode = program.body[0]?.range[0] ?? Infinity;
  const regions: PurposeRegion[] = [];
  annotations.forEach((a, i) => {
    if (a.kind !== 'purpose' || !a.purpose) return;
    const comment = comments[i];
    if (comment.type === 'Block' && comment.range[1] <= firstCode) {
      regions.push({ purpose: a.purpose, start: 0, end: Infinity });
      return;
    }
    const node = starts.find((n) => n.range[0] >= comment.range[1]);
    if (node) regions.push({ purpose: a.purpose, start: node.range[0], end: node.range[1] });
  });
  return regions;
}

/** Statements, declarations and class/object members in source order, outermost first. */
function statementLikeNodes(program: TSESTree.Program): TSESTree.Node[] {
  const out: TSESTree.Node[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (/Statement$|Declaration$|^(MethodDefinition|PropertyDefinition|Property)$/.test(node.type)) out.push(node);
    for (const key of Object.keys(node)) {
      if (key === 'parent') continue;
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) child.forEach((c) => isNode(c) && visit(c));
      else if (isNode(child)) visit(child);
    }
  };
  program.body.forEach(visit);
  return out.sort((a, b) => a.range[0] - b.range[0]);
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** The innermost purpose region containing an offset. */
export function purposeAt(regions: PurposeRegion[], offset: number): string | undefined {
  let best: PurposeRegion | undefined;
  for (const r of regions) {
    if (r.start <= offset && offset < r.end && (!best || r.start >= best.start)) best = r;
  }
  return best?.purpose;
}
