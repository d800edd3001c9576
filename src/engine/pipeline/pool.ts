import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
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

/**
 * The source bytes that pay for one worker: a worker spends about 0.2 s loading TypeScript and
 * warming up its parser, the time a warm parser takes on about 1 MiB. A scan of less per worker
 * starts fewer of them.
 */
export const BYTES_PER_WORKER = 1024 * 1024;

/** The most bytes of source sent to a worker at once: small enough that workers finish together. */
const CHUNK_BYTES = 64 * 1024;

/**
 * The default number of worker threads: none on two cores or fewer, else the cores, at most 4. On
 * two cores one in-process analysis already keeps both busy (V8 compiles and collects garbage on
 * other threads): there two workers took 15.7 s and 29 s of CPU where in-process took 13.4 s and 20 s.
 */
export function defaultWorkerCount(): number {
  const cores = availableParallelism();
  return cores <= 2 ? 0 : Math.min(4, cores);
}

/** The worker script beside this module (dist/worker.js in the bundle, out/src/engine/pipeline/worker.js in tests). */
export function workerScript(): string | undefined {
  const path = join(__dirname, 'worker.js');
  return existsSync(path) ? path : undefined;
}

/** A file to analyse and its place in the scan's order. */
interface Job {
  index: number;
  file: WorkspaceFile;
  bytes: number;
}

/**
 * Analyses files in worker threads. The files go out in small chunks, largest first, to whichever
 * worker is free, so the workers finish together however the sizes fall. Resolves with outcomes
 * in the files' order; a worker that dies reports its chunk as skipped, the others go on.
 */
export async function analyzeInWorkers(script: string, files: WorkspaceFile[], input: DetectionInput, maxFileSize: number, requested: number): Promise<FileOutcome[]> {
  const jobs = files.map((file, index) => ({ index, file, bytes: sizeOf(file) })).sort((a, b) => b.bytes - a.bytes);
  const chunks = chunksOf(jobs);
  const total = jobs.reduce((n, j) => n + j.bytes, 0);
  // An API caller's 1e9 or 1.5 must neither exhaust memory nor start a thread per file.
  const count = Math.max(1, Math.min(MAX_WORKERS, chunks.length, Math.ceil(total / BYTES_PER_WORKER), Math.floor(requested) || 1));
  const results: FileOutcome[] = new Array(files.length);
  await Promise.all(Array.from({ length: count }, () => runWorker(script, chunks, input, maxFileSize, results)));
  // Chunks still queued when every worker has died.
  for (const { index, file } of jobs) results[index] ??= { file: file.relative, skipped: 'no analysis worker was left to analyse it' };
  return results;
}

function sizeOf(file: WorkspaceFile): number {
  try {
    return statSync(file.absolute).size;
  } catch {
    return 0;
  }
}

/** Consecutive jobs (largest first) grouped up to CHUNK_BYTES; a larger file is a chunk of its own. */
function chunksOf(jobs: Job[]): Job[][] {
  const chunks: Job[][] = [];
  let current: Job[] = [];
  let bytes = 0;
  for (const job of jobs) {
    if (current.length > 0 && bytes + job.bytes > CHUNK_BYTES) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(job);
    bytes += job.bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Runs one worker: it takes chunks off the shared queue until none is left. */
function runWorker(script: string, queue: Job[][], input: DetectionInput, maxFileSize: number, results: FileOutcome[]): Promise<void> {
  return new Promise((resolve) => {
    const worker = new Worker(script);
    let current: Job[] | undefined;
    let done = false;
    const finish = () => {
      done = true;
      void worker.terminate();
      resolve();
    };
    const next = () => {
      current = queue.shift();
      if (!current) return finish();
      worker.postMessage({ type: 'batch', input, files: current.map((j) => j.file), maxFileSize } satisfies BatchRequest);
    };
    const fail = (reason: string) => {
      if (done) return;
      for (const { index, file } of current ?? []) results[index] ??= { file: file.relative, skipped: reason };
      done = true;
      resolve();
    };
    worker.on('message', (response: BatchResponse) => {
      response.outcomes.forEach((o, i) => (results[current![i].index] = o));
      next();
    });
    worker.once('error', (e) => fail(`analysis worker failed: ${e.message}`));
    worker.once('exit', (code) => code !== 0 && fail(`analysis worker exited with code ${code}`));
    next();
  });
}
