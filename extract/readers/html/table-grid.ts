/**
 * Cells with spans → a Grid where every row has its true column positions. A cell spanning rows
 * or columns is repeated at every position it covers; the copies carry `spanned: true` and the
 * origin's position, so the mapper can read a rowspan=22 group label on each of its 22 rows.
 *
 * Two placements feed the same grid: the HTML table model (a cell takes the first column not yet
 * covered by a rowspan from above) and CSS-grid auto-placement (items flow through N columns).
 * Spans are clamped and the total number of positions is bounded, so a hostile `colspan=1000` on
 * every cell of a 20 MB page cannot exhaust memory.
 */
import { grid, type Grid, type GridCell } from '../../document.ts';

export interface SourceCell {
  text: string;
  rowSpan: number;
  colSpan: number;
}

export interface PlacedCell extends SourceCell {
  row: number;
  col: number;
}

export interface GridLimits {
  /** HTML caps colspan at 1000. */
  maxColSpan: number;
  /** HTML caps rowspan at 65534. */
  maxRowSpan: number;
  /** Positions (rows × columns, copies included) one table may fill; the rest is cut with a warning. */
  maxCells: number;
}

export const DEFAULT_GRID_LIMITS: GridLimits = { maxColSpan: 1000, maxRowSpan: 65534, maxCells: 250_000 };

/** A span attribute's value: `rowspan="22"`, `colspan=" 3"`; missing or junk → 1; 0 stays 0. */
export function spanValue(raw: string | undefined): number {
  if (raw === undefined) return 1;
  const n = Number.parseInt(raw, 10);
  return Number.isFinite(n) && n >= 0 ? n : 1;
}

/** Free-position bookkeeping for placement. */
class Occupancy {
  private readonly rows: boolean[][] = [];
  taken(r: number, c: number): boolean {
    return this.rows[r]?.[c] === true;
  }
  fits(r: number, c: number, rs: number, cs: number): boolean {
    for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) if (this.taken(r + dr, c + dc)) return false;
    return true;
  }
  take(r: number, c: number, rs: number, cs: number): void {
    for (let dr = 0; dr < rs; dr++) {
      const row = (this.rows[r + dr] ??= []);
      for (let dc = 0; dc < cs; dc++) row[c + dc] = true;
    }
  }
}

/** Keeps a placement within the position budget; says so once when it cuts. */
class Budget {
  private left: number;
  private cut = false;
  private clamped = false;
  constructor(limits: GridLimits, private readonly warnings: string[], private readonly label: string) {
    this.left = limits.maxCells;
  }
  /** Spans allowed for a cell at this point, or null when the table is full. */
  allow(rs: number, cs: number): [number, number] | null {
    if (this.left <= 0) {
      if (!this.cut) this.warnings.push(`${this.label}: more than the limit of positions; the rest of the table is not read`);
      this.cut = true;
      return null;
    }
    if (rs * cs > this.left) {
      if (!this.clamped) this.warnings.push(`${this.label}: a cell spanning ${rs}×${cs} positions was read as one position (table size limit)`);
      this.clamped = true;
      rs = 1;
      cs = 1;
    }
    this.left -= rs * cs;
    return [rs, cs];
  }
}

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

/** The HTML table model: each row's cells take the next columns not covered from above. */
export function placeTableRows(rows: SourceCell[][], warnings: string[], label: string, limits = DEFAULT_GRID_LIMITS): PlacedCell[] {
  const occupancy = new Occupancy();
  const budget = new Budget(limits, warnings, label);
  const placed: PlacedCell[] = [];
  for (let r = 0; r < rows.length; r++) {
    let col = 0;
    for (const cell of rows[r]!) {
      while (occupancy.taken(r, col)) col++;
      // rowspan=0 means "to the end of the table"; no span reaches past the last row.
      const rs = Math.min(cell.rowSpan === 0 ? rows.length - r : clamp(cell.rowSpan, 1, limits.maxRowSpan), rows.length - r);
      const cs = clamp(cell.colSpan, 1, limits.maxColSpan);
      const allowed = budget.allow(rs, cs);
      if (!allowed) return placed;
      occupancy.take(r, col, allowed[0], allowed[1]);
      placed.push({ text: cell.text, row: r, col, rowSpan: allowed[0], colSpan: allowed[1] });
      col += allowed[1];
    }
  }
  return placed;
}

/** An item of a CSS grid; `colStart` (0-based) when the item names its column line. */
export interface GridItem extends SourceCell {
  colStart?: number;
}

/** CSS-grid auto-placement (row-major, sparse) of items over `columns` columns. */
export function placeGridItems(items: GridItem[], columns: number, warnings: string[], label: string, limits = DEFAULT_GRID_LIMITS): PlacedCell[] {
  const occupancy = new Occupancy();
  const budget = new Budget(limits, warnings, label);
  const placed: PlacedCell[] = [];
  let r = 0;
  let c = 0;
  for (const item of items) {
    const cs = clamp(item.colSpan, 1, columns);
    const rs = clamp(item.rowSpan, 1, limits.maxRowSpan);
    if (item.colStart !== undefined) {
      const start = clamp(item.colStart, 0, columns - cs);
      if (start < c) r++;
      c = start;
      while (!occupancy.fits(r, c, rs, cs)) r++;
    } else {
      for (;;) {
        if (c + cs > columns) {
          r++;
          c = 0;
        }
        if (occupancy.fits(r, c, rs, cs)) break;
        c++;
      }
    }
    const allowed = budget.allow(rs, cs);
    if (!allowed) return placed;
    occupancy.take(r, c, allowed[0], allowed[1]);
    placed.push({ text: item.text, row: r, col: c, rowSpan: allowed[0], colSpan: allowed[1] });
    c += allowed[1];
  }
  return placed;
}

/**
 * Placed cells → a rectangular Grid (`positional: true`). Positions no cell covers (a short row,
 * a hole left by a rowspan) are empty cells, as a browser draws them. `label` is the table's
 * name in `at`: `table 3` → `table 3 row 5 col 2` (1-based).
 */
export function placedCellsToGrid(placed: PlacedCell[], label: string, limits = DEFAULT_GRID_LIMITS): Grid {
  let height = 0;
  let width = 0;
  for (const p of placed) {
    height = Math.max(height, p.row + p.rowSpan);
    width = Math.max(width, p.col + p.colSpan);
  }
  const rows: GridCell[][] = Array.from({ length: height }, () => []);
  const at = (r: number, c: number) => `${label} row ${r + 1} col ${c + 1}`;
  for (const p of placed) {
    const origin = at(p.row, p.col);
    for (let dr = 0; dr < p.rowSpan; dr++) {
      for (let dc = 0; dc < p.colSpan; dc++) {
        rows[p.row + dr]![p.col + dc] =
          dr === 0 && dc === 0
            ? { text: p.text, at: origin }
            : { text: p.text, spanned: true, originRow: p.row, originCol: p.col, at: origin };
      }
    }
  }
  // Pad to a rectangle unless that alone would exceed the size limit (then rows stay ragged).
  const padTo = height * width <= limits.maxCells ? width : 0;
  for (let r = 0; r < height; r++) {
    const row = rows[r]!;
    const len = Math.max(row.length, padTo);
    for (let c = 0; c < len; c++) row[c] ??= { text: '', at: at(r, c) };
  }
  return grid(rows, true, { at: label });
}
