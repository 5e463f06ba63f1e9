/**
 * Document → a stream of rows and headings, each assigned to the report table it belongs to.
 *
 * A report's table may arrive as one grid, as several (one per group in Markdown conversions, a
 * page break in a PDF, a split HTML table), or inside one big grid with the other tables; so the
 * mapper does not work grid by grid. It walks every block in order and tracks the section: the
 * headings 二、/三、/四、 set it, and a row carrying an unmistakable label of another table
 * (第二十条, 本年新收…, 行政复议) moves it, so tables without headings are found by their labels.
 */
import type { Document, Grid, GridCell, Position } from '../document.ts';
import type { Provenance } from '../record.ts';
import { isValueCell } from './numbers.ts';
import {
  APPLICANT_HEADERS,
  TABLE2_FIELDS,
  TABLE2_ROWS,
  TABLE3_GROUPS,
  TABLE3_ROWS,
  TABLE4_GROUPS,
  hasSignature,
  normLabel,
  splitLabel,
} from './labels.ts';

export type Section = 't2' | 't3' | 't4';

/** One cell of a row as the mapper sees it. */
export interface RowCell {
  text: string;
  col: number;
  /** A copy of a cell spanning columns in this same row: not a value, not a new label. */
  colCopy: boolean;
  /** A copy of a cell spanning rows from above: a label that still applies (group context). */
  rowCopy: boolean;
  at?: string;
  pos?: Position;
}

export interface Row {
  cells: RowCell[];
  grid: Grid;
  /** Index of the grid among the document's grids (column maps are per grid). */
  gridNo: number;
  rowNo: number;
}

export type Item = { kind: 'row'; row: Row } | { kind: 'text'; text: string; heading?: number };

/** Paragraphs longer than this are running text, never a heading that switches sections. */
export const MAX_HEADING_CHARS = 60;
/**
 * Printed text longer than this cannot normalise to a heading (white space and marks are what
 * normalising drops): such paragraphs are not normalised at all, so a 5 MB line costs nothing.
 */
const MAX_HEADING_RAW_CHARS = 20 * MAX_HEADING_CHARS;

function toRowCells(cells: GridCell[], rowNo: number): RowCell[] {
  return cells.map((c, col) => ({
    text: c.text,
    col,
    colCopy: !!c.spanned && (c.originRow ?? rowNo) === rowNo,
    rowCopy: !!c.spanned && (c.originRow ?? rowNo) !== rowNo,
    at: c.at,
    ...(c.pos ? { pos: c.pos } : {}),
  }));
}

/** The section a heading opens, 'end' for 五、/六、, or null. */
export function headingSection(text: string): Section | 'end' | null {
  if (text.length > MAX_HEADING_RAW_CHARS) return null;
  const t = normLabel(text);
  if (t.length > MAX_HEADING_CHARS) return null;
  if (t.includes('主动公开政府信息情况') || /^(二|2)[、.]?主动公开/.test(t)) return 't2';
  if (t.includes('收到和处理政府信息公开申请')) return 't3';
  if (t.includes('行政复议') && t.includes('行政诉讼') && !/^(四|4)[、.]?结转/.test(t)) return 't4';
  // Only 五、/六、: "5." and "6." start sub-row labels (5.要求行政机关确认…) that a PDF may wrap onto a line of their own.
  if (/^(五|六)[、.]/.test(t) || t.includes('存在的主要问题') || t.includes('其他需要报告')) return 'end';
  return null;
}

const T4_MARKERS = ['行政复议', '结果维持', '结果纠正', '尚未审结', '复议后起诉', '直接起诉'];
const T3_MARKERS = ['勾稽关系', '申请人情况'];

