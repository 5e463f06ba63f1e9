/**
 * Every way a page points somewhere (docs/SITES.md §0): `<a href>`, `<area>`, `<iframe src>`,
 * `<embed src>`, `<object data>`, pdf.js viewer links (`viewer.html?file=…`), and
 * `onclick="window.open('…')"` / `href="javascript:window.open('…')"` / `location.href='…'` on any
 * element (`<li>`, `<tr>`), and the options of a `<select>` that navigates (a year picker,
 * `onchange="location.href=this.value"`). Links resolve against `<base href>`. A row opened by
 * onclick takes its full title from a `title` attribute inside it (lists cut the text with "...").
 * Off-host links are kept here and dropped by the caller's scope, so nothing is fetched outside it.
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { normaliseUrl } from '../url.ts';

export type LinkVia = 'a' | 'iframe' | 'embed' | 'object' | 'pdfjs' | 'onclick' | 'option';

export interface PageLink {
  url: string;
  /** The visible text, white space collapsed. */
  text: string;
  /** The `title` attribute (lists keep the full title there and truncate the text with …). */
  title: string | null;
  via: LinkVia;
  /** The `#fragment` of the href (gkmlpt picks its category with it), without `#`. */
  fragment: string | null;
  /** Other readings of the same link, tried when `url` fails (a pdf.js `file` resolved two ways). */
  alternatives?: string[];
  /** The date a list prints beside the link (`<span class="date">2024-01-17</span>`), as YYYY-MM-DD. */
  date?: string | null;
}

/** A date as lists print it: 2024-01-17, 2024/1/17, 2024.01.17, 2024年1月17日, optionally in brackets. */
const LIST_DATE = /(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)/;
/** Containers that hold one entry of a list. */
const ENTRY = new Set(['li', 'tr', 'dd', 'dt', 'dl', 'p', 'div', 'td', 'span', 'h3', 'h4']);
/** How far up from the link an entry's container is looked for. */
const ENTRY_LEVELS = 3;

/** A real calendar date as YYYY-MM-DD, or null. */
function calendarDate(y: string, m: string, d: string): string | null {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * The date printed beside a list link: in the text of the smallest container around the link
 * (a `<li>`, a table row …) that holds no other link, outside the link's own text (a title that
 * names a date is not a publication date). Null when there is none or the container is shared.
 */
export function dateBesideLink($: CheerioAPI, el: AnyNode): string | null {
  let node = (el as { parent?: AnyNode | null }).parent ?? null;
  const own = collapse($(el).text());
  for (let level = 0; node && level < ENTRY_LEVELS; level++, node = (node as { parent?: AnyNode | null }).parent ?? null) {
    const name = (node as { name?: string }).name;
    if (!name || !ENTRY.has(name)) continue;
    const $node = $(node);
    if ($node.find('a').length > 1) return null;
    const text = collapse($node.text()).replace(own, ' ');
    const m = LIST_DATE.exec(text);
    if (m) return calendarDate(m[1]!, m[2]!, m[3]!);
  }
  return null;
}

/** File extensions of report documents. */
const DOCUMENT_EXT = /\.(?:pdf|docx?|wps|rtf|xlsx?|et|ofd)$/i;
/** Download endpoints that answer with (or redirect to) a file: downfile.jsp, download.jsp?…, /attach/… */
const DOWNLOAD_PATH = /(?:downfile|download|downloadfile|filedown|getfile|attachment|attach)(?:\.\w+)?(?:\/|$)|\/attach\//i;

