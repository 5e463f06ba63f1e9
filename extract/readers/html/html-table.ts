/**
 * A `<table>` element → its caption and rows of cells (text and spans), or null when it is a
 * layout table: one that wraps other tables (old sites lay whole pages out in tables; the report
 * tables sit inside), holds headings, or has a cell of running text longer than any label.
 * Layout tables are read as ordinary blocks, so their inner data tables come out as grids.
 */
import { isElement, isUnread, pushChildren, type AnyNode, type Element } from './dom.ts';
import { flattenText } from './flatten-text.ts';
import type { PageScan } from './scan-page.ts';
import { spanValue, type SourceCell } from './table-grid.ts';

/**
 * A data cell holds at most this many characters. The longest template labels are ~40
 * (（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）); notes cells run to a few hundred.
 */
export const DEFAULT_MAX_CELL_CHARS = 600;

export interface TableRead {
  caption: string;
  rows: SourceCell[][];
}

/** True when the element wraps tables or headings: a page-layout box, not a data table or cell. */
export function isLayoutContainer(el: Element, scan: PageScan): boolean {
  const s = scan.stats.get(el);
  return s !== undefined && (s.tables > 0 || s.headings > 0);
}

/** Reads a data table; null for a layout table (see the file comment). */
export function readHtmlTable(table: Element, scan: PageScan, maxCellChars = DEFAULT_MAX_CELL_CHARS): TableRead | null {
  if (isLayoutContainer(table, scan)) return null;
  const rows: Element[][] = [];
  let current: Element[] | null = null;
  let caption = '';
  const work: AnyNode[] = [];
  pushChildren(work, table);
  while (work.length > 0) {
    const node = work.pop()!;
    if (!isElement(node) || isUnread(node)) continue;
    if (node.name === 'caption') {
      caption = flattenText(node);
    } else if (node.name === 'tr') {
      current = [];
      rows.push(current);
      pushChildren(work, node);
    } else if (node.name === 'td' || node.name === 'th') {
      if ((scan.stats.get(node)?.chars ?? 0) > maxCellChars) return null;
      // A cell outside any <tr> starts a row of its own, as browsers do.
      if (!current) {
        current = [];
        rows.push(current);
      }
      current.push(node);
    } else {
      pushChildren(work, node);
    }
  }
  return {
    caption,
    // An empty <tr> (Word leaves some) is a row of no height: it has no cells to place.
    rows: rows
      .filter((r) => r.length > 0)
      .map((r) => r.map((cell) => ({ text: flattenText(cell), rowSpan: spanValue(cell.attribs['rowspan']), colSpan: spanValue(cell.attribs['colspan']) || 1 }))),
  };
}
