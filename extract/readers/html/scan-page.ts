/**
 * One pass over the whole parsed page (iterative, linear) that gathers what the later steps ask
 * about: per-element text statistics (for the content root and for telling layout tables from
 * data tables), the `<meta>` tags, the page `<title>`, style sheets, the ContentStart/ContentEnd
 * markers, CMS content containers and title candidates.
 */
import type { Document as DomDocument } from 'domhandler';
import { headingLevel, isComment, isElement, isText, isUnread, nameWords, pushChildren, type AnyNode, type Element } from './dom.ts';
import { normaliseText } from './normalise-text.ts';

/** Text statistics of an element's readable subtree (hidden, script, style… excluded). */
export interface ElementStats {
  /** Pre-order position among elements; `end` is the last position inside it. */
  order: number;
  end: number;
  /** Non-white characters outside links. */
  chars: number;
  /** Non-white characters inside `<a>`. */
  linkChars: number;
  /** Of `chars`, those that can be part of a number (digits, separators, signs, %). */
  numberChars: number;
  /** Table cells below whose whole text is a number (outside links). */
  numericCells: number;
  /** `<table>` elements strictly below. */
  tables: number;
  /** h1–h6 elements strictly below. */
  headings: number;
}

/** A CMS content container found by id, class or tag; lower `rank` is more trusted. */
export interface ContentMarker {
  el: Element;
  rank: number;
  /** Strong markers are the CMS's own body containers; weak ones are generic words. */
  strong: boolean;
}

export interface PageScan {
  root: DomDocument;
  body: Element | null;
  stats: Map<Element, ElementStats>;
  /** `<meta name|property|http-equiv>` → content, names lower-cased, first occurrence wins. */
  metas: Map<string, string>;
  /** The first `<title>`'s text. */
  pageTitle: string;
  styleSheets: string[];
  /** `<meta name="ContentStart">`/`ContentEnd` (or the comment forms) and their positions. */
  rangeStart: { node: AnyNode; order: number } | null;
  rangeEnd: { node: AnyNode; order: number } | null;
  markers: ContentMarker[];
  /** h1–h3 and elements whose class or id says title, in document order. */
  titleCandidates: Element[];
  tables: Element[];
}

/** A cell whose text has at most this many characters can be a number. */
const MAX_NUMBER_CHARS = 24;

/**
 * Content containers of the CMSs in docs/SITES.md, most trusted first: TRS (`.TRS_Editor`,
 * `.trs_editor_view`, `.TRS_UEDITOR`), Hanweb (`#zoom`), ucap (`#zoomcon`, `<ucapcontent>`),
 * gkmlpt (`.article-content`); then generic words that many templates use.
 */
const STRONG_IDS = ['zoom', 'zoomcon', 'ucap-content', 'trs_editor', 'articlecontent'];
const STRONG_CLASSES = ['trs_editor', 'trs_editor_view', 'trs_ueditor', 'article-content', 'view_content', 'ucap-content'];
const STRONG_TAGS = ['ucapcontent'];
const WEAK_IDS = ['content', 'article', 'main-content', 'maincontent', 'detail', 'text'];
const WEAK_CLASSES = ['article', 'content', 'main-content', 'detail-content', 'article_con', 'news_content', 'wzy_content', 'pages_content', 'xxgk_content'];

const STRONG_ID_RANK = new Map(STRONG_IDS.map((k, i) => [k, i]));
const STRONG_CLASS_RANK = new Map(STRONG_CLASSES.map((k, i) => [k, STRONG_IDS.length + i]));
const WEAK_ID_RANK = new Map(WEAK_IDS.map((k, i) => [k, 100 + i]));
const WEAK_CLASS_RANK = new Map(WEAK_CLASSES.map((k, i) => [k, 100 + WEAK_IDS.length + i]));

const TITLE_WORDS = new Set(['title', 'tit', 'bt', 'biaoti', 'headline']);
const RANGE_START = /^\s*(?:contentstart|[\w.]*content\.?begin)\s*$/i;
const RANGE_END = /^\s*(?:contentend|[\w.]*content\.?end)\s*$/i;

/** The better (lower-ranked) of a marker so far and a new rank, without allocating when it loses. */
function better(best: ContentMarker | null, el: Element, rank: number | undefined, strong: boolean): ContentMarker | null {
  return rank !== undefined && (!best || rank < best.rank) ? { el, rank, strong } : best;
}

function markerOf(el: Element): ContentMarker | null {
  const id = el.attribs['id'];
  const cls = el.attribs['class'];
  let best: ContentMarker | null = STRONG_TAGS.includes(el.name) ? { el, rank: 0, strong: true } : null;
  if (id) {
    const key = id.toLowerCase();
    best = better(best, el, STRONG_ID_RANK.get(key), true);
    best = better(best, el, WEAK_ID_RANK.get(key), false);
  }
  if (cls) {
    for (const c of cls.toLowerCase().split(/\s+/)) {
      best = better(best, el, STRONG_CLASS_RANK.get(c), true);
      best = better(best, el, WEAK_CLASS_RANK.get(c), false);
    }
  }
  return best;
}

