/**
 * A site's budget for one run (`limits.maxRequestsPerSite`): the requests queued for it and the
 * HTTP exchanges made for it (retries, redirects, robots.txt and the browser's requests included).
 * A hostile or broken site — a pager that never ends, a hundred sub-columns on every list page, a
 * list of 80,000 links — stops at the budget, says so in its summary (`stoppedBy`), and the crawl
 * goes on with the other sites. Bounding what is queued also bounds the memory a site holds in
 * the frontier (its requests and their de-duplication keys).
 *
 * Pager pages count against their column's `maxListPages` even when each URL looks like a new
 * column (`/xxgk/zfxxgknb/index_N.html` holds the column's slug): `pagerColumnKey` names the list
 * a numbered page belongs to.
 */
import type { LimitsConfig } from '../config/schema.ts';
import { NianbaoError } from '../errors.ts';

/** The name a budget-stopped site carries in `SiteSummary.stoppedBy`. */
export const REQUEST_BUDGET = 'maxRequestsPerSite';

/** A request refused because its site used up its budget. */
export class BudgetExceededError extends NianbaoError {
  override readonly kind = 'budget';
  constructor(source: string, readonly budget: string, limit: number) {
    super(source, `not fetched: the site reached limits.${budget} (${limit}) this run`);
  }
}

/** What a site keeps for its budget (SiteRun implements it). */
export interface BudgetCounters {
  /** Requests queued this run (both frontiers). */
  queued: number;
  /** HTTP exchanges begun this run. */
  exchanges: number;
  /** The budget that stopped the site, once one did. */
  stoppedBy: string | null;
}

/** May one more request be queued for the site? */
export function mayQueue(site: BudgetCounters, limits: Pick<LimitsConfig, 'maxRequestsPerSite'>): boolean {
  return site.stoppedBy === null && site.queued < limits.maxRequestsPerSite;
}

/** May one more exchange begin for the site? Counts it when it may. */
export function takeExchange(site: BudgetCounters, limits: Pick<LimitsConfig, 'maxRequestsPerSite'>): boolean {
  if (site.exchanges >= limits.maxRequestsPerSite) return false;
  site.exchanges++;
  return true;
}

/** File names of a list's first and numbered pages: index.html, index_2.html, list_3.shtml, default_1.htm. */
const NUMBERED_INDEX = /^(?:index|default|list|more|page)(?:[_-]\d+)?\.[a-z]+$/i;
/** A bare page number as the file: 2.html, 3.shtml (jcms and VSB columns). */
const NUMBER_FILE = /^\d{1,5}\.[a-z]+$/i;
/** Query parameters that number a list's pages. */
const PAGE_PARAM = /^(?:page|pageno|pagenum|pageindex|currentpage|curpage|pn)$/i;

/**
 * The list a page URL belongs to, whichever of its pages it is: the folder, without the index
 * file's page number or the page parameter. `/a/zfxxgknb/index_7.html` and `/a/zfxxgknb/` give
 * the same key; `/a/zfxxgknb/2023/index.html` another.
 */
export function pagerColumnKey(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  const parts = u.pathname.split('/');
  const file = parts[parts.length - 1] ?? '';
  if (NUMBERED_INDEX.test(file) || NUMBER_FILE.test(file)) parts[parts.length - 1] = '';
  const params = [...u.searchParams].filter(([k]) => !PAGE_PARAM.test(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const search = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  return `${u.protocol}//${u.host.toLowerCase()}${parts.join('/')}${search}`;
}
