/**
 * The two crawlee crawlers of a crawl. A BasicCrawler works the HTTP frontier (pages, list APIs,
 * articles, documents) through the label router; a PlaywrightCrawler works the browser frontier
 * (lists that exist only after JavaScript), every request of its pages answered by the polite
 * fetcher. BasicCrawler rather than CheerioCrawler: each exchange must pass PoliteFetcher (scope,
 * robots.txt, per-host pace, conditional requests, size cap, backoff) and bytes must be decoded
 * by their meta charset, so the handlers fetch and parse themselves; crawlee supplies the worker
 * pool, the routing, the browser and the error boundary.
 */
import { join } from 'node:path';
import { BasicCrawler, Configuration, log as crawleeLog, LogLevel, type Request, type RequestQueue } from '@crawlee/cheerio';
import { PlaywrightCrawler } from '@crawlee/playwright';
import { rm } from 'node:fs/promises';
import type { LaunchContext } from '@crawlee/browser-pool';
import { guardPage, launchContext } from './browser.ts';
import { makeChromiumProfile, reapStaleChromium } from './browser-leftovers.ts';
import { BrowserRefusedError, BrowserSink } from './browser-sink.ts';
import type { CrawlContext } from './crawl-context.ts';
import type { CrawlData } from './crawl-data.ts';
import type { HostFrontier } from './frontier.ts';
import { interceptThroughFetcher, readRenderedDetail, readRenderedList, type CapturedAnswer } from './handlers/render.ts';
import { createHttpRouter, recordFailure } from './router.ts';

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

export interface CrawleeRunners {
  run(): Promise<void>;
  abort(): void;
}

/** Builds both crawlers; `onRequestDone` is called after each request (progress). */
export function createCrawleeRunners(ctx: CrawlContext, onRequestDone: (request: Request) => void): CrawleeRunners {
  const { config } = ctx;
  // Failures are recorded by nianbao with their URL and reason; crawlee's own log would repeat
  // them. Its loggers are children made when a crawler is built, so the level is set before.
  const level = crawleeLog.getLevel();
  crawleeLog.setLevel(LogLevel.OFF);
  const crawleeConfig = new Configuration({
    persistStorage: false,
    purgeOnStart: true,
    storageClientOptions: { localDataDirectory: join(config.paths.dataDir, 'crawl-state', 'crawlee') },
  });
  const workers = Math.min(MAX_WORKERS, config.politeness.globalConcurrency * config.politeness.perHostConcurrency);
  const failed = ({ request }: { request: Request }, error: Error) => {
    recordFailure(ctx, request, error);
    onRequestDone(request);
  };
  const router = createHttpRouter(ctx);
  // Sites whose pages are being rendered now: what reaches the sink is reported to them.
  const rendering = new Map<string, number>();
  const sink = new BrowserSink((a) => ctx.state.failures.add(new BrowserRefusedError(a.request, [...rendering.keys()])));
  const profiles: string[] = [];
  const endRender = (siteId: string) => {
    const n = (rendering.get(siteId) ?? 1) - 1;
    if (n > 0) rendering.set(siteId, n);
    else rendering.delete(siteId);
  };
  const http = new BasicCrawler(
    {
      requestQueue: asRequestQueue(ctx.frontiers.http),
      requestHandler: async (context) => {
        await router(context as unknown as Parameters<typeof router>[0]);
        onRequestDone(context.request);
      },
      failedRequestHandler: failed,
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
      requestQueue: asRequestQueue(ctx.frontiers.browser),
      launchContext: launchContext(),
      headless: true,
      useSessionPool: false,
      persistCookiesPerSession: false,
      browserPoolOptions: {
        useFingerprints: false,
        preLaunchHooks: [
          async (_pageId: string, lc: LaunchContext) => {
            // Chromium left running by a crawl killed with SIGKILL goes first; then a fresh
            // profile of this crawl's own, and the sink as the only proxy.
            await reapStaleChromium();
            lc.userDataDir = await makeChromiumProfile();
            profiles.push(lc.userDataDir);
            lc.launchOptions = { ...lc.launchOptions, proxy: await sink.proxy() };
          },
        ],
      },
      maxRequestRetries: 0,
      minConcurrency: 1,
      maxConcurrency: BROWSER_CONCURRENCY,
      autoscaledPoolOptions: { maybeRunIntervalSecs: POOL_POLL_SECS },
      requestHandlerTimeoutSecs: HANDLER_TIMEOUT_SECS,
      // The page's requests wait for their host's slot and may be retried: allow for that.
      navigationTimeoutSecs: Math.ceil((config.limits.connectTimeoutMs + config.limits.readTimeoutMs) / 1000) * (config.limits.maxRetries + 2),
      preNavigationHooks: [
        async ({ page, request }) => {
          const captured: CapturedAnswer[] = [];
          (request.userData as { captured?: CapturedAnswer[] }).captured = captured;
          const site = ctx.site(String(request.userData.siteId));
          rendering.set(site.id, (rendering.get(site.id) ?? 0) + 1);
          (request.userData as { rendering?: boolean }).rendering = true;
          await guardPage(page, (url, what) => site.error(url, `${what} opened by a rendered page; refused (only HTTP(S) through the polite fetcher may leave a rendering)`));
          await interceptThroughFetcher(ctx, site, page, captured);
        },
      ],
      requestHandler: async ({ page, request }) => {
        const data = request.userData as CrawlData & { captured?: CapturedAnswer[]; rendering?: boolean };
        const captured = data.captured ?? [];
        delete data.captured;
        const site = ctx.site(data.siteId);
        site.rendered++;
        try {
          if (data.renderAs === 'detail') await readRenderedDetail(ctx, site, data, page, request.url);
          else await readRenderedList(ctx, site, data, page, request.loadedUrl ?? request.url, captured);
        } finally {
          if (data.rendering) endRender(data.siteId);
          delete data.rendering;
        }
        onRequestDone(request);
      },
      failedRequestHandler: (context: { request: Request }, error: Error) => {
        const data = context.request.userData as CrawlData & { rendering?: boolean };
        if (data.rendering) endRender(data.siteId);
        delete data.rendering;
        failed(context, error);
      },
      statusMessageLoggingInterval: HANDLER_TIMEOUT_SECS,
    },
    crawleeConfig,
  );
  return {
    async run() {
      try {
        await Promise.all([http.run(), browser.run()]);
      } finally {
        crawleeLog.setLevel(level);
        await browser.browserPool.destroy().catch(() => undefined);
        await sink.close();
        await Promise.all(profiles.map((p) => rm(p, { recursive: true, force: true }).catch(() => undefined)));
      }
    },
    abort() {
      void http.autoscaledPool?.abort();
      void browser.autoscaledPool?.abort();
    },
  };
}
