/**
 * What an article page says about itself (docs/SITES.md §0 detail pages): the title (ArticleTitle,
 * `<h1>`, `<title>`), the published date (PubDate, 发布日期 / 发文日期 / 成文日期 / 生成日期 / 时间),
 * the publisher (发布机构, ContentSource, 来源), the breadcrumb, the body container (`#zoom`,
 * `.TRS_Editor`, `.trs_editor_view`, between the ContentStart/ContentEnd metas) and the documents
 * linked from the article (attachments, iframes, embeds, viewers, window.open, 下载Word/PDF).
 */
import type { CheerioAPI, Cheerio } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { blockLines, hasClassOrId } from './block-text.ts';
import { isDocumentUrl, pageLinks, type PageLink } from './page-links.ts';

/** Body containers of the CMSs in docs/SITES.md, most specific first. */
const BODY_SELECTORS = ['.TRS_Editor', '.trs_editor_view', '#zoom', '#zoomcon', '.article-content', '.TRS_UEDITOR', '#content', '.content', '.article', 'article', '.main'];

/** Chrome that is never the article: navigation, header, footer, share bars (tags, classes and ids). */
const CHROME_TAGS = new Set(['header', 'nav', 'footer']);
const CHROME_NAMES = new Set(['header', 'nav', 'top', 'footer', 'share', 'position', 'breadcrumb']);
const isChrome = (el: Element) => CHROME_TAGS.has(el.name) || hasClassOrId(el, CHROME_NAMES);
/** What a body says besides its attachments: links and viewers left out. */
const LINKS_AND_VIEWERS = new Set(['a', 'iframe', 'embed', 'object']);

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

/** The page's `<meta name content>` pairs, names lowercased (one pass). */
function metasOf($: CheerioAPI): Map<string, string> {
  const out = new Map<string, string>();
  $('meta[name]').each((_, el) => {
    const a = (el as Element).attribs;
    const content = a.content?.trim();
    if (a.name && content && !out.has(a.name.toLowerCase())) out.set(a.name.toLowerCase(), content);
  });
  return out;
}

/** Labels of the metadata fields (索引号表格, the VSB info line, the article-info bar). */
const LABEL_PUBLISHED = /发布日期|发文日期|成文日期|生成日期|发布时间|时\s*间|日\s*期/;
const LABEL_PUBLISHER = /发\s*布\s*机\s*构|发文机关|发布单位/;
const LABEL_SOURCE = /来\s*源|信息来源/;
/** Where a breadcrumb starts. */
const BREADCRUMB = /^(?:当前位置|您的位置|您现在的位置|所在位置|当前页面|位置)\s*[:：]/;
/** A breadcrumb is one short line. */
const MAX_BREADCRUMB_CHARS = 200;

/**
 * The value of a labelled field in the page's lines: a label line followed by its value
 * (<td>发布机构：</td><td>清河县农业农村局</td>), or inline (发布机构：兴河镇 索引号：… 时间：2024-01-20),
 * the value ending at the next label.
 */
function labelledValue(lines: string[], labels: RegExp): string | null {
  const alone = new RegExp(`^(?:${labels.source})\\s*[:：]?$`);
  const inline = new RegExp(`(?:^|\\s)(?:${labels.source})\\s*[:：]\\s*(.{1,60}?)(?=\\s+[^\\s:：]{1,8}\\s*[:：]|\\s{2,}|【|$)`);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (alone.test(line)) {
      if (lines[i + 1]) return lines[i + 1]!;
      continue;
    }
    const m = inline.exec(line);
    if (m?.[1]) return m[1].trim();
  }
  return null;
}

function breadcrumbOf(lines: string[]): string[] {
  const line = lines.find((l) => BREADCRUMB.test(l) && l.length <= MAX_BREADCRUMB_CHARS);
  if (!line) return [];
  return line.replace(/^[^:：]*[:：]/, '').split(/\s*(?:>|›|»|→|＞|\/)\s*/).map((c) => c.trim()).filter(Boolean);
}

/** The body container: ContentStart/ContentEnd, then the CMS selectors, then the page without chrome. */
function bodyOf($: CheerioAPI): Cheerio<AnyNode> {
  const start = $('meta[name="ContentStart"]');
  if (start.length) {
    const between = start.nextUntil('meta[name="ContentEnd"]');
    if (between.length && collapse(between.text()).length) return between;
  }
  // One query for every candidate, then the most specific that has text (or only a viewer).
  const found = $(BODY_SELECTORS.join(', '));
  for (const sel of BODY_SELECTORS) {
    const el = found.filter(sel).first();
    // A body that is only a viewer (iframe, embed) or attachment links has no text and is still the body.
    if (el.length && (collapse(el.text()).length || el.find('iframe, embed, object, a[href]').length)) return el;
  }
  return $('body');
}

/** The facts of an article page. */
export function detailFacts($: CheerioAPI, pageUrl: string): DetailFacts {
  const body = bodyOf($);
  const bodyText = blockLines(body.toArray(), isChrome).join(' ');
  const own = blockLines(body.toArray(), (el) => isChrome(el) || LINKS_AND_VIEWERS.has(el.name)).join('');
  const bodyHasContent = own.replace(/附件[:：]?|\s/g, '').length >= MIN_BODY_CHARS || body.find('td').length > 0;

  // Attachments sit in the body or right after it, inside the article wrapper.
  const area = body.length === 1 && body.parent().length && !body.is('body') ? body.parent() : body;
  const articleLinks = area.toArray().flatMap((el) => pageLinks($, pageUrl, el));
  const attachments = articleLinks.filter((l) => (l.via !== 'a' && l.via !== 'option') || isDocumentUrl(l.url) || /下载\s*(?:word|pdf|wps|附件)|附件\d*[:：]?$/i.test(l.text));

  const lines = blockLines($.root().toArray());
  const metas = metasOf($);
  const articleTitle = metas.get('articletitle');
  const h1 = articleTitle ? null : $('h1').filter((_, el) => !$(el).closest('.header, header, .logo').length && !$(el).hasClass('logo')).first();
  const title = articleTitle ?? ((h1 && collapse(h1.text())) || collapse($('title').text()).split(/\s*[_|－—-]\s*/)[0] || null);
  const published = isoDate(metas.get('pubdate') ?? metas.get('firstpublishedtime') ?? '') ?? isoDate(labelledValue(lines, LABEL_PUBLISHED) ?? '');
  const publisher = labelledValue(lines, LABEL_PUBLISHER) ?? metas.get('contentsource') ?? labelledValue(lines, LABEL_SOURCE);
  return { title: title ? title.replace(/\s+/g, ' ') : null, published, publisher, breadcrumb: breadcrumbOf(lines), bodyText, bodyHasContent, attachments, articleLinks };
}