/** True when a URL names a document file rather than a page. */
export function isDocumentUrl(url: string): boolean {
  const u = new URL(url);
  if (DOCUMENT_EXT.test(u.pathname)) return true;
  if (DOCUMENT_EXT.test(decodeURIComponent(u.search).replace(/&.*$/, ''))) return DOWNLOAD_PATH.test(u.pathname);
  return DOWNLOAD_PATH.test(u.pathname) && (u.search.length > 0 || DOCUMENT_EXT.test(u.pathname));
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A `<select>` that navigates to the chosen option's value (year pickers, jump menus). */
const NAVIGATING_SELECT = /location|window\.open|\.href|\.value|options\[|\bgo\w*\s*\(/i;
/** An option value that is a URL or a path, not a code (2023, bm01). */
const URL_LIKE = /^(?:https?:\/\/|\/|\.{1,2}\/)|\.(?:s?html?|jsp|aspx?|php)(?:[?#]|$)|\/$/i;

/** `window.open('…')` or `location.href='…'` inside an onclick or a javascript: href. */
const SCRIPT_TARGET = /(?:window\.open|location\.href\s*=|location\.assign|location\.replace)\s*\(?\s*['"]([^'"]+)['"]/;

/**
 * The document a pdf.js viewer link shows. `file` is resolved against the viewer, as pdf.js does;
 * CMSs also write it relative to the article page, so that reading comes second.
 */
export function pdfViewerTargets(viewerUrl: string, pageUrl: string): string[] {
  const u = new URL(viewerUrl);
  if (!/viewer\.html?$|\/pdfjs\//i.test(u.pathname)) return [];
  const file = u.searchParams.get('file');
  if (!file) return [];
  const targets = [normaliseUrl(file, pageUrl), normaliseUrl(file, viewerUrl)].filter((t): t is string => !!t);
  return [...new Set(targets)];
}

/** Every link under `root` (default the whole document), resolved against the page's base URL. */
export function pageLinks($: CheerioAPI, pageUrl: string, root?: AnyNode): PageLink[] {
  const baseHref = $('base[href]').attr('href');
  const base = (baseHref && normaliseUrl(baseHref, pageUrl)) || pageUrl;
  const scope = root ? $(root) : $.root();
  const out: PageLink[] = [];
  const push = (href: string | undefined, text: string, title: string | null, via: LinkVia, el?: AnyNode) => {
    if (!href) return;
    const url = normaliseUrl(href, base);
    if (!url) return;
    const viewer = pdfViewerTargets(url, base);
    if (viewer.length) {
      out.push({ url: viewer[0]!, text, title, via: 'pdfjs', fragment: null, alternatives: viewer.slice(1) });
      return;
    }
    const hash = href.indexOf('#');
    // only where a report title may be (年度报告, 年报): a page's other links need no date
    const date = el && /年/.test(`${text}${title ?? ''}`) ? dateBesideLink($, el) : null;
    out.push({ url, text, title, via, fragment: hash >= 0 ? href.slice(hash + 1) || null : null, ...(date ? { date } : {}) });
  };
  // One pass over the page for every kind of link.
  scope.find('a, area, iframe[src], frame[src], embed[src], object[data], [onclick], select').each((_, el) => {
    const $el = $(el);
    const attrs = (el as unknown as { attribs: Record<string, string | undefined> }).attribs;
    switch ((el as unknown as { name: string }).name) {
      case 'a':
      case 'area': {
        const text = collapse($el.text());
        const title = attrs.title?.trim() || null;
        const href = attrs.href?.trim() ?? '';
        const scripted = SCRIPT_TARGET.exec(attrs.onclick ?? '') ?? (/^javascript:/i.test(href) ? SCRIPT_TARGET.exec(href) : null);
        if (scripted) push(scripted[1], text, title, 'onclick', el);
        else if (href && !/^javascript:/i.test(href)) push(href, text, title, 'a', el);
        return;
      }
      case 'iframe':
      case 'frame':
        return push(attrs.src, '', null, 'iframe');
      case 'embed':
        return push(attrs.src, '', null, 'embed');
      case 'object':
        if (attrs.data) push(attrs.data, collapse($el.text()), null, 'object');
        return;
      case 'select': {
        const navigates = NAVIGATING_SELECT.test(attrs.onchange ?? '');
        $el.find('option').each((_, o) => {
          const value = ($(o).attr('value') ?? '').trim();
          if (value && (navigates || URL_LIKE.test(value)) && !/^javascript:/i.test(value)) push(value, collapse($(o).text()), null, 'option');
        });
        return;
      }
      default: {
        const m = SCRIPT_TARGET.exec(attrs.onclick ?? '');
        // A row (tr, li) opened by script: the full title sits in a title attribute inside it.
        if (!m) return;
        const titled = attrs.title?.trim() ? null : $el.find('[title]').first();
        const title = attrs.title?.trim() || titled?.attr('title')?.trim() || null;
        push(m[1], collapse((titled?.length ? titled : $el).text()), title, 'onclick');
      }
    }
  });
  return out;
}
