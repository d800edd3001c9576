import { parentPort } from 'node:worker_threads';
import type { DetectionConfig } from '../analysis/state';
import type { FileFacts } from '../analysis/facts';
import { analyzeWorkspaceFile, type FileOutcome } from './analyze-workspace-file';
import { DocumentAnalyses } from './documents';
import { detectionConfig, detectionHash, type DetectionInput } from '../config';
import type { WorkspaceFile } from '../files';

/** A batch of files for a worker thread to analyse (a workspace scan). */
export interface BatchRequest {
  type: 'batch';
  input: DetectionInput;
  files: WorkspaceFile[];
  maxFileSize: number;
}

/** One in-memory document to analyse (the editor, as the user types). */
export interface DocumentRequest {
  type: 'document';
  id: number;
  input: DetectionInput;
  text: string;
  file: string;
}

/** A worker's answer to a batch: one outcome per file, in order. */
export interface BatchResponse {
  type: 'batch';
  outcomes: FileOutcome[];
}

/** A worker's answer to a document request. */
export interface DocumentResponse {
  type: 'document';
  id: number;
  facts: FileFacts;
}

let cached: { hash: string; config: DetectionConfig } | undefined;
/** The documents this worker analysed, for an incremental parse of their next text. */
const documents = new DocumentAnalyses();

/** The detection config of an input, built once per distinct input and kept for the next request. */
function configFor(input: DetectionInput): DetectionConfig {
  const hash = detectionHash(input);
  if (cached?.hash !== hash) cached = { hash, config: detectionConfig(input) };
  return cached.config;
}

parentPort?.on('message', (request: BatchRequest | DocumentRequest) => {
  const config = configFor(request.input);
  if (request.type === 'document') {
    const response: DocumentResponse = { type: 'document', id: request.id, facts: documents.analyze(request.text, request.file, config) };
    parentPort!.postMessage(response);
    return;
  }
  const outcomes = request.files.map((f) => analyzeWorkspaceFile(f, config, request.maxFileSize));
  parentPort!.postMessage({ type: 'batch', outcomes } satisfies BatchResponse);
});
