/**
 * Archetype B, Hanweb 大汉 jcms (docs/SITES.md §1 B). A column's first page carries its records as
 * CDATA inside `<script type="text/xml"><datastore>…`, which an HTML parser does not see as links;
 * later pages come only from a POST to `/module/web/jpage/dataproxy.jsp?startrecord=…&endrecord=…
 * &perpage=…` with the column's form fields, the column page as Referer and
 * `X-Requested-With: XMLHttpRequest`. The answer is the same XML (also wrapped in JSONP,
 * `raw({"result":"<datastore>…"})`, on some sites).
 */
import { load } from 'cheerio/slim';
import { normaliseUrl } from '../url.ts';
import { dateOf, type ApiResponse, type ListEntry, type ListPage, type Listing, type ListRequest } from './listing.ts';

/** Records per dataproxy page when the page does not say. */
const DEFAULT_PER_PAGE = 15;

const DATASTORE = /<datastore>[\s\S]*?<\/datastore>/gi;
const RECORD = /<record>\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*<\/record>/gi;

/** The entries of the `<record>` CDATA blocks of a datastore. */
export function datastoreEntries(xml: string, baseUrl: string): ListEntry[] {
  const out: ListEntry[] = [];
  for (const m of xml.matchAll(RECORD)) {
    const $ = load(m[1]!);
    $('a[href]').each((_, a) => {
      const url = normaliseUrl($(a).attr('href')!, baseUrl);
      const title = ($(a).attr('title') || $(a).text()).replace(/\s+/g, ' ').trim();
      if (url && title) out.push({ url, title, date: dateOf($.root().text()) });
    });
  }
  return out;
}

const tag = (xml: string, name: string) => {
  const m = new RegExp(`<${name}>\\s*(\\d+)\\s*</${name}>`, 'i').exec(xml);
  return m ? Number(m[1]) : null;
};

/** The column's form fields, from the jpage script's attributes or the nextgroup link. */
interface JpageParams {
  totalRecord: number | null;
  perPage: number;
  fields: Record<string, string>;
  proxyPath: string;
}

function jpageParams(page: ListPage, datastore: string): JpageParams | null {
  const { $ } = page;
  const script = $('script[totalRecord], script[totalrecord], script[columnid]').first();
  const fields: Record<string, string> = {};
  let proxyPath = '/module/web/jpage/dataproxy.jsp';
  const next = /<nextgroup>\s*<!\[CDATA\[[\s\S]*?href=["']([^"']+)["']/i.exec(datastore);
  if (next) {
    const u = new URL(next[1]!.replace(/&amp;/g, '&'), page.url);
    proxyPath = u.pathname;
    u.searchParams.forEach((v, k) => {
      if (!['page', 'startrecord', 'endrecord', 'perpage'].includes(k.toLowerCase())) fields[k] = v;
    });
  }
  for (const k of ['webid', 'path', 'columnid', 'unitid', 'webname', 'permissiontype']) {
    const v = script.attr(k);
    if (v !== undefined && fields[k] === undefined) fields[k] = v;
  }
  if (!fields.columnid) return null;
  const total = Number(script.attr('totalRecord') ?? script.attr('totalrecord'));
  const per = Number(script.attr('perPage') ?? script.attr('perpage'));
  return {
    totalRecord: Number.isFinite(total) && total > 0 ? total : tag(datastore, 'totalrecord'),
    perPage: Number.isFinite(per) && per > 0 ? per : DEFAULT_PER_PAGE,
    fields,
    proxyPath,
  };
}

/** The dataproxy POST for records `start`…`end` of a column. */
export function dataproxyRequest(pageUrl: string, p: Pick<JpageParams, 'fields' | 'perPage' | 'proxyPath'>, start: number): ListRequest {
  const end = start + p.perPage - 1;
  const url = new URL(p.proxyPath, pageUrl);
  url.search = `startrecord=${start}&endrecord=${end}&perpage=${p.perPage}`;
  const form = new URLSearchParams({ col: '1', appid: '1', permissiontype: '0', ...p.fields });
  return {
    url: url.href,
    method: 'POST',
    body: form.toString(),
    headers: { Referer: pageUrl, 'X-Requested-With': 'XMLHttpRequest' },
    kind: 'api',
  };
}

/** A jcms column page: the inline datastore's entries and dataproxy requests for the other pages. */
export function jcmsListing(page: ListPage, maxPages: number): Listing {
  const stores = page.html.match(DATASTORE);
  if (!stores) return { entries: [], requests: [] };
  const entries = stores.flatMap((s) => datastoreEntries(s, page.url));
  const requests: ListRequest[] = [];
  const params = jpageParams(page, stores[0]!);
  if (params) {
    const inline = stores.reduce((n, s) => n + [...s.matchAll(RECORD)].length, 0);
    // Without a total, ask for the next group; its answer carries <totalrecord>.
    const total = params.totalRecord ?? inline + 1;
    for (let start = inline + 1, n = 1; start <= total && n < maxPages; start += params.perPage, n++) {
      requests.push(dataproxyRequest(page.url, params, start));
    }
  }
  return { entries, requests };
}

/** `raw({"result":"<datastore>…"})`: the JSONP variant (Nantong); returns the XML inside. */
function unwrapJsonp(text: string): string {
  const m = /^\s*[\w$.]+\s*\(\s*([\s\S]*)\)\s*;?\s*$/.exec(text);
  if (!m) return text;
  try {
    const v = JSON.parse(m[1]!) as unknown;
    if (v && typeof v === 'object') {
      const s = Object.values(v as Record<string, unknown>).find((x) => typeof x === 'string' && x.includes('<datastore'));
      if (typeof s === 'string') return s;
    }
  } catch {
    // not JSON inside the call: read it as XML below
  }
  return m[1]!;
}

/**
 * A dataproxy answer: its entries, and, when it is the first answer and says how many records the
 * column has, the requests for the groups no page asked for yet.
 */
export function jcmsApiListing(res: ApiResponse, maxPages: number): Listing | null {
  const xml = unwrapJsonp(res.text);
  if (!/<datastore>/i.test(xml)) return null;
  const entries = datastoreEntries(xml, res.url);
  const requests: ListRequest[] = [];
  const total = tag(xml, 'totalrecord');
  const u = new URL(res.url);
  const start = Number(u.searchParams.get('startrecord') ?? NaN);
  const per = Number(u.searchParams.get('perpage') ?? NaN) || DEFAULT_PER_PAGE;
  if (total !== null && Number.isFinite(start) && res.request.body) {
    const fields = Object.fromEntries(new URLSearchParams(res.request.body));
    const referer = res.request.headers?.Referer ?? res.url;
    for (let s = start + per, n = Math.ceil(start / per) + 1; s <= total && n < maxPages; s += per, n++) {
      requests.push(dataproxyRequest(referer, { fields, perPage: per, proxyPath: u.pathname }, s));
    }
  }
  return { entries, requests };
}
