/**
 * Removes a DOCX's links to the outside before LibreOffice opens it: every relationship
 * (`*.rels`) whose target is external (`TargetMode="External"`, or a target with a URL scheme,
 * `//host` or `\\host`) is dropped. LibreOffice fetches linked pictures from any host when it
 * converts (issue 16); a network namespace stops that where one can be made, and this stops it
 * where one cannot (word/sandbox.ts). Hyperlinks lose their address, which no record uses.
 * Unchanged parts are copied compressed as they are.
 */
import { inflateEntry, rawEntry, readZipDirectory } from './zip-directory.ts';
import { writeZip, type ZipPart } from './zip-write.ts';

export interface StrippedDocx {
  bytes: Uint8Array;
  /** The external targets removed, in archive order. */
  removed: string[];
}

const RELATIONSHIP = /<(?:[\w.-]+:)?Relationship\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:[\w.-]+:)?Relationship\s*>)/g;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** XML character references and the five named entities, decoded (attribute values). */
function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) => {
    const k = e.toLowerCase();
    if (k[0] === '#') {
      const code = k[1] === 'x' ? Number.parseInt(k.slice(2), 16) : Number.parseInt(k.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[k]!;
  });
}

/** True when a relationship element points outside the package. */
export function isExternalRelationship(element: string): boolean {
  const attrs = new Map<string, string>();
  for (const m of element.matchAll(ATTRIBUTE)) attrs.set(m[1]!.replace(/^[\w.-]+:/, '').toLowerCase(), decodeXml(m[2] ?? m[3] ?? ''));
  if ((attrs.get('targetmode') ?? '').trim().toLowerCase() === 'external') return true;
  // Package-internal targets are relative part names: no scheme, no host.
  const target = (attrs.get('target') ?? '').trim().replace(/[\u0000-\u0020]+/g, '');
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || /^[\\/]{2}/.test(target);
}

/**
 * The DOCX with its external relationships removed (the same bytes when it has none). The
 * archive must already have passed the reader's checks (docx.ts: directory, sizes, duplicates).
 */
export function stripExternalRelationships(bytes: Uint8Array): StrippedDocx {
  const entries = readZipDirectory(bytes);
  const removed: string[] = [];
  const changed = new Map<string, Uint8Array>();
  for (const e of entries) {
    if (!/\.rels$/i.test(e.name)) continue;
    const xml = new TextDecoder().decode(inflateEntry(bytes, e));
    let dropped = 0;
    const kept = xml.replace(RELATIONSHIP, (element) => {
      if (!isExternalRelationship(element)) return element;
      dropped++;
      const target = /\bTarget\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(element);
      removed.push(decodeXml(target?.[1] ?? target?.[2] ?? '?'));
      return '';
    });
    if (dropped) changed.set(e.name, new TextEncoder().encode(kept));
  }
  if (!changed.size) return { bytes, removed };
  const parts: ZipPart[] = entries.map((e) => {
    const data = changed.get(e.name);
    return data ? { name: e.name, data } : { name: e.name, raw: rawEntry(bytes, e), method: e.method, crc32: e.crc32, size: e.size };
  });
  return { bytes: writeZip(parts), removed };
}
