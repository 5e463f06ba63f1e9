/**
 * The HTML reader: a whole government web page → the document model.
 *
 * bytes → text (UTF-8 or GBK/GB2312 from the BOM, the meta tag or detection; text/decode.ts)
 *       → at most 5,000 levels deep and 200,000 elements (html/nesting-depth.ts)
 *       → DOM (cheerio's htmlparser2 mode: fast, never runs scripts, keeps Word's `<o:p>` as elements)
 *       → one scan for text statistics and metadata (html/scan-page.ts)
 *       → the article body (html/content-root.ts)
 *       → blocks in reading order: paragraphs, headings, tables as Grids with spans expanded
 *         (html/page-walker.ts)
 *       → title, published date and publisher (html/page-meta.ts).
 *
 * Layout rules only: the reader never names a canonical key. Tables split over several
 * `<table>`s come out as separate Grids; `layout/repairs.ts#joinSplitTables` joins them.
 * Traditional characters (繁體 pages) are kept as printed.
 */
import { load } from 'cheerio/slim';
import type { Document as DomDocument } from 'domhandler';
import { UnreadableDocumentError } from '../../errors.ts';
import { decodeBytes, replacedWarning } from '../../text/decode.ts';
import type { Block, Document } from '../document.ts';
import { DEFAULT_CONTENT_ROOT_OPTIONS, findContentRoot } from './html/content-root.ts';
import { CssDisplay } from './html/css-display.ts';
import { markupCut } from './html/nesting-depth.ts';
import { pageMeta } from './html/page-meta.ts';
import { walkPage } from './html/page-walker.ts';
import { scanPage } from './html/scan-page.ts';

/** Characters written only in traditional Chinese (their simplified forms differ). */
const TRADITIONAL_ONLY = /[報開資訊與處請數總機關國門經決辦務織構會體條為們這個發區縣鎮復審計錄]/g;
/** Distinct traditional-only characters that make a page 繁體. */
const MIN_TRADITIONAL_CHARS = 5;
/** How much of the content is looked at to tell: the first pages of text say it. */
const TRADITIONAL_SAMPLE_CHARS = 4000;

/**
 * Reads an HTML page. Markup nested too deep or holding too many elements to parse safely
 * (html/nesting-depth.ts) is cut where it passes the limit, and the page before it is read
 * (`Document.cut` says so); only when nothing comes before it is the page refused
 * (UnreadableDocumentError naming `source`). A page without tables is a Document of paragraphs
 * (the mapper decides whether it is a report).
 */
export async function readHtml(bytes: Uint8Array, source: string): Promise<Document> {
  const warnings: string[] = [];
  const decoded = decodeBytes(bytes);
  if (decoded.from === 'detected' && decoded.encoding !== 'utf-8') {
    warnings.push(`no charset declared; decoded as ${decoded.encoding}`);
  }
  if (decoded.replaced) warnings.push(replacedWarning(decoded.replaced));
  let html = decoded.text;
  let cut: string | undefined;
  const over = markupCut(html);
  if (over) {
    // What comes before the runaway is read (a report followed by junk); with nothing before it, the page is refused.
    if (!/[^\s<>]/.test(html.slice(0, over.at).replace(/<[^>]*>/g, ''))) {
      throw new UnreadableDocumentError(source, `HTML ${over.reason}; not parsed`);
    }
    cut = `HTML ${over.reason} from character ${over.at} of ${html.length}; only the page before it is read`;
    warnings.push(cut);
    html = html.slice(0, over.at);
  }
  const $ = load(html);
  const dom = $.root()[0] as unknown as DomDocument;
  let scan = scanPage(dom);
  // <noscript> is what a page shows without scripts: read it only when nothing else holds a data table.
  if (!scan.tables.some((t) => (scan.stats.get(t)?.numericCells ?? 0) >= DEFAULT_CONTENT_ROOT_OPTIONS.minDataCells)) {
    const fallbacks = $('noscript');
    if (fallbacks.length) {
      fallbacks.each((_i, el) => {
        (el as unknown as { name: string }).name = 'div';
      });
      scan = scanPage(dom);
      warnings.push('no data table outside <noscript>: its content (what the page shows without scripts) is read');
    }
  }
  const root = findContentRoot(scan);
  const walked = walkPage(scan, root, new CssDisplay(scan.styleSheets));
  for (const w of walked.warnings) warnings.push(w);
  if (isTraditional(walked.content)) {
    warnings.push('page is in traditional characters (繁體); text kept as printed');
  }
  return { format: 'html', blocks: walked.content, meta: pageMeta(scan, root, walked.page), warnings, ...(cut ? { cut } : {}) };
}

function isTraditional(blocks: Block[]): boolean {
  const seen = new Set<string>();
  let looked = 0;
  for (const block of blocks) {
    const text = block.kind === 'paragraph' ? block.text : block.rows.map((r) => r.map((c) => c.text).join('')).join('');
    for (const ch of text.match(TRADITIONAL_ONLY) ?? []) seen.add(ch);
    if (seen.size >= MIN_TRADITIONAL_CHARS) return true;
    looked += text.length;
    if (looked > TRADITIONAL_SAMPLE_CHARS) return false;
  }
  return false;
}
