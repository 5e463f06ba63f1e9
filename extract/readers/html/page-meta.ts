/**
 * The page's metadata: title, published date and publisher, from the standard meta tags
 * (ArticleTitle, PubDate, ContentSource) and from the metadata block printed above the article
 * (索引号 / 发布机构 / 发布日期 / 成文日期 …, as a table of label and value cells or as
 * "发布机构：兴河镇 时间：2024-01-20" in a line).
 */
import type { Block, DocumentMeta } from '../../document.ts';
import type { ContentRoot } from './content-root.ts';
import { headingLevel, isElement, type Element } from './dom.ts';
import { flattenText } from './flatten-text.ts';
import type { PageScan } from './scan-page.ts';

/** Date labels, most preferred first: the publication date before the date of writing (成文日期). */
const DATE_LABELS = ['发布日期', '发布时间', '公开日期', '公开时间', '发文日期', '生成日期', '印发日期', '时间', '日期', '成文日期'];
/** Publisher labels, most preferred first. */
const PUBLISHER_LABELS = ['发布机构', '发文机关', '发布单位', '发文单位', '公开主体', '信息来源', '来源'];
const DATE_METAS = ['pubdate', 'publishdate', 'firstpublishedtime', 'article:published_time', 'publishtime'];
const PUBLISHER_METAS = ['contentsource'];

/** A title candidate is at least this long (shorter is a section name or a logo word). */
const MIN_TITLE_CHARS = 4;
/** … and at most this long. */
const MAX_TITLE_CHARS = 200;
/** A heading counts as the page title when one contains the other and the shorter has this share of the longer. */
const TITLE_OVERLAP_SHARE = 0.6;
/** Only the first blocks of the page are searched for the metadata block. */
const MAX_META_BLOCKS = 5000;
/** Metadata tables are small; larger grids (the report's own tables) are not searched. */
const MAX_META_GRID_CELLS = 64;
/** A publisher longer than this is not a name. */
const MAX_PUBLISHER_CHARS = 60;

const ALL_LABELS = [...DATE_LABELS, ...PUBLISHER_LABELS].sort((a, b) => b.length - a.length);
/** Labels may be printed with spaces between their characters (索 引 号). */
const spaced = (label: string) => [...label].join('\\s*');
/** A label at the start of the text or after a space or separator, then a colon. */
const FIELD = new RegExp(`(?:^|[\\s|｜丨】\\]])(${ALL_LABELS.map(spaced).join('|')})\\s*[:：]\\s*`, 'g');
const compact = (s: string) => s.replace(/\s+/g, '');

