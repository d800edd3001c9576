import type { DetectionConfig } from '../analysis/state';
import { analyzeSource } from '../analysis/analyze-source';
import type { FileFacts } from '../analysis/facts';
import { decodeSource } from '../core/decode';
import type { WorkspaceFile } from '../files';
import { readRegularFile } from '../core/read-file';

/** The facts of one file, or the reason it could not be analysed. */
export type FileOutcome = { file: string; facts: FileFacts } | { file: string; skipped: string };

/**
 * Reads and analyses one file. Never throws: unreadable, huge, binary or broken files, and FIFOs or
 * devices in place of a file, come back as `skipped`; a file over the limit is refused unread.
 */
export function analyzeWorkspaceFile(file: WorkspaceFile, config: DetectionConfig, maxFileSize: number): FileOutcome {
  const read = readRegularFile(file.absolute, maxFileSize);
  if (!read.ok) return { file: file.relative, skipped: read.code === 'EFBIG' ? read.reason : `could not be read: ${read.reason}` };
  const decoded = decodeSource(read.bytes, maxFileSize);
  if (!decoded.ok) return { file: file.relative, skipped: decoded.reason };
  return { file: file.relative, facts: analyzeText(decoded.text, file.relative, config) };
}

/** Analyses text, turning an unexpected crash into a positioned error so the scan goes on. */
export function analyzeText(text: string, file: string, config: DetectionConfig): FileFacts {
  try {
    return analyzeSource(text, file, config);
  } catch (e) {
    return internalErrorFacts(file, e);
  }
}

/** The facts of a file whose analysis crashed: none, and the error. */
export function internalErrorFacts(file: string, e: unknown): FileFacts {
  const message = e instanceof Error ? e.message : String(e);
  return { file, flows: [], occurrences: [], annotations: [], error: { message: `internal error: ${message}`, line: 1, column: 1 } };
}
