/**
 * The DOC/WPS reader: old binary Word files and WPS Office files are converted to DOCX by
 * LibreOffice headless (word/libreoffice.ts: own temporary directory and profile, a time limit,
 * the process tree killed on timeout) and then read as DOCX. Without LibreOffice the error names
 * the package to install.
 */
import { extname } from 'node:path';
import type { Document } from '../document.ts';
import { readWordXml } from './docx.ts';
import { convertToDocx } from './word/libreoffice.ts';

/** Reads a DOC or WPS file (`.wps` by the source's extension; otherwise DOC). Throws ConverterError or UnreadableDocumentError naming `source`. */
export async function readLegacyWord(bytes: Uint8Array, source: string): Promise<Document> {
  const format = extname(source.split(/[?#]/)[0]!).toLowerCase() === '.wps' ? 'wps' : 'doc';
  const isRtf = Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '{\\rtf';
  const converted = await convertToDocx(bytes, source, { inputExtension: isRtf ? 'rtf' : format });
  const doc = await readWordXml(converted.docx, source, format, false);
  return { ...doc, warnings: [...converted.warnings, ...doc.warnings] };
}
