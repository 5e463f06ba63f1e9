/**
 * Where the article body is on a whole page, so that navigation, header, footer and side columns
 * stay out of the document. In order of trust:
 * 1. the range between `<meta name="ContentStart">` and `<meta name="ContentEnd">` (Hanweb; also
 *    the `<!--…content.begin-->` comment form);
 * 2. the CMS's own body container (`#zoom`, `.TRS_Editor`, `.trs_editor_view`, `.article-content`, …)
 *    when it holds a fair share of the page's text;
 * 3. otherwise the element where the page's text concentrates: from `<body>` we step into the
 *    child holding most of the text while it holds nearly all of it. Link text does not count,
 *    so menus and related-links lists weigh nothing.
 * Whatever was chosen, a data table outside it (one with several numeric cells) widens the root
 * to the common ancestor: a missed report table costs more than a little extra chrome.
 */
import { commonAncestor, isElement, type AnyNode, type Element } from './dom.ts';
import { isLayoutContainer } from './html-table.ts';
import type { ElementStats, PageScan } from './scan-page.ts';

/** The content: an element's subtree, or the part of it between two marker nodes. */
export interface ContentRoot {
  container: AnyNode;
  start?: AnyNode;
  end?: AnyNode;
  /** How it was found, for warnings and tests: 'range', 'marker #zoom', 'density', … */
  how: string;
}

export interface ContentRootOptions {
  /** Step into a child while it holds at least this share of its parent's text. */
  descendShare: number;
  /** A CMS container is trusted when it holds at least this share of the density root's text. */
  strongMarkerShare: number;
  /** A generic container (`.content`) narrows the root only when it keeps this share. */
  weakMarkerShare: number;
  /** A table with at least this many numeric cells is a data table that must not be left out. */
  minDataCells: number;
}

export const DEFAULT_CONTENT_ROOT_OPTIONS: ContentRootOptions = {
  descendShare: 0.8,
  strongMarkerShare: 0.5,
  weakMarkerShare: 0.9,
  minDataCells: 6,
};

const ZERO: ElementStats = { order: 0, end: 0, chars: 0, linkChars: 0, numberChars: 0, numericCells: 0, tables: 0, headings: 0 };

/** Finds the article body of a scanned page (see the file comment). */
export function findContentRoot(scan: PageScan, opts: ContentRootOptions = DEFAULT_CONTENT_ROOT_OPTIONS): ContentRoot {
  const stats = (el: Element) => scan.stats.get(el) ?? ZERO;
  const top: AnyNode = scan.body ?? scan.root;
  const dense = densityRoot(top, scan, opts);
  const denseChars = isElement(dense) ? stats(dense).chars : Infinity;

  let root: ContentRoot | null = rangeRoot(scan);
  if (!root) {
    const strong = scan.markers
      .filter((m) => m.strong && stats(m.el).chars > 0 && stats(m.el).chars >= opts.strongMarkerShare * denseChars)
      .sort((a, b) => a.rank - b.rank || stats(b.el).chars - stats(a.el).chars)[0];
    if (strong) root = { container: strong.el, how: `marker ${describe(strong.el)}` };
  }
  if (!root && isElement(dense)) {
    const d = stats(dense);
    const weak = scan.markers
      .filter((m) => !m.strong && m.el !== dense && within(stats(m.el), d) && stats(m.el).chars >= opts.weakMarkerShare * d.chars)
      .sort((a, b) => a.rank - b.rank)[0];
    if (weak) root = { container: weak.el, how: `marker ${describe(weak.el)}` };
  }
  root ??= { container: dense, how: 'density' };
  return widenToDataTables(root, scan, opts);
}

/** True when `inner` lies inside `outer` (by pre-order positions). */
function within(inner: ElementStats, outer: ElementStats): boolean {
  return inner.order >= outer.order && inner.end <= outer.end;
}

function describe(el: Element): string {
  const id = el.attribs['id'];
  if (id) return `#${id}`;
  const cls = el.attribs['class']?.trim().split(/\s+/)[0];
  return cls ? `.${cls}` : el.name;
}

/** The ContentStart/ContentEnd range, when both markers exist in that order. */
function rangeRoot(scan: PageScan): ContentRoot | null {
  const { rangeStart: start, rangeEnd: end } = scan;
  if (!start || !end || end.order <= start.order) return null;
  // Only trust a range that holds text (an element that starts and ends between the markers).
  let hasText = false;
  for (const s of scan.stats.values()) {
    if (s.order > start.order && s.end < end.order && s.chars > 0) {
      hasText = true;
      break;
    }
  }
  if (!hasText) return null;
  return { container: commonAncestor(start.node, end.node), start: start.node, end: end.node, how: 'range' };
}

/**
 * Text blocks and inline elements are never a content root: stepping into the one long paragraph
 * of a short page would lose its title and signature lines.
 */
const TEXT_BLOCKS = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'dt', 'dd', 'pre', 'blockquote', 'caption', 'ul', 'ol', 'dl',
  'a', 'span', 'font', 'b', 'strong', 'i', 'em', 'u', 'sup', 'sub', 'small', 'big', 'label', 'o:p',
]);

/**
 * Steps from `top` into the child holding most of the text while it holds `descendShare` of it.
 * A table without tables or headings inside is a unit: it can be the root, but its rows and
 * cells cannot (the walker reads such a table whole).
 */
function densityRoot(top: AnyNode, scan: PageScan, opts: ContentRootOptions): AnyNode {
  let current = top;
  for (;;) {
    if (isElement(current) && current.name === 'table' && !isLayoutContainer(current, scan)) return current;
    const total = isElement(current) ? (scan.stats.get(current)?.chars ?? 0) : sumChildren(current, scan);
    if (total === 0) return current;
    let best: Element | null = null;
    let bestChars = 0;
    for (const child of 'children' in current ? current.children : []) {
      if (!isElement(child)) continue;
      const c = scan.stats.get(child)?.chars ?? 0;
      if (c > bestChars) {
        best = child;
        bestChars = c;
      }
    }
    if (!best || bestChars < opts.descendShare * total || TEXT_BLOCKS.has(best.name)) return current;
    current = best;
  }
}

function sumChildren(node: AnyNode, scan: PageScan): number {
  let sum = 0;
  for (const child of 'children' in node ? node.children : []) if (isElement(child)) sum += scan.stats.get(child)?.chars ?? 0;
  return sum;
}

/** Widens the root to take in every data table of the page that lies outside it. */
function widenToDataTables(root: ContentRoot, scan: PageScan, opts: ContentRootOptions): ContentRoot {
  let container = root.container;
  let range = root.start !== undefined;
  const inRange = (s: ElementStats) => {
    if (!range) return true;
    return s.order > scan.rangeStart!.order && s.end < scan.rangeEnd!.order;
  };
  let widened = false;
  for (const table of scan.tables) {
    const s = scan.stats.get(table);
    if (!s || s.numericCells < opts.minDataCells || s.tables > 0) continue;
    const c = isElement(container) ? scan.stats.get(container) : undefined;
    const inside = c ? within(s, c) && inRange(s) : container === scan.root;
    if (inside) continue;
    container = commonAncestor(container, table);
    range = false;
    widened = true;
  }
  if (!widened) return root;
  return { container, how: `${root.how}, widened to take in data tables outside it` };
}
