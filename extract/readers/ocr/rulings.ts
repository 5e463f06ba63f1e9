/**
 * Ruling lines of a page image: long horizontal and vertical runs of ink. A run may have short
 * gaps (noise, JPEG blocks); runs in neighbouring rows (columns) that overlap make one line of
 * some thickness. A line much thicker than a pen stroke is a filled area, not a ruling.
 */
import type { Gray } from './raster.ts';

/** A ruling line in pixels: horizontal (`y0..y1` its thickness) or vertical (`x0..x1`). */
export interface Ruling {
  orientation: 'h' | 'v';
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export interface RulingOptions {
  /** Shortest run that counts as a line, in pixels. */
  minLength: number;
  /** Longest gap (pixels) inside a run. */
  maxGap: number;
  /** Thickest line, in pixels. */
  maxThickness: number;
}

interface Run {
  at: number;
  from: number;
  to: number;
}

/** Runs of ink along one axis: `get(i, j)` is the pixel at position j of line i. */
function runs(lines: number, length: number, get: (i: number, j: number) => number, opts: RulingOptions): Run[] {
  const out: Run[] = [];
  for (let i = 0; i < lines; i++) {
    let start = -1;
    let last = -1;
    for (let j = 0; j <= length; j++) {
      const ink = j < length && get(i, j) === 1;
      if (ink) {
        if (start < 0) start = j;
        else if (j - last - 1 > opts.maxGap) {
          if (last - start + 1 >= opts.minLength) out.push({ at: i, from: start, to: last });
          start = j;
        }
        last = j;
      }
    }
    if (start >= 0 && last - start + 1 >= opts.minLength) out.push({ at: i, from: start, to: last });
  }
  return out;
}

/** Runs in consecutive lines that overlap → one thick line. */
function group(list: Run[], opts: RulingOptions): { at0: number; at1: number; from: number; to: number }[] {
  const open: { at0: number; at1: number; from: number; to: number }[] = [];
  const done: typeof open = [];
  for (const r of list) {
    const g = open.find((o) => o.at1 >= r.at - 1 && Math.min(o.to, r.to) - Math.max(o.from, r.from) > 0.5 * Math.min(o.to - o.from, r.to - r.from));
    if (g) {
      g.at1 = r.at;
      g.from = Math.min(g.from, r.from);
      g.to = Math.max(g.to, r.to);
    } else open.push({ at0: r.at, at1: r.at, from: r.from, to: r.to });
    // Close groups left behind.
    for (let k = open.length - 1; k >= 0; k--) if (open[k]!.at1 < r.at - 1) done.push(...open.splice(k, 1));
  }
  done.push(...open);
  return done.filter((g) => g.at1 - g.at0 + 1 <= opts.maxThickness);
}

/**
 * The page's horizontal and vertical ruling lines. `mask` is 1 for ink. A line shorter than
 * `opts.longLength` is kept only when it meets a long line of the other orientation (within
 * `opts.touch` pixels): the short rulings of a table end on its long ones, while the strokes of
 * a bold character (开, 情) only meet each other.
 */
export function findRulings(img: Gray, mask: Uint8Array, opts: RulingOptions & { longLength: number; touch: number }): Ruling[] {
  const { width: w, height: h } = img;
  const hr = group(runs(h, w, (y, x) => mask[y * w + x]!, opts), opts).map((g): Ruling => ({ orientation: 'h', x0: g.from, x1: g.to, y0: g.at0, y1: g.at1 }));
  const vr = group(runs(w, h, (x, y) => mask[y * w + x]!, opts), opts).map((g): Ruling => ({ orientation: 'v', x0: g.at0, x1: g.at1, y0: g.from, y1: g.to }));
  const length = (r: Ruling) => (r.orientation === 'h' ? r.x1 - r.x0 : r.y1 - r.y0) + 1;
  const meets = (a: Ruling, b: Ruling) =>
    a.x0 <= b.x1 + opts.touch && b.x0 <= a.x1 + opts.touch && a.y0 <= b.y1 + opts.touch && b.y0 <= a.y1 + opts.touch;
  const longH = hr.filter((r) => length(r) >= opts.longLength);
  const longV = vr.filter((r) => length(r) >= opts.longLength);
  return [
    ...hr.filter((r) => length(r) >= opts.longLength || longV.some((v) => meets(r, v))),
    ...vr.filter((r) => length(r) >= opts.longLength || longH.some((h) => meets(r, h))),
  ];
}

/** `img` with the rulings painted white (widened by `pad` pixels), so OCR sees text only. */
export function eraseRulings(img: Gray, rulings: readonly Ruling[], pad: number): Gray {
  const out = { ...img, data: img.data.slice() };
  for (const r of rulings) {
    const [x0, x1] = [Math.max(0, r.x0 - pad), Math.min(img.width - 1, r.x1 + pad)];
    const [y0, y1] = [Math.max(0, r.y0 - pad), Math.min(img.height - 1, r.y1 + pad)];
    for (let y = y0; y <= y1; y++) out.data.fill(255, y * img.width + x0, y * img.width + x1 + 1);
  }
  return out;
}
