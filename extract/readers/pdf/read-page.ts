/**
 * One pdf.js page → PageContent: text runs and ruling edges in the page's upright frame.
 */
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { LayoutSettings } from '../../layout/settings.ts';
import { dominantTurns, itemsToFragments, type PdfTextItem, type PdfTextStyle } from './items-to-fragments.ts';
import { loadPdfJs } from './open-pdf.ts';
import { operatorsToEdges, type PdfOps } from './operators-to-edges.ts';
import type { PageContent } from './page-content.ts';
import { uprightFrame } from './upright-frame.ts';

/** Reads page `page` (1-based number `number`). */
export async function readPage(page: PDFPageProxy, number: number, settings: LayoutSettings): Promise<PageContent> {
  const { OPS } = await loadPdfJs();
  const viewport = page.getViewport({ scale: 1 });
  // The operator list first: it loads the page's fonts whole, and the text content then reuses
  // them; asked the other way round, fonts are loaded for text and again for drawing
  // (`npm run bench -- throughput`).
  const ops = await page.getOperatorList();
  const text = await page.getTextContent();
  const items = text.items.filter((it): it is PdfTextItem & typeof it => 'str' in it);
  const turns = dominantTurns(items, viewport.transform);
  const frame = uprightFrame(viewport.transform, viewport.width, viewport.height, turns);
  const fragments = itemsToFragments(items, text.styles as Record<string, PdfTextStyle>, frame.matrix);
  const graphics = operatorsToEdges(ops, OPS as unknown as PdfOps, frame.matrix, frame.width * frame.height, settings);
  page.cleanup();
  return { number, width: frame.width, height: frame.height, fragments, edges: graphics.edges, images: graphics.images };
}
