import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileOutcome } from './analyze-workspace-file';
import type { DetectionInput } from '../config';
import type { WorkspaceFile } from '../files';
import type { BatchRequest, BatchResponse } from './worker';

/** Below this many files a scan runs in-process: starting workers would cost more than it saves. */
export const WORKER_THRESHOLD = 48;

/** The most worker threads a scan starts, whatever it is asked for. */
export const MAX_WORKERS = 32;

/** The default number of worker threads: the cores, at most 4. */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, cpus().length));
}

/** The worker script beside this module (dist/worker.js in the bundle, out/src/engine/pipeline/worker.js in tests). */
export function workerScript(): string | undefined {
  const path = join(__dirname, 'worker.js');
  return existsSync(path) ? path : undefined;
}

/**
 * Analyses files in worker threads, one balanced batch per worker. Resolves with outcomes in the
 * files' order; a worker that dies reports its files as skipped, so the scan still completes.
 */
export async function analyzeInWorkers(script: string, files: WorkspaceFile[], input: DetectionInput, maxFileSize: number, requested: number): Promise<FileOutcome[]> {
  // An API caller's 1e9 or 1.5 must neither exhaust memory nor start a thread per file.
  const count = Math.max(1, Math.min(MAX_WORKERS, files.length, Math.floor(requested) || 1));
  const batches: { index: number; file: WorkspaceFile }[][] = Array.from({ length: count }, () => []);
  files.forEach((file, index) => batches[index % count].push({ index, file }));
  const results: FileOutcome[] = new Array(files.length);
  await Promise.all(batches.filter((b) => b.length > 0).map((batch) => runBatch(script, batch, input, maxFileSize, results)));
  return results;
}

function runBatch(script: string, batch: { index: number; file: WorkspaceFile }[], input: DetectionInput, maxFileSize: number, results: FileOutcome[]): Promise<void> {
  return new Promise((resolve) => {
    const worker = new Worker(script);
    const fail = (reason: string) => {
      for (const { index, file } of batch) results[index] ??= { file: file.relative, skipped: reason };
      resolve();
    };
    worker.once('message', (response: BatchResponse) => {
      response.outcomes.forEach((o, i) => (results[batch[i].index] = o));
      void worker.terminate();
      resolve();
    });
    worker.once('error', (e) => fail(`analysis worker failed: ${e.message}`));
    worker.once('exit', (code) => code !== 0 && fail(`analysis worker exited with code ${code}`));
    worker.postMessage({ type: 'batch', input, files: batch.map((b) => b.file), maxFileSize } satisfies BatchRequest);
  });
}
