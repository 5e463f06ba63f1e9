/**
 * The DOCX reader: mammoth turns the document body into HTML (merged cells come out as
 * rowspan/colspan: mammoth 1.13 reads vMerge and gridSpan), and the HTML reader turns that into
 * the document model, so Word tables follow exactly the rules of web tables.
 *
 * Before anything is inflated the archive's directory is checked (word/ parts present, total
 * declared size under MAX_DOCX_UNCOMPRESSED_BYTES, no two entries of one name, every local header
 * naming its part), and the XML parts mammoth reads are inflated with a cap at their declared
 * sizes and counted (elements, table rows and cells, text: DEFAULT_DOCX_LIMITS), so a zip bomb or
 * a million-row table is refused with a clear error before mammoth builds its tree. Images are
 * never decoded. A DOCX that mammoth rejects is converted by LibreOffice (word/libreoffice.ts)
 * and read again.
 */
import mammoth from 'mammoth';
import { UnreadableDocumentError } from '../../errors.ts';
import type { Document, DocumentFormat } from '../document.ts';
import { readHtml } from './html.ts';
import { withoutHiddenText } from './word/hidden-text.ts';
import { convertToDocx } from './word/libreoffice.ts';
import { countEntry, DEFAULT_DOCX_LIMITS, OverLimitError, XmlCensus, type DocxLimits } from './word/xml-census.ts';
import { checkLocalName, readZipDirectory, ZipFormatError, type ZipEntry } from './word/zip-directory.ts';

export { DEFAULT_DOCX_LIMITS, type DocxLimits };

/** A Word document's parts together may declare at most this many bytes uncompressed. */
export const MAX_DOCX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;


/** The parts mammoth reads as XML: checked by inflating them under their declared sizes. */
const XML_PART = /\.(xml|rels)$/i;

/** Reads a DOCX. Throws UnreadableDocumentError naming `source` for a non-ZIP, a zip bomb or a damaged archive. */
export async function readDocx(bytes: Uint8Array, source: string): Promise<Document> {
  return readWordXml(bytes, source, 'docx', true);
}

/**
 * Reads DOCX bytes as a document of `format` (`doc`/`wps` after conversion). When mammoth
 * rejects the bytes and `mayConvert`, LibreOffice converts them once and they are read again.
 */
export async function readWordXml(bytes: Uint8Array, source: string, format: DocumentFormat, mayConvert: boolean): Promise<Document> {
  const { title, entries, hiddenText } = await checkArchive(bytes, source);
  let html: string;
  let messages: string[] = [];
  const notes: string[] = [];
  // Hidden text is neither printed nor shown: a hidden copy of the tables must not be read.
  let visible = bytes;
  if (hiddenText) {
    const stripped = withoutHiddenText(bytes, entries);
    visible = stripped.bytes;
    if (stripped.removed) notes.push(`DOCX: ${stripped.removed} run(s) of hidden text (w:vanish) not read`);
  }
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(visible.buffer, visible.byteOffset, visible.byteLength) },
      // Pictures are dropped unread: a report's figures are in its text, and decoding images costs memory.
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    );
    html = result.value;
    messages = result.messages.filter((m) => m.type === 'error').map((m) => m.message);
  } catch (err) {
    if (!mayConvert) throw new UnreadableDocumentError(source, `not a readable Word document: ${(err as Error).message}`, { cause: err });
    const converted = await convertToDocx(bytes, source, { inputExtension: 'docx' });
    const doc = await readWordXml(converted.docx, source, format, false);
    return { ...doc, warnings: [`mammoth could not read the DOCX (${(err as Error).message}); converted with LibreOffice first`, ...converted.warnings, ...doc.warnings] };
  }
  const page = `<!DOCTYPE html><html><head><meta charset="utf-8">${title ? `<title>${escapeHtml(title)}</title>` : ''}</head><body>${html}</body></html>`;
  const doc = await readHtml(new TextEncoder().encode(page), source);
  return { ...doc, format, warnings: [...notes, ...messages.map((m) => `DOCX: ${m}`), ...doc.warnings] };
}

/**
 * Checks the archive before mammoth inflates it; returns the document's own title
 * (docProps/core.xml dc:title) when it has one, its entries, and whether any part marks text hidden.
 */
async function checkArchive(bytes: Uint8Array, source: string, limits: DocxLimits = DEFAULT_DOCX_LIMITS): Promise<{ title?: string; entries: ZipEntry[]; hiddenText: boolean }> {
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes);
  } catch (err) {
    if (err instanceof ZipFormatError) throw new UnreadableDocumentError(source, `not a DOCX: ${err.message}`, { cause: err });
    throw err;
  }
  if (!entries.some((e) => e.name === 'word/document.xml')) throw new UnreadableDocumentError(source, 'not a DOCX: the archive has no word/document.xml');
  const declared = entries.reduce((s, e) => s + e.size, 0);
  if (declared > MAX_DOCX_UNCOMPRESSED_BYTES) {
    throw new UnreadableDocumentError(source, `DOCX declares ${declared} bytes uncompressed, over the ${MAX_DOCX_UNCOMPRESSED_BYTES}-byte limit (a zip bomb?); not inflated`);
  }
  let title: string | undefined;
  const census = new XmlCensus();
  for (const e of entries) {
    try {
      // Every local header must name its part as the directory does; XML parts are counted while inflated.
      if (!XML_PART.test(e.name)) {
        checkLocalName(bytes, e);
        continue;
      }
      const part = await countEntry(bytes, e, census, limits, e.name === 'docProps/core.xml');
      if (part) title = coreTitle(new TextDecoder().decode(part));
    } catch (err) {
      if (err instanceof ZipFormatError) throw new UnreadableDocumentError(source, `damaged DOCX: ${err.message}`, { cause: err });
      if (err instanceof OverLimitError) throw new UnreadableDocumentError(source, `DOCX too large to read safely: ${err.message} (by ${e.name}); not parsed`, { cause: err });
      throw err;
    }
  }
  return { title, entries, hiddenText: census.vanish > 0 };
}

function coreTitle(xml: string): string | undefined {
  const m = /<dc:title>([^<]*)<\/dc:title>/.exec(xml);
  const t = m?.[1]?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&').trim();
  return t || undefined;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

