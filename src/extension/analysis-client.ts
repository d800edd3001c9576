import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DetectionInput, DocumentRequest, DocumentResponse, FileFacts } from '../engine';

interface Pending {
  resolve(facts: FileFacts | undefined): void;
  key: string;
}

/**
 * Analyses documents in a worker thread, off the extension host's thread. A newer request for the
 * same document supersedes an older one still queued: the older resolves with undefined (cancelled).
 * A worker that dies is restarted on the next request.
 */
export class AnalysisClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly latest = new Map<string, number>();

  constructor(
    private readonly script = join(__dirname, 'worker.js'),
    private readonly onError: (message: string) => void = () => undefined,
  ) {}

  /** Analyses a document's text; resolves undefined when a newer request for the same key replaced it. */
  analyze(key: string, text: string, file: string, input: DetectionInput): Promise<FileFacts | undefined> {
    const id = this.nextId++;
    const superseded = this.latest.get(key);
    if (superseded !== undefined) this.settle(superseded, undefined);
    this.latest.set(key, id);
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, key });
      this.ensureWorker().postMessage({ type: 'document', id, input, text, file } satisfies DocumentRequest);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script);
    worker.on('message', (r: DocumentResponse) => this.settle(r.id, r.facts));
    worker.on('error', (e) => this.onError(`analysis worker failed: ${e.message}`));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      for (const id of [...this.pending.keys()]) this.settle(id, undefined);
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settle(id: number, facts: FileFacts | undefined): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    if (this.latest.get(p.key) === id) this.latest.delete(p.key);
    p.resolve(this.latest.has(p.key) ? undefined : facts);
  }

  /** Stops the worker; pending requests resolve undefined. */
  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
