/**
 * `crawl_runs`: every crawl's outcome per site, from the raw store's runs.jsonl (written by
 * `crawl()` at the end of each run, crawlers/index.ts). Lines of runs already in the table are
 * skipped, so loading twice is loading once; the views crawl_health and missing_reports read it.
 */
import type { RunLine } from '../crawlers/index.ts';
import { put } from './append.ts';
import { isoTimestamp } from './dates.ts';
import type { Database } from './db.ts';

const int = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Appends the run lines whose (run, site) is not yet in `crawl_runs`; returns how many. One transaction. */
export async function syncCrawlRuns(db: Database, lines: readonly Partial<RunLine>[]): Promise<number> {
  return db.transaction(async () => {
    const have = new Set((await db.all<{ k: string }>(`SELECT run_id || chr(0) || site_id AS k FROM crawl_runs`)).map((r) => r.k));
    const fresh = lines.filter((l) => typeof l.run_id === 'string' && typeof l.site_id === 'string' && !have.has(`${l.run_id}\u0000${l.site_id}`));
    if (!fresh.length) return 0;
    const seen = new Set<string>();
    const a = await db.appender('crawl_runs');
    let n = 0;
    for (const l of fresh) {
      const k = `${l.run_id}\u0000${l.site_id}`;
      if (seen.has(k)) continue;
      seen.add(k);
      put.str(a, l.run_id);
      put.str(a, l.site_id);
      put.str(a, str(l.status));
      put.int(a, int(l.pages));
      put.int(a, int(l.requests));
      put.int(a, int(l.rendered));
      put.int(a, int(l.reports_found));
      put.int(a, int(l.errors));
      put.int(a, int(l.held_back));
      put.str(a, str(l.stopped_by));
      put.str(a, l.started_at ? isoTimestamp(l.started_at) : null);
      put.str(a, l.finished_at ? isoTimestamp(l.finished_at) : null);
      a.endRow();
      n++;
    }
    a.closeSync();
    return n;
  });
}
