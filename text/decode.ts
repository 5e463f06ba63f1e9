/**
 * Bytes → text for web pages and text files, shared by the crawler (link discovery) and the
 * readers. Chinese government sites are UTF-8 or GBK/GB2312, and often say so only in a
 * `<meta charset>` (crawlee decodes by the Content-Type header only). GB2312 and GBK are decoded
 * as GB18030, their superset, so characters outside GB2312 (common in place names) survive.
 */

/** Charset labels that mean "some GB encoding": all decoded as GB18030. */
const GB_LABELS = new Set(['gb2312', 'gbk', 'gb18030', 'x-gbk', 'gb_2312-80', 'csgb2312', 'chinese', 'iso-ir-58', 'x-euc-cn', 'euc-cn', 'cp936', 'windows-936', 'ms936']);

const UTF8_FATAL = new TextDecoder('utf-8', { fatal: true });

/** How far into a page we look for a `<meta charset>` declaration. */
const META_SCAN_BYTES = 4096;

export interface DecodedText {
  text: string;
  /** The charset used, normalised: 'utf-8', 'gb18030', 'utf-16le', 'utf-16be', 'windows-1252', … */
  encoding: string;
  /** Where the charset came from. */
  from: 'bom' | 'header' | 'meta' | 'detected';
  /** Ill-formed UTF-8 sequences replaced with U+FFFD in otherwise valid UTF-8 (a cut, a flipped byte); absent when none. */
  replaced?: number;
}

/**
 * Bytes that are UTF-8 but for a few damaged sequences are UTF-8: at most this share of the
 * non-ASCII sequences may be ill-formed. GBK text read as UTF-8 is ~99% ill-formed (a valid
 * three-byte sequence arises by chance about once in a hundred characters); a truncated page
 * or one flipped byte is one ill-formed sequence among thousands.
 */
const MAX_INVALID_UTF8_SHARE = 0.02;

/**
 * Well-formed multi-byte sequences and ill-formed ones (each maximal ill-formed subpart counted
 * once, as decoders replace them) of `bytes` read as UTF-8.
 */
export function utf8Census(bytes: Uint8Array): { multibyte: number; invalid: number } {
  let multibyte = 0;
  let invalid = 0;
  let i = 0;
  const n = bytes.length;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => k < n && bytes[k]! >= lo && bytes[k]! <= hi;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else {
      invalid++;
      i++;
      continue;
    }
    // The first continuation byte has the lead's own range; the others 80–BF.
    let k = 1;
    if (cont(i + 1, lo, hi)) while (k < need + 1 && (k === 1 || cont(i + k))) k++;
    if (k === need + 1) multibyte++;
    else invalid++;
    i += Math.max(1, k);
  }
  return { multibyte, invalid };
}

/** The warning a reader gives for damaged UTF-8 it read anyway. */
export function replacedWarning(n: number): string {
  return `${n} ill-formed UTF-8 byte sequence(s) replaced with U+FFFD (a damaged or truncated file); a number they touch reads as not a number`;
}

/** The bytes as UTF-8 with ill-formed sequences replaced, when they are few enough to be damage rather than another charset. */
function mostlyUtf8(bytes: Uint8Array): { text: string; replaced: number } | null {
  const { multibyte, invalid } = utf8Census(bytes);
  if (multibyte === 0 || invalid > MAX_INVALID_UTF8_SHARE * (multibyte + invalid)) return null;
  return { text: new TextDecoder('utf-8').decode(bytes), replaced: invalid };
}

/** Normalises a charset label; unknown labels come back as null. */
export function normaliseCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!l) return null;
  if (GB_LABELS.has(l)) return 'gb18030';
  if (l === 'utf8') return 'utf-8';
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return null;
  }
}

/** The charset parameter of a Content-Type header value. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '');
  return m ? normaliseCharset(m[1]) : null;
}

/** The charset a page declares in its first bytes: `<meta charset>`, http-equiv, or an XML declaration. */
export function charsetFromMarkup(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, META_SCAN_BYTES)).toString('latin1');
  const m =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return m ? normaliseCharset(m[1]) : null;
}

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** True when the bytes are valid UTF-8. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  return tryUtf8(bytes) !== null;
}

/**
 * Decodes bytes. Order: BOM, then the header charset, then the markup's declaration, then
 * detection (valid UTF-8, else GB18030). Bytes that are UTF-8 but for a few damaged sequences
 * (a truncated download, one flipped byte) are UTF-8 with those replaced (`replaced`): one bad
 * byte used to turn a whole page into GB18030 mojibake. A declared UTF-8 that is far from valid
 * UTF-8 is treated as GB18030: old GBK pages behind servers that add `charset=utf-8` exist.
 */
export function decodeBytes(bytes: Uint8Array, opts: { contentType?: string | null } = {}): DecodedText {
  const bom = bomCharset(bytes);
  if (bom) return { text: new TextDecoder(bom).decode(bytes), encoding: bom, from: 'bom' };
  const header = charsetFromContentType(opts.contentType);
  const meta = charsetFromMarkup(bytes);
  const declared: [string, 'header' | 'meta'] | null = header ? [header, 'header'] : meta ? [meta, 'meta'] : null;
  if (declared && declared[0] !== 'utf-8') return { text: new TextDecoder(declared[0]).decode(bytes), encoding: declared[0], from: declared[1] };
  const from = declared ? declared[1] : 'detected';
  const utf8 = tryUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', from };
  const damaged = mostlyUtf8(bytes);
  if (damaged) return { text: damaged.text, encoding: 'utf-8', from, replaced: damaged.replaced };
  return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030', from: 'detected' };
}

/** The bytes as UTF-8, or null when they are not valid UTF-8 (one pass). */
function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return UTF8_FATAL.decode(bytes);
  } catch {
    return null;
  }
}

