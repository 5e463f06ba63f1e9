/**
 * Lines waiting to be appended to a JSON-lines file, written in batches: one write and one fsync
 * per flush instead of per line (per-line fsync was the crawl's largest cost). The crawl flushes
 * its journals every FLUSH_INTERVAL_MS and before it commits a site's reports, fetch log first:
 * so a document the state knows always has its fetch line, and a report its documents. A kill -9
 * loses at most the last interval's lines, whose pages the next run fetches again.
 */

/** How often buffered lines are written out during a crawl. */
export const FLUSH_INTERVAL_MS = 250;

export class Journal<T> {
  private pending: T[] = [];

  constructor(private readonly sink: (lines: T[]) => void) {}

  append(line: T): void {
    this.pending.push(line);
  }

  /** Writes what is buffered (one write, one fsync). */
  flush(): void {
    if (!this.pending.length) return;
    const lines = this.pending;
    this.pending = [];
    this.sink(lines);
  }

  get size(): number {
    return this.pending.length;
  }
}
