/**
 * Page breaks undone. A ruled table that is the last block of one page and whose continuation is
 * the first block of the next (running headers and page numbers are already gone) is one table
 * when their column borders line up: the two parts are laid onto the union of their borders, and
 * header rows the continuation repeats are dropped; a row the break cut in two is one row again. A paragraph cut by the break (its last line
 * runs to the margin, the next page starts without an indent) is joined too.
 */
import { grid, paragraph, type Block, type Grid, type GridCell } from '../../document.ts';
import type { LayoutSettings } from '../../layout/settings.ts';
import { isValueCell } from '../../mapper/numbers.ts';
import { joinLines } from './fragments-to-lines.ts';
import type { PlacedBlock } from './page-to-blocks.ts';

export interface JoinedPages {
  blocks: Block[];
  warnings: string[];
}

/** Blocks of every page (each top to bottom) → the document's blocks with page breaks undone. */
export function joinPages(perPage: readonly PlacedBlock[][], settings: LayoutSettings): JoinedPages {
  const out: PlacedBlock[] = [];
  for (const page of perPage) {
    page.forEach((b, i) => {
      const prev = out[out.length - 1];
      const joined = i === 0 && prev && prev.page === b.page - 1 ? joinAcrossBreak(prev, b, settings) : null;
      if (joined) out[out.length - 1] = joined;
      else out.push(b);
    });
  }
  return { blocks: out.map((b) => b.block), warnings: [] };
}

function joinAcrossBreak(former: PlacedBlock, later: PlacedBlock, settings: LayoutSettings): PlacedBlock | null {
  const [a, b] = [former.block, later.block];
  if (a.kind === 'grid' && b.kind === 'grid' && a.positional && b.positional && former.columns && later.columns) {
    const borders = unionBorders(former.columns, later.columns, settings.pageJoinTolerance);
    if (!borders) return null;
    const joined = joinGrids(a, former.columns, b, later.columns, borders, settings.pageJoinTolerance, former.page, later.page);
    return { ...former, block: joined, columns: borders, page: later.page, box: later.box };
  }
  if (a.kind === 'paragraph' && b.kind === 'paragraph' && former.openEnd && !later.indented && !a.heading && !b.heading) {
    return { ...former, block: paragraph(joinLines([a.text, b.text]), { ...(a.at ? { at: a.at } : {}), ...(a.pos ? { pos: a.pos } : {}) }), page: later.page, box: later.box, openEnd: later.openEnd };
  }
  return null;
}

/**
 * The union of two parts' column borders, or null when the parts are not one table: their outer
 * borders must agree, and every border of one must be a border of the other or fall inside a
 * column of the other (a spanning cell on one side of the break).
 */
function unionBorders(a: readonly number[], b: readonly number[], tol: number): number[] | null {
  const near = (x: number, y: number) => Math.abs(x - y) <= tol;
  if (!near(a[0]!, b[0]!) || !near(a[a.length - 1]!, b[b.length - 1]!)) return null;
  const shared = a.filter((x) => b.some((y) => near(x, y))).length;
  // At least the outer borders and one inner border in common: two unrelated tables of the same
  // width (table 3 ending a page, table 4 starting the next) rarely share their inner borders.
  if (shared < Math.min(3, Math.min(a.length, b.length))) return null;
  const all = [...a, ...b].sort((x, y) => x - y);
  const out: number[] = [];
  for (const x of all) if (!out.length || !near(out[out.length - 1]!, x)) out.push(x);
  return out;
}

/** A part's rows re-laid onto the union borders: a cell covering several union columns spans them. */
function relayRows(g: Grid, columns: readonly number[], borders: readonly number[], tol: number, rowOffset: number): GridCell[][] {
  const col = (x: number) => borders.findIndex((b) => Math.abs(b - x) <= tol);
  return g.rows.map((row, r) => {
    const out: GridCell[] = [];
    row.forEach((cell, k) => {
      const [from, to] = [col(columns[k]!), col(columns[k + 1]!)];
      const originRow = (cell.spanned ? (cell.originRow ?? r) : r) + rowOffset;
      const originCol = cell.spanned ? col(columns[cell.originCol ?? k]!) : from;
      for (let c = from; c < to; c++) {
        const first = c === from && !cell.spanned;
        out[c] = first ? cell : { text: cell.text, spanned: true, originRow, originCol, ...(cell.at ? { at: cell.at } : {}), ...(cell.pos ? { pos: cell.pos } : {}) };
      }
    });
    return out;
  });
}

