/**
 * Lists that exist only after JavaScript (docs/SITES.md §1 C/D shells): rendered in Chromium. Every
 * request the page makes is intercepted and answered through the polite fetcher, so the browser
 * keeps the site's scope, robots.txt and the host's pace like any other request; images, fonts
 * and media are not fetched at all. The list is read from the rendered DOM and from the data the
 * page's scripts loaded (JSON, jcms XML), whose further pages are then asked for directly.
 */
import type { Page, Route } from 'playwright-core';
import type { CrawlContext } from '../crawl-context.ts';
import type { CrawlData } from '../crawl-data.ts';
import { pageLinks } from '../html/page-links.ts';
import { parseHtml } from '../html/parse-html.ts';
import type { SiteRun } from '../site-run.ts';
import type { Listing } from '../sites/listing.ts';
import { decodeBytes } from '../../text/decode.ts';
import { followPage } from './listing-follow.ts';
import { apiListing } from './page.ts';

/** How long a rendered page may keep loading data after its load event. */
export const RENDER_IDLE_TIMEOUT_MS = 10_000;

/** Resource types a list never needs. */
const SKIPPED_TYPES = new Set(['image', 'font', 'media', 'stylesheet', 'manifest', 'other']);

/** What the page's scripts fetched: answers that may hold list data. */
export interface CapturedAnswer {
  url: string;
  text: string;
  method: 'GET' | 'POST';
  body?: string;
}

/** Routes every browser request of a site through the polite fetcher; records data answers. */
export async function interceptThroughFetcher(ctx: CrawlContext, site: SiteRun, page: Page, captured: CapturedAnswer[]): Promise<void> {
  await page.route('**/*', async (route: Route) => {
    const req = route.request();
    const url = req.url();
    if (SKIPPED_TYPES.has(req.resourceType()) || !site.scope.allows(url)) {
      await route.abort('blockedbyclient');
      return;
    }
    const method = req.method() === 'POST' ? 'POST' : 'GET';
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers())) if (/^(?:referer|x-requested-with|content-type)$/i.test(k)) headers[k] = v;
    try {
      const r = await ctx.fetcher.fetch({ url, scope: site.scope, method, body: req.postData() ?? undefined, headers, signal: ctx.signal, tag: site.id });
      site.pages++;
      const type = req.resourceType();
      if (type === 'xhr' || type === 'fetch') {
        captured.push({ url: r.finalUrl, text: decodeBytes(r.bytes, { contentType: r.contentType }).text, method, body: req.postData() ?? undefined });
      }
      const responseHeaders: Record<string, string> = {};
      if (r.contentType) responseHeaders['content-type'] = r.contentType;
      await route.fulfill({ status: r.status === 304 ? 200 : r.status, headers: responseHeaders, body: r.bytes });
    } catch (err) {
      site.error(url, `browser request failed: ${err instanceof Error ? err.message : String(err)}`);
      await route.abort('failed');
    }
  });
}

/** Reads a rendered list page: its links and the list data its scripts loaded. */
export async function readRenderedList(ctx: CrawlContext, site: SiteRun, data: CrawlData, page: Page, url: string, captured: CapturedAnswer[]): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: RENDER_IDLE_TIMEOUT_MS }).catch(() => {
    // Pages that poll never go idle; what has loaded by now is what we read.
  });
  const $ = parseHtml(await page.content());
  const maxPages = ctx.config.limits.maxListPages;
  const listings: Listing[] = [];
  for (const c of captured) {
    const listing = apiListing(c.url, c.text, { url: c.url, method: c.method, body: c.body, kind: 'api' }, maxPages);
    if (!listing?.entries.length) continue;
    listings.push(listing);
    // The next run asks this API directly, without the browser.
    if (data.column) site.apiColumns.add(data.column);
    site.entries.set(`api ${c.method} ${c.url} ${c.body ?? ''}`, { url: c.url, kind: 'api', depth: data.depth, column: data.column, method: c.method, body: c.body });
  }
  const listing: Listing = { entries: listings.flatMap((l) => l.entries), requests: listings.flatMap((l) => l.requests) };
  followPage(ctx, site, { ...data, kind: 'page' }, url, listing, pageLinks($, url), null);
}
