/**
 * Everything a crawl keeps on disk, opened together and written in one order. Under DATA:
 *   raw/                      the raw store (objects, fetch-log.jsonl, reports.jsonl): the hand-off to extract
 *   failures.jsonl            what could not be used, with its kind and reason
 *   crawl-state/documents.jsonl, failed-documents.jsonl, facts.jsonl, robots.jsonl, sites.jsonl
 *                             the incremental state, outside crawlee's request queue
 * Lines are buffered and flushed fetch log first, then documents and facts, then reports, then
 * robots and sites: a report on disk always refers to documents whose fetch lines are on disk.
 */
import { join } from 'node:path';
import type { PipelineConfig } from '../../config/schema.ts';
import { FailureLog } from '../failure-log.ts';
import { RawStore, type FetchLogEntry, type ReportEntry } from '../raw-store.ts';
import { DocumentCache } from './document-cache.ts';
import { DocumentFactsCache } from './document-facts.ts';
import { Journal } from './journal.ts';
import { ReportBook } from './report-book.ts';
import { RobotsCache } from './robots-cache.ts';
import { SiteStateStore } from './site-state.ts';

export interface CrawlStateOptions {
  /** How long a stored document is reused without a request (config incremental.revalidateAfterHours). */
  revalidateAfterMs?: number;
  /** How long a site's recorded entry points replace a walk from its start URLs. */
  rediscoverAfterMs?: number;
}

const HOUR_MS = 3600_000;
/** failures.jsonl is rewritten at most this often during a crawl. */
const FAILURES_FLUSH_MS = 5000;

/** The crawl state options a configuration asks for. */
export function crawlStateOptions(config: PipelineConfig): CrawlStateOptions {
  return {
    revalidateAfterMs: config.incremental.revalidateAfterHours * HOUR_MS,
    rediscoverAfterMs: config.incremental.rediscoverAfterHours * HOUR_MS,
  };
}

export class CrawlState {
  readonly store: RawStore;
  readonly book: ReportBook;
  readonly documents: DocumentCache;
  readonly facts: DocumentFactsCache;
  readonly robots: RobotsCache;
  readonly sites: SiteStateStore;
  readonly failures: FailureLog;
  /** Fetch log lines, written in batches. */
  readonly fetchLog: Journal<FetchLogEntry>;
  private readonly reportLines: Journal<ReportEntry>;

  constructor(dataDir: string, opts: CrawlStateOptions = {}) {
    const stateDir = join(dataDir, 'crawl-state');
    this.store = new RawStore(join(dataDir, 'raw'));
    this.fetchLog = new Journal((lines) => this.store.logFetches(lines));
    this.reportLines = new Journal((lines) => this.store.addReports(lines));
    this.book = new ReportBook(this.store, (entries) => entries.forEach((e) => this.reportLines.append(e)));
    this.documents = new DocumentCache(stateDir, { revalidateAfterMs: opts.revalidateAfterMs });
    this.facts = new DocumentFactsCache(stateDir);
    this.robots = new RobotsCache(stateDir);
    this.sites = new SiteStateStore(stateDir, opts.rediscoverAfterMs);
    this.failures = new FailureLog(dataDir);
  }

  /** Writes every buffered line, in the order that keeps references valid after a crash. */
  flush(): void {
    this.fetchLog.flush();
    this.documents.flush();
    this.facts.flush();
    this.reportLines.flush();
    this.robots.flush();
    this.sites.flush();
    // rewritten whole, so not at every tick (the crawl's end flushes it unconditionally)
    this.failures.flush(FAILURES_FLUSH_MS);
  }
}
