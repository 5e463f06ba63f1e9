/**
 * A minimal image-only PDF writer: one grey image per page, filling the page, no text layer
 * (what a scanner writes). Images are JPEG (DCTDecode, the bytes as they are) or raw grey
 * pixels (FlateDecode).
 */
import { deflateSync } from 'node:zlib';

export interface PageImage {
  /** Pixels across and down. */
  width: number;
  height: number;
  /** Resolution: the page measures width×72/dpi points. */
  dpi: number;
  /** JPEG bytes, or 8-bit grey pixels (row-major). */
  jpeg?: Uint8Array;
  gray?: Uint8Array;
  /** Colour components of the JPEG: 1 grey, 3 RGB (pdftoppm -gray -jpeg still writes three). */
  components?: number;
}

/** The PDF bytes of `pages`. */
export function imagePdf(pages: readonly PageImage[]): Buffer {
  const objects: Buffer[] = [];
  const add = (b: Buffer) => objects.push(b);
  // 1: catalog, 2: pages; then per page: page, image, contents.
  const kids = pages.map((_, i) => `${3 + 3 * i} 0 R`).join(' ');
  add(Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'));
  add(Buffer.from(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`));
  pages.forEach((p, i) => {
    const [w, h] = [(p.width * 72) / p.dpi, (p.height * 72) / p.dpi].map((v) => v.toFixed(2));
    const n = 3 + 3 * i;
    add(Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /XObject << /Im0 ${n + 1} 0 R >> >> /Contents ${n + 2} 0 R >>`));
    const data = p.jpeg ? Buffer.from(p.jpeg) : deflateSync(Buffer.from(p.gray!));
    const filter = p.jpeg ? '/DCTDecode' : '/FlateDecode';
    add(Buffer.concat([Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${p.width} /Height ${p.height} /ColorSpace ${p.components === 3 ? '/DeviceRGB' : '/DeviceGray'} /BitsPerComponent 8 /Filter ${filter} /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]));
    const content = Buffer.from(`q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`);
    add(Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`), content, Buffer.from('\nendstream')]));
  });
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(offset);
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), o, Buffer.from('\nendobj\n')]);
    parts.push(b);
    offset += b.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`));
  return Buffer.concat(parts);
}
