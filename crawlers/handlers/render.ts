/**
 * Pages that exist only after JavaScript, rendered in Chromium (render: 'auto', issue 8): a report
 * column whose static HTML yields nothing, whatever its markup (docs/SITES.md §1 C/D shells, a
 * `<div id="app">` column application), a start page with no static route to any column and the
 * pages a rendered page links to (single-page portals), and an article whose static HTML is an
 * empty shell. At most `limits.maxRenderedPages` per site; the summary counts them.
 *
 * Every request the page makes is intercepted and answered through the polite fetcher, so the
 * browser keeps the site's scope, robots.txt and the host's pace like any other request; images,
 * fonts and media are not fetched at all. A list is read from the rendered DOM (same-host frames
 * included) and from the data the page's scripts loaded (JSON, jcms XML), whose further pages are
 * then asked for directly; a pager that is no link (a button, `javascript:`) is clicked, page
 * after page, while it brings new links. A rendered article is stored as its rendered HTML.
 */
import type { Page, Route } from 'playwright-core';
import type { CrawlContext } from '../crawl-context.ts';
import type { CrawlData } from '../crawl-data.ts';
import { pageLinks, type PageLink } from '../html/page-links.ts';
import { parseHtml } from '../html/parse-html.ts';
import type { SiteRun } from '../site-run.ts';
import type { Listing } from '../sites/listing.ts';
import { decodeBytes } from '../../text/decode.ts';
import { articleCandidate } from './detail.ts';
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
    // Canonical names: the fetcher adds a form Content-Type to a POST that has none under that name.
    const CANONICAL: Record<string, string> = { referer: 'Referer', 'x-requested-with': 'X-Requested-With', 'content-type': 'Content-Type' };
    for (const [k, v] of Object.entries(await req.allHeaders())) if (CANONICAL[k.toLowerCase()]) headers[CANONICAL[k.toLowerCase()]!] = v;
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

/** How long a click on a pager may take to change the list. */
export const PAGER_CLICK_TIMEOUT_MS = 5_000;
/** Clicks on a pager that is no link, at most (also bounded by limits.maxListPages). */
const MAX_PAGER_CLICKS = 50;

/**
 * Queues a page for Chromium (render: 'auto'), within the site's budget. `why` is counted for
 * the summary. Returns true when queued.
 */
export function queueRender(ctx: CrawlContext, site: SiteRun, url: string, data: Omit<CrawlData, 'siteId' | 'kind'>, why: string): boolean {
  if (site.config.render === 'static') return false;
  if (site.renderQueued >= ctx.config.limits.maxRenderedPages) {
    if (site.renderQueued === ctx.config.limits.maxRenderedPages) site.error(url, `not rendered: the site's render budget (limits.maxRenderedPages = ${ctx.config.limits.maxRenderedPages}) is spent`);
    site.renderQueued = ctx.config.limits.maxRenderedPages + 1;
    return false;
  }
  const queued = ctx.enqueue(site, url, { ...data, kind: 'render' });
  if (queued) {
    site.renderQueued++;
    site.renderQueuedFor(why);
  }
  return queued;
}

/**
 * In the page: clicks the control that moves a list forward when it is no link a crawler can
 * follow (a button, `javascript:`, `#`, an element with a click handler). True when clicked.
 */
const CLICK_NEXT = `(() => {
  const NEXT = /^(?:下一?页|下页|后页|next|›|>|»|>>)$/i;
  const els = Array.from(document.querySelectorAll('a, button, li, span, input[type=button], input[type=submit]'));
  for (const el of els) {
    const label = (el.tagName === 'INPUT' ? el.value : el.textContent || '').replace(/\\s+/g, '');
    if (!NEXT.test(label)) continue;
    if (el.tagName !== 'A' && el.tagName !== 'INPUT' && el.querySelector('a, button, input')) continue;
    if (el.disabled || /\\bdisabled\\b/i.test(el.className || '') || el.getAttribute('aria-disabled') === 'true') continue;
    if (el.tagName === 'A') {
      const h = (el.getAttribute('href') || '').trim();
      if (h && h !== '#' && !/^javascript:/i.test(h)) continue;
    }
    el.click();
    return true;
  }
  return false;
})()`;

/** In the page: the URLs its links point to now. */
const HREFS = `Array.from(document.querySelectorAll('a[href]')).map((a) => a.href)`;

