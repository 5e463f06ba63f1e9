/**
 * Errors of the extraction pool: a document that outgrew its worker's heap or time limit, and
 * an error a worker reported (rebuilt on the main thread with its kind and reason, since an
 * error's class does not survive the trip between threads).
 */
import { NianbaoError } from '../../errors.ts';
import type { PlainError } from './worker.ts';

/** Reading the document went past a worker's heap cap or the per-document time limit; the worker was replaced. */
export class ResourceLimitError extends NianbaoError {
  override readonly kind = 'resource-limit';
  constructor(source: string, readonly limit: 'heap' | 'time', reason: string) {
    super(source, reason);
  }
}

/** An error a worker sent back: same kind, source, reason and name as the one it caught. */
export class WorkerReportedError extends NianbaoError {
  override readonly kind: string;
  constructor(plain: PlainError) {
    super(plain.source, plain.reason);
    this.kind = plain.kind;
    this.name = plain.name;
  }
}
