/**
 * What an archetype module reads off a list page or a list API response: entries (links with a
 * title) and the further requests that fetch the rest of the list. Each module in this folder
 * recognises its archetype by what the page shows (a `createPageHTML` call, a `<datastore>`, a
 * `window._CONFIG` with a SID, a JSON list), never by hostname.
 */
import type { CheerioAPI } from 'cheerio';

/** A list entry: a link and the title it carries. */
export interface ListEntry {
  url: string;
  title: string;
  /** ISO date when the list shows one. */
  date?: string | null;
}

/** A further request for the same list: another page, or an API call that returns entries. */
export interface ListRequest {
  url: string;
  method?: 'GET' | 'POST';
  /** Form body of a POST. */
  body?: string;
  headers?: Record<string, string>;
  /** 'page' is an HTML page (links, pagers); 'api' is data (XML datastore, JSON, JSONP). */
  kind: 'page' | 'api';
  /** Which page of the list this asks for, when the body also carries state that changes from page to page (ASP.NET view state). */
  key?: string;
}

export interface Listing {
  entries: ListEntry[];
  requests: ListRequest[];
}

/** A fetched list page as the modules see it. */
export interface ListPage {
  url: string;
  html: string;
  $: CheerioAPI;
  /** The `#fragment` of the link that led here (gkmlpt selects the category with it). */
  fragment?: string | null;
}

/** A fetched API response as the modules see it. */
export interface ApiResponse {
  url: string;
  text: string;
  /** The request that fetched it (the page number it asked for is in its URL or body). */
  request: ListRequest;
}

/** Seconds or milliseconds since the epoch, or a date string, as YYYY-MM-DD. */
export function dateOf(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) {
    const ms = v < 1e11 ? v * 1000 : v;
    return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
  }
  if (typeof v === 'string') {
    const m = /((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})/.exec(v);
    if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  }
  return null;
}
