/**
 * The extraction pool: documents are read in worker threads (piscina), `jobs` at a time, while
 * the main thread keeps everything that must stay in order (the DuckDB writer, the output).
 * Each worker's heap is capped (`resourceLimits`) and each document has a time limit counted
 * from when a worker starts on it; a worker that exceeds either is terminated and replaced, and
 * the document fails with a ResourceLimitError naming the limit, so one hostile document costs
 * only itself.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, type Transferable } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { ReportRecord } from '../record.ts';
import { ResourceLimitError, WorkerReportedError } from './errors.ts';
import type { PoolOutcome, PoolTask } from './worker.ts';

export interface PoolSettings {
  /** Worker threads (documents read at once); 0 = one per core. */
  jobs: number;
  /** Old-generation heap cap of each worker, in MB. */
  workerHeapMb: number;
  /** Time limit of one document, from when a worker starts on it, in ms. */
  documentTimeoutMs: number;
}

export const DEFAULT_POOL_SETTINGS: PoolSettings = { jobs: 0, workerHeapMb: 384, documentTimeoutMs: 300_000 };

/** `jobs` with 0 meaning one per core. */
export function resolveJobs(jobs: number): number {
  return jobs > 0 ? Math.floor(jobs) : availableParallelism();
}

const WORKER = new URL('./worker-entry.mjs', import.meta.url);

export interface PoolDocument {
  /** The bytes (moved to the worker: the caller must not use them afterwards) or a file path. */
  bytes?: Uint8Array;
  path?: string;
  /** The record's `source.uri` (default: the file's name) and the name for format tie-breaks. */
  uri?: string;
  name?: string;
}

export class ExtractPool {
  readonly jobs: number;
  private readonly piscina: Piscina<PoolTask, PoolOutcome>;
  /** Workers replaced after a document outgrew a limit. */
  replaced = 0;

  constructor(readonly settings: PoolSettings = DEFAULT_POOL_SETTINGS) {
    this.jobs = resolveJobs(settings.jobs);
    this.piscina = new Piscina<PoolTask, PoolOutcome>({
      filename: WORKER.href,
      minThreads: this.jobs,
      maxThreads: this.jobs,
      concurrentTasksPerWorker: 1,
      idleTimeout: Infinity,
      resourceLimits: { maxOldGenerationSizeMb: settings.workerHeapMb },
      // a worker must not inherit the main thread's flags (a test runner's, --max-old-space-size)
      execArgv: [],
    });
    // A worker that dies between documents (nothing to fail) is replaced by piscina; the event
    // must have a listener or it would end the process.
    this.piscina.on('error', () => {});
  }

  /** Reads one document in a worker. Rejects with the reader's error (same kind and reason) or a ResourceLimitError. */
  async extract(doc: PoolDocument): Promise<ReportRecord> {
    const source = doc.path ?? doc.uri ?? '(document)';
    const { port1, port2 } = new MessageChannel();
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    port1.once('message', () => {
      timer = setTimeout(() => {
        timedOut = true;
        abort.abort();
      }, this.settings.documentTimeoutMs);
    });
    port1.unref();
    const transfer: Transferable[] = [port2];
    // a view of part of a larger buffer (a Node pool slab) cannot be moved; it is copied
    const bytes = doc.bytes && doc.bytes.byteOffset === 0 && doc.bytes.byteLength === doc.bytes.buffer.byteLength ? doc.bytes : doc.bytes?.slice();
    if (bytes) transfer.push(bytes.buffer as ArrayBuffer);
    let outcome: PoolOutcome;
    try {
      outcome = await this.piscina.run({ bytes, path: doc.path, uri: doc.uri, name: doc.name, started: port2 }, { transferList: transfer, signal: abort.signal });
    } catch (err) {
      if (timedOut) {
        this.replaced++;
        throw new ResourceLimitError(source, 'time', `reading it took longer than the ${formatMs(this.settings.documentTimeoutMs)} a document may take (extract.documentTimeoutMs); its worker was stopped and replaced`);
      }
      if ((err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        this.replaced++;
        throw new ResourceLimitError(source, 'heap', `reading it needed more than a worker's ${this.settings.workerHeapMb} MB heap (extract.workerHeapMb); its worker was stopped and replaced`);
      }
      throw new WorkerReportedError({ name: 'WorkerError', kind: 'unreadable', source, reason: `its worker failed: ${err instanceof Error ? err.message : String(err)}` });
    } finally {
      clearTimeout(timer);
      port1.close();
    }
    if ('error' in outcome) throw new WorkerReportedError(outcome.error);
    return outcome.record;
  }

  async close(): Promise<void> {
    await this.piscina.destroy();
  }
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
