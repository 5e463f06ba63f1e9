/**
 * Archetype A, TRS WCM static columns (docs/SITES.md §1 A): the list is static HTML, but its pager is
 * drawn by `createPageHTML(n, cur, "index", "html")` (or the 6-argument
 * `createPageHTML(div, n, cur, "index", "html", total)`), so the pager links exist only in JS
 * while the pages are real files: `index.html`, `index_1.html` … `index_{n-1}.html` beside the
 * current page. No browser is needed once `n` is read from the call.
 */
import { normaliseUrl } from '../url.ts';
import type { ListPage, Listing, ListRequest } from './listing.ts';

/** createPageHTML( [div,] n, cur, "name", "ext" [, total] ) */
const CREATE_PAGE_HTML =
  /createPageHTML\s*\(\s*(?:(['"])[^'"]*\1\s*,\s*)?(\d+)\s*,\s*(\d+)\s*,\s*['"]([\w.-]+)['"]\s*,\s*['"](\w+)['"]\s*(?:,\s*\d+\s*)?\)/;

export interface PagerCall {
  pages: number;
  current: number;
  name: string;
  ext: string;
}

/** The arguments of the createPageHTML call in a page's scripts, or null. */
export function parseCreatePageHtml(html: string): PagerCall | null {
  const m = CREATE_PAGE_HTML.exec(html);
  if (!m) return null;
  return { pages: Number(m[2]), current: Number(m[3]), name: m[4]!, ext: m[5]! };
}

/** The list pages a createPageHTML call stands for, resolved against the current page. */
export function trsPageUrls(call: PagerCall, pageUrl: string, maxPages: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.min(call.pages, maxPages); i++) {
    if (i === call.current) continue;
    const file = i === 0 ? `${call.name}.${call.ext}` : `${call.name}_${i}.${call.ext}`;
    const url = normaliseUrl(file, pageUrl);
    if (url) out.push(url);
  }
  return out;
}

/** TRS list pages: the pages of the createPageHTML call (entries are ordinary links). */
export function trsListing(page: ListPage, maxPages: number): Listing {
  const call = parseCreatePageHtml(page.html);
  const requests: ListRequest[] = call ? trsPageUrls(call, page.url, maxPages).map((url) => ({ url, kind: 'page' })) : [];
  return { entries: [], requests };
}
