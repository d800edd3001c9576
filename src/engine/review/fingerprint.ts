/**
 * Fingerprints of findings that survive line moves and unrelated edits (docs/json-output.md): built from
 * the rule, the file, the text of the sink call, the vendor or host and the categories, never from
 * line numbers (an undeclared category's from the rule and the category alone). Two findings with
 * the same parts get an ordinal, in file order, so that every fingerprint of a scan is unique (GitHub code scanning requires it of `partialFingerprints`).
 */
import { createHash } from 'node:crypto';
import type { Finding, Range } from '../core/types';

/** Reads a file of the scanned workspace by its relative path; undefined when it cannot. */
export type ReadSource = (file: string) => string | undefined;

/** The text a finding points at (its sink call), whitespace collapsed; '' when the file cannot be read. */
export function sinkText(finding: Range, text: string | undefined): string {
  if (text === undefined) return '';
  const lines = text.split(/\r?\n/);
  const first = lines[finding.line - 1];
  if (first === undefined) return '';
  let slice: string;
  if (finding.endLine === finding.line) slice = first.slice(finding.column - 1, finding.endColumn - 1);
  else {
    const middle = lines.slice(finding.line, finding.endLine - 1);
    slice = [first.slice(finding.column - 1), ...middle, (lines[finding.endLine - 1] ?? '').slice(0, finding.endColumn - 1)].join('\n');
  }
  // Long sinks are cut: a call's head names it; its last arguments change with unrelated edits.
  return slice.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/**
 * Rules whose finding is about the whole workspace, not a place: a workspace scan reports an
 * undeclared category once, at its first place, so its key is the rule and the category alone,
 * and stays the same as places are added, moved or removed anywhere (and the editor's finding of
 * one open file matches the scan's).
 */
const WORKSPACE_KEYED = new Set(['undeclared-category']);

/** True for a rule whose findings are keyed by the workspace, not by a place (see `fingerprintKey`). */
export function isWorkspaceKeyed(rule: string): boolean {
  return WORKSPACE_KEYED.has(rule);
}

/** The line-free key of a finding, before the ordinal that makes it unique. */
export function fingerprintKey(finding: Finding, text: string | undefined): string {
  const recipient = finding.vendor ?? finding.host ?? '';
  const categories = [...(finding.categories ?? [])].sort().join(',');
  if (WORKSPACE_KEYED.has(finding.rule)) return [finding.rule, '', '', recipient, categories].join('\u0000');
  return [finding.rule, finding.file, sinkText(finding, text), recipient, categories].join('\u0000');
}

/** Fingerprints of a scan's findings, one per finding and in the same order, unique within the scan. */
export function fingerprintFindings(findings: readonly Finding[], read: ReadSource): string[] {
  const texts = new Map<string, string | undefined>();
  const textOf = (file: string) => {
    if (!texts.has(file)) texts.set(file, read(file));
    return texts.get(file);
  };
  const keys = findings.map((f) => fingerprintKey(f, textOf(f.file)));
  // Ordinals follow source order, so that they do not depend on the order findings are listed in.
  const order = findings.map((_, i) => i).sort((a, b) => findings[a].line - findings[b].line || findings[a].column - findings[b].column || a - b);
  const seen = new Map<string, number>();
  const ordinal = new Array<number>(findings.length);
  for (const i of order) {
    const n = seen.get(keys[i]) ?? 0;
    seen.set(keys[i], n + 1);
    ordinal[i] = n;
  }
  return keys.map((k, i) => `${keyHash(k)}:${ordinal[i] + 1}`);
}

/** The hash part of a fingerprint, before the ordinal. */
export function keyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}
