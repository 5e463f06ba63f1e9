/**
 * Decides a document's format from its bytes, not its name: an HTML page saved as `.txt`, a
 * text file without extension and a PDF named `.doc` all occur on real sites. The extension only
 * breaks the tie between DOC and WPS, which share the OLE2 container.
 */
import { extname } from 'node:path';
import { UnreadableDocumentError, UnsupportedFormatError } from '../errors.ts';
import { decodeBytes } from '../text/decode.ts';
import type { DocumentFormat } from './document.ts';

/** Share of control characters (or U+FFFD) above which decoded "text" is binary junk. */
const MAX_CONTROL_SHARE = 0.01;
/** How many bytes are examined to classify text. */
const SNIFF_TEXT_BYTES = 64 * 1024;
/** Files below this size are decoded to check for non-ASCII white space only. */
const SMALL_FILE_BYTES = 4096;
/** Distinct HTML tags that make a text an HTML page (or fragment). */
const MIN_HTML_TAGS = 3;

const startsWith = (bytes: Uint8Array, magic: number[], at = 0) => magic.every((b, i) => bytes[at + i] === b);
const containsAscii = (bytes: Uint8Array, needle: string) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle, 0, 'latin1');
const containsUtf16 = (bytes: Uint8Array, needle: string) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(needle, 'utf16le'));

/**
 * The format of `bytes`. Throws UnreadableDocumentError for an empty file and
 * UnsupportedFormatError for bytes nianbao cannot read (images, archives, binary junk).
 * `source` names the file or URL in errors; `name` (file name or URL path) breaks the DOC/WPS tie.
 */
export function sniffFormat(bytes: Uint8Array, source: string, name = source): DocumentFormat {
  if (bytes.length === 0) throw new UnreadableDocumentError(source, 'empty file (0 bytes)');
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    if (containsAscii(bytes, 'word/')) return 'docx';
    if (containsAscii(bytes, 'xl/')) throw new UnsupportedFormatError(source, 'xlsx', 'spreadsheets are not read');
    throw new UnsupportedFormatError(source, 'zip', 'a ZIP archive that is not a Word document');
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (containsUtf16(bytes, 'Workbook') || containsUtf16(bytes, 'Book')) {
      if (!containsUtf16(bytes, 'WordDocument')) throw new UnsupportedFormatError(source, 'xls', 'spreadsheets are not read');
    }
    return extname(name).toLowerCase() === '.wps' ? 'wps' : 'doc';
  }
  if (head.startsWith('{\\rtf')) return 'doc';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff]) || head.startsWith('GIF8')) {
    throw new UnsupportedFormatError(source, 'image', 'a picture, not a document (needs OCR)');
  }
  // Programs: Windows PE (MZ), ELF, Mach-O.
  if ((head.startsWith('MZ') && bytes.subarray(0, 64).includes(0)) || head.startsWith('\x7fELF') || startsWith(bytes, [0xcf, 0xfa, 0xed, 0xfe]) || startsWith(bytes, [0xfe, 0xed, 0xfa, 0xcf])) {
    throw new UnsupportedFormatError(source, 'executable', 'a program, not a document');
  }
  const sample = bytes.subarray(0, SNIFF_TEXT_BYTES);
  // UTF-16 text is the one text encoding full of control bytes: decode it to judge it.
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)) {
    const { text } = decodeBytes(sample);
    if (!text.trim()) throw new UnreadableDocumentError(source, 'empty file (only white space)');
    return looksLikeHtml(text) ? 'html' : 'txt';
  }
  // Byte-level checks, without decoding: in UTF-8 and GBK every byte below 0x20 is a control
  // character, so their share tells text from binary whatever the charset.
  let control = 0;
  let blank = true;
  for (const b of sample) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
    else if (blank && b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) blank = false;
  }
  if (control / sample.length > MAX_CONTROL_SHARE) {
    throw new UnsupportedFormatError(source, 'binary', `not text: ${((100 * control) / sample.length).toFixed(1)}% control bytes`);
  }
  // Non-ASCII white space (NBSP, 　) only shows once decoded; a file that small is cheap to decode.
  if (blank || (sample.length < SMALL_FILE_BYTES && !decodeBytes(sample).text.trim())) {
    throw new UnreadableDocumentError(source, 'empty file (only white space)');
  }
  // Tags are ASCII in every charset nianbao reads: latin1 is enough to find them.
  const text = Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength).toString('latin1');
  if (looksLikeHtml(text)) return 'html';
  if (isJson(bytes)) throw new UnsupportedFormatError(source, 'json', 'structured data (JSON), not a document');
  return 'txt';
}

/** Larger texts are not parsed to tell JSON from text (a report is never one JSON value). */
const MAX_JSON_SNIFF_BYTES = 16 * 1024 * 1024;

/** True when the bytes are one JSON object or array (an API answer, a data file). */
function isJson(bytes: Uint8Array): boolean {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  if (bytes[i] !== 0x7b && bytes[i] !== 0x5b) return false;
  if (bytes.length > MAX_JSON_SNIFF_BYTES) return false;
  try {
    const v: unknown = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + i, bytes.byteLength - i).toString('utf8'));
    return typeof v === 'object' && v !== null;
  } catch {
    return false;
  }
}

/** True when text is an HTML page or fragment: it starts with markup or holds several distinct HTML tags. */
export function looksLikeHtml(text: string): boolean {
  const start = text.trimStart().slice(0, 200).toLowerCase();
  if (/^(<!doctype html|<html|<\?xml[^>]*>\s*<html|<head|<body|<meta\s)/.test(start)) return true;
  const tags = new Set<string>();
  for (const m of text.matchAll(/<\/?(table|tr|td|th|tbody|p|div|br|span|html|body|head|font|strong|h[1-6]|li|ul)\b[^>]*>/gi)) {
    tags.add(m[1]!.toLowerCase());
    if (tags.size >= MIN_HTML_TAGS) return true;
  }
  return false;
}
