/**
 * The PDF reader on real and generated documents: grids with the right cells at the right
 * places, tables joined across page breaks, running headers kept out, and clear errors for
 * bytes that cannot be read.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NeedsOcrError, UnreadableDocumentError } from '../../../errors.ts';
import type { Document, Grid } from '../../../extract/document.ts';
import { readDocument } from '../../../extract/index.ts';
import { readPdf } from '../../../extract/readers/pdf.ts';
import { corpusDir } from '../../support/corpus.ts';

const real = corpusDir('real');
const generated = fileURLToPath(new URL('../../fixtures/docs/generated/', import.meta.url));
const read = (path: string) => readPdf(new Uint8Array(readFileSync(path)), path);

const grids = (d: Document) => d.blocks.filter((b): b is Grid => b.kind === 'grid');
const texts = (g: Grid) => g.rows.map((r) => r.map((c) => c.text));
/** The row whose cells include `label`. */
const rowWith = (g: Grid, label: string) => g.rows.find((r) => r.some((c) => c.text === label && !c.spanned));

describe('readPdf on hongze-2023.pdf (WPS export, cells drawn as filled frames)', async () => {
  const doc = await read(`${real}hongze-2023.pdf`);
  const [t2, t3, t4] = grids(doc);

  it('reads the title from the two centred lines and the PDF metadata', () => {
    expect(doc.meta.title).toBe('洪泽区人民政府2023年政府信息公开工作年度报告');
    const paras = doc.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text);
    expect(paras.slice(0, 2)).toEqual(['洪泽区人民政府', '2023 年政府信息公开工作年度报告']);
    expect(paras).toContain('二、主动公开政府信息情况');
  });

  it('finds three ruled tables, each joined across its page break', () => {
    expect(grids(doc)).toHaveLength(3);
    expect(t2!.positional && t3!.positional && t4!.positional).toBe(true);
    expect(t2!.notes).toContain('table continues from page 2 to page 3');
    expect(t3!.notes).toContain('table continues from page 3 to page 4');
  });

  it('keeps the corner cell whose top border the producer did not draw', () => {
    expect(rowWith(t2!, '行政处罚')?.map((c) => c.text)).toEqual(['行政处罚', '4119', '4119', '4119']);
    expect(texts(t2!).filter((r) => r[0] === '信息内容')).toHaveLength(4);
  });

  it('joins wrapped labels and three-line headers, and keeps group labels as spans', () => {
    expect(texts(t3!).flat()).toContain('社会公益组织');
    expect(texts(t3!).flat()).toContain('（二）部分公开（区分处理的，只计这一情 形，不计其他情形）');
    const secret = rowWith(t3!, '1.属于国家秘密')!;
    expect(secret.map((c) => c.text).slice(-7)).toEqual(['1', '0', '0', '0', '0', '0', '1']);
    const process = rowWith(t3!, '6.属于四类过程性信息')!;
    const group = process.find((c) => c.text === '（三）不予公开')!;
    expect(group.spanned).toBe(true);
  });

  it('reads the last row before the page break, whose bottom border is not drawn', () => {
    expect(rowWith(t3!, '2.没有现成信息需要另行制作')?.map((c) => c.text).slice(-7)).toEqual(['3', '0', '0', '0', '0', '0', '3']);
  });

  it('leaves page numbers out of every block', () => {
    const all = doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : b.rows.flat().map((c) => c.text)));
    expect(all.filter((t) => /^-\s*\d+\s*-$/.test(t))).toEqual([]);
  });

  it('reads table 4 as fifteen numbers under its three groups', () => {
    expect(t4!.rows.at(-1)!.map((c) => c.text)).toEqual(['10', '1', '0', '0', '0', '0', '0', '0', '0', '0', '5', '0', '0', '0', '0']);
  });
});

describe('readPdf on generated layouts', () => {
  it('drops the header rows Chromium repeats after a page break', async () => {
    const doc = await read(`${generated}page-break-chromium.pdf`);
    const notes = grids(doc).flatMap((g) => g.notes ?? []);
    expect(notes.some((n) => /repeated header row\(s\) on page \d dropped/.test(n))).toBe(true);
  });

  it('reads a table without ruling lines as a non-positional grid', async () => {
    const doc = await read(`${generated}no-rulings-chromium.pdf`);
    const t = grids(doc).find((g) => g.rows.some((r) => r.some((c) => c.text === '1.属于国家秘密')))!;
    expect(t.positional).toBe(false);
    expect(rowWith(t, '1.属于国家秘密')!.map((c) => c.text).slice(-7)).toEqual(['0', '0', '0', '0', '0', '0', '0']);
  });

  it('reads a landscape page', async () => {
    const doc = await read(`${generated}landscape-chromium.pdf`);
    expect(grids(doc).some((g) => rowWith(g, '1.本机关不掌握相关政府信息'))).toBe(true);
  });

  it('keeps the browser header and footer (date, title, URL, page x/y) out of the text', async () => {
    const doc = await read(`${generated}000-chromium.pdf`);
    const paras = doc.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text);
    expect(paras.some((p) => p.includes('file://'))).toBe(false);
    expect(paras.some((p) => /^\d+\/\d+$/.test(p))).toBe(false);
  });
});

describe('readPdf on bad input', () => {
  const expectReason = async (bytes: Uint8Array, source: string, kind: new (...a: never[]) => Error, reason: RegExp) => {
    const err = await readDocument(bytes, source).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(kind);
    expect((err as Error).message).toContain(source);
    expect((err as Error).message).toMatch(reason);
  };

  it('names an encrypted PDF', async () => {
    await expectReason(readFileSync(`${generated}bad/encrypted.pdf`), 'bad/encrypted.pdf', UnreadableDocumentError, /encrypted PDF/);
  });

  it('names a scanned PDF as needing OCR, and the package, when tesseract is not installed', async () => {
    const before = process.env.NIANBAO_TESSERACT;
    process.env.NIANBAO_TESSERACT = '/nonexistent/tesseract';
    try {
      await expectReason(readFileSync(`${generated}bad/scanned.pdf`), 'bad/scanned.pdf', NeedsOcrError, /image-only PDF, no text layer on any of its 2 page\(s\): needs OCR, and tesseract \(\/nonexistent\/tesseract\) is not installed; install the Debian packages tesseract-ocr and tesseract-ocr-chi-sim/);
    } finally {
      if (before === undefined) delete process.env.NIANBAO_TESSERACT;
      else process.env.NIANBAO_TESSERACT = before;
    }
  });

  it('names junk behind a PDF header', async () => {
    const junk = new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 0x41)]));
    await expectReason(junk, 'junk.pdf', UnreadableDocumentError, /not a valid PDF/);
  });

  it('names a truncated PDF', async () => {
    const whole = readFileSync(`${real}hongze-2024.pdf`);
    await expectReason(new Uint8Array(whole.subarray(0, 20_000)), 'cut.pdf', UnreadableDocumentError, /truncated PDF/);
  });
});