/** A heading, or an element whose class or id has a title word (tested cheaply first: most have none). */
function isTitleCandidate(el: Element): boolean {
  const level = headingLevel(el);
  if (level > 0) return level <= 3;
  const names = `${el.attribs['class'] ?? ''}${el.attribs['id'] ?? ''}`.toLowerCase();
  if (!names.includes('tit') && !names.includes('bt') && !names.includes('headline')) return false;
  return nameWords(el).some((w) => TITLE_WORDS.has(w));
}

/** Counts non-white and number characters of a text run. */
function countText(s: string, into: ElementStats, link: boolean): void {
  let chars = 0;
  let numberChars = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x20 || c === 0xa0 || c === 0x3000 || c === 0xfeff || (c >= 0x2000 && c <= 0x200b)) continue;
    chars++;
    if ((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19) || c === 0x2c || c === 0x2e || c === 0x25 || c === 0x2d || c === 0x2b || c === 0xff0c || c === 0xff0e) {
      numberChars++;
    }
  }
  if (link) into.linkChars += chars;
  else {
    into.chars += chars;
    into.numberChars += numberChars;
  }
}

function textOf(el: Element): string {
  return el.children.map((c) => (isText(c) ? c.data : '')).join('');
}

function newStats(order: number): ElementStats {
  return { order, end: order, chars: 0, linkChars: 0, numberChars: 0, numericCells: 0, tables: 0, headings: 0 };
}

/** Scans the parsed page once; see the file comment. */
export function scanPage(root: DomDocument): PageScan {
  const scan: PageScan = {
    root,
    body: null,
    stats: new Map(),
    metas: new Map(),
    pageTitle: '',
    styleSheets: [],
    rangeStart: null,
    rangeEnd: null,
    markers: [],
    titleCandidates: [],
    tables: [],
  };
  let order = 0;
  let inLink = 0;
  // Elements being visited, innermost last, with their stats; `null` on the work stack = leave one.
  const openEls: Element[] = [];
  const openStats: ElementStats[] = [];
  const work: (AnyNode | null)[] = [];
  pushChildren(work, root);
  while (work.length > 0) {
    const node = work.pop()!;
    if (node === null) {
      const el = openEls.pop()!;
      const s = openStats.pop()!;
      s.end = order - 1;
      if (el.name === 'a') inLink--;
      if ((el.name === 'td' || el.name === 'th') && s.chars > 0 && s.chars <= MAX_NUMBER_CHARS && s.numberChars === s.chars) {
        s.numericCells++;
      }
      const parent = openStats[openStats.length - 1];
      if (parent) {
        parent.chars += s.chars;
        parent.linkChars += s.linkChars;
        parent.numberChars += s.numberChars;
        parent.numericCells += s.numericCells;
        parent.tables += s.tables + (el.name === 'table' ? 1 : 0);
        parent.headings += s.headings + (headingLevel(el) > 0 ? 1 : 0);
      }
      continue;
    }
    if (isText(node)) {
      const top = openStats[openStats.length - 1];
      if (top) countText(node.data, top, inLink > 0);
      continue;
    }
    if (isComment(node)) {
      if (!scan.rangeStart && RANGE_START.test(node.data)) scan.rangeStart = { node, order };
      else if (scan.rangeStart && !scan.rangeEnd && RANGE_END.test(node.data)) scan.rangeEnd = { node, order };
      continue;
    }
    if (!isElement(node)) continue;
    const el = node;
    const myOrder = order++;
    if (isUnread(el)) {
      readUnread(el, myOrder, scan);
      continue;
    }
    const s = newStats(myOrder);
    scan.stats.set(el, s);
    openEls.push(el);
    openStats.push(s);
    work.push(null);
    if (el.name === 'a') inLink++;
    if (el.name === 'body' && !scan.body) scan.body = el;
    if (el.name === 'table') scan.tables.push(el);
    const marker = markerOf(el);
    if (marker) scan.markers.push(marker);
    if (isTitleCandidate(el)) scan.titleCandidates.push(el);
    pushChildren(work, el);
  }
  return scan;
}

/** What unread elements still tell us: meta tags, the page title, style sheets, range markers. */
function readUnread(el: Element, order: number, scan: PageScan): void {
  if (el.name === 'meta') {
    const name = (el.attribs['name'] ?? el.attribs['property'] ?? el.attribs['http-equiv'] ?? '').trim();
    if (!name) return;
    if (!scan.rangeStart && RANGE_START.test(name)) scan.rangeStart = { node: el, order };
    else if (scan.rangeStart && !scan.rangeEnd && RANGE_END.test(name)) scan.rangeEnd = { node: el, order };
    const key = name.toLowerCase();
    const content = el.attribs['content'];
    if (content !== undefined && !scan.metas.has(key)) scan.metas.set(key, normaliseText(content));
  } else if (el.name === 'title') {
    if (!scan.pageTitle) scan.pageTitle = normaliseText(textOf(el));
  } else if (el.name === 'style') {
    scan.styleSheets.push(textOf(el));
  }
}
