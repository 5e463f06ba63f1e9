/**
 * Navigation and list pages, and list API answers. A page is read by every archetype module that
 * recognises it (createPageHTML pager, jcms datastore, gkmlpt config) and by its plain links; what
 * they lead to is queued by listing-follow.ts. A report column that yields nothing and looks like
 * a JavaScript shell goes to the browser. An article reached as a page (a folder URL, a bare
 * title linked like a column) is read again as a report candidate.
 */
import type { Request } from '@crawlee/core';
import { FetchError } from '../../errors.ts';
import { reportEvidence } from '../confirm.ts';
import { pageText, type CrawlContext } from '../crawl-context.ts';
import type { CrawlData } from '../crawl-data.ts';
import { detailFacts } from '../html/detail-facts.ts';
import { looksLikeJsShell } from '../html/js-shell.ts';
import { pageLinks } from '../html/page-links.ts';
import { isDataText, parseHtml } from '../html/parse-html.ts';
import { isSoftNotFound } from '../http/page-signals.ts';
import { matchTitle, type TitleMatch } from '../match.ts';
import type { SiteRun } from '../site-run.ts';
import { gkmlptListing } from '../sites/gkmlpt.ts';
import { jcmsApiListing, jcmsListing } from '../sites/jcms.ts';
import { jsonListing } from '../sites/json-list.ts';
import type { Listing, ListRequest } from '../sites/listing.ts';
import { formPagerListing } from '../sites/form-pager.ts';
import { trsListing } from '../sites/trs.ts';
import { isHomePage } from '../url.ts';
import { followPage } from './listing-follow.ts';
import { queueRender } from './render.ts';

/** Reads an answer as list data (jcms XML or JSONP, JSON); null when it is neither. */
export function apiListing(url: string, text: string, request: ListRequest, maxPages: number): Listing | null {
  const res = { url, text, request };
  return jcmsApiListing(res, maxPages) ?? jsonListing(res, maxPages);
}

/** The requests a crawlee request stands for, as a list request (method, body, headers). */
const asListRequest = (r: Request<CrawlData>): ListRequest => ({
  url: r.url,
  method: r.method === 'POST' ? 'POST' : 'GET',
  body: typeof r.payload === 'string' ? r.payload : undefined,
  headers: r.headers as Record<string, string> | undefined,
  kind: r.userData.kind === 'api' ? 'api' : 'page',
});

const mergeListings = (ls: Listing[]): Listing => ({ entries: ls.flatMap((l) => l.entries), requests: ls.flatMap((l) => l.requests) });

/** A navigation or list page, or a list API answer. */
export async function handlePage(ctx: CrawlContext, site: SiteRun, request: Request<CrawlData>): Promise<void> {
  const data = request.userData;
  const list = asListRequest(request);
  const f = await ctx.fetchPage(site, request.url, { method: list.method, body: list.body, headers: list.headers });
  if (data.start) site.startsOk++;
  if (!data.start && f.redirects.length && isHomePage(f.finalUrl) && !isHomePage(request.url)) {
    site.error(request.url, `redirected to the home page (${f.finalUrl}): a dead column`);
    return;
  }
  const { text } = pageText(f);
  if (isSoftNotFound(text)) {
    ctx.fail(site, request.url, new FetchError(f.finalUrl, 200, 'soft 404: the page says it does not exist (页面不存在)'));
    return;
  }
  // A list page (or list API call) of a report column: where the next run starts.
  if (data.role === 'list') {
    site.entries.set(request.uniqueKey, {
      url: request.url, kind: list.kind, depth: data.depth, column: data.column, fragment: data.fragment ?? null, summary: data.summary ?? null,
      method: list.method, body: list.body, headers: list.headers,
    });
  }
  const maxPages = ctx.config.limits.maxListPages;
  if (data.kind === 'api' || isDataText(text)) {
    const api = apiListing(f.finalUrl, text, list, maxPages);
    if (api) followPage(ctx, site, data, f.finalUrl, api, [], data.summary ?? null);
    else site.error(request.url, 'list API answer is neither a jcms datastore nor JSON with a list');
    return;
  }
  const $ = parseHtml(text);
  const page = { url: f.finalUrl, html: text, $, fragment: data.fragment ?? null };
  const listing = mergeListings([trsListing(page, maxPages), jcmsListing(page, maxPages), gkmlptListing(page), ...(data.role === 'list' ? [formPagerListing(page)] : [])]);
  const links = pageLinks($, f.finalUrl);
  const ownTitle = $('title').text() || $('h2').first().text();
  const ownMatch = matchTitle(ownTitle);
  const summary: TitleMatch | null = data.summary ?? (ownMatch?.kind === 'summary' ? ownMatch : null);
  const counts = followPage(ctx, site, data, f.finalUrl, listing, links, summary);

  // A site configured for the browser has its lists rendered too; 'static' never.
  if (data.role === 'list' && site.config.render === 'browser') {
    if (ctx.enqueue(site, request.url, { kind: 'render', role: 'list', depth: data.depth, column: data.column, referer: data.referer })) site.renderQueuedFor("list of a site configured render: 'browser'");
  }
  if (data.role === 'list' && counts.candidates === 0) {
    // An article where a list was expected: a report published under a folder URL.
    const facts = detailFacts($, f.finalUrl);
    if (reportEvidence(facts.bodyText) !== 'none') {
      ctx.enqueue(site, request.url, { kind: 'detail', role: data.role, depth: data.depth, referer: data.referer, hint: { title: facts.title ?? undefined, match: matchTitle(facts.title ?? '') } });
      return;
    }
  }
  // Static reading found nothing to follow: render the page (render: 'auto'), whatever its markup,
  // when it is a report column, a start page (a portal whose menus are drawn by script), or a page
  // a rendered page linked to (the next shell of a single-page portal).
  if (counts.leads || site.config.render === 'static') return;
  // A shell whose list API is known (from an earlier render) needs no browser: the API is asked directly.
  if (data.column !== undefined && site.apiColumns.has(data.column)) return;
  const why = data.role === 'list' ? (looksLikeJsShell($) ? 'column drawn by script' : 'column with no links in its HTML')
    : data.start ? 'start page with no route to a column'
    : data.viaBrowser ? 'page linked from a rendered page'
    : null;
  if (why) queueRender(ctx, site, request.url, { role: data.role, depth: data.depth, column: data.column, referer: data.referer }, why);
}
