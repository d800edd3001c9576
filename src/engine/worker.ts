import { parentPort } from 'node:worker_threads';
import { analyzeWorkspaceFile, type FileOutcome } from './analyze-files';
import { detectionConfig, type DetectionInput } from './config';
import type { WorkspaceFile } from './files';

/** A batch of files for a worker thread to analyse. */
export interface WorkerRequest {
  input: DetectionInput;
  files: WorkspaceFile[];
  maxFileSize: number;
}

/** A worker's answer: one outcome per file, in order. */
export interface WorkerResponse {
  outcomes: FileOutcome[];
}

parentPort?.on('message', (request: WorkerRequest) => {
  const config = detectionConfig(request.input);
  const outcomes = request.files.map((f) => analyzeWorkspaceFile(f, config, request.maxFileSize));
  parentPort!.postMessage({ outcomes } satisfies WorkerResponse);
});
