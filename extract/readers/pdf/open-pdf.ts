/**
 * Opening a PDF with pdf.js safely: the Node legacy build, `isEvalSupported: false` (never turn
 * font programs into JavaScript: CVE-2024-4367), the package's own CMaps and standard fonts
 * (without them Chinese text in non-embedded fonts such as STSong comes out empty), and pdf.js's
 * errors turned into UnreadableDocumentError naming the file and the reason.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import { UnreadableDocumentError } from '../../../errors.ts';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjs: Promise<PdfJs> | undefined;
/** pdf.js's worker module (untyped: named through a variable so TypeScript does not look for types). */
const WORKER_MODULE: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';

/**
 * pdf.js, loaded once per process (its first load costs about half a second).
 *
 * The legacy build bundles core-js, which replaces Array.prototype.push, JSON.parse and
 * JSON.stringify for the whole process with JavaScript versions (for engine bugs Node 20 does not
 * have); push alone then costs a fifth of all PDF reading time, and every other stage running in
 * the same process (crawler, loader) pays too. The built-ins are put back after loading: they
 * are what the polyfills emulate.
 */
export function loadPdfJs(): Promise<PdfJs> {
  if (!pdfjs) {
    const natives = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };
    pdfjs = (async () => {
      const mod = await import('pdfjs-dist/legacy/build/pdf.mjs');
      // The "fake worker" pdf.js runs in this thread is loaded here rather than on the first
      // document, so that its own copy of the polyfills is undone below as well.
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= await import(WORKER_MODULE);
      Object.defineProperty(Array.prototype, 'push', { value: natives.push, writable: true, configurable: true, enumerable: false });
      JSON.parse = natives.parse;
      JSON.stringify = natives.stringify;
      return mod;
    })();
  }
  return pdfjs;
}

const packageDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
/** pdf.js wants directories as strings ending in a separator. */
const CMAP_DIR = join(packageDir, 'cmaps') + '/';
const STANDARD_FONT_DIR = join(packageDir, 'standard_fonts') + '/';
/** pdf.js log level: errors only (its warnings about odd fonts go to the console otherwise). */
const VERBOSITY_ERRORS = 0;

/**
 * The "document" pdf.js installs a PDF's fonts into (its `ownerDocument` option): one that
 * accepts `@font-face` rules and keeps none, since nothing is ever rendered.
 *
 * Why not `disableFontFace: true` (pdf.js's default in Node)? With it, pdf.js draws text as
 * paths: for every glyph an operator list shows, it compiles the glyph's outline and sends it
 * across — about a third of the operator list's CPU time on the corpus PDFs, for outlines this
 * reader never looks at. With font faces enabled, a font is handed over once as a face to
 * install instead; the text content and the operator list are the same either way (only
 * drawing differs). Without a document, installing the face would fail and pdf.js would fall
 * back to the paths. Node has no Font Loading API (no `fonts` here), so pdf.js takes its
 * style-sheet route, which in Node is synchronous.
 */
const FONT_SINK_DOCUMENT = (() => {
  const sheet = { cssRules: { length: 0 }, insertRule: () => 0 };
  const head = { append: () => {} };
  return {
    createElement: () => ({ sheet, remove: () => {} }),
    documentElement: { getElementsByTagName: () => [head] },
  };
})();

/** Opens `bytes` as a PDF. Throws UnreadableDocumentError for encrypted, damaged or non-PDF bytes. */
export async function openPdf(bytes: Uint8Array, source: string): Promise<PDFDocumentProxy> {
  const { getDocument } = await loadPdfJs();
  // pdf.js takes ownership of (and detaches) the buffer it is given: hand it a copy.
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    cMapUrl: CMAP_DIR,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONT_DIR,
    disableFontFace: false,
    ownerDocument: FONT_SINK_DOCUMENT as unknown as Document,
    useSystemFonts: false,
    verbosity: VERBOSITY_ERRORS,
  });
  try {
    return await task.promise;
  } catch (err) {
    await task.destroy();
    if (isTruncated(bytes)) throw new UnreadableDocumentError(source, `truncated PDF: no %%EOF end marker (${bytes.length} bytes); ${(err as Error)?.message ?? err}`, { cause: err });
    throw pdfError(err, source);
  }
}

/** Bytes this far from the end may hold a complete file's %%EOF marker (producers append a little after it). */
const EOF_SEARCH_BYTES = 1024;

/**
 * A PDF that has objects but no end marker was cut off in transfer (the most common damage on
 * crawled files); bytes with a PDF header and no objects at all are no PDF.
 */
function isTruncated(bytes: Uint8Array): boolean {
  const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head = all.subarray(0, 1024).toString('latin1');
  const tail = all.subarray(Math.max(0, bytes.length - EOF_SEARCH_BYTES)).toString('latin1');
  return head.includes('%PDF-') && / obj\b/.test(all.subarray(0, 64 * 1024).toString('latin1')) && !tail.includes('%%EOF');
}

/** pdf.js's exception → UnreadableDocumentError with the reason in words. */
export function pdfError(err: unknown, source: string, page?: number): UnreadableDocumentError {
  const name = (err as { name?: string })?.name ?? '';
  const message = err instanceof Error ? err.message : String(err);
  const where = page ? ` (page ${page})` : '';
  if (name === 'PasswordException') return new UnreadableDocumentError(source, `encrypted PDF: it needs a password to open${where}`, { cause: err });
  if (name === 'InvalidPDFException') return new UnreadableDocumentError(source, `not a valid PDF (${message})${where}`, { cause: err });
  return new UnreadableDocumentError(source, `damaged or truncated PDF: ${message}${where}`, { cause: err });
}
