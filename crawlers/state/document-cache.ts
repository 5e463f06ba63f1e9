/**
 * What the crawler knows about each document URL from earlier runs: where it ended up, its ETag
 * and Last-Modified, and the SHA-256 of the bytes stored. A second night sends conditional
 * requests (a 304 re-downloads nothing) or, for a server that gives no validators, reuses the
 * stored copy of a known URL without asking. Kept in `DATA/crawl-state/documents.jsonl`,
 * append-only (the last line for a URL wins), outside crawlee's request queue.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { appendJsonLine, readJsonLines } from '../raw-store.ts';
import { urlKey } from '../url.ts';

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
}

export class DocumentCache {
  private readonly byKey = new Map<string, CachedDocument>();
  readonly path: string;

  constructor(stateDir: string) {
    mkdirSync(stateDir, { recursive: true });
    this.path = join(stateDir, 'documents.jsonl');
    for (const entry of readJsonLines<CachedDocument>(this.path)) this.byKey.set(entry.key, entry);
  }

  get(url: string): CachedDocument | undefined {
    return this.byKey.get(urlKey(url));
  }

  /** Records a stored document under the URL requested (and its final URL, when redirected). */
  put(entry: Omit<CachedDocument, 'key'>): void {
    const keys = new Set([urlKey(entry.url), urlKey(entry.final_url)]);
    for (const key of keys) {
      const line = { ...entry, key };
      const prev = this.byKey.get(key);
      if (prev && prev.sha256 === line.sha256 && prev.etag === line.etag && prev.last_modified === line.last_modified) continue;
      appendJsonLine(this.path, line);
      this.byKey.set(key, line);
    }
  }

  get size(): number {
    return this.byKey.size;
  }
}
