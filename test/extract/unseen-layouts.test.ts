/**
 * Issue 9's classes of unseen layouts, each read from renderings the layout-variation generator
 * makes through the real tools (scripts/layout-variants: Writer, Chromium, pdftotext, pdf2md),
 * never from a hand-edited copy of a corpus file: every cell of every variant must be read as
 * its golden record has it (scripts/score.mjs's cell walk: year, template, every number, the
 * `ok` of every check), with no invented cells.
 */
import { describe, expect, it } from 'vitest';
import { extractFile } from '../../extract/index.ts';
import { scoreRecord } from '../../scripts/score.mjs';
import { variantsFor, type VariantClass } from '../../scripts/layout-variants/index.ts';

async function misread(cls: VariantClass, seed: string, n: number): Promise<string[]> {
  const variants = await variantsFor(cls, seed, n);
  expect(variants.length).toBeGreaterThanOrEqual(n - 1);
  const out: string[] = [];
  for (const v of variants) {
    const s = scoreRecord(v.record, await extractFile(v.file));
    for (const w of [...s.wrong, ...s.extra.map((x: string) => `extra ${x}`)]) out.push(`${v.id}: ${w}`);
  }
  return out;
}

describe('labels apart from their numbers (PDF → Markdown, issue 9 class 4)', () => {
  it('reads pdf2md conversions whose table rows are marked as headings, labels wrapped above their numbers', async () => {
    expect(await misread('pdf-markdown', 'unseen-md', 6)).toEqual([]);
  });
});

describe('reports for years before 2019 (issue 9 class 5)', () => {
  it('gives them template freeform and the figures their text states, as HTML, text, PDF and pdftotext', async () => {
    expect(await misread('pre2019-freeform', 'unseen-pre2019', 12)).toEqual([]);
  });
});
