/**
 * The page → blocks in reading order, in one iterative walk (no recursion: pages with 500 nested
 * tables must not overflow the stack). Every block is also kept in `page` (document order, chrome
 * included) for the metadata search; `content` holds only the blocks inside the content root,
 * with page chrome left out (navigation, header, footer, share bars, breadcrumbs, related links).
 *
 * Text: inline markup is joined without separators; block elements and `<br>` end a paragraph;
 * h1–h6 become headings. Tables: data tables become Grids (spans expanded), layout tables are
 * walked through like `<div>`s, tables drawn with `<div>`s become Grids too. `<script>` is never
 * read (a table it would write does not exist for us), nor is what the page hides (dom.ts).
 */
import { paragraph, type Block } from '../../document.ts';
import type { ContentRoot } from './content-root.ts';
import type { CssDisplay } from './css-display.ts';
import { readDivTable } from './div-table.ts';
import { BLOCK_TAGS, headingLevel, isElement, isText, isUnread, nameWords, pushChildren, type AnyNode, type Element } from './dom.ts';
import { readHtmlTable } from './html-table.ts';
import { normaliseText } from './normalise-text.ts';
import type { PageScan } from './scan-page.ts';
import { placeTableRows, placedCellsToGrid, type PlacedCell } from './table-grid.ts';

export interface WalkOptions {
  /** Chrome is only dropped when it holds at most this share of the content root's text. */
  chromeMaxShare: number;
  /** A block whose text is at least this share link text is a list of links (menus, related links). */
  linkDensity: number;
  /** … when it has at least this many link characters. */
  minLinkChars: number;
}

export const DEFAULT_WALK_OPTIONS: WalkOptions = { chromeMaxShare: 0.2, linkDensity: 0.7, minLinkChars: 4 };

export interface WalkResult {
  /** Every block of the page in document order (for the metadata search). */
  page: Block[];
  /** The blocks of the content root, chrome left out: the Document's blocks. */
  content: Block[];
  warnings: string[];
}

/** Elements that are page chrome by their tag. */
const CHROME_TAGS = new Set(['nav', 'aside', 'header', 'footer']);
/** Words in class/id that mark page chrome (see dom.ts#nameWords for how words are split). */
const CHROME_WORDS = new Set([
  'nav', 'navbar', 'navigation', 'menu', 'header', 'footer', 'foot', 'breadcrumb', 'breadcrumbs', 'crumb', 'crumbs',
  'bread', 'position', 'location', 'dqwz', 'share', 'bdshare', 'bdsharebuttonbox', 'fenxiang', 'sidebar', 'related',
  'xgxx', 'xgwj', 'xglj', 'print', 'toolbar', 'pagination', 'pager', 'comment', 'comments', 'copyright', 'search',
  'login', 'topbar',
]);
/** Paragraphs that are chrome by their text: breadcrumbs, share prompts, rows of 【打印】【关闭】 buttons. */
const CHROME_TEXT = [/^(?:当前位置|您的位置|您现在的位置|你的位置|你现在的位置|所在位置|现在位置)\s*[:：]/, /^分享到\s*[:：]?/, /^(?:\s*【[^】]{1,16}】\s*)+$/];

interface Leave {
  leave: Element;
  block: boolean;
  heading: number;
  root: boolean;
  pre: boolean;
}

