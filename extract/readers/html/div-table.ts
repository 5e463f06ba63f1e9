/**
 * Tables drawn without `<table>`: `div.table > div.tr > div.td`, ARIA `role="table|row|cell"`,
 * `display: table / table-row / table-cell` (inline or from a class rule), and CSS grids
 * (`display: grid; grid-template-columns: repeat(8, 1fr)` with one child per cell). Spans come
 * from `colspan`/`rowspan`, `data-`/`aria-` variants, or `grid-column`/`grid-row: span N`.
 *
 * Bootstrap's `.row` / `.col-*` page grid is deliberately not a table: only the words tr/td/th
 * and their long forms mark rows and cells. A "cell" holding running text, a table or headings
 * means a page layout, not a data table.
 */
import type { CssDisplay, LayoutStyle } from './css-display.ts';
import { isElement, isUnread, type Element } from './dom.ts';
import { flattenText } from './flatten-text.ts';
import { DEFAULT_MAX_CELL_CHARS, isLayoutContainer } from './html-table.ts';
import type { PageScan } from './scan-page.ts';
import { placeGridItems, placeTableRows, spanValue, type GridItem, type PlacedCell, type SourceCell } from './table-grid.ts';

type Part = 'table' | 'group' | 'row' | 'cell' | 'grid';

const TABLE_WORDS = new Set(['table', 'div-table', 'divtable', 'table-div', 't-table', 'data-table', 'datatable']);
const GROUP_WORDS = new Set(['thead', 'tbody', 'tfoot', 'table-header', 'table-body', 'table-footer']);
const ROW_WORDS = new Set(['tr', 'table-row', 'div-tr', 'trow', 't-row', 'tb-tr']);
const CELL_WORDS = new Set(['td', 'th', 'table-cell', 'div-td', 'div-th', 'tcell', 't-cell', 'cell']);
const REAL_TABLE_TAGS = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'colgroup', 'col']);

const ROLE_PART: Record<string, Part> = {
  table: 'table', grid: 'table', treegrid: 'table', rowgroup: 'group', row: 'row',
  cell: 'cell', gridcell: 'cell', columnheader: 'cell', rowheader: 'cell',
};
const DISPLAY_PART: Record<string, Part> = {
  table: 'table', 'inline-table': 'table', 'table-row-group': 'group', 'table-header-group': 'group',
  'table-footer-group': 'group', 'table-row': 'row', 'table-cell': 'cell', grid: 'grid', 'inline-grid': 'grid',
};

/** Elements that can hold a div-table's rows (any element with a `role` can too). */
const CONTAINER_TAGS = new Set(['div', 'section', 'article', 'main', 'ul', 'ol', 'dl', 'center', 'form', 'aside', 'figure']);

/** The layout style, looked up only where it can matter (most elements have no display rule). */
function layoutStyle(el: Element, css: CssDisplay): LayoutStyle {
  const style = el.attribs['style'];
  return css.empty && !(style && (style.includes('display') || style.includes('grid'))) ? {} : css.styleOf(el);
}

function partOf(el: Element, css: CssDisplay): Part | null {
  if (REAL_TABLE_TAGS.has(el.name)) return null;
  const role = el.attribs['role']?.trim().toLowerCase();
  if (role && ROLE_PART[role]) return ROLE_PART[role]!;
  const display = layoutStyle(el, css).display?.split(/\s+/)[0];
  if (display && DISPLAY_PART[display]) return DISPLAY_PART[display]!;
  const cls = el.attribs['class'];
  if (cls) {
    for (const c of cls.toLowerCase().split(/\s+/)) {
      if (TABLE_WORDS.has(c)) return 'table';
      if (ROW_WORDS.has(c)) return 'row';
      if (CELL_WORDS.has(c)) return 'cell';
      if (GROUP_WORDS.has(c)) return 'group';
    }
  }
  return null;
}

/** True when some child is marked as a row or row group; allocates nothing (most elements have none). */
function hasRowChild(el: Element, css: CssDisplay): boolean {
  for (const child of el.children) {
    if (!isElement(child)) continue;
    const a = child.attribs;
    if (a['class'] === undefined && a['role'] === undefined && a['style'] === undefined && css.empty) continue;
    const p = partOf(child, css);
    if (p === 'row' || p === 'group') return true;
  }
  return false;
}