/** A date in the text as ISO `YYYY-MM-DD`: 2024-01-18, 2024/1/18, 2024.01.18, 2024年1月18日. */
export function parseDate(text: string): string | undefined {
  const t = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  const m = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(t);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Label → raw value text, first occurrence in document order wins. */
function labelledFields(blocks: Block[]): Map<string, string> {
  const fields = new Map<string, string>();
  const fromText = (text: string) => {
    if (!text.includes('：') && !text.includes(':')) return;
    const matches = [...text.matchAll(FIELD)];
    matches.forEach((m, i) => {
      const label = compact(m[1]!);
      const end = i + 1 < matches.length ? matches[i + 1]!.index : text.length;
      const value = text.slice(m.index + m[0].length, end).trim();
      if (value && !fields.has(label)) fields.set(label, value);
    });
  };
  for (const block of blocks.slice(0, MAX_META_BLOCKS)) {
    if (block.kind === 'paragraph') {
      fromText(block.text);
      continue;
    }
    if (block.rows.length * (block.rows[0]?.length ?? 0) > MAX_META_GRID_CELLS) continue;
    for (const row of block.rows) {
      row.forEach((cell, i) => {
        const label = compact(cell.text).replace(/[:：]$/, '');
        if (ALL_LABELS.includes(label)) {
          const value = row.slice(i + 1).find((c) => c.text !== cell.text);
          if (value?.text && !fields.has(label)) fields.set(label, value.text);
        } else {
          fromText(cell.text);
        }
      });
    }
  }
  return fields;
}

function pickPublished(scan: PageScan, fields: Map<string, string>): string | undefined {
  for (const name of DATE_METAS) {
    const d = parseDate(scan.metas.get(name) ?? '');
    if (d) return d;
  }
  for (const label of DATE_LABELS) {
    const d = parseDate(fields.get(label) ?? '');
    if (d) return d;
  }
  return undefined;
}

function publisherValue(raw: string | undefined, firstToken: boolean): string | undefined {
  if (!raw) return undefined;
  const v = (firstToken ? raw.split(/[\s【|｜丨]/)[0]! : raw).trim();
  if (!v || v.length > MAX_PUBLISHER_CHARS || /https?:|www\.|^[\d\s./-]+$/i.test(v)) return undefined;
  return v;
}

function pickPublisher(scan: PageScan, fields: Map<string, string>): string | undefined {
  const [preferred, fallback] = [PUBLISHER_LABELS.slice(0, 4), PUBLISHER_LABELS.slice(4)];
  for (const label of preferred) {
    const v = publisherValue(fields.get(label), true);
    if (v) return v;
  }
  for (const name of PUBLISHER_METAS) {
    const v = publisherValue(scan.metas.get(name), false);
    if (v) return v;
  }
  for (const label of fallback) {
    const v = publisherValue(fields.get(label), true);
    if (v) return v;
  }
  return undefined;
}

/** The page `<title>` without the site name: the longest part between separators, site name dropped. */
export function stripSiteSuffix(title: string, siteName?: string): string {
  const parts = title
    .split(/\s*(?:[|｜_]|\s-\s|-|——|—|–)\s*/)
    .map((p) => p.trim())
    .filter((p) => p && p !== siteName);
  if (parts.length === 0) return title.trim();
  return parts.reduce((best, p) => (p.length > best.length ? p : best));
}

/** True when one title contains the other and the shorter is most of the longer. */
function sameTitle(a: string, b: string): boolean {
  const [x, y] = [compact(a), compact(b)];
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.length > 0 && long.includes(short) && short.length >= TITLE_OVERLAP_SHARE * long.length;
}

/**
 * The article's own heading: candidates (h1–h3, elements whose class says title) inside the
 * content root before its first table, then those before the root, nearest first.
 */
function articleHeading(scan: PageScan, root: ContentRoot, pageTitle: string): string | undefined {
  const rootStats = isElement(root.container) ? scan.stats.get(root.container) : undefined;
  const rootStart = root.start ? (scan.rangeStart?.order ?? 0) : (rootStats?.order ?? 0);
  const rootEnd = root.end ? (scan.rangeEnd?.order ?? Infinity) : (rootStats?.end ?? Infinity);
  const firstTable = scan.tables.map((t) => scan.stats.get(t)?.order ?? Infinity).find((o) => o > rootStart) ?? Infinity;
  const inside: Element[] = [];
  const before: Element[] = [];
  for (const el of scan.titleCandidates) {
    const o = scan.stats.get(el)?.order ?? -1;
    if (o >= rootStart && o <= rootEnd && o < firstTable) inside.push(el);
    else if (o < rootStart) before.push(el);
  }
  const ordered = [...inside, ...before.reverse()]
    .filter((el) => (scan.stats.get(el)?.chars ?? 0) <= MAX_TITLE_CHARS)
    .map((el) => ({ el, text: flattenText(el) }))
    .filter((c) => c.text.length >= MIN_TITLE_CHARS && c.text.length <= MAX_TITLE_CHARS);
  if (pageTitle) return ordered.find((c) => sameTitle(c.text, pageTitle))?.text;
  return (ordered.find((c) => headingLevel(c.el) === 1) ?? ordered[0])?.text;
}

/** The Document's meta for a scanned page (see the file comment). */
export function pageMeta(scan: PageScan, root: ContentRoot, pageBlocks: Block[]): DocumentMeta {
  const meta: DocumentMeta = {};
  const siteName = scan.metas.get('sitename');
  const pageTitle = scan.pageTitle ? stripSiteSuffix(scan.pageTitle, siteName) : '';
  const usablePageTitle = pageTitle && pageTitle !== siteName ? pageTitle : '';
  const title = scan.metas.get('articletitle') || articleHeading(scan, root, usablePageTitle) || pageTitle;
  if (title) meta.title = title;
  const fields = labelledFields(pageBlocks);
  const published = pickPublished(scan, fields);
  if (published) meta.published = published;
  const publisher = pickPublisher(scan, fields);
  if (publisher) meta.publisher = publisher;
  return meta;
}
