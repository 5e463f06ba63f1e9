/**
 * What the crawler knows about each document URL from earlier runs: where it ended up, its ETag
 * and Last-Modified, the SHA-256 of the bytes stored and when it was last checked; and which URLs
 * failed, when and why. A later run reuses a document checked within `revalidateAfterMs` without
 * asking, revalidates an older one with a conditional request (a 304 re-downloads nothing), and
 * does not retry a failed URL before `retryFailedAfterMs`. Kept in `DATA/crawl-state/` as
 * append-only JSON lines (the last line for a URL wins), outside crawlee's request queue.
 */
import { join } from 'node:path';
import { urlKey } from '../url.ts';
import { KeyedLog } from './keyed-log.ts';

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
  private readonly documents: KeyedLog<CachedDocument>;
  private readonly failed: KeyedLog<FailedDocument>;
  private readonly revalidateAfterMs: number;
  private readonly retryFailedAfterMs: number;

  constructor(stateDir: string, opts: DocumentCacheOptions = {}) {
    this.documents = new KeyedLog(join(stateDir, 'documents.jsonl'), (d) => d.key);
    this.failed = new KeyedLog(join(stateDir, 'failed-documents.jsonl'), (f) => f.key);
    this.revalidateAfterMs = opts.revalidateAfterMs ?? DEFAULT_REVALIDATE_AFTER_MS;
    this.retryFailedAfterMs = opts.retryFailedAfterMs ?? DEFAULT_RETRY_FAILED_AFTER_MS;
  }

  get(url: string): CachedDocument | undefined {
    return this.documents.get(urlKey(url));
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
      this.documents.set({ ...entry, key });
      // A success clears a remembered failure; the tombstone's epoch date is never recent.
      this.failed.delete(key, { key, url: '', kind: '', reason: '', at: new Date(0).toISOString() });
    }
  }

  /** Notes that the server confirmed a stored copy (304). */
  confirm(entry: CachedDocument, at = new Date()): void {
    this.put({ ...entry, checked_at: at.toISOString() });
  }

  fail(url: string, kind: string, reason: string, at = new Date()): void {
    this.failed.set({ key: urlKey(url), url, kind, reason, at: at.toISOString() });
  }

  /** Writes the buffered lines (after the fetch log they refer to). */
  flush(): void {
    this.documents.flush();
    this.failed.flush();
  }

  get size(): number {
    return this.documents.size;
  }
}
