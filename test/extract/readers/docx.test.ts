/**
 * The DOCX reader: mammoth → HTML → the HTML reader, merged cells as spans, and bounded, clear
 * errors for archives that are not Word documents or would inflate without bound.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { UnreadableDocumentError } from '../../../errors.ts';
import type { Grid } from '../../../extract/document.ts';
import { MAX_DOCX_UNCOMPRESSED_BYTES, readDocx } from '../../../extract/readers/docx.ts';

const generated = fileURLToPath(new URL('../../fixtures/docs/generated/', import.meta.url));

interface Part {
  name: string;
  data: Buffer;
  /** The uncompressed size the archive claims (defaults to the truth). */
  declared?: number;
}

/** A minimal ZIP writer (deflated parts, no CRC check by our reader), enough to forge archives. */
function zip(parts: Part[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const body = deflateRawSync(p.data);
    const size = p.declared ?? p.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}

const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as Error);

describe('readDocx', () => {
  it('reads a Writer DOCX with merged cells as spans', async () => {
    const path = `${generated}000-writer.docx`;
    const doc = await readDocx(new Uint8Array(readFileSync(path)), path);
    expect(doc.format).toBe('docx');
    const t3 = doc.blocks.find((b): b is Grid => b.kind === 'grid' && b.rows.some((r) => r.some((c) => c.text === '1.属于国家秘密')))!;
    expect(t3.positional).toBe(true);
    const row = t3.rows.find((r) => r.some((c) => c.text === '2.其他法律行政法规禁止公开'))!;
    // （三）不予公开 spans its eight rows: below its first row it is a spanned copy.
    expect(row.some((c) => c.text.includes('不予公开') && c.spanned && c.originRow! < t3.rows.indexOf(row))).toBe(true);
    expect(row.map((c) => c.text).slice(-7)).toEqual(['0', '0', '0', '0', '0', '0', '0']);
  });

  it('refuses bytes that are not a ZIP archive', async () => {
    const err = await failure(readDocx(new Uint8Array(Buffer.from('PK\u0003\u0004 this is not really a zip')), 'fake.docx'));
    expect(err).toBeInstanceOf(UnreadableDocumentError);
    expect(err!.message).toMatch(/^fake\.docx: not a DOCX: not a ZIP archive/);
  });

  it('refuses a ZIP without word/document.xml', async () => {
    const err = await failure(readDocx(zip([{ name: 'xl/workbook.xml', data: Buffer.from('<x/>') }]), 'book.docx'));
    expect(err!.message).toMatch(/book\.docx: not a DOCX: the archive has no word\/document\.xml/);
  });

  it('refuses a zip bomb by its declared size, before inflating', async () => {
    const bomb = zip([{ name: 'word/document.xml', data: Buffer.from('<w:document/>'), declared: MAX_DOCX_UNCOMPRESSED_BYTES + 1 }]);
    const err = await failure(readDocx(bomb, 'bomb.docx'));
    expect(err).toBeInstanceOf(UnreadableDocumentError);
    expect(err!.message).toMatch(/bomb\.docx: DOCX declares \d+ bytes uncompressed, over the \d+-byte limit/);
  });

  it('stops a part that inflates past the size it declares', async () => {
    const liar = zip([{ name: 'word/document.xml', data: Buffer.alloc(8 * 1024 * 1024, 0x20), declared: 1000 }]);
    const err = await failure(readDocx(liar, 'liar.docx'));
    expect(err!.message).toMatch(/liar\.docx: damaged DOCX: ZIP part word\/document\.xml inflates to more than the 1000 bytes it declares/);
  });
});
