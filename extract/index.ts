/**
 * The extract stage's only entry: bytes (or a file) → the document model → a record.
 * Formats are decided by content (sniff.ts); each format's reader turns bytes into the one
 * Document model, and the one template mapper turns any Document into a ReportRecord.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { asNianbaoError, NotAReportError } from '../errors.ts';
import type { Document, DocumentFormat } from './document.ts';
import { documentToRecord } from './mapper/index.ts';
import type { RecordSource, ReportRecord } from './record.ts';
import { sniffFormat } from './sniff.ts';
import { joinSplitTables } from './layout/repairs.ts';
import { sha256Hex } from '../crawlers/raw-store.ts';

export interface ExtractOptions {
  /** What the record's `source.uri` says (a URL for crawled documents); defaults to the file name. */
  uri?: string;
  /** A name for format tie-breaks and messages (file name or URL path). */
  name?: string;
}

type Reader = (bytes: Uint8Array, source: string) => Promise<Document>;

/** Readers are imported on first use: pdf.js and mammoth cost time to load and most runs need one or two formats. */
const READERS: Record<DocumentFormat, () => Promise<Reader>> = {
  txt: async () => (await import('./readers/text.ts')).readText,
  html: async () => (await import('./readers/html.ts')).readHtml,
  pdf: async () => (await import('./readers/pdf.ts')).readPdf,
  docx: async () => (await import('./readers/docx.ts')).readDocx,
  doc: async () => (await import('./readers/legacy-word.ts')).readLegacyWord,
  wps: async () => (await import('./readers/legacy-word.ts')).readLegacyWord,
};

const loaded = new Map<DocumentFormat, Promise<Reader>>();
const readerFor = (format: DocumentFormat): Promise<Reader> => {
  let r = loaded.get(format);
  if (!r) loaded.set(format, (r = READERS[format]()));
  return r;
};

/** Bytes → Document, by sniffed format. Errors name `source` and the reason. */
export async function readDocument(bytes: Uint8Array, source: string, name = source): Promise<Document> {
  const format = sniffFormat(bytes, source, name);
  const reader = await readerFor(format);
  let doc: Document;
  try {
    doc = await reader(bytes, source);
  } catch (err) {
    throw asNianbaoError(err, source);
  }
  // Format-free layout repairs: any reader can hand over one table as several grids.
  return { ...doc, blocks: joinSplitTables(doc.blocks) };
}

/** Bytes → ReportRecord. Throws a NianbaoError (naming the source) when the bytes hold no report. */
export async function extractBytes(bytes: Uint8Array, opts: ExtractOptions & { uri: string }): Promise<ReportRecord> {
  const doc = await readDocument(bytes, opts.uri, opts.name ?? opts.uri);
  return toRecord(doc, { uri: opts.uri, format: doc.format, sha256: sha256Hex(bytes) }, opts.uri);
}

/**
 * The mapper, with its errors naming the source: a document cut at a size limit that holds no
 * report says so (the report may lie in the part not read), and anything unexpected (a stack
 * overflow on a hostile document) becomes an error about this document, not about the run.
 */
function toRecord(doc: Document, source: RecordSource, errorSource: string): ReportRecord {
  try {
    return markOcr(documentToRecord(doc, source, errorSource), doc);
  } catch (err) {
    if (err instanceof NotAReportError && doc.cut) throw new NotAReportError(errorSource, `${err.reason} in the part read (${doc.cut})`);
    throw asNianbaoError(err, errorSource);
  }
}

/**
 * A record whose numbers were read from page images (doc.ocr) says so: `confidence: 'ocr'`
 * and a warning, whatever the mapper concluded about the reading.
 */
function markOcr(record: ReportRecord, doc: Document): ReportRecord {
  if (!doc.ocr) return record;
  const { pages, numberCells } = doc.ocr;
  const warning = `read by OCR from ${pages} scanned page(s) (${numberCells} number cell(s) read as digits): its numbers may hold misread digits; the page box of each is in provenance`;
  return { ...record, confidence: 'ocr', warnings: [...record.warnings, warning] };
}

/** A file → ReportRecord; `source.uri` is the file's name unless `opts.uri` says otherwise. */
export async function extractFile(path: string, opts: ExtractOptions = {}): Promise<ReportRecord> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw asNianbaoError(err, path);
  }
  const doc = await readDocument(bytes, path, opts.name ?? path);
  return toRecord(doc, { uri: opts.uri ?? basename(path), format: doc.format, sha256: sha256Hex(bytes) }, path);
}
