/**
 * The OCR reader on scans made by scripts/scans from generated reports with known golden
 * records (a fixed seed, one Chromium and one Writer PDF, one at 150 and one at 200 dpi or as
 * the seed picks): the records come out with the right numbers, marked `confidence: 'ocr'` with
 * a warning, and with the page box of each number; the raster steps on images drawn here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { estimateSkew, grayImage, inkMask, rotate } from '../../../extract/readers/ocr/raster.ts';
import { findRulings } from '../../../extract/readers/ocr/rulings.ts';
import { makeScans, scoreScans, summarise } from '../../../scripts/scans/index.ts';

describe('raster steps', () => {
  // A ruled table of 3 × 2 cells: 2 px lines on white, 600 × 300 px.
  const table = grayImage(600, 300);
  const hline = (y: number) => { for (let x = 50; x <= 550; x++) for (let t = 0; t < 2; t++) table.data[(y + t) * 600 + x] = 0; };
  const vline = (x: number) => { for (let y = 50; y <= 250; y++) for (let t = 0; t < 2; t++) table.data[y * 600 + x + t] = 0; };
  [50, 150, 250].forEach(hline);
  [50, 216, 383, 550].forEach(vline);

  it('finds the ruling lines of a table and no others', () => {
    const r = findRulings(table, inkMask(table, 128), { minLength: 40, maxGap: 2, maxThickness: 8, longLength: 120, touch: 4 });
    expect(r.filter((l) => l.orientation === 'h').map((l) => l.y0).sort((a, b) => a - b)).toEqual([50, 150, 250]);
    expect(r.filter((l) => l.orientation === 'v').map((l) => l.x0).sort((a, b) => a - b)).toEqual([50, 216, 383, 550]);
  });

  it('measures a turn of the page and undoes it', () => {
    const turned = rotate(table, (-1.2 * Math.PI) / 180);
    const skew = (estimateSkew(turned, inkMask(turned, 128)) * 180) / Math.PI;
    expect(Math.abs(skew - 1.2)).toBeLessThan(0.1);
    const straight = rotate(turned, (skew * Math.PI) / 180);
    const r = findRulings(straight, inkMask(straight, 160), { minLength: 40, maxGap: 2, maxThickness: 8, longLength: 120, touch: 4 });
    expect(r.filter((l) => l.orientation === 'h' && l.x1 - l.x0 > 400)).toHaveLength(3);
  });
});

describe('scanned reports read by OCR', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-ocr-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  await makeScans({ outDir: dir, seed: 'ocr-test-1', count: 2, corpus: false });
  const scores = await scoreScans(dir);

  // Measured 90.0 % on this sample at the last commit; the aim is 98 % (not reached yet).
  it('reads the numbers of the scans (at least 85 % of cells right)', () => {
    expect(scores).toHaveLength(2);
    for (const s of scores) expect(s.rejected).toBeNull();
    const t = summarise(scores);
    expect(t.accuracy, scores.flatMap((s) => s.wrong).join('\n')).toBeGreaterThanOrEqual(0.85);
  });

  it('marks every record read by OCR, with a warning and the page box of its numbers', () => {
    for (const s of scores) {
      expect(s.confidence).toBe('ocr');
      expect(s.record!.warnings.some((w) => w.startsWith('read by OCR from '))).toBe(true);
      const p = s.record!.provenance?.['applications.new_received[6]'];
      expect(p?.page).toBeGreaterThanOrEqual(1);
      expect(p?.box).toHaveLength(4);
    }
  });
});
