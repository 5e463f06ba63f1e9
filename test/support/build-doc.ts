/**
 * Hand-built documents for mapper tests: grids from strings, and grids with HTML-like row and
 * column spans expanded the way the HTML reader expands them (copies marked `spanned`).
 */
import { grid, paragraph, type Block, type Document, type Grid, type GridCell } from '../../extract/document.ts';

export const p = (text: string, heading?: number) => paragraph(text, heading ? { heading } : {});

/** A grid from rows of cell strings (tab-separated strings are split). */
export function g(rows: (string | string[])[], positional = false): Grid {
  return grid(rows.map((r) => (typeof r === 'string' ? r.split('\t') : r).map((text) => ({ text }))), positional);
}

export const doc = (...blocks: Block[]): Document => ({ format: 'html', blocks, meta: {}, warnings: [] });

/** A spanning cell: text with rowspan `rs` and colspan `cs`. */
export interface SpanCell {
  t: string;
  rs?: number;
  cs?: number;
}

/** Expands rows of spanning cells into a positional grid, as a table with rowspan/colspan renders. */
export function spanGrid(rows: (SpanCell | string)[][]): Grid {
  const out: GridCell[][] = [];
  rows.forEach((row, r) => {
    out[r] ??= [];
    let c = 0;
    for (const raw of row) {
      const cell = typeof raw === 'string' ? { t: raw } : raw;
      while (out[r]![c]) c++;
      for (let dr = 0; dr < (cell.rs ?? 1); dr++) {
        for (let dc = 0; dc < (cell.cs ?? 1); dc++) {
          out[r + dr] ??= [];
          out[r + dr]![c + dc] = dr || dc ? { text: cell.t, spanned: true, originRow: r, originCol: c } : { text: cell.t };
        }
      }
      c += cell.cs ?? 1;
    }
  });
  return grid(out.map((row) => Array.from(row, (x) => x ?? { text: '' })), true);
}
