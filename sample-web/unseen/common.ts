/**
 * What the unseen web's sites share: robots.txt and stylesheet, GBK bytes for the
 * older platforms, list titles cut short as real lists cut them, the few plain pages every portal
 * links from its navigation, and the Content-Disposition headers download endpoints write.
 */
import iconv from 'iconv-lite';
import { utf8, type SampleHost } from '../host.ts';
import { shell, type Link } from '../page.ts';

/** What every host serves besides its pages: a robots.txt letting every crawler in, the template's stylesheet. */
export function siteFiles(host: SampleHost, stylesheets = ['/images/common.css']): void {
  host.put('/robots.txt', { body: utf8('User-agent: *\nDisallow:\n'), contentType: 'text/plain' });
  for (const path of stylesheets) host.put(path, { body: utf8('body{font-family:"Microsoft YaHei",SimSun,sans-serif}\n'), contentType: 'text/css' });
}

/** GB18030 bytes (GB2312/GBK-labelled pages). */
export const gbk = (s: string): Uint8Array => new Uint8Array(iconv.encode(s, 'gb18030'));

/** The visible text of a list title: the first `limit` characters and `ellipsis` when longer. */
export function cut(title: string, limit: number, ellipsis = '...'): string {
  const flat = title.replace(/\s+/g, '');
  return flat.length > limit ? `${flat.slice(0, limit)}${ellipsis}` : flat;
}

/** Plain pages for the navigation entries that are not part of the route to the reports. */
export function plainPages(put: (path: string, html: string) => void, siteName: string, nav: Link[], pages: { path: string; title: string }[], extra: { charset?: string | null; head?: string; homeHref?: string } = {}): void {
  for (const p of pages) put(p.path, shell({ title: `${p.title}_${siteName}`, siteName, nav, breadcrumb: [p.title], main: `<div class="content"><h2>${p.title}</h2><p>${siteName}${p.title}栏目。</p></div>`, ...extra }));
}

/** RFC 5987 / 6266: `attachment; filename*=UTF-8''%E6%A6%86…` (Spring's ContentDisposition, modern Java). */
export const dispositionRfc5987 = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/**
 * The GBK bytes of the name sent raw in `filename="…"` (Java's `new String(name.getBytes("GBK"),
 * "ISO8859-1")`): a header string whose every character is one byte.
 */
export const dispositionGbkRaw = (name: string) => `attachment;filename="${Buffer.from(iconv.encode(name, 'gbk')).toString('latin1')}"`;

/** `URLEncoder.encode(name, "UTF-8")` in a plain `filename="…"` (upper-case hex, `+` for a space). */
export const dispositionUrlEncoded = (name: string) => `attachment;filename="${encodeURIComponent(name).replace(/%20/g, '+')}"`;

/** ASP.NET's `HttpUtility.UrlEncode(name, Encoding.UTF8)`, unquoted: lower-case hex, `+` for a space. */
export const dispositionAspNet = (name: string) => `attachment;filename=${encodeURIComponent(name).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()).replace(/%20/g, '+')}`;