/** Walks the page; see the file comment. */
export function walkPage(scan: PageScan, root: ContentRoot, css: CssDisplay, opts: WalkOptions = DEFAULT_WALK_OPTIONS): WalkResult {
  const out: WalkResult = { page: [], content: [], warnings: [] };
  const rootChars = isElement(root.container) ? (scan.stats.get(root.container)?.chars ?? 0) : Infinity;
  const ranged = root.start !== undefined;
  let inRoot = root.container === scan.root && !ranged;
  let heading = 0;
  let pre = 0;
  let gridNo = 0;
  let outsideGridNo = 0;
  let paragraphNo = 0;
  const parts: string[] = [];

  const flush = () => {
    if (parts.length === 0) return;
    const text = normaliseText(parts.join(''));
    parts.length = 0;
    if (!text) return;
    if (inRoot && CHROME_TEXT.some((re) => re.test(text))) return;
    const block = paragraph(text, { ...(heading ? { heading } : {}), at: `paragraph ${++paragraphNo}` });
    out.page.push(block);
    if (inRoot) out.content.push(block);
  };
  // The name of the next grid in `at`; numbered among the content's grids.
  const nextLabel = () => (inRoot ? `table ${gridNo + 1}` : `page table ${outsideGridNo + 1}`);
  const emitGrid = (placed: PlacedCell[], caption: string) => {
    if (caption) {
      parts.push(caption);
      flush();
    }
    const g = placedCellsToGrid(placed, nextLabel());
    if (g.rows.every((r) => r.every((c) => c.text === ''))) return;
    // A one-column "table" is a box around text (a layout frame, a note): its cells are paragraphs.
    if (g.rows.every((r) => r.length <= 1)) {
      for (const r of g.rows) {
        if (r[0] && !r[0].spanned) parts.push(r[0].text);
        flush();
      }
      return;
    }
    if (inRoot) gridNo++;
    else outsideGridNo++;
    out.page.push(g);
    if (inRoot) out.content.push(g);
  };

  const work: (AnyNode | Leave)[] = [];
  pushChildren(work, scan.root);
  while (work.length > 0) {
    const item = work.pop()!;
    if ('leave' in item) {
      if (item.block) flush();
      if (item.heading) heading = 0;
      if (item.pre) pre--;
      if (item.root) inRoot = false;
      continue;
    }
    if (isText(item)) {
      if (pre > 0 && item.data.includes('\n')) {
        const lines = item.data.split('\n');
        lines.forEach((line, i) => {
          if (i > 0) flush();
          parts.push(line);
        });
      } else {
        parts.push(item.data);
      }
      continue;
    }
    if (ranged && (item === root.start || item === root.end)) {
      flush();
      inRoot = item === root.start;
      continue;
    }
    if (!isElement(item)) continue;
    const el = item;
    if (isUnread(el)) continue;
    const isRoot = el === root.container;
    if (isRoot) {
      flush();
      if (!ranged) inRoot = true;
    } else if (inRoot && isChrome(el, scan, rootChars, opts)) {
      continue;
    }
    if (el.name === 'br') {
      flush();
      continue;
    }
    if (el.name === 'table') {
      const table = readHtmlTable(el, scan);
      if (table) {
        flush();
        emitGrid(placeTableRows(table.rows, out.warnings, nextLabel()), table.caption);
        if (isRoot) inRoot = false;
        continue;
      }
    } else {
      const placed = readDivTable(el, scan, css, out.warnings, nextLabel());
      if (placed) {
        flush();
        emitGrid(placed, '');
        if (isRoot) inRoot = false;
        continue;
      }
    }
    const level = headingLevel(el);
    const block = level > 0 || BLOCK_TAGS.has(el.name);
    const isPre = el.name === 'pre';
    if (block) {
      flush();
      if (level) heading = level;
    }
    if (isPre) pre++;
    if (block || isRoot || isPre) work.push({ leave: el, block, heading: level, root: isRoot, pre: isPre });
    pushChildren(work, el);
  }
  flush();
  return out;
}

/** Page chrome inside the content root: by tag, by class/id words, or as a block of links. */
function isChrome(el: Element, scan: PageScan, rootChars: number, opts: WalkOptions): boolean {
  const s = scan.stats.get(el);
  // Never chrome: anything holding a table or a numeric cell, or a large part of the content.
  if (!s || s.tables > 0 || s.numericCells > 0 || s.chars > opts.chromeMaxShare * rootChars) return false;
  if (CHROME_TAGS.has(el.name)) return true;
  if (!BLOCK_TAGS.has(el.name)) return false;
  if (nameWords(el).some((w) => CHROME_WORDS.has(w))) return true;
  return s.linkChars >= opts.minLinkChars && s.linkChars >= opts.linkDensity * (s.chars + s.linkChars);
}
