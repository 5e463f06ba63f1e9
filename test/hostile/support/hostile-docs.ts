/**
 * Hostile documents, generated (never committed as binaries): the runaways and escapes of issue
 * 16, built from the corpus where a real report should still be read out of them. Used by the
 * `test/hostile/docs-*.test.ts` suite, the memory bench (`test/bench/hostile.bench.ts`) and the
 * child that measures peak memory (`measure-child.ts`).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { inflateEntry, rawEntry, readZipDirectory } from '../../../extract/readers/word/zip-directory.ts';
import { crc32, writeZip, type ZipPart } from '../../../extract/readers/word/zip-write.ts';
import { CORPUS_DIR } from '../../support/corpus.ts';

export const GENERATED_DIR = fileURLToPath(new URL('../../fixtures/docs/generated/', import.meta.url));

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${REL_NS}"><Relationship Id="rId1" Type="${R_NS}/officeDocument" Target="word/document.xml"/></Relationships>`;

/** A minimal DOCX whose body is `bodyXml` (WordprocessingML inside `<w:body>`). */
export function minimalDocx(bodyXml: string | Buffer): Uint8Array {
  const document = Buffer.concat([
    Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W_NS}" xmlns:r="${R_NS}"><w:body>`),
    typeof bodyXml === 'string' ? Buffer.from(bodyXml) : bodyXml,
    Buffer.from('</w:body></w:document>'),
  ]);
  return writeZip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(ROOT_RELS) },
    { name: 'word/document.xml', data: document },
  ]);
}

/**
 * Issue 16 item 4: one table of `rows` one-cell rows (1,000,000 rows: 185 KB compressed, 57 MB
 * declared, under the 200 MB zip cap). Deflated once at level 9 from one repeated chunk.
 */
export function millionRowDocx(rows = 1_000_000): Uint8Array {
  const row = Buffer.from('<w:tr><w:tc><w:p><w:r><w:t>0</w:t></w:r></w:p></w:tc></w:tr>');
  const body = Buffer.concat([Buffer.from('<w:tbl>'), Buffer.alloc(row.length * rows), Buffer.from('</w:tbl>')]);
  for (let i = 0; i < rows; i++) row.copy(body, 7 + i * row.length);
  const document = Buffer.concat([Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W_NS}"><w:body>`), body, Buffer.from('</w:body></w:document>')]);
  return writeZip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(ROOT_RELS) },
    { name: 'word/document.xml', raw: deflateRawSync(document, { level: 9 }), method: 8, crc32: crc32(document), size: document.length },
  ]);
}

/** The parts of an archive: name → uncompressed bytes. */
export function unzipParts(bytes: Uint8Array): Map<string, Uint8Array> {
  return new Map(readZipDirectory(bytes).map((e) => [e.name, inflateEntry(bytes, e)]));
}

/** An archive rebuilt from `bytes` with some parts replaced (`null` drops a part) and others added. */
export function rezip(bytes: Uint8Array, change: Record<string, string | Uint8Array | null>): Uint8Array {
  const parts: ZipPart[] = [];
  const entries = readZipDirectory(bytes);
  for (const e of entries) {
    if (e.name in change) {
      const v = change[e.name];
      if (v !== null && v !== undefined) parts.push({ name: e.name, data: typeof v === 'string' ? Buffer.from(v) : v });
    } else {
      parts.push({ name: e.name, raw: rawEntry(bytes, e), method: e.method, crc32: e.crc32, size: e.size });
    }
  }
  for (const [name, v] of Object.entries(change)) {
    if (v !== null && !entries.some((e) => e.name === name)) parts.push({ name, data: typeof v === 'string' ? Buffer.from(v) : v });
  }
  return writeZip(parts);
}

const text = (b: Uint8Array | undefined) => Buffer.from(b ?? new Uint8Array()).toString('utf8');

/**
 * Issue 16 item 2: a real report's DOCX that mammoth rejects (a truncated `word/footnotes.xml`,
 * so LibreOffice converts it) and that links a picture from `url`
 * (`TargetMode="External"`): LibreOffice fetches such pictures when it may.
 */
export function docxWithExternalImage(url: string, base = `${GENERATED_DIR}000-writer.docx`): Uint8Array {
  const bytes = new Uint8Array(readFileSync(base));
  const parts = unzipParts(bytes);
  const rels = text(parts.get('word/_rels/document.xml.rels')) ||
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${REL_NS}"></Relationships>`;
  const drawing =
    '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="952500" cy="952500"/><wp:docPr id="1" name="x"/>' +
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">' +
    '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="1" name="x.png"/><pic:cNvPicPr/></pic:nvPicPr>' +
    '<pic:blipFill><a:blip r:link="rIdHostile"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="952500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>' +
    '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>';
  const doc = text(parts.get('word/document.xml')).replace('<w:body>', `<w:body>${drawing}`);
  const types = text(parts.get('[Content_Types].xml')).replace(
    '</Types>',
    '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
  );
  return rezip(bytes, {
    'word/document.xml': doc,
    '[Content_Types].xml': types,
    'word/_rels/document.xml.rels': rels.replace(
      '</Relationships>',
      `<Relationship Id="rIdHostile" Type="${R_NS}/image" TargetMode="External" Target="${url}"/>` +
        `<Relationship Id="rIdNotes" Type="${R_NS}/footnotes" Target="footnotes.xml"/></Relationships>`,
    ),
    // Cut mid-element: mammoth's XML parser rejects it, LibreOffice shrugs.
    'word/footnotes.xml': `<?xml version="1.0" encoding="UTF-8"?><w:footnotes xmlns:w="${W_NS}"><w:footnote w:id="0"><w:p><w:r><w:t>tru`,
  });
}

