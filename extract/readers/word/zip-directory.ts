/**
 * A small, strict ZIP central-directory reader: lists a DOCX's parts with the sizes the archive
 * declares, so a zip bomb is refused before anything is inflated, and inflates one part with a
 * hard output cap (an archive that lies about a size is caught while inflating, not after).
 * Only what a Word document uses: stored and deflated parts, no ZIP64, no encryption.
 *
 * Archives that different ZIP readers could read differently are refused (zip smuggling): two
 * entries with the same name (mammoth reads the last `word/document.xml`, another reader the
 * first), and an entry whose local header names another part than the directory does.
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflated. */
  method: number;
  compressedSize: number;
  /** The uncompressed size the archive declares. */
  size: number;
  /** The CRC-32 the directory declares for the uncompressed bytes. */
  crc32: number;
  localHeaderOffset: number;
  encrypted: boolean;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN_LENGTH = 22;
/** The end record sits within the last 22 bytes plus a comment of at most 65,535 bytes. */
const EOCD_SEARCH = EOCD_MIN_LENGTH + 0xffff;
const ZIP64_MARKER = 0xffffffff;
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;

/** Thrown for bytes that are not a readable ZIP archive; the message says why. */
export class ZipFormatError extends Error {}

/** The entries of the archive's central directory. Throws ZipFormatError when `bytes` is no ZIP. */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - EOCD_MIN_LENGTH; i >= Math.max(0, bytes.length - EOCD_SEARCH); i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('not a ZIP archive (no end-of-directory record; truncated or another format)');
  const count = view.getUint16(eocd + 10, true);
  const dirSize = view.getUint32(eocd + 12, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (dirOffset === ZIP64_MARKER || dirSize === ZIP64_MARKER) throw new ZipFormatError('a ZIP64 archive (over 4 GB declared); not a Word document nianbao reads');
  if (dirOffset + dirSize > bytes.length) throw new ZipFormatError('ZIP directory lies outside the file (truncated)');
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  const seen = new Map<string, string>();
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL_SIGNATURE) throw new ZipFormatError(`ZIP directory entry ${n + 1} is damaged`);
    const flags = view.getUint16(p + 8, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const entry: ZipEntry = {
      name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      method: view.getUint16(p + 10, true),
      crc32: view.getUint32(p + 16, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      localHeaderOffset: view.getUint32(p + 42, true),
      encrypted: (flags & 1) === 1,
    };
    if (entry.size === ZIP64_MARKER || entry.compressedSize === ZIP64_MARKER) throw new ZipFormatError(`ZIP64 entry ${entry.name}; not a Word document nianbao reads`);
    const key = comparableName(entry.name);
    const first = seen.get(key);
    if (first !== undefined) {
      throw new ZipFormatError(
        first === entry.name
          ? `two entries named ${entry.name} (readers disagree on which one counts: zip smuggling?)`
          : `entries ${first} and ${entry.name} name the same part (readers disagree on which one counts: zip smuggling?)`,
      );
    }
    seen.set(key, entry.name);
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * A part name as readers may compare it: case-insensitive (OPC part names are), `\` as `/`,
 * without a leading `/` or `./`.
 */
function comparableName(name: string): string {
  return name.replace(/\\/g, '/').replace(/^(?:\.?\/)+/, '').toLowerCase();
}

/**
 * Throws ZipFormatError when the local header of `entry` is missing or names another part than
 * the directory: readers that walk local headers would see another archive than those that read
 * the directory.
 */
export function checkLocalName(bytes: Uint8Array, entry: ZipEntry): void {
  localData(bytes, entry);
}

/** The compressed bytes of `entry` as stored in the archive (for copying it unchanged). */
export function rawEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const data = localData(bytes, entry);
  if (data.length < entry.compressedSize) throw new ZipFormatError(`ZIP part ${entry.name} is truncated`);
  return data;
}

/** The entry's data after its local header, which must exist and carry the directory's name. */
function localData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_SIGNATURE) throw new ZipFormatError(`ZIP part ${entry.name} is damaged (bad local header)`);
  const nameLength = view.getUint16(at + 26, true);
  const local = new TextDecoder().decode(bytes.subarray(at + 30, at + 30 + nameLength));
  if (local !== entry.name) throw new ZipFormatError(`ZIP part ${entry.name} is named ${local} in its local header (zip smuggling?)`);
  const start = at + 30 + nameLength + view.getUint16(at + 28, true);
  return bytes.subarray(start, start + entry.compressedSize);
}

/**
 * The uncompressed bytes of `entry`, never more than its declared size: a part that inflates
 * to more than it declares is refused mid-way (ZipFormatError).
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const data = rawEntry(bytes, entry);
  if (entry.encrypted) throw new ZipFormatError(`ZIP part ${entry.name} is encrypted`);
  if (entry.method === METHOD_STORED) return data;
  if (entry.method !== METHOD_DEFLATED) throw new ZipFormatError(`ZIP part ${entry.name} uses compression method ${entry.method}, which Word does not write`);
  try {
    // maxOutputLength makes zlib stop (RangeError) instead of inflating past the declared size.
    return inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
  } catch (err) {
    const tooBig = (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError;
    throw new ZipFormatError(tooBig ? `ZIP part ${entry.name} inflates to more than the ${entry.size} bytes it declares (a zip bomb?)` : `ZIP part ${entry.name} does not inflate: ${(err as Error).message}`);
  }
}
