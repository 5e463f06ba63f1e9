/**
 * `DATA/failures.jsonl`: one line per input and reason that could not be used,
 * `{ kind, source, message, at, first_at, count, held_back }` with `kind` from errors.ts (fetch,
 * robots, js-challenge, off-host, not-a-report …). The file is a table, not a log: a failure seen
 * again by a later run updates its line (`at` = last seen, `count` = runs that saw it) instead of
 * adding one, so a nightly job does not grow it by the same failures every night. It is rewritten
 * whole (temporary file, then rename: a crash leaves the old or the new file) when the crawl
 * flushes its state. `held_back` marks pages kept out on purpose (not reports, soft 404s), which
 * are not errors.
 *
 * The failures of the current run are also counted by kind and reason for the summary's
 * "top failure reasons" (`runCounts`).
 */
import { join } from 'node:path';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { NianbaoError } from '../errors.ts';
import { readJsonLines } from './raw-store.ts';

export interface FailureLine {
  kind: string;
  source: string;
  message: string;
  /** Last seen. */
  at: string;
  /** First seen. */
  first_at?: string;
  /** Times seen (one per crawl that met it). */
  count?: number;
  /** A page held back on purpose, not an error. */
  held_back?: boolean;
}

/** This run's failures of one kind and reason (the reason without its URL). */
export interface FailureCount {
  kind: string;
  reason: string;
  heldBack: boolean;
  count: number;
  /** One URL that failed so. */
  example: string;
}

const keyOf = (l: Pick<FailureLine, 'kind' | 'source' | 'message'>) => `${l.source}\u0000${l.kind}\u0000${l.message}`;

/** A reason without what varies from URL to URL (the URLs it quotes, long digit runs), for counting. */
export function reasonPattern(message: string): string {
  return message.replace(/https?:\/\/\S+/g, '…').replace(/\d{5,}/g, '…').slice(0, 160);
}

export class FailureLog {
  readonly path: string;
  private readonly lines = new Map<string, FailureLine>();
  /** Keys this run has already counted (a URL failing twice in one run counts once). */
  private readonly seenThisRun = new Set<string>();
  private readonly counts = new Map<string, FailureCount>();
  private dirty = false;
  private flushedAt = 0;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.path = join(dataDir, 'failures.jsonl');
    // an older nianbao appended: the same failure collapses into one line here
    for (const line of readJsonLines<FailureLine>(this.path)) {
      if (!line || typeof line.source !== 'string') continue;
      const key = keyOf(line);
      const had = this.lines.get(key);
      if (had) {
        had.first_at = [had.first_at ?? had.at, line.first_at ?? line.at].sort()[0];
        had.at = [had.at, line.at].sort()[1]!;
        had.count = (had.count ?? 1) + (line.count ?? 1);
        this.dirty = true;
      } else {
        this.lines.set(key, { ...line });
      }
    }
  }

  /** Records one failure; `err` names its source (a URL). Written on the next flush. */
  add(err: NianbaoError, opts: { heldBack?: boolean; at?: Date } = {}): FailureLine {
    const at = (opts.at ?? new Date()).toISOString();
    const key = keyOf({ kind: err.kind, source: err.source, message: err.reason });
    const firstThisRun = !this.seenThisRun.has(key);
    this.seenThisRun.add(key);
    let line = this.lines.get(key);
    if (line) {
      line.at = at;
      if (firstThisRun) line.count = (line.count ?? 1) + 1;
    } else {
      line = { kind: err.kind, source: err.source, message: err.reason, at, first_at: at, count: 1, ...(opts.heldBack ? { held_back: true } : {}) };
      this.lines.set(key, line);
    }
    this.dirty = true;
    if (firstThisRun) {
      const reason = reasonPattern(err.reason);
      const ckey = `${err.kind}\u0000${reason}`;
      const c = this.counts.get(ckey);
      if (c) c.count++;
      else this.counts.set(ckey, { kind: err.kind, reason, heldBack: !!opts.heldBack, count: 1, example: err.source });
    }
    return line;
  }

  /** Every failure on record (all runs), one per source and reason. */
  all(): FailureLine[] {
    return [...this.lines.values()];
  }

  /** This run's failures by kind and reason, most frequent first. */
  runCounts(): FailureCount[] {
    return [...this.counts.values()].sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind) || a.reason.localeCompare(b.reason));
  }

  /** Rewrites the file if anything changed since the last flush (and that was `minIntervalMs` ago). */
  flush(minIntervalMs = 0): void {
    if (!this.dirty || Date.now() - this.flushedAt < minIntervalMs) return;
    this.flushedAt = Date.now();
    const tmp = `${this.path}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(tmp, [...this.lines.values()].map((l) => `${JSON.stringify(l)}\n`).join(''));
    renameSync(tmp, this.path);
    this.dirty = false;
  }
}