/** Every link of the rendered page: the main document and its same-origin frames. */
async function renderedLinks(page: Page, url: string): Promise<PageLink[]> {
  const links = pageLinks(parseHtml(await page.content()), url);
  for (const frame of page.frames()) {
    if (frame === page.mainFrame() || !/^https?:/i.test(frame.url())) continue;
    const html = await frame.content().catch(() => null);
    if (html) links.push(...pageLinks(parseHtml(html), frame.url()));
  }
  return links;
}

const linkKeys = (links: PageLink[]) => links.map((l) => `${l.url} ${l.title ?? l.text}`).join('\n');

/** Reads a rendered list (or navigation) page: its links, its frames, the list data its scripts loaded, its script-driven pager. */
export async function readRenderedList(ctx: CrawlContext, site: SiteRun, data: CrawlData, page: Page, url: string, captured: CapturedAnswer[]): Promise<void> {
  await settle(page);
  const maxPages = ctx.config.limits.maxListPages;
  const listings: Listing[] = [];
  const read = new Set<CapturedAnswer>();
  const readCaptured = () => {
    for (const c of captured) {
      if (read.has(c)) continue;
      read.add(c);
      const listing = apiListing(c.url, c.text, { url: c.url, method: c.method, body: c.body, kind: 'api' }, maxPages);
      if (!listing?.entries.length) continue;
      listings.push(listing);
      // The next run asks this API directly, without the browser.
      if (data.column) site.apiColumns.add(data.column);
      site.entries.set(`api ${c.method} ${c.url} ${c.body ?? ''}`, { url: c.url, kind: 'api', depth: data.depth, column: data.column, method: c.method, body: c.body });
    }
  };
  readCaptured();
  const as: CrawlData = { ...data, kind: 'render' };
  const listing = (): Listing => ({ entries: listings.flatMap((l) => l.entries), requests: listings.flatMap((l) => l.requests) });
  let links = await renderedLinks(page, url);
  followPage(ctx, site, as, url, listing(), links, null);
  // A pager the scripts draw without links: click it while it brings new links (unless the list API's own pages are known).
  const seen = new Set(links.map((l) => l.url));
  const clicks = Math.min(MAX_PAGER_CLICKS, maxPages - 1);
  const apiPages = () => listings.some((l) => l.requests.length > 0);
  for (let i = 0; i < clicks && !apiPages(); i++) {
    const before = linkKeys(links);
    const hrefs = await page.evaluate(HREFS).catch(() => [] as unknown);
    const clicked = await page.evaluate(CLICK_NEXT).catch(() => false);
    if (!clicked) break;
    // Wait for a link the page did not have before the click (the next page of the list).
    await page
      .waitForFunction(`(() => { const old = new Set(${JSON.stringify(hrefs)}); return ${HREFS}.some((h) => !old.has(h)); })()`, undefined, { timeout: PAGER_CLICK_TIMEOUT_MS })
      .catch(() => {
        // Nothing new in time (or the page navigated): read what is there.
      });
    await settle(page);
    readCaptured();
    links = await renderedLinks(page, page.url());
    if (linkKeys(links) === before) break;
    const fresh = links.filter((l) => !seen.has(l.url));
    if (!fresh.length) break;
    for (const l of fresh) seen.add(l.url);
    followPage(ctx, site, as, page.url(), { entries: [], requests: [] }, fresh, null);
  }
  if (listings.length) followPage(ctx, site, as, url, listing(), [], null);
}

/** Waits for the page's data to load (pages that poll never go idle: then what has loaded is read). */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: RENDER_IDLE_TIMEOUT_MS }).catch(() => {});
}

/** A rendered article (its static HTML is a shell): read and stored as its rendered HTML. */
export async function readRenderedDetail(ctx: CrawlContext, site: SiteRun, data: CrawlData, page: Page, url: string): Promise<void> {
  await settle(page);
  // The DOM is serialised as UTF-8 whatever the page's charset said.
  const html = (await page.content()).replace(/<meta\b[^>]*charset[^>]*>/gi, '').replace(/<head\b[^>]*>/i, (m) => `${m}<meta charset="utf-8">`);
  const bytes = Buffer.from(html, 'utf8');
  const sha256 = ctx.state.store.put(bytes);
  await articleCandidate(ctx, site, { ...data, kind: 'detail' }, url, page.url(), html, sha256);
}
