/**
 * A ruled table (its cells as boxes) plus the page's fragments → a Grid. The distinct cell
 * borders define the grid's columns and rows; a cell covering several of them is a span,
 * repeated at every position with `spanned` copies. Each fragment goes to the cell holding its
 * centre; a cell's lines are joined (a label wrapped over two or three lines is one label, a
 * header broken 社会/公益/组织 is 社会公益组织).
 */
import { grid, type Grid, type GridCell } from '../../document.ts';
import type { LayoutSettings } from '../../layout/settings.ts';
import { fragmentsToLines, joinFragments, joinLines } from './fragments-to-lines.ts';
import { centreX, centreY, contains, type Box, type Fragment } from './page-content.ts';

export interface RuledTable {
  grid: Grid;
  bbox: Box;
  /** The fragments inside the table (they are not paragraphs). */
  used: Set<Fragment>;
}

/** Index of the boundary in `bounds` nearest to `v`. */
function nearest(bounds: readonly number[], v: number): number {
  let best = 0;
  for (let i = 1; i < bounds.length; i++) if (Math.abs(bounds[i]! - v) < Math.abs(bounds[best]! - v)) best = i;
  return best;
}

/** Cells → Grid, or null when the cells are no table (a single box, a frame around text). */
export function cellsToGrid(cells: readonly Box[], fragments: readonly Fragment[], settings: LayoutSettings, page: number): RuledTable | null {
  const xs = [...new Set(cells.flatMap((c) => [c.x0, c.x1]))].sort((a, b) => a - b);
  const ys = [...new Set(cells.flatMap((c) => [c.top, c.bottom]))].sort((a, b) => a - b);
  const bbox: Box = { x0: xs[0]!, x1: xs[xs.length - 1]!, top: ys[0]!, bottom: ys[ys.length - 1]! };
  const cols = xs.length - 1;
  const rows = ys.length - 1;
  // A single column of boxes is a frame or a text box, not a table of figures.
  if (cols < 2 || cells.length < 2) return null;

  const contents = new Map<Box, Fragment[]>();
  const used = new Set<Fragment>();
  for (const f of fragments) {
    const [x, y] = [centreX(f), centreY(f)];
    if (!contains(bbox, x, y, settings.intersectionTolerance)) continue;
    used.add(f);
    const home = cells.find((c) => contains(c, x, y));
    if (!home) continue;
    const list = contents.get(home);
    if (list) list.push(f);
    else contents.set(home, [f]);
  }

  const out: GridCell[][] = Array.from({ length: rows }, () => Array.from({ length: cols }, () => ({ text: '' })));
  for (const c of cells) {
    const [c0, c1] = [nearest(xs, c.x0), nearest(xs, c.x1)];
    const [r0, r1] = [nearest(ys, c.top), nearest(ys, c.bottom)];
    const text = cellText(contents.get(c) ?? [], settings);
    const at = `page ${page} @ (${Math.round(c.x0)},${Math.round(c.top)})`;
    const pos = { page, box: boxOf(c) };
    for (let r = r0; r < r1; r++) {
      for (let k = c0; k < c1; k++) {
        out[r]![k] = r === r0 && k === c0 ? { text, at, pos } : { text, spanned: true, originRow: r0, originCol: c0, at, pos };
      }
    }
  }
  return { grid: grid(out, true, { at: `page ${page}` }), bbox, used };
}

/** A box as provenance: [x0, top, x1, bottom] in points, rounded to 0.1. */
export const boxOf = (b: { x0: number; x1: number; top: number; bottom: number }): [number, number, number, number] =>
  [b.x0, b.top, b.x1, b.bottom].map((v) => Math.round(v * 10) / 10) as [number, number, number, number];

/** The text of one cell: its lines top to bottom, joined. */
export function cellText(fragments: readonly Fragment[], settings: LayoutSettings): string {
  if (!fragments.length) return '';
  const lines = fragmentsToLines(fragments, settings);
  return joinLines(lines.map((l) => joinFragments(l.fragments, settings)))
    .replace(/\s+/g, ' ')
    .trim();
}
