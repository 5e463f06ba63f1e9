/**
 * `DATA/failures.jsonl`: one line per input that could not be used, `{ kind, source, message, at }`
 * with `kind` from errors.ts (fetch, robots, js-challenge, off-host, not-a-report …). The
 * warehouse loads it into its `failures` table; the crawl goes on after writing it.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { NianbaoError } from '../errors.ts';
import { appendJsonLine } from './raw-store.ts';

export interface FailureLine {
  kind: string;
  source: string;
  message: string;
  at: string;
}

export class FailureLog {
  readonly path: string;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.path = join(dataDir, 'failures.jsonl');
  }

  /** Appends one failure; `err` names its source (a URL). */
  add(err: NianbaoError, at = new Date()): FailureLine {
    const line: FailureLine = { kind: err.kind, source: err.source, message: err.reason, at: at.toISOString() };
    appendJsonLine(this.path, line);
    return line;
  }
}