/** Issue 16 item 7: the DOCX with a second `word/document.xml` whose every number is doubled. */
export function docxWithDuplicateEntry(base = `${GENERATED_DIR}000-writer.docx`): Uint8Array {
  const bytes = new Uint8Array(readFileSync(base));
  const entries = readZipDirectory(bytes);
  const parts: ZipPart[] = entries.map((e) => ({ name: e.name, raw: rawEntry(bytes, e), method: e.method, crc32: e.crc32, size: e.size }));
  const doc = text(inflateEntry(bytes, entries.find((e) => e.name === 'word/document.xml')!));
  parts.push({ name: 'word/document.xml', data: Buffer.from(doubleNumbersInXmlText(doc)) });
  return writeZip(parts);
}

/** Every whole number in the text runs of an XML or HTML document, doubled. */
export function doubleNumbersInXmlText(xml: string): string {
  return xml.replace(/>([^<]*)</g, (_m, t: string) => `>${t.replace(/\d+/g, (n) => String(Number(n) * 2))}<`);
}

/** The corpus's Word-exported web page (沭阳县发改局 2023). */
export const REAL_HTML = `${CORPUS_DIR}real/shuyang-fgj-2023.html`;

/**
 * Issue 16 item 6: a page of `rows` table rows (400,000 rows ≈ 37 MB): the report first, then a
 * huge table of three cells a row.
 */
export function bigTableHtml(rows = 400_000): Uint8Array {
  const page = readFileSync(REAL_HTML, 'utf8');
  const row = '<tr><td>第一列文字内容</td><td>12345</td><td>备注说明文字abc</td></tr>\n';
  const huge = `<table>${row.repeat(rows)}</table>`;
  return Buffer.from(page.replace('</body>', `${huge}</body>`));
}

/**
 * Issue 16 item 6: the report, then more than 256K characters holding markup nested `depth`
 * elements deep (a broken generator, an attack): the report before it must still be read.
 */
export function deepNestingAfterReportHtml(depth = 20_000): Uint8Array {
  const page = readFileSync(REAL_HTML, 'utf8');
  const filler = `<p>${'附'.repeat(300_000)}</p>`;
  return Buffer.from(page.replace('</body>', `${filler}${'<div>'.repeat(depth)}x${'</div>'.repeat(depth)}</body>`));
}

/** Issue 16 item 6: one line of `bytes` bytes of zeros and spaces (a 5 MB single text line). */
export function oneLineText(bytes = 5 * 1024 * 1024): Uint8Array {
  const unit = '0 ';
  return Buffer.from(unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit))).slice(0, bytes));
}

/** Issue 16 item 6: a seed report with `copies` identical copies of a table-3 row after its table. */
export function repeatedRowsText(copies = 200_000): Uint8Array {
  const seed = readFileSync(`${CORPUS_DIR}seeds/000_3e089bbee027005d.txt`, 'utf8');
  const line = seed.split('\n').find((l) => l.includes('本年新收政府信息公开申请数量'))!;
  const at = seed.indexOf(line) + line.length + 1;
  return Buffer.from(seed.slice(0, at) + `${line}\n`.repeat(copies) + seed.slice(at));
}

/** Every run of a WordprocessingML fragment marked hidden (`<w:vanish/>`). */
export function hideRuns(xml: string): string {
  return xml.replace(/<w:r(\s[^>]*)?>(<w:rPr>)?/g, (_m, attrs: string | undefined, rPr: string | undefined) =>
    rPr ? `<w:r${attrs ?? ''}><w:rPr><w:vanish/>` : `<w:r${attrs ?? ''}><w:rPr><w:vanish/></w:rPr>`,
  );
}

/**
 * Issue 16 item 8 in Word: before the real body, a copy of it with every number doubled and
 * every run hidden (`w:vanish`: neither printed nor shown, but mammoth reads it).
 */
export function docxWithHiddenCopy(base = `${GENERATED_DIR}000-writer.docx`): Uint8Array {
  const bytes = new Uint8Array(readFileSync(base));
  const doc = text(unzipParts(bytes).get('word/document.xml'));
  const start = doc.indexOf('<w:body>') + '<w:body>'.length;
  const end = doc.lastIndexOf('<w:sectPr');
  const body = doc.slice(start, end < 0 ? doc.lastIndexOf('</w:body>') : end);
  return rezip(bytes, { 'word/document.xml': doc.slice(0, start) + hideRuns(doubleNumbersInXmlText(body)) + doc.slice(start) });
}

/** A DOCX whose body nests `depth` content controls in each other (mammoth walks its tree recursively). */
export function deeplyNestedDocx(depth = 100_000): Uint8Array {
  return minimalDocx(`${'<w:sdt><w:sdtContent>'.repeat(depth)}<w:p><w:r><w:t>x</w:t></w:r></w:p>${'</w:sdtContent></w:sdt>'.repeat(depth)}`);
}
