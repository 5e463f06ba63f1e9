/**
 * What a queued request carries (crawlee `userData`): its site, what kind of page it is expected
 * to be, and what the link that led to it said. The label of the crawlee request is `kind`.
 */
import type { PageRole } from './links/classify-link.ts';
import type { TitleMatch } from './match.ts';

export type RequestKind = 'page' | 'api' | 'detail' | 'document' | 'render';

export interface CrawlData {
  siteId: string;
  kind: RequestKind;
  /** Navigation toward the reports, or a page of a report column (page, api, render). */
  role: PageRole;
  /** Navigation hops from a start URL (nav), or sub-column levels below the report column (list). */
  depth: number;
  /** The report column this list page belongs to (its URL key): its pages count against maxListPages. */
  column?: string;
  /** A start URL of the site. */
  start?: boolean;
  /** The `#fragment` of the link (gkmlpt category). */
  fragment?: string | null;
  /** The page is a 汇总 page (from the link's title). */
  summary?: TitleMatch | null;
  /** What the link said about a report candidate. */
  hint?: { title?: string; match?: TitleMatch | null; unit?: string | null; year?: number | null; date?: string | null };
  /** The page that linked here (Referer of attachments and API calls). */
  referer?: string;
  /** A render request: read the rendered page as a page (nav or list) or as a report candidate. */
  renderAs?: 'page' | 'detail';
  /** The link to this request was read in a rendered page (its static HTML may be a shell too). */
  viaBrowser?: boolean;
}
