/**
 * `crawl_log`: the raw store's fetch-log.jsonl in a table. The log only grows, so the lines past
 * those already loaded are the new ones; if the last loaded line no longer matches (a log
 * rewritten by hand), the table is rebuilt from the whole log.
 */
import type { FetchLogEntry } from '../crawlers/raw-store.ts';
import { put } from './append.ts';
import { isoTimestamp } from './dates.ts';
import type { Database } from './db.ts';

/** Appends the log lines not yet in `crawl_log`; returns how many. One transaction. */
export async function syncCrawlLog(db: Database, entries: readonly FetchLogEntry[]): Promise<number> {
  return db.transaction(async () => {
    let loaded = (await db.value<number>('SELECT count(*) FROM crawl_log')) ?? 0;
    if (loaded > 0) {
      const last = entries[loaded - 1];
      const stored = await db.all<{ url: string; fetched_at: string | null }>('SELECT url, fetched_at FROM crawl_log WHERE seq = $1', [loaded]);
      const same = last && stored.length === 1 && stored[0]!.url === last.url && stored[0]!.fetched_at === isoTimestamp(last.fetched_at);
      if (!same) {
        await db.run('DELETE FROM crawl_log');
        loaded = 0;
      }
    }
    const fresh = entries.slice(loaded);
    if (fresh.length === 0) return 0;
    const a = await db.appender('crawl_log');
    fresh.forEach((e, i) => {
      a.appendInteger(loaded + i + 1);
      put.str(a, e.site_id);
      put.str(a, e.url);
      put.str(a, e.final_url);
      put.int(a, Number.isInteger(e.status) ? e.status : null);
      put.str(a, e.content_type);
      put.str(a, e.encoding);
      put.str(a, e.etag);
      put.str(a, e.last_modified);
      put.str(a, e.sha256);
      put.big(a, Number.isSafeInteger(e.bytes) ? e.bytes : null);
      put.str(a, isoTimestamp(e.fetched_at));
      put.str(a, e.error ?? null);
      a.endRow();
    });
    a.closeSync();
    return fresh.length;
  });
}
