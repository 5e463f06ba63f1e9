import { describe, expect, it } from 'vitest';
import { dominantTurns, itemsToFragments, type PdfTextItem } from '../../../../extract/readers/pdf/items-to-fragments.ts';
import { mapRadicals } from '../../../../extract/readers/pdf/radicals.ts';
import { uprightFrame } from '../../../../extract/readers/pdf/upright-frame.ts';

/** An A4 page's viewport at scale 1: y flipped. */
const VIEWPORT = [1, 0, 0, -1, 0, 842];
const item = (str: string, x: number, y: number, width: number, size = 10, rotate = false): PdfTextItem => ({
  str,
  dir: 'ltr',
  width,
  height: size,
  // Text running upwards on the page (a landscape table printed sideways) when rotated.
  transform: rotate ? [0, size, -size, 0, x, y] : [size, 0, 0, size, x, y],
  fontName: 'f',
});

describe('text items → fragments', () => {
  it('places text in top-down coordinates and splits runs at white space', () => {
    const frame = uprightFrame(VIEWPORT, 595, 842, 0);
    const f = itemsToFragments([item('21  0  0', 100, 700, 40)], {}, frame.matrix);
    expect(f.map((x) => x.text)).toEqual(['21', '0', '0']);
    expect(f[0]!.top).toBeLessThan(f[0]!.bottom);
    expect(f[0]!.bottom).toBeCloseTo(842 - 700 + 1.5, 0);
    expect(f[1]!.x0).toBeGreaterThan(f[0]!.x1);
  });

  it('drops whitespace-only items (WPS spacing runs)', () => {
    const frame = uprightFrame(VIEWPORT, 595, 842, 0);
    expect(itemsToFragments([item(' ', 100, 700, 2000)], {}, frame.matrix)).toEqual([]);
  });

  it('turns a page of sideways text upright', () => {
    const items = [item('行政复议结果维持', 100, 100, 80, 10, true), item('12', 120, 100, 10, 10, true)];
    const turns = dominantTurns(items, VIEWPORT);
    expect(turns).not.toBe(0);
    const frame = uprightFrame(VIEWPORT, 595, 842, turns);
    expect(frame.width).toBe(842);
    const [label, number] = itemsToFragments(items, {}, frame.matrix);
    // Upright, the label runs left to right, and the second run (further right on the page) is below it.
    expect(label!.x1 - label!.x0).toBeCloseTo(80, 0);
    expect(number!.top).toBeGreaterThan(label!.top);
  });

  it('maps Kangxi and supplement radicals back, keeping fullwidth punctuation', () => {
    expect(mapRadicals('⽣产（⼀）⻓期')).toBe('生产（一）长期');
    expect(mapRadicals('（二）部分公开')).toBe('（二）部分公开');
  });
});
