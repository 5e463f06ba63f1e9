/**
 * What an article page says about itself (SITES.md §0 detail pages): the title (ArticleTitle,
 * `<h1>`, `<title>`), the published date (PubDate, 发布日期 / 发文日期 / 成文日期 / 生成日期 / 时间),
 * the publisher (发布机构, ContentSource, 来源), the breadcrumb, the body container (`#zoom`,
 * `.TRS_Editor`, `.trs_editor_view`, between the ContentStart/ContentEnd metas) and the documents
 * linked from the article (attachments, iframes, embeds, viewers, window.open, 下载Word/PDF).
 */
import type { CheerioAPI, Cheerio } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { isDocumentUrl, pageLinks, type PageLink } from './page-links.ts';

/** Body containers of the CMSs in SITES.md, most specific first. */
const BODY_SELECTORS = ['.TRS_Editor', '.trs_editor_view', '#zoom', '#zoomcon', '.article-content', '.TRS_UEDITOR', '#content', '.content', '.article', 'article', '.main'];

/** Chrome that is never the article: navigation, header, footer, share bars. */
const CHROME = 'script, style, noscript, .header, .nav, .top, .footer, .share, .position, .breadcrumb, header, nav, footer';

/** A body with fewer own characters than this (links and viewers aside) is "only a PDF viewer". */
export const MIN_BODY_CHARS = 20;

export interface DetailFacts {
  title: string | null;
  /** ISO YYYY-MM-DD. */
  published: string | null;
  publisher: string | null;
  breadcrumb: string[];
  /** The body container's text. */
  bodyText: string;
  /** True when the body says something of its own (not only attachment links or a viewer). */
  bodyHasContent: boolean;
  /** Links to documents from the article (attachments). */
  attachments: PageLink[];
  /** Every link of the article area (an interpretation's link to the report). */
  articleLinks: PageLink[];
}

const collapse = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, ' ').trim();

/** YYYY-MM-DD from the first date in `s` (2024-01-18, 2024/1/18, 2024年1月18日). */
export function isoDate(s: string): string | null {
  const m = /((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const meta = ($: CheerioAPI, name: string) => $(`meta[name="${name}" i]`).attr('content')?.trim() || null;

/**
 * The value of a labelled field: the cell after a label cell (<td>发布机构：</td><td>清河县农业农村局</td>)
 * or inline text (发布机构：兴河镇 索引号：… 时间：2024-01-20), the value ending at the next label.
 */
function labelledValue($: CheerioAPI, labels: RegExp): string | null {
  const inline = new RegExp(`(?:^|\\s)(?:${labels.source})\\s*[:：]\\s*(.{1,60}?)(?=\\s+[^\\s:：]{1,8}\\s*[:：]|\\s{2,}|【|$)`);
  let found: string | null = null;
  $('td, th, span, li, div, p, dt, dd').each((_, el) => {
    const $el = $(el);
    if ($el.children('td, th, div, p, table, ul').length) return;
    const text = collapse($el.text());
    if (labels.test(text) && text.replace(/[\s:：]/g, '').length <= 8) {
      const next = collapse($el.next().text());
      if (next) {
        found = next;
        return false;
      }
      return;
    }
    const m = inline.exec(text);
    if (m?.[1]) {
      found = m[1].trim();
      return false;
    }
  });
  return found;
}

function breadcrumbOf($: CheerioAPI): string[] {
  let crumbs: string[] = [];
  $('.position, .breadcrumb, .crumb, .location, .dqwz, #position, div, p, span').each((_, el) => {
    const $el = $(el);
    const text = collapse($el.text());
    if (!/^(?:当前位置|您的位置|您现在的位置|所在位置|当前页面|位置)\s*[:：]/.test(text) || text.length > 200) return;
    crumbs = text.replace(/^[^:：]*[:：]/, '').split(/\s*(?:>|›|»|→|＞|\/)\s*/).map((c) => c.trim()).filter(Boolean);
    return false;
  });
  return crumbs;
}

/** The body container: ContentStart/ContentEnd, then the CMS selectors, then the page without chrome. */
function bodyOf($: CheerioAPI): Cheerio<AnyNode> {
  const start = $('meta[name="ContentStart"]');
  if (start.length) {
    const between = start.nextUntil('meta[name="ContentEnd"]');
    if (between.length && collapse(between.text()).length) return between;
  }
  for (const sel of BODY_SELECTORS) {
    const el = $(sel).first();
    // A body that is only a viewer (iframe, embed) or attachment links has no text and is still the body.
    if (el.length && (collapse(el.text()).length || el.find('iframe, embed, object, a[href]').length)) return el;
  }
  return $('body');
}

/** The facts of an article page. */
export function detailFacts($: CheerioAPI, pageUrl: string): DetailFacts {
  const body = bodyOf($);
  const bodyClone = body.clone();
  bodyClone.find(CHROME).remove();
  const bodyText = collapse(bodyClone.text());
  // What the body says besides attachment link names and viewers.
  const own = body.clone();
  own.find(`${CHROME}, iframe, embed, object, a`).remove();
  const bodyHasContent = collapse(own.text()).replace(/附件[:：]?|\s/g, '').length >= MIN_BODY_CHARS || own.find('td').length > 0;

  // Attachments sit in the body or right after it, inside the article wrapper.
  const area = body.length === 1 && body.parent().length && !body.is('body') ? body.parent() : body;
  const areaClone = area.clone();
  areaClone.find(CHROME).remove();
  const articleLinks = areaClone.toArray().flatMap((el) => pageLinks($, pageUrl, el));
  const attachments = articleLinks.filter((l) => l.via !== 'a' || isDocumentUrl(l.url) || /下载\s*(?:word|pdf|wps|附件)|附件\d*[:：]?$/i.test(l.text));

  const title =
    meta($, 'ArticleTitle') ??
    (collapse($('h1').first().text()) || null) ??
    (collapse($('title').text()).split(/\s*[_|－—-]\s*/)[0] || null);
  const published = isoDate(meta($, 'PubDate') ?? meta($, 'pubdate') ?? meta($, 'firstpublishedtime') ?? '') ??
    isoDate(labelledValue($, /发布日期|发文日期|成文日期|生成日期|发布时间|时\s*间|日\s*期/) ?? '');
  const publisher = labelledValue($, /发\s*布\s*机\s*构|发文机关|发布单位/) ?? meta($, 'ContentSource') ?? labelledValue($, /来\s*源|信息来源/);
  return { title: title ? title.replace(/\s+/g, ' ') : null, published, publisher, breadcrumb: breadcrumbOf($), bodyText, bodyHasContent, attachments, articleLinks };
}
