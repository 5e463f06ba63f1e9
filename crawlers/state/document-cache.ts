/**
 * What the crawler knows about each document URL from earlier runs: where it ended up, its ETag
 * and Last-Modified, the SHA-256 of the bytes stored and when it was last checked; and which URLs
 * failed, when and why. A later run reuses a document checked within `revalidateAfterMs` without
 * asking, revalidates an older one with a conditional request (a 304 re-downloads nothing), and
 * does not retry a failed URL before `retryFailedAfterMs`. Kept in `DATA/crawl-state/` as
 * append-only JSON lines (the last line for a URL wins), outside crawlee's request queue.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { appendJsonLines, readJsonLines } from '../raw-store.ts';
import { Journal } from './journal.ts';
import { urlKey } from '../url.ts';

/** A stored document is trusted this long before it is revalidated (nightly runs revalidate a seventh of them). */
export const DEFAULT_REVALIDATE_AFTER_MS = 7 * 24 * 3600_000;
/** A failed document URL is tried again on the next nightly run, not within the same day. */
export const DEFAULT_RETRY_FAILED_AFTER_MS = 20 * 3600_000;

export interface CachedDocument {
  /** urlKey of the URL requested. */
  key: string;
  url: string;
  final_url: string;
  sha256: string;
  etag: string | null;
  last_modified: string | null;
  content_type: string | null;
  encoding: string | null;
  fetched_at: string;
  /** Last time the server confirmed the copy (a 200 or a 304); defaults to fetched_at. */
  checked_at?: string;
}

export interface FailedDocument {
  key: string;
  url: string;
  /** The error kind and reason, as recorded in failures.jsonl. */
  kind: string;
  reason: string;
  at: string;
}

export interface DocumentCacheOptions {
  revalidateAfterMs?: number;
  retryFailedAfterMs?: number;
}

export class DocumentCache {
  private readonly byKey = new Map<string, CachedDocument>();
  private readonly failed = new Map<string, FailedDocument>();
  readonly path: string;
  readonly failedPath: string;
  private readonly revalidateAfterMs: number;
  private readonly retryFailedAfterMs: number;
  private readonly journal: Journal<CachedDocument>;
  private readonly failedJournal: Journal<FailedDocument>;

  constructor(stateDir: string, opts: DocumentCacheOptions = {}) {
    mkdirSync(stateDir, { recursive: true });
    this.path = join(stateDir, 'documents.jsonl');
    this.failedPath = join(stateDir, 'failed-documents.jsonl');
    this.revalidateAfterMs = opts.revalidateAfterMs ?? DEFAULT_REVALIDATE_AFTER_MS;
    this.retryFailedAfterMs = opts.retryFailedAfterMs ?? DEFAULT_RETRY_FAILED_AFTER_MS;
    this.journal = new Journal((lines) => appendJsonLines(this.path, lines));
    this.failedJournal = new Journal((lines) => appendJsonLines(this.failedPath, lines));
    for (const entry of readJsonLines<CachedDocument>(this.path)) this.byKey.set(entry.key, entry);
    for (const entry of readJsonLines<FailedDocument>(this.failedPath)) this.failed.set(entry.key, entry);
  }

  get(url: string): CachedDocument | undefined {
    return this.byKey.get(urlKey(url));
  }

  /** True when a stored copy was confirmed recently enough to be used without asking. */
  isFresh(entry: CachedDocument, now = Date.now()): boolean {
    return now - Date.parse(entry.checked_at ?? entry.fetched_at) < this.revalidateAfterMs;
  }

  /** The recent failure of a URL, if it is not yet due for another try. */
  recentFailure(url: string, now = Date.now()): FailedDocument | undefined {
    const f = this.failed.get(urlKey(url));
    return f && now - Date.parse(f.at) < this.retryFailedAfterMs ? f : undefined;
  }

  /** Records a stored document under the URL requested (and its final URL, when redirected). */
  put(entry: Omit<CachedDocument, 'key'>): void {
    for (const key of new Set([urlKey(entry.url), urlKey(entry.final_url)])) {
      const line: CachedDocument = { ...entry, key };
      this.journal.append(line);
      this.byKey.set(key, line);
      this.clearFailure(key);
    }
  }

  /** Notes that the server confirmed a stored copy (304). */
  confirm(entry: CachedDocument, at = new Date()): void {
    this.put({ ...entry, checked_at: at.toISOString() });
  }

  fail(url: string, kind: string, reason: string, at = new Date()): void {
    const line: FailedDocument = { key: urlKey(url), url, kind, reason, at: at.toISOString() };
    this.failedJournal.append(line);
    this.failed.set(line.key, line);
  }

  private clearFailure(key: string): void {
    if (!this.failed.has(key)) return;
    this.failed.delete(key);
    this.failedJournal.append({ key, url: '', kind: '', reason: '', at: new Date(0).toISOString() });
  }

  /** Writes the buffered lines (after the fetch log they refer to). */
  flush(): void {
    this.journal.flush();
    this.failedJournal.flush();
  }

  get size(): number {
    return this.byKey.size;
  }
}
