/**
 * URLs as the crawler keys them. Government sites reach one page by many spellings: http and
 * https, `col123/` and `col123/index.html`, `./202401/../202401/t1.html`, query parameters in any
 * order, `#fragments` for JS tabs. Dedupe and incremental state key on `urlKey`, never on the raw
 * string; the request itself goes to `normaliseUrl`, which keeps the scheme the site uses.
 */

/** Folder index file names a server answers for `…/` too (TRS, jcms, VSB, static sites). */
const INDEX_FILE = /\/(?:index|default)\.(?:html?|shtml|jsp|aspx?|php)$/i;

/** Schemes a link may use and we may fetch. */
const FETCHABLE = new Set(['http:', 'https:']);

/**
 * Resolves `href` against `base` and normalises it for fetching: no fragment, lowercase host, no
 * default port, dot-segments resolved (URL does that), `//` runs in the path collapsed.
 * Returns null for javascript:, mailto:, data: and anything unparsable.
 */
export function normaliseUrl(href: string, base?: string): string | null {
  const raw = href.trim().replace(/[\r\n\t]/g, '');
  if (!raw || raw.startsWith('#')) return null;
  let u: URL;
  try {
    u = base ? new URL(raw, base) : new URL(raw);
  } catch {
    return null;
  }
  if (!FETCHABLE.has(u.protocol)) return null;
  u.hash = '';
  u.pathname = u.pathname.replace(/\/{2,}/g, '/');
  return u.href;
}

/**
 * The identity of a URL for dedupe and incremental state: scheme dropped (http and https copies
 * are one page), a trailing index file dropped, query parameters sorted, percent-encoding of
 * unreserved characters undone by URL's own parser. `http://A.gov.cn/x/index.html?b=2&a=1` and
 * `https://a.gov.cn/x/?a=1&b=2` have the same key.
 */
export function urlKey(url: string): string {
  const u = new URL(url);
  u.hash = '';
  u.searchParams.sort();
  const path = u.pathname.replace(INDEX_FILE, '/');
  const query = u.searchParams.toString();
  return `//${u.host}${path}${query ? `?${query}` : ''}`;
}

/** `host[:port]` of a URL, lowercase, without the default port (URL drops it). */
export function hostOf(url: string): string {
  return new URL(url).host.toLowerCase();
}

/**
 * The hosts a site may be fetched from. An entry is `host`, `host:port`, or `*.example.gov.cn`
 * (any subdomain, and the domain itself). An entry without a port allows every port of that host.
 */
export class HostScope {
  private readonly exact = new Set<string>();
  private readonly anyPort = new Set<string>();
  private readonly suffixes: string[] = [];

  constructor(entries: Iterable<string>) {
    for (const e of entries) {
      const entry = e.trim().toLowerCase();
      if (!entry) continue;
      if (entry.startsWith('*.')) this.suffixes.push(entry.slice(2));
      else if (entry.includes(':')) this.exact.add(entry);
      else this.anyPort.add(entry);
    }
  }

  /** True when `url` is http(s) on an allowed host. */
  allows(url: string): boolean {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return false;
    }
    if (!FETCHABLE.has(u.protocol)) return false;
    const host = u.host.toLowerCase();
    const name = u.hostname.toLowerCase();
    if (this.exact.has(host) || this.anyPort.has(name)) return true;
    return this.suffixes.some((s) => name === s || name.endsWith(`.${s}`));
  }
}

/** The allowed hosts of a site: its configured list, or the hosts of its start URLs. */
export function siteScope(site: { startUrls: string[]; allowedHosts?: string[] }): HostScope {
  return new HostScope(site.allowedHosts?.length ? site.allowedHosts : site.startUrls.map(hostOf));
}

/** True when the URL is a site's home page: the root path, or a root index file. */
export function isHomePage(url: string): boolean {
  const path = new URL(url).pathname;
  return path === '/' || /^\/(?:index|default)\.(?:html?|shtml|jsp|aspx?|php)$/i.test(path);
}
