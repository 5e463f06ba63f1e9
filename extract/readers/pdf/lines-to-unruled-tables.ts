import type { Grid } from '../../document.ts';
import type { LayoutSettings } from '../../layout/settings.ts';
import type { Line } from './fragments-to-lines.ts';
import type { Box } from './page-content.ts';

export interface UnruledTable {
  grid: Grid;
  box: Box;
  columns: number[];
}

export function linesToUnruledTables(lines: Line[], _settings: LayoutSettings, _page: number): { tables: UnruledTable[]; rest: Line[] } {
  return { tables: [], rest: lines };
}
