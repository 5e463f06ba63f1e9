/**
 * The crawl stage: finds the yearly reports on the configured sites and stores their documents in
 * the raw store (`DATA/raw`), politely, incrementally and resumably.
 *
 * Crawlee runs the work: a BasicCrawler for HTTP (pages, list APIs, articles, documents) and a
 * PlaywrightCrawler for lists that exist only after JavaScript, both fed by a HostFrontier (one
 * queue per host, a request handed out only when its host has a free slot). BasicCrawler rather
 * than CheerioCrawler, because every exchange must pass PoliteFetcher (scope, robots.txt, per-host
 * pace, conditional requests, size cap, backoff) and bytes must be decoded by their meta charset:
 * the handlers fetch and parse (cheerio 1.2, htmlparser2) themselves, and crawlee supplies the
 * worker pool, the routing and the error boundary. Sites are admitted `globalConcurrency` at a
 * time; each site's candidates are committed to `reports.jsonl` when the site is done.
 */
import { join } from 'node:path';
import { BasicCrawler, Configuration, log as crawleeLog, LogLevel, type Request, type RequestQueue } from '@crawlee/cheerio';
import { PlaywrightCrawler } from '@crawlee/playwright';
import type { PipelineConfig } from '../config/schema.ts';
import { UsageError } from '../errors.ts';
import { launchContext } from './browser.ts';
import { CrawlContext } from './crawl-context.ts';
import type { CrawlData } from './crawl-data.ts';
import { HostFrontier } from './frontier.ts';
import { interceptThroughFetcher, readRenderedList, type CapturedAnswer } from './handlers/render.ts';
import { PoliteFetcher } from './http/fetcher.ts';
import { HostScheduler } from './politeness/host-scheduler.ts';
import { RawStore, type ReportEntry } from './raw-store.ts';
import { createHttpRouter, recordFailure } from './router.ts';
import { SiteRun, type SiteProgress, type SiteSummary } from './site-run.ts';
import { ReportBook } from './state/report-book.ts';
import { RobotsCache } from './state/robots-cache.ts';
import { SiteStateStore } from './state/site-state.ts';
import { FLUSH_INTERVAL_MS, Journal } from './state/journal.ts';

export type { SiteProgress, SiteSummary } from './site-run.ts';

export interface CrawlOptions {
  /** Only these site ids (default: every configured site). */
  sites?: string[];
  signal?: AbortSignal;
  onProgress?: (p: SiteProgress) => void;
}

export interface CrawlSummary {
  startedAt: string;
  finishedAt: string;
  sites: SiteSummary[];
}

/** A handler may fetch several attachments at the host's pace; crawlee's own timeouts must not cut it short. */
const HANDLER_TIMEOUT_SECS = 3600;
/** How often the worker pool looks for a host whose pause is over. */
const POOL_POLL_SECS = 0.02;
/** Concurrent pages in the browser (each still paced per host by the fetcher). */
const BROWSER_CONCURRENCY = 2;
/** Worker pool size ceiling: hosts crawled at once × requests per host. */
const MAX_WORKERS = 64;

/**
 * Crawlee 3.18.1 reads a `requestManager` option but its option check rejects the key; a
 * `requestQueue` is taken as the request manager when it has `fetchNextRequest` and `addRequest`,
 * which is all the crawler calls on it (IRequestManager).
 */
const asRequestQueue = (f: HostFrontier) => f as unknown as RequestQueue;

function selectSites(config: PipelineConfig, ids?: string[]): SiteRun[] {
  if (!ids?.length) return config.sites.map((s) => new SiteRun(s));
  const unknown = ids.filter((id) => !config.sites.some((s) => s.id === id));
  if (unknown.length) throw new UsageError(`unknown site id(s): ${unknown.join(', ')} (configured: ${config.sites.map((s) => s.id).join(', ') || 'none'})`);
  return config.sites.filter((s) => ids.includes(s.id)).map((s) => new SiteRun(s));
}

/**
 * Crawls the configured sites (or `opts.sites`) into `DATA/raw`. Resolves with a summary per
 * site; a site that could not be crawled at all has status 'failed', 'robots' or 'js-challenge'.
 * Throws only for a usage error (an unknown site id).
 */
