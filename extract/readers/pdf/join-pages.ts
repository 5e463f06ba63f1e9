import type { Block } from '../../document.ts';
import type { LayoutSettings } from '../../layout/settings.ts';
import type { PageContent } from './page-content.ts';
import type { PlacedBlock } from './page-to-blocks.ts';

export function joinPages(perPage: PlacedBlock[][], _pages: readonly PageContent[], _settings: LayoutSettings): { blocks: Block[]; warnings: string[] } {
  return { blocks: perPage.flat().map((p) => p.block), warnings: [] };
}
