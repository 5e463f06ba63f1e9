/**
 * Format-free layout repairs: functions over the blocks of any reader's Document that undo how
 * a table was drawn, never what it means (no canonical keys here). Each repair records what it
 * did in the grid's `notes`, which become record warnings.
 */
import { grid, type Block, type Grid, type GridCell } from '../document.ts';

/** Columns of a grid: its longest row. */
const widthOf = (g: Grid) => g.rows.reduce((w, r) => Math.max(w, r.length), 0);

/**
 * The column groups of a grid's last row: each distinct cell there covers one or more columns
 * (a colspan copy belongs to its origin's group). `[start, end)` column ranges, left to right.
 */
function lastRowGroups(g: Grid): [number, number][] {
  const row = g.rows[g.rows.length - 1] ?? [];
  const groups: [number, number][] = [];
  row.forEach((cell, c) => {
    // A copy whose origin lies to its left is the horizontal part of a colspan: same group.
    if (c > 0 && cell.spanned === true && cell.originCol !== undefined && cell.originCol < c) groups[groups.length - 1]![1] = c + 1;
    else groups.push([c, c + 1]);
  });
  return groups;
}

/** Shifts a grid's rows down by `offset` rows (origins of copies move with them). */
function shiftRows(rows: GridCell[][], offset: number): GridCell[][] {
  return rows.map((r) => r.map((c) => (c.spanned ? { ...c, originRow: (c.originRow ?? 0) + offset } : c)));
}

/**
 * Lays `later`'s rows onto `groups` (the former grid's column groups): column k of the later grid
 * takes group k, spanning it as the former's cell did; the extra positions are spanned copies.
 */
function spreadOverGroups(rows: GridCell[][], groups: [number, number][], offset: number): GridCell[][] {
  return rows.map((row, r) => {
    const out: GridCell[] = [];
    row.forEach((cell, k) => {
      const [start, end] = groups[k]!;
      const originRow = cell.spanned ? (cell.originRow ?? 0) + offset : r + offset;
      const originCol = cell.spanned ? groups[cell.originCol ?? k]![0] : start;
      out[start] = cell.spanned ? { ...cell, originRow, originCol } : cell;
      for (let c = start + 1; c < end; c++) out[c] = { text: cell.text, spanned: true, originRow, originCol, ...(cell.at ? { at: cell.at } : {}), ...(cell.pos ? { pos: cell.pos } : {}) };
    });
    return out;
  });
}

/**
 * Joins consecutive grids that are one table drawn as several: a report table split into
 * several `<table>` elements, its header rows in a table of their own, or a table cut by a page
 * break. Two grids are joined only when nothing stands between them in the blocks (a paragraph
 * or heading between two tables means they are different tables: table 2, 3 and 4 of a report
 * are separated by their section headings), they agree on `positional`, and either
 * - they have the same number of columns, or
 * - the later one has as many columns as the former's last row has distinct cells (the header
 *   table's leaf headings), and continues them: its columns are spread over those cells' spans.
 * The joined grid says so in `notes`.
 */
export function joinSplitTables(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    const prev = out[out.length - 1];
    if (block.kind === 'grid' && prev?.kind === 'grid') {
      const joined = joinPair(prev, block);
      if (joined) {
        out[out.length - 1] = joined;
        continue;
      }
    }
    out.push(block);
  }
  return out;
}

function joinPair(former: Grid, later: Grid): Grid | null {
  if (former.positional !== later.positional || former.rows.length === 0 || later.rows.length === 0) return null;
  const [w1, w2] = [widthOf(former), widthOf(later)];
  const name = (g: Grid) => g.at ?? 'a table';
  const notes = [...(former.notes ?? []), ...(later.notes ?? [])];
  const offset = former.rows.length;
  if (w1 === w2) {
    notes.push(`joined ${name(former)} and ${name(later)} into one table: consecutive, nothing between them, same ${w1} columns`);
    return grid([...former.rows, ...shiftRows(later.rows, offset)], former.positional, { ...(former.at ? { at: former.at } : {}), notes });
  }
  if (!former.positional) return null;
  const groups = lastRowGroups(former);
  if (groups.length !== w2 || w2 < 2 || groups[groups.length - 1]![1] !== w1) return null;
  notes.push(`joined ${name(former)} and ${name(later)} into one table: ${name(later)}'s ${w2} columns continue the ${w2} cells of the last row of ${name(former)}`);
  return grid([...former.rows, ...spreadOverGroups(later.rows, groups, offset)], true, { ...(former.at ? { at: former.at } : {}), notes });
}
