/**
 * A small ZIP writer: enough to rewrite a DOCX with some parts changed (external links stripped
 * before LibreOffice sees it) and to build archives in tests and the fuzz script. Parts are
 * stored, deflated, or copied raw (already compressed, with their CRC) from another archive.
 * No ZIP64, no encryption, no data descriptors: what Word itself writes.
 */
import { deflateRawSync } from 'node:zlib';

export type ZipPart =
  /** Uncompressed bytes, deflated (or stored when `store`). */
  | { name: string; data: Uint8Array; store?: boolean }
  /** Bytes already compressed with `method` (copied from an archive), with their CRC-32 and size. */
  | { name: string; raw: Uint8Array; method: number; crc32: number; size: number };

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (the ZIP polynomial) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;
/** "Version needed to extract" 2.0: deflate. */
const VERSION = 20;
/** Bit 11: the name is UTF-8. */
const FLAG_UTF8 = 0x0800;

/** The bytes of a ZIP archive holding `parts` in order. */
export function writeZip(parts: ZipPart[]): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    let body: Uint8Array;
    let method: number;
    let crc: number;
    let size: number;
    if ('raw' in part) {
      ({ raw: body, method, crc32: crc, size } = part);
    } else {
      size = part.data.length;
      crc = crc32(part.data);
      method = part.store ? METHOD_STORED : METHOD_DEFLATED;
      body = part.store ? part.data : deflateRawSync(part.data);
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(FLAG_UTF8, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(VERSION, 4);
    entry.writeUInt16LE(VERSION, 6);
    entry.writeUInt16LE(FLAG_UTF8, 8);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(body.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    chunks.push(local, name, Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    central.push(entry, name);
    offset += 30 + name.length + body.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, dir, end]));
}