export async function crawl(config: PipelineConfig, opts: CrawlOptions = {}): Promise<CrawlSummary> {
  const startedAt = new Date();
  const runs = selectSites(config, opts.sites);
  const dataDir = config.paths.dataDir;
  const store = new RawStore(join(dataDir, 'raw'));
  const reportLines = new Journal<ReportEntry>((lines) => store.addReports(lines));
  const book = new ReportBook(store, (entries) => entries.forEach((e) => reportLines.append(e)));
  const scheduler = new HostScheduler(config.politeness);
  const stateDir = join(dataDir, 'crawl-state');
  const siteState = new SiteStateStore(stateDir);
  const byId = new Map(runs.map((r) => [r.id, r]));
  const robotsCache = new RobotsCache(stateDir);
  // The fetcher logs robots.txt fetches into the context, which needs the fetcher to be built.
  let ctx: CrawlContext;
  const fetcher = new PoliteFetcher({
    politeness: config.politeness,
    limits: config.limits,
    scheduler,
    robotsCache,
    onExchange: (e) => {
      const site = e.tag ? byId.get(e.tag) : undefined;
      if (site) site.requests++;
      if (e.robots) {
        ctx.fetchLog.append({
          site_id: e.tag ?? '', url: e.url, final_url: e.url, status: e.status, content_type: (e.headers?.['content-type'] as string | undefined) ?? null,
          encoding: null, etag: null, last_modified: null, sha256: null, bytes: e.bytes, fetched_at: new Date().toISOString(), ...(e.error ? { error: e.error } : {}),
        });
      }
    },
  });

  const queued = [...runs];
  let active = 0;
  const progress = (site: SiteRun) => opts.onProgress?.(site.progress());
  // Crawlee marks a failed request handled before it calls failedRequestHandler: finish the site
  // on the next turn, once the failure (a robots or challenge start page) is recorded.
  const onSiteIdle = (id: string) => setImmediate(() => finish(id));
  const frontier = new HostFrontier(scheduler, { onSiteIdle });
  const renders = new HostFrontier(scheduler, { onSiteIdle });
  const tracker = { idle: () => queued.length === 0 && !frontier.busy && !renders.busy };
  frontier.tracker = tracker;
  renders.tracker = tracker;
  ctx = new CrawlContext(config, store, book, fetcher, { http: frontier, browser: renders }, opts.signal);
  // Order matters: a report refers to documents, documents to their fetch lines.
  const flushAll = () => {
    ctx.flush();
    reportLines.flush();
    robotsCache.flush();
    siteState.flush();
  };
  for (const r of runs) ctx.sites.set(r.id, r);

  function finish(id: string): void {
    const site = byId.get(id)!;
    if (site.state !== 'crawling' || frontier.siteBusy(id) || renders.siteBusy(id)) return;
    const committed = book.commit(site.candidates);
    site.newReports = committed.newReports;
    site.newVersions = committed.newVersions;
    if (site.startsOk === 0 && site.status === 'ok') site.status = 'failed';
    if (site.status === 'ok') siteState.put(site.id, site.config.startUrls, [...site.entries.values()], site.discoveredAt);
    site.state = site.status === 'robots' || site.status === 'js-challenge' ? 'skipped' : 'done';
    active--;
    progress(site);
    admit();
  }

  function admit(): void {
    while (active < config.politeness.globalConcurrency && queued.length) {
      const site = queued.shift()!;
      active++;
      site.state = 'crawling';
      let any = false;
      const entries = siteState.entryPoints(site.id, site.config.startUrls);
      if (entries) {
        site.discoveredAt = new Date(siteState.discoveredAt(site.id)!);
        for (const e of entries) {
          const data = { kind: e.kind, role: 'list' as const, depth: e.depth, column: e.column, fragment: e.fragment, summary: e.summary, start: true };
          any = ctx.enqueue(site, e.url, data, { method: e.method, body: e.body, headers: e.headers }) || any;
        }
      } else {
        for (const url of site.config.startUrls) any = ctx.enqueue(site, url, { kind: 'page', role: 'nav', depth: 0, start: true }) || any;
      }
      progress(site);
      if (!any) {
        site.status = 'failed';
        site.error(site.config.startUrls.join(' '), 'no start URL inside the allowed hosts');
        finish(site.id);
      }
    }
  }

  const level = crawleeLog.getLevel();
  // Failures are recorded by nianbao with their URL and reason; crawlee's own log would repeat
  // them. Its loggers are children made when a crawler is built, so the level is set before.
  crawleeLog.setLevel(LogLevel.OFF);
  const crawleeConfig = new Configuration({
    persistStorage: false,
    purgeOnStart: true,
    storageClientOptions: { localDataDirectory: join(dataDir, 'crawl-state', 'crawlee') },
  });
  const workers = Math.min(MAX_WORKERS, config.politeness.globalConcurrency * config.politeness.perHostConcurrency);
  const onPage = (request: Request) => {
    const site = byId.get(String((request.userData as CrawlData).siteId));
    if (site) progress(site);
  };
  const http = new BasicCrawler(
    {
      requestQueue: asRequestQueue(frontier),
      requestHandler: createHttpRouter(ctx),
      failedRequestHandler: ({ request }, error) => {
        recordFailure(ctx, request, error);
        onPage(request);
      },
      maxRequestRetries: 0,
      useSessionPool: false,
      requestHandlerTimeoutSecs: HANDLER_TIMEOUT_SECS,
      minConcurrency: workers,
      maxConcurrency: workers,
      autoscaledPoolOptions: { desiredConcurrency: workers, maybeRunIntervalSecs: POOL_POLL_SECS },
      statusMessageLoggingInterval: HANDLER_TIMEOUT_SECS,
    },
    crawleeConfig,
  );
  const browser = new PlaywrightCrawler(
    {
      requestQueue: asRequestQueue(renders),
      launchContext: launchContext(),
      headless: true,
      useSessionPool: false,
      persistCookiesPerSession: false,
      browserPoolOptions: { useFingerprints: false },
      maxRequestRetries: 0,
      minConcurrency: 1,
      maxConcurrency: BROWSER_CONCURRENCY,
      autoscaledPoolOptions: { maybeRunIntervalSecs: POOL_POLL_SECS },
      requestHandlerTimeoutSecs: HANDLER_TIMEOUT_SECS,
      navigationTimeoutSecs: Math.ceil((config.limits.connectTimeoutMs + config.limits.readTimeoutMs) / 1000) * (config.limits.maxRetries + 2),
      preNavigationHooks: [
        async ({ page, request }) => {
          const captured: CapturedAnswer[] = [];
          (request.userData as { captured?: CapturedAnswer[] }).captured = captured;
          await interceptThroughFetcher(ctx, ctx.site(String(request.userData.siteId)), page, captured);
        },
      ],
      requestHandler: async ({ page, request }) => {
        const data = request.userData as CrawlData & { captured?: CapturedAnswer[] };
        const captured = data.captured ?? [];
        delete data.captured;
        await readRenderedList(ctx, ctx.site(data.siteId), data, page, request.loadedUrl ?? request.url, captured);
        onPage(request);
      },
      failedRequestHandler: ({ request }, error) => {
        recordFailure(ctx, request, error);
        onPage(request);
      },
      statusMessageLoggingInterval: HANDLER_TIMEOUT_SECS,
    },
    crawleeConfig,
  );

  const abort = () => {
    void http.autoscaledPool?.abort();
    void browser.autoscaledPool?.abort();
  };
  opts.signal?.addEventListener('abort', abort, { once: true });
  const flusher = setInterval(flushAll, FLUSH_INTERVAL_MS);
  try {
    admit();
    await Promise.all([http.run(), browser.run()]);
    for (const site of runs) finish(site.id);
  } finally {
    clearInterval(flusher);
    flushAll();
    crawleeLog.setLevel(level);
    opts.signal?.removeEventListener('abort', abort);
    scheduler.close();
  }
  return { startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), sites: runs.map((r) => r.summary()) };
}
