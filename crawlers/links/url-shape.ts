/**
 * What a URL looks like: a column (list) page or an article. Article URLs carry dates and ids
 * (`t20240118_4417023.html`, `art_1229512345_3901234.html`, `post_4688997.html`,
 * `/info/13951/728740.htm`, 24/32-hex and snowflake ids); column URLs end in a folder, an index
 * file, a `col/colNNN/` path or a page parameter.
 */

const INDEX_FILE = /^(?:index|default|list|more)(?:_\d+)?\.\w+$/i;
const PAGE_PARAMS = /(?:^|&)(?:page|pageNo|pageNum|pageIndex|currentPage|pageno|pagenum|curpage)=/i;

/** True when a URL is a list page: a folder, an index file, a numbered page of one, a paged query. */
export function looksLikeColumnUrl(url: string): boolean {
  const u = new URL(url);
  const file = u.pathname.split('/').pop() ?? '';
  if (!file || INDEX_FILE.test(file)) return true;
  if (PAGE_PARAMS.test(u.search.slice(1))) return true;
  // gkmlpt shells: /gkmlpt/index, /gkmlpt/annualreport.
  return /^(?:index|annualreport)$/i.test(file);
}

/** True when a URL names an article: a file whose name carries a date or an id. */
export function looksLikeArticleUrl(url: string): boolean {
  if (looksLikeColumnUrl(url)) return false;
  const u = new URL(url);
  const file = u.pathname.split('/').pop() ?? '';
  return /\d{4,}|[0-9a-f]{16,}/i.test(file) || /[?&](?:id|docid|articleid|artid|infoid|contentid)=/i.test(u.search);
}

/** The folder of a URL's path, ending in `/`. */
export function dirOf(url: string): string {
  const p = new URL(url).pathname;
  return p.slice(0, p.lastIndexOf('/') + 1);
}

/** True when `url` sits inside the folder `dir` (same origin), deeper than `dir` itself. */
export function isUnder(url: string, base: string): boolean {
  const u = new URL(url);
  const b = new URL(base);
  if (u.host !== b.host) return false;
  const dir = dirOf(base);
  return u.pathname.startsWith(dir) && u.pathname.length > dir.length && !INDEX_FILE.test(u.pathname.slice(dir.length));
}
