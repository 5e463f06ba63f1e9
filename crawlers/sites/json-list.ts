/**
 * JSON list APIs (docs/SITES.md §1 C and D): gkmlpt's `{"total":14,"articles":[{"title","url","date"}]}`,
 * provincial platforms' `{"data":{"list":[…],"totalPage":2}}`, JPaaS `{"data":{"html":"<ul>…"}}`.
 * Reads any array of objects that carry a title and a URL, wherever it sits, and asks for the
 * following pages by the page parameter of the request (page, pageNo, pageNum, pageIndex, current)
 * while the answer's total says there are more.
 */
import { load } from 'cheerio/slim';
import { normaliseUrl } from '../url.ts';
import { dateOf, type ApiResponse, type ListEntry, type Listing, type ListRequest } from './listing.ts';

const TITLE_KEYS = ['title', 'docTitle', 'name', 'articleTitle', 'subject', 'Title'];
const URL_KEYS = ['url', 'link', 'href', 'docUrl', 'articleUrl', 'pageUrl', 'Url', 'URL', 'path'];
const DATE_KEYS = ['date', 'publishDate', 'pubDate', 'publish_time', 'create_time', 'createTime', 'releaseTime', 'time'];
const PAGE_PARAMS = ['page', 'pageNo', 'pageNum', 'pageIndex', 'current', 'pageno', 'pagenum'];
const TOTAL_PAGE_KEYS = ['totalPage', 'totalPages', 'pageCount', 'pages', 'total_page'];
const TOTAL_KEYS = ['total', 'totalCount', 'totalRecord', 'totalrecord', 'count', 'recordCount', 'post_count'];
const SIZE_PARAMS = ['pageSize', 'size', 'rows', 'limit', 'perpage', 'page_size'];

/** JSON nesting beyond this is not a list API. */
const MAX_DEPTH = 6;

const pick = (o: Record<string, unknown>, keys: string[]) => {
  for (const k of keys) if (o[k] !== undefined && o[k] !== null && o[k] !== '') return o[k];
  return undefined;
};

function walk(v: unknown, depth: number, visit: (o: Record<string, unknown>) => void): void {
  if (depth > MAX_DEPTH || v === null || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    for (const x of v) walk(x, depth + 1, visit);
    return;
  }
  visit(v as Record<string, unknown>);
  for (const x of Object.values(v as Record<string, unknown>)) walk(x, depth + 1, visit);
}

/** `callback({...})` → `{...}`; plain JSON unchanged. */
function parseJsonOrJsonp(text: string): unknown {
  const trimmed = text.trim().replace(/^\uFEFF/, '');
  try {
    return JSON.parse(trimmed);
  } catch {
    const m = /^[\w$.]+\s*\(\s*([\s\S]*)\)\s*;?$/.exec(trimmed);
    if (!m) return undefined;
    try {
      return JSON.parse(m[1]!);
    } catch {
      return undefined;
    }
  }
}

/** Entries and further page requests of a JSON list answer; null when the text is no JSON list. */
export function jsonListing(res: ApiResponse, maxPages: number): Listing | null {
  const data = parseJsonOrJsonp(res.text);
  if (data === undefined || typeof data !== 'object' || data === null) return null;
  const entries: ListEntry[] = [];
  let totalPages: number | null = null;
  let total: number | null = null;
  walk(data, 0, (o) => {
    const title = pick(o, TITLE_KEYS);
    const url = pick(o, URL_KEYS);
    if (typeof title === 'string' && typeof url === 'string') {
      const abs = normaliseUrl(url, res.url);
      if (abs) entries.push({ url: abs, title: title.replace(/\s+/g, ' ').trim(), date: dateOf(pick(o, DATE_KEYS)) });
    }
    for (const [k, v] of Object.entries(o)) {
      // A JPaaS answer carries the list as rendered HTML.
      if (typeof v === 'string' && /^html$|^content$/i.test(k) && /<a\s/i.test(v)) {
        const $ = load(v);
        $('a[href]').each((_, a) => {
          const abs = normaliseUrl($(a).attr('href')!, res.url);
          const t = ($(a).attr('title') || $(a).text()).replace(/\s+/g, ' ').trim();
          if (abs && t) entries.push({ url: abs, title: t });
        });
      }
    }
    const tp = pick(o, TOTAL_PAGE_KEYS);
    if (totalPages === null && typeof tp === 'number') totalPages = tp;
    const t = pick(o, TOTAL_KEYS);
    if (total === null && typeof t === 'number') total = t;
  });
  return { entries, requests: nextPages(res, entries.length, totalPages, total, maxPages) };
}

/** The other pages of the list, when the request named its page and the answer its size. */
function nextPages(res: ApiResponse, got: number, totalPages: number | null, total: number | null, maxPages: number): ListRequest[] {
  const u = new URL(res.url);
  const param = PAGE_PARAMS.find((p) => u.searchParams.has(p));
  if (!param || got === 0) return [];
  const current = Number(u.searchParams.get(param));
  if (!Number.isFinite(current)) return [];
  const sizeParam = SIZE_PARAMS.find((p) => u.searchParams.has(p));
  const size = sizeParam ? Number(u.searchParams.get(sizeParam)) : got;
  const pages = totalPages ?? (total !== null && size > 0 ? Math.ceil(total / size) : null);
  // Only the first page fans out, so the other pages do not each ask for all the rest again.
  const first = current <= 1;
  if (pages === null || !first) return [];
  const out: ListRequest[] = [];
  for (let n = current + 1; n <= Math.min(pages, maxPages); n++) {
    const next = new URL(u);
    next.searchParams.set(param, String(n));
    out.push({ url: next.href, kind: 'api', headers: res.request.headers });
  }
  return out;
}
