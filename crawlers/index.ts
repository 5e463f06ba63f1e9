/**
 * The crawl stage: finds the yearly reports on the configured sites and stores their documents in
 * the raw store (`DATA/raw`), politely, incrementally and resumably.
 *
 * Requests wait in two HostFrontiers (one queue per host; a request is handed out only when its
 * host has a free slot), worked by crawlee (crawlee-runners.ts): HTTP pages, APIs, articles and
 * documents by a BasicCrawler, JavaScript-only lists by a PlaywrightCrawler. Every exchange goes
 * through the PoliteFetcher and its HostScheduler. Sites are admitted `globalConcurrency` at a
 * time (site-admission.ts); a finished site's candidates become report versions. The state a
 * next run needs (documents, failures, entry points, robots.txt) lives in `DATA/crawl-state/`.
 */
import type { PipelineConfig } from '../config/schema.ts';
import { UsageError } from '../errors.ts';
import { CrawlContext } from './crawl-context.ts';
import type { CrawlData } from './crawl-data.ts';
import { createCrawleeRunners } from './crawlee-runners.ts';
import { HostFrontier } from './frontier.ts';
import { HostScheduler } from './politeness/host-scheduler.ts';
import { SiteAdmission } from './site-admission.ts';
import { SiteRun, type SiteProgress, type SiteSummary } from './site-run.ts';
import { CrawlState, crawlStateOptions } from './state/crawl-state.ts';
import { FLUSH_INTERVAL_MS } from './state/journal.ts';
import type { ExchangeEvent } from './http/fetcher.ts';
import type { FailureCount } from './failure-log.ts';
import type { InFlight } from './in-flight.ts';
import { appendJsonLines, runsPath } from './raw-store.ts';

export type { SiteProgress, SiteSummary } from './site-run.ts';

export interface CrawlOptions {
  /** Only these site ids (default: every configured site). */
  sites?: string[];
  signal?: AbortSignal;
  onProgress?: (p: SiteProgress) => void;
  /** Every HTTP exchange as it ends (the browser's included): URL, status, bytes, when it was sent. */
  onExchange?: (e: ExchangeEvent) => void;
  /** Registers the URLs being fetched, so that a progress line can name the slow ones. */
  inFlight?: InFlight;
}

export interface CrawlSummary {
  /** Identifies the run in `crawl_runs` (its start time and pid). */
  runId?: string;
  startedAt: string;
  finishedAt: string;
  sites: SiteSummary[];
  /** True when the crawl was stopped by its signal (Ctrl-C) before every site finished. */
  interrupted?: boolean;
  /** This run's failures by kind and reason, most frequent first (held-back pages flagged). */
  failures?: FailureCount[];
  /** The file that holds every failure (DATA/failures.jsonl). */
  failuresPath?: string;
}

function selectSites(config: PipelineConfig, ids?: string[]): SiteRun[] {
  if (!ids?.length) return config.sites.map((s) => new SiteRun(s));
  const unknown = ids.filter((id) => !config.sites.some((s) => s.id === id));
  if (unknown.length) throw new UsageError(`unknown site id(s): ${unknown.join(', ')} (configured: ${config.sites.map((s) => s.id).join(', ') || 'none'})`);
  return config.sites.filter((s) => ids.includes(s.id)).map((s) => new SiteRun(s));
}

/**
 * Crawls the configured sites (or `opts.sites`) into `DATA/raw`. Resolves with a summary per
 * site; a site that could not be crawled at all has status 'failed', 'robots' or 'js-challenge'.
 * Throws only for a usage error (an unknown site id). `opts.signal` stops the crawl: what is
 * stored stays, and the next run resumes.
 */
export async function crawl(config: PipelineConfig, opts: CrawlOptions = {}): Promise<CrawlSummary> {
  const startedAt = new Date();
  const runs = selectSites(config, opts.sites);
  const state = new CrawlState(config.paths.dataDir, crawlStateOptions(config));
  const scheduler = new HostScheduler(config.politeness);
  const progress = (site: SiteRun) => opts.onProgress?.(site.progress());
  // Crawlee marks a failed request handled before it calls failedRequestHandler: finish the site
  // on the next turn, once the failure (a robots or challenge start page) is recorded.
  const onSiteIdle = (id: string) => setImmediate(() => admission.finish(ctx.site(id)));
  const frontiers = { http: new HostFrontier(scheduler, { onSiteIdle }), browser: new HostFrontier(scheduler, { onSiteIdle }) };
  const ctx = new CrawlContext(config, state, scheduler, frontiers, opts.signal, opts.onExchange, opts.inFlight);
  for (const r of runs) ctx.sites.set(r.id, r);
  const admission = new SiteAdmission(ctx, runs, progress);
  const tracker = { idle: () => !admission.waiting && !frontiers.http.busy && !frontiers.browser.busy };
  frontiers.http.tracker = tracker;
  frontiers.browser.tracker = tracker;

  const runners = createCrawleeRunners(ctx, (request) => progress(ctx.site(String((request.userData as CrawlData).siteId))));
  const abort = () => runners.abort();
  opts.signal?.addEventListener('abort', abort, { once: true });
  const flusher = setInterval(() => state.flush(), FLUSH_INTERVAL_MS);
  try {
    admission.admit();
    await runners.run();
    // Ctrl-C: a site that had not finished (or not started) is interrupted, not ok
    const interrupted = !!opts.signal?.aborted;
    if (interrupted) for (const site of runs) if (site.state === 'queued' || site.state === 'crawling') site.status = 'interrupted';
    for (const site of runs) admission.finish(site);
  } finally {
    clearInterval(flusher);
    state.flush();
    state.failures.flush();
    opts.signal?.removeEventListener('abort', abort);
    scheduler.close();
  }
  const summary: CrawlSummary = {
    runId: `${startedAt.toISOString()}-${process.pid}`,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    sites: runs.map((r) => r.summary()),
    interrupted: !!opts.signal?.aborted,
    failures: state.failures.runCounts(),
    failuresPath: state.failures.path,
  };
  recordRun(config.paths.dataDir, summary);
  return summary;
}

/** One line per site of a run in `DATA/raw/runs.jsonl`, what the warehouse's crawl_runs table loads. */
export interface RunLine {
  run_id: string;
  site_id: string;
  status: string;
  pages: number;
  requests: number;
  rendered: number | null;
  reports_found: number;
  errors: number;
  held_back: number;
  stopped_by: string | null;
  started_at: string | null;
  finished_at: string | null;
}

/** Appends the run's site outcomes to the raw store's runs.jsonl (the crawl's record, loaded by `load`). */
export function recordRun(dataDir: string, summary: CrawlSummary): void {
  appendJsonLines(runsPath(dataDir), summary.sites.map((s): RunLine => ({
    run_id: summary.runId!,
    site_id: s.siteId,
    status: s.status,
    pages: s.pages,
    requests: s.requests,
    rendered: (s as { rendered?: number }).rendered ?? null,
    reports_found: s.reportsFound,
    errors: s.errors.length,
    held_back: s.heldBack ?? 0,
    stopped_by: (s as { stoppedBy?: string }).stoppedBy ?? null,
    started_at: s.startedAt ?? null,
    finished_at: s.finishedAt ?? null,
  })));
}
