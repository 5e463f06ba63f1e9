/**
 * The PDF reader: bytes → the document model, by reconstructing tables from positioned text.
 *
 * bytes → pdf.js (pdf/open-pdf.ts: no eval, the package's CMaps and fonts)
 *       → per page: text runs and ruling edges in an upright frame (pdf/read-page.ts)
 *       → running headers, footers and page numbers found across pages (pdf/page-furniture.ts)
 *       → per page: ruled tables (pdf/edges-to-cells.ts → pdf/cells-to-grid.ts), tables without
 *         rulings (pdf/lines-to-unruled-tables.ts), paragraphs (pdf/lines-to-paragraphs.ts)
 *       → tables cut by a page break joined (pdf/join-pages.ts).
 *
 * Layout rules only: the reader never names a canonical key. A PDF with no text layer is a
 * scan, read by OCR (ocr/read-scan.ts; NeedsOcrError without tesseract); encrypted, damaged or
 * non-PDF bytes are UnreadableDocumentError.
 */
import { UnreadableDocumentError } from '../../errors.ts';
import type { Document } from '../document.ts';
import { resolveLayoutSettings, type LayoutSettings } from '../layout/settings.ts';
import { joinPages } from './pdf/join-pages.ts';
import { openPdf, pdfError } from './pdf/open-pdf.ts';
import type { PageContent } from './pdf/page-content.ts';
import { findFurniture } from './pdf/page-furniture.ts';
import { pageToBlocks } from './pdf/page-to-blocks.ts';
import { readPage } from './pdf/read-page.ts';

/** Pages read between two releases of pdf.js's caches (fonts are parsed again after each). */
const CLEANUP_EVERY_PAGES = 10;

/**
 * Reads a PDF; one where no page has text but some have images is read by OCR (NeedsOcrError
 * when tesseract is not installed). Throws
 * UnreadableDocumentError (naming `source` and the reason) for encrypted, damaged, non-PDF or
 * empty documents. `settings` override the layout tolerances (extract/layout/settings.ts).
 */
export async function readPdf(bytes: Uint8Array, source: string, settings?: Partial<LayoutSettings>): Promise<Document> {
  const layout = resolveLayoutSettings(settings);
  const doc = await openPdf(bytes, source);
  try {
    const pages: PageContent[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      try {
        pages.push(await readPage(await doc.getPage(n), n, layout));
        // pdf.js keeps every parsed object, font and page of a document until told otherwise;
        // a long report would hold hundreds of megabytes.
        if (n % CLEANUP_EVERY_PAGES === 0) await doc.cleanup();
      } catch (err) {
        throw pdfError(err, source, n);
      }
    }
    if (!pages.some((p) => p.fragments.length)) {
      if (pages.some((p) => p.images)) return (await import('./ocr/read-scan.ts')).readScannedPdf(bytes, source, pages.length, layout);
      throw new UnreadableDocumentError(source, `PDF without text or images on any of its ${pages.length} page(s)`);
    }
    const furniture = findFurniture(pages, layout);
    const joined = joinPages(pages.map((p) => pageToBlocks(p, furniture, layout)), layout);
    const info = (await doc.getMetadata().catch(() => null))?.info as { Title?: unknown } | undefined;
    const title = typeof info?.Title === 'string' && info.Title.trim() ? info.Title.trim() : undefined;
    const warnings = [...joined.warnings];
    const textless = pages.filter((p) => !p.fragments.length && p.images).map((p) => p.number);
    if (textless.length) warnings.push(`pages ${textless.join(', ')} have images and no text (scanned?); their content is not read`);
    return { format: 'pdf', blocks: joined.blocks, meta: title ? { title } : {}, warnings };
  } finally {
    await doc.destroy();
  }
}
