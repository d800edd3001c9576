/**
 * The policy a manifest points at (`policy.file`), read from disk for the policy-drift rule, with
 * the position of the `policy.file` node so that problems with it are reported there.
 */
import { isAbsolute, join } from 'node:path';
import { isMap, LineCounter, parseDocument, type Node } from 'yaml';
import type { Manifest } from '../manifest/types';
import { isInside, readRegularText } from '../core/read-file';
import type { Range } from '../core/types';

/** A manifest's policy file: its text, or why it could not be read, and where `policy.file` is in the manifest. */
export interface PolicySource {
  /** `policy.file` as the manifest writes it. */
  file: string;
  text?: string;
  /** Why the file could not be read (no file contents, so no personal data). */
  error?: string;
  /** The range of the `policy.file` value in the manifest. */
  range: Range;
}

/** Options of `loadPolicySource`. */
export interface PolicySourceOptions {
  /** Read a `policy.file` outside the workspace root (the CLI's --allow-outside-policy). Defaults to false. */
  allowOutside?: boolean;
}

/**
 * Reads the policy file of a manifest, relative to the workspace root; undefined when the manifest
 * names none. A path that leaves the workspace (`../../etc/shadow`, an absolute path, or a link
 * that points out) is refused unless `allowOutside`, so a manifest from a stranger's pull request
 * cannot make the tool read, and quote from, any file of the machine.
 */
export function loadPolicySource(root: string, manifest: Manifest, manifestText?: string, options: PolicySourceOptions = {}): PolicySource | undefined {
  const file = manifest.policy?.file;
  if (!file || !manifest.policy) return undefined;
  const range = (manifestText !== undefined ? policyFileRange(manifestText) : undefined) ?? manifest.policy.range;
  const absolute = isAbsolute(file) ? file : join(root, file);
  if (!options.allowOutside && !isInside(root, absolute)) return { file, error: 'it is outside the workspace; pass --allow-outside-policy to read it', range };
  const read = readRegularText(absolute);
  return read.ok ? { file, text: read.text, range } : { file, error: read.reason, range };
}

/** Reads the manifest text at `manifestPath` for `loadPolicySource`; undefined when it cannot be read. */
export function readManifestText(manifestPath: string): string | undefined {
  const read = readRegularText(manifestPath);
  return read.ok ? read.text : undefined;
}

/** The 1-based range of the `policy.file` value in a manifest text, if it has one. */
export function policyFileRange(manifestText: string): Range | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(manifestText, { lineCounter: lines });
  const policy = isMap(doc.contents) ? doc.contents.get('policy', true) : undefined;
  const node = isMap(policy) ? (policy.get('file', true) as Node | undefined) : undefined;
  if (!node?.range) return undefined;
  const a = lines.linePos(node.range[0]);
  const b = lines.linePos(node.range[1]);
  return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
}
