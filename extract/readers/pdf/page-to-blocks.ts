/**
 * One page's content → positioned blocks in reading order: ruled tables first (their cells
 * claim their text), then tables without rulings among the remaining lines, then paragraphs
 * from what is left; all ordered top to bottom.
 */
import type { Block } from '../../document.ts';
import type { LayoutSettings } from '../../layout/settings.ts';
import { cellsToGrid } from './cells-to-grid.ts';
import { edgesToTables } from './edges-to-cells.ts';
import { fragmentsToLines } from './fragments-to-lines.ts';
import { linesToParagraphs } from './lines-to-paragraphs.ts';
import { linesToUnruledTables } from './lines-to-unruled-tables.ts';
import { joinStackedFragments } from './stacked-labels.ts';
import type { Box, Fragment, PageContent } from './page-content.ts';

/** A block with its place on the page; tables also keep their column borders for page joins. */
export interface PlacedBlock {
  block: Block;
  box: Box;
  page: number;
  /** Column borders (x) of a table, left to right. */
  columns?: number[];
  /** A paragraph whose first line is indented. */
  indented?: boolean;
  /** A paragraph whose last line runs to the right margin. */
  openEnd?: boolean;
}

/** The blocks of one page, top to bottom. `furniture` are fragments to leave out (running headers, page numbers). */
export function pageToBlocks(page: PageContent, furniture: ReadonlySet<Fragment>, settings: LayoutSettings): PlacedBlock[] {
  const placed: PlacedBlock[] = [];
  let free = page.fragments.filter((f) => !furniture.has(f));
  for (const cells of edgesToTables(page.edges, settings)) {
    const table = cellsToGrid(cells, free, settings, page.number);
    if (!table) continue;
    const columns = [...new Set(cells.flatMap((c) => [c.x0, c.x1]))].sort((a, b) => a - b);
    placed.push({ block: table.grid, box: table.bbox, page: page.number, columns });
    free = free.filter((f) => !table.used.has(f));
  }
  const lines = fragmentsToLines(joinStackedFragments(free, settings), settings);
  const { tables, rest } = linesToUnruledTables(lines, settings, page.number);
  for (const t of tables) placed.push({ block: t.grid, box: t.box, page: page.number, columns: t.columns });
  for (const p of linesToParagraphs(rest, settings, page.number)) placed.push({ block: p.paragraph, box: p.box, page: page.number, indented: p.indented, openEnd: p.openEnd });
  return placed.sort((a, b) => a.box.top - b.box.top || a.box.x0 - b.box.x0);
}