const rowText = (row: readonly GridCell[]) => row.map((c) => c.text.replace(/\s+/g, '')).join('|');

function joinGrids(a: Grid, aCols: readonly number[], b: Grid, bCols: readonly number[], borders: number[], tol: number, fromPage: number, toPage: number): Grid {
  const upper = relayRows(a, aCols, borders, tol, 0);
  let lower = relayRows(b, bCols, borders, tol, upper.length);
  // A header the continuation repeats: its leading rows equal the table's first rows and hold no numbers.
  let repeated = 0;
  while (repeated < lower.length && repeated < upper.length && rowText(lower[repeated]!) === rowText(upper[repeated]!) && !/\d/.test(rowText(upper[repeated]!))) repeated++;
  if (repeated) {
    lower = lower.slice(repeated).map((row) => row.map((c) => (c.spanned ? { ...c, originRow: Math.max(upper.length, (c.originRow ?? 0) - repeated) } : c)));
  }
  const split = joinSplitRow(upper, lower);
  if (split) lower = split.lower;
  const note = `table continues from page ${fromPage} to page ${toPage}${repeated ? ` (its ${repeated} repeated header row(s) on page ${toPage} dropped)` : ''}${split ? ` (a row split by the break joined: '${split.text}' added to the row above)` : ''}`;
  return grid([...upper, ...lower], true, { ...(a.at ? { at: a.at } : {}), notes: [...(a.notes ?? []), ...(b.notes ?? []), note] });
}

/** A digit or a blank mark (/, —, －, -): text of a value cell, never the rest of a wrapped label. */
const VALUE_MARK = /[\d/—－\-–]/;

/**
 * A row the break cut in two (Writer lets a tall row run on to the next page): the part on the
 * lower page holds only the rest of the wrapped text cells ('行政处 | 0' above the break, '罚 | '
 * below), after rows left empty by the cut. When the first rows of the continuation are empty and
 * then a row whose only text stands in columns where the last upper row has text (no number, no
 * blank mark) while the upper row has numbers, that text is appended to the upper row's cells and
 * the rows are dropped. Returns the remaining lower rows and the text moved, or null.
 */
function joinSplitRow(upper: GridCell[][], lower: GridCell[][]): { lower: GridCell[][]; text: string } | null {
  const last = upper[upper.length - 1];
  if (!last || !last.some((c) => !c.spanned && /\d/.test(c.text))) return null;
  let i = 0;
  while (i < lower.length && lower[i]!.every((c) => !c || !c.text.trim() || c.spanned)) i++;
  const rest = lower[i];
  if (!rest || i > 2) return null;
  const own = rest.map((c, k) => (c && !c.spanned && c.text.trim() ? k : -1)).filter((k) => k >= 0);
  if (!own.length) return null;
  // Only text continues text: the upper cell is no number and no blank mark ('－' above a header's '织' is a new row).
  if (own.some((k) => VALUE_MARK.test(rest[k]!.text) || !last[k] || !last[k]!.text.trim() || isValueCell(last[k]!.text))) return null;
  // The rest of a cell covers the columns its upper part covers (a heading spanning the table is a new row).
  if (own.some((k) => spanWidth(rest, k) !== spanWidth(last, k))) return null;
  const moved: string[] = [];
  const joined = last.map((c, k) => {
    if (!own.includes(k) || !c) return c;
    moved.push(rest[k]!.text);
    return { ...c, text: joinLines([c.text, rest[k]!.text]) };
  });
  // Copies of a spanning cell take its joined text too.
  upper[upper.length - 1] = joined.map((c, k) => (c?.spanned && c.originCol !== undefined && own.includes(c.originCol) && c.originRow === upper.length - 1 ? { ...c, text: joined[c.originCol]!.text } : c));
  return { lower: lower.slice(i + 1), text: moved.join(' ') };
}

/** How many columns the cell starting at column `k` of a row covers. */
function spanWidth(row: readonly (GridCell | undefined)[], k: number): number {
  let n = 1;
  while (row[k + n]?.spanned && row[k + n]!.originCol === k) n++;
  return n;
}
