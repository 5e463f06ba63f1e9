/**
 * From a page's listing and links to queued requests: report candidates (DETAIL, DOCUMENT), further
 * pages of the same list, sub-columns, the disclosure section, list API calls. Shared by the HTTP
 * page handler, the API handler and the browser handler, so a list is followed the same way
 * whichever way it was read.
 */
import type { CrawlContext } from '../crawl-context.ts';
import type { CrawlData } from '../crawl-data.ts';
import type { PageLink } from '../html/page-links.ts';
import { classifyLink, type Follow } from '../links/classify-link.ts';
import type { TitleMatch } from '../match.ts';
import type { SiteRun } from '../site-run.ts';
import type { Listing, ListRequest } from '../sites/listing.ts';
import { pagerColumnKey } from '../budget.ts';
import { urlKey } from '../url.ts';

/** Navigation hops from a start URL toward the report column (home → 政务公开 → 信息公开 → …). */
export const MAX_NAV_DEPTH = 3;
/** Sub-column levels below a report column (year → kind of unit → unit → year). */
export const MAX_COLUMN_DEPTH = 4;

export interface FollowCounts {
  candidates: number;
  pages: number;
  requests: number;
  /** Links and list requests the page leads to, queued now or earlier (0: static reading found nothing). */
  leads: number;
}

/** Queues what a page's listing and links lead to. Returns how much it queued. */
export function followPage(ctx: CrawlContext, site: SiteRun, data: CrawlData, pageUrl: string, listing: Listing, links: PageLink[], summary: TitleMatch | null): FollowCounts {
  const counts: FollowCounts = { candidates: 0, pages: 0, requests: 0, leads: listing.requests.length };
  const options = {
    pageUrl,
    role: data.role,
    summary,
    canNavigate: data.role === 'nav' && data.depth < MAX_NAV_DEPTH,
    canDescend: data.role === 'list' && data.depth < MAX_COLUMN_DEPTH,
  };
  const entryLinks: PageLink[] = listing.entries.map((e) => ({ url: e.url, text: e.title, title: e.title, via: 'a', fragment: null, date: e.date ?? null }));
  for (const link of [...entryLinks, ...links]) {
    const follow = classifyLink(link, options);
    // A link back to the page itself (a breadcrumb, the column's own tab) leads nowhere new.
    if (follow && follow.url !== pageUrl) counts.leads++;
    if (follow && queueFollow(ctx, site, data, pageUrl, follow)) {
      if (follow.kind === 'page') counts.pages++;
      else counts.candidates++;
    }
  }
  for (const r of listing.requests) if (queueListRequest(ctx, site, data, pageUrl, r)) counts.requests++;
  return counts;
}

/** Another page of the same list (pager link, createPageHTML page, dataproxy call), within the column's page budget. */
export function queueListRequest(ctx: CrawlContext, site: SiteRun, data: CrawlData, referer: string, r: ListRequest): boolean {
  const column = data.column ?? urlKey(referer);
  const used = site.columnPages.get(column) ?? 0;
  if (used >= ctx.config.limits.maxListPages) return false;
  const key = r.key ? `${column} ${r.key}` : null;
  if (key && site.listKeys.has(key)) return false;
  const queued = ctx.enqueue(
    site,
    r.url,
    { kind: r.kind === 'api' ? 'api' : 'page', role: 'list', depth: data.depth, column, referer, ...(data.kind === 'render' ? { viaBrowser: true } : {}) },
    { method: r.method, body: r.body, headers: r.headers },
  );
  if (queued) site.columnPages.set(column, used + 1);
  if (queued && key) site.listKeys.add(key);
  return queued;
}

function queueFollow(ctx: CrawlContext, site: SiteRun, data: CrawlData, pageUrl: string, f: Follow): boolean {
  // Links read in a rendered page: what they lead to may be a shell too (a single-page portal).
  const viaBrowser = data.kind === 'render' ? { viaBrowser: true } : {};
  switch (f.kind) {
    case 'detail':
      return ctx.enqueue(site, f.url, { kind: 'detail', role: data.role, depth: data.depth, referer: pageUrl, hint: { title: f.title, match: f.match, date: f.date ?? null }, ...viaBrowser });
    case 'document':
      return ctx.enqueue(site, f.url, { kind: 'document', role: data.role, depth: data.depth, referer: pageUrl, hint: { title: f.title, match: f.match, unit: f.unit ?? null, year: f.year ?? null, date: f.date ?? null } });
    case 'page': {
      if (!f.column && f.role === 'list') return queueListRequest(ctx, site, data, pageUrl, { url: f.url, kind: 'page' });
      // Another page of this list that looks like a column of its own (index_N.html holds the
      // column's slug): it counts against this column's pages, not as a new column.
      if (f.role === 'list' && data.role === 'list' && pagerColumnKey(f.url) === pagerColumnKey(pageUrl)) {
        return queueListRequest(ctx, site, data, pageUrl, { url: f.url, kind: 'page' });
      }
      const depth = f.role === data.role ? data.depth + 1 : 0;
      return ctx.enqueue(site, f.url, {
        kind: 'page',
        role: f.role,
        depth,
        column: f.role === 'list' ? urlKey(f.url) : undefined,
        fragment: f.fragment,
        summary: f.summary ?? null,
        referer: pageUrl,
        ...viaBrowser,
      });
    }
  }
}
