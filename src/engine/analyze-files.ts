import { readFileSync } from 'node:fs';
import type { DetectionConfig } from './analysis/analyzer';
import { analyzeSource } from './analysis/analyze-file';
import type { FileFacts } from './analysis/facts';
import { decodeSource } from './decode';
import type { WorkspaceFile } from './files';

/** The facts of one file, or the reason it could not be analysed. */
export type FileOutcome = { file: string; facts: FileFacts } | { file: string; skipped: string };

/** Reads and analyses one file. Never throws: unreadable, huge, binary or broken files come back as `skipped`. */
export function analyzeWorkspaceFile(file: WorkspaceFile, config: DetectionConfig, maxFileSize: number): FileOutcome {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file.absolute);
  } catch (e) {
    return { file: file.relative, skipped: `could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  const decoded = decodeSource(bytes, maxFileSize);
  if (!decoded.ok) return { file: file.relative, skipped: decoded.reason };
  return { file: file.relative, facts: analyzeText(decoded.text, file.relative, config) };
}

/** Analyses text, turning an unexpected crash into a positioned error so the scan goes on. */
export function analyzeText(text: string, file: string, config: DetectionConfig): FileFacts {
  try {
    return analyzeSource(text, file, config);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { file, flows: [], occurrences: [], annotations: [], error: { message: `internal error: ${message}`, line: 1, column: 1 } };
  }
}