const readable = (el: Element) => el.children.filter((c): c is Element => isElement(c) && !isUnread(c));

/** Number of column tracks in `grid-template-columns`, or 0 when it cannot be counted. */
export function countTracks(template: string | undefined): number {
  if (!template || /auto-(?:fill|fit)/.test(template)) return 0;
  let count = 0;
  const rest = template.replace(/repeat\(\s*(\d+)\s*,((?:[^()]|\([^()]*\))*)\)/g, (_m, n: string, tracks: string) => {
    count += Number(n) * countTracks(tracks);
    return ' ';
  });
  let depth = 0;
  let inToken = false;
  for (const ch of rest.replace(/\[[^\]]*\]/g, ' ')) {
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    if (depth === 0 && /\s/.test(ch)) inToken = false;
    else if (!inToken) {
      inToken = true;
      count++;
    }
  }
  return count;
}

function spanOf(el: Element, style: LayoutStyle, kind: 'col' | 'row'): number {
  const attr = el.attribs[`${kind}span`] ?? el.attribs[`data-${kind}span`] ?? el.attribs[`aria-${kind}span`];
  if (attr !== undefined) return Math.max(1, spanValue(attr));
  const css = kind === 'col' ? style.gridColumn : style.gridRow;
  const m = css ? /span\s+(\d+)/.exec(css) ?? /^\s*(\d+)\s*\/\s*(\d+)/.exec(css) : null;
  if (!m) return 1;
  return m[2] ? Math.max(1, Number(m[2]) - Number(m[1])) : Math.max(1, Number(m[1]));
}

/** The div-table's placed cells and row count, or null when `el` is not a div-table. */
export function readDivTable(el: Element, scan: PageScan, css: CssDisplay, warnings: string[], label: string): PlacedCell[] | null {
  if (!CONTAINER_TAGS.has(el.name) && el.attribs['role'] === undefined) return null;
  const part = partOf(el, css);
  if (part === 'grid') return readCssGrid(el, layoutStyle(el, css), scan, css, warnings, label);
  if ((part !== null && part !== 'table') || !hasRowChild(el, css)) return null;
  const rows: Element[] = [];
  let others = 0;
  for (const child of readable(el)) {
    const p = partOf(child, css);
    if (p === 'row') rows.push(child);
    else if (p === 'group') for (const g of readable(child)) if (partOf(g, css) === 'row') rows.push(g);
    else others++;
  }
  // Unmarked containers need two rows and mostly rows; a marked table needs one.
  if (rows.length < (part === 'table' ? 1 : 2) || others > rows.length) return null;
  const source: SourceCell[][] = [];
  for (const row of rows) {
    const cells: SourceCell[] = [];
    for (const cell of readable(row)) {
      if (!isDataCell(cell, scan)) return null;
      const s = layoutStyle(cell, css);
      cells.push({ text: flattenText(cell), colSpan: spanOf(cell, s, 'col'), rowSpan: spanOf(cell, s, 'row') });
    }
    source.push(cells);
  }
  if (!source.some((r) => r.length >= 2)) return null;
  return placeTableRows(source, warnings, label);
}

function isDataCell(cell: Element, scan: PageScan): boolean {
  return !isLayoutContainer(cell, scan) && (scan.stats.get(cell)?.chars ?? 0) <= DEFAULT_MAX_CELL_CHARS;
}

function readCssGrid(el: Element, style: LayoutStyle, scan: PageScan, css: CssDisplay, warnings: string[], label: string): PlacedCell[] | null {
  const columns = countTracks(style.gridTemplateColumns);
  if (columns < 2) return null;
  const items: GridItem[] = [];
  for (const cell of readable(el)) {
    if (!isDataCell(cell, scan)) return null;
    const s = layoutStyle(cell, css);
    const start = s.gridColumn ? /^\s*(\d+)/.exec(s.gridColumn) : null;
    items.push({
      text: flattenText(cell),
      colSpan: spanOf(cell, s, 'col'),
      rowSpan: spanOf(cell, s, 'row'),
      ...(start ? { colStart: Number(start[1]) - 1 } : {}),
    });
  }
  if (items.length < columns) return null;
  return placeGridItems(items, columns, warnings, label);
}