/** The table a row's labels unmistakably belong to, or null when they could be any. */
export function rowSection(row: Row): Section | null {
  const labels = row.cells.filter((c) => !c.colCopy && c.text && !isValueCell(c.text)).map((c) => normLabel(c.text));
  if (!labels.length) return null;
  const any = (pred: (s: string) => boolean) => labels.some(pred);
  if (any((s) => s.includes('第二十条'))) return 't2';
  if (any((s) => TABLE2_FIELDS.some((f) => f.signatures.some((sig) => s.includes(normLabel(sig)))) && !s.includes('申请'))) return 't2';
  if (any((s) => TABLE2_ROWS.some((r) => r.signatures.some((sig) => s === normLabel(sig) || s === `行政${normLabel(sig)}`)))) return 't2';
  if (any((s) => T4_MARKERS.some((m) => s.includes(m)))) return 't4';
  if (any((s) => T3_MARKERS.some((m) => s.includes(m)))) return 't3';
  for (const s of labels) {
    for (const seg of splitLabel(s)) {
      if (TABLE3_ROWS.some((r) => !r.exact && r.signatures.some((sig) => seg.core.includes(sig)))) return 't3';
      if (TABLE3_GROUPS.some((g) => g.group !== 'other' && g.cores.includes(seg.core))) return 't3';
    }
    if (APPLICANT_HEADERS.some((h) => !h.exact && hasSignature(s, h.signatures))) return 't3';
  }
  return null;
}

/** Splits a document into the items of tables 2, 3 and 4, in reading order. */
export function documentToSections(doc: Document): Record<Section, Item[]> {
  const out: Record<Section, Item[]> = { t2: [], t3: [], t4: [] };
  let section: Section | 'end' | null = null;
  let gridNo = 0;
  for (const block of doc.blocks) {
    if (block.kind === 'paragraph') {
      const next = headingSection(block.text);
      if (next) section = next;
      else if (section && section !== 'end' && block.text.length <= MAX_HEADING_RAW_CHARS && normLabel(block.text).length <= MAX_HEADING_CHARS) {
        out[section].push({ kind: 'text', text: block.text, heading: block.heading });
      }
      continue;
    }
    gridNo++;
    block.rows.forEach((cells, rowNo) => {
      const row: Row = { cells: toRowCells(cells, rowNo), grid: block, gridNo, rowNo };
      const inferred = rowSection(row);
      if (inferred) section = inferred;
      if (section && section !== 'end') out[section].push({ kind: 'row', row });
    });
  }
  return out;
}

/** The label cells of a row (text that is not a value), skipping same-row span copies. */
export function labelCells(row: Row): RowCell[] {
  return row.cells.filter((c) => !c.colCopy && c.text !== '' && !isValueCell(c.text));
}

/** Index (in row.cells) of the last label cell, or -1. */
export function lastLabelIndex(row: Row): number {
  for (let i = row.cells.length - 1; i >= 0; i--) {
    const c = row.cells[i]!;
    if (!c.colCopy && c.text !== '' && !isValueCell(c.text)) return i;
  }
  return -1;
}

/** The value cells after the row's last label, without same-row span copies. */
export function valueCells(row: Row): RowCell[] {
  return row.cells.slice(lastLabelIndex(row) + 1).filter((c) => !c.colCopy);
}

/** True when the row holds at least one number. */
export function hasNumber(cells: RowCell[]): boolean {
  return cells.some((c) => /\d/.test(c.text) && isValueCell(c.text));
}

type Table4Group = (typeof TABLE4_GROUPS)[number]['group'];

/** The table-4 groups a text names (行政复议 / 未经复议直接起诉 / 复议后起诉). */
export function table4GroupsIn(text: string): Set<Table4Group> {
  let rest = normLabel(text);
  const found = new Set<Table4Group>();
  for (const g of TABLE4_GROUPS) {
    for (const sig of g.signatures) {
      if (rest.includes(sig)) {
        found.add(g.group);
        rest = rest.split(sig).join('');
      }
    }
  }
  return found;
}

/** The one table-4 group a text names, or null (none, or several). */
export function table4GroupOf(text: string): Table4Group | null {
  const found = table4GroupsIn(text);
  return found.size === 1 ? [...found][0]! : null;
}

/** Where a cell of a row was read: its printed text, table, row and column (1-based), page/box or line. */
export function cellProvenance(row: Row, cell: RowCell): Provenance {
  return { text: cell.text, table: row.gridNo, row: row.rowNo + 1, col: cell.col + 1, ...(cell.pos ?? {}) };
}
