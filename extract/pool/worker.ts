/**
 * The task a pool worker runs: one document's bytes (or a file) → its record, or the error that
 * stopped it, as plain data (errors lose their class crossing threads; `remote-error.ts` rebuilds
 * them). The worker says on `started` when it begins, so the main thread's time limit counts the
 * document's own reading and not the wait for a free worker.
 */
import type { MessagePort } from 'node:worker_threads';
import { asNianbaoError } from '../../errors.ts';
import { extractBytes, extractFile } from '../index.ts';
import type { ReportRecord } from '../record.ts';

export interface PoolTask {
  /** The document's bytes, or `path` to read it from. */
  bytes?: Uint8Array;
  path?: string;
  uri?: string;
  name?: string;
  /** Receives `'started'` when the worker begins on this document. */
  started: MessagePort;
}

export interface PlainError {
  name: string;
  kind: string;
  source: string;
  reason: string;
}

export type PoolOutcome = { record: ReportRecord } | { error: PlainError };

// Every reader is loaded before the worker takes its first document (piscina waits for this
// module), so the first document of a worker is not charged pdf.js's start-up.
await Promise.all(['text', 'html', 'pdf', 'docx', 'legacy-word'].map((f) => import(`../readers/${f}.ts`)));
await import('../mapper/index.ts');

export default async function extractInWorker(task: PoolTask): Promise<PoolOutcome> {
  task.started.postMessage('started');
  task.started.close();
  const source = task.path ?? task.uri ?? '(document)';
  try {
    if (task.bytes) return { record: await extractBytes(task.bytes, { uri: task.uri ?? source, name: task.name }) };
    return { record: await extractFile(task.path!, { uri: task.uri, name: task.name }) };
  } catch (err) {
    const e = asNianbaoError(err, source);
    return { error: { name: e.name, kind: e.kind, source: e.source, reason: e.reason } };
  }
}
