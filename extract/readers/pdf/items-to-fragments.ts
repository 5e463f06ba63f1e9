/**
 * pdf.js text items → Fragments in the upright frame. An item is a run of glyphs on one
 * baseline; producers often put several table cells into one run separated by spaces
 * ("21  0  0"), so runs are split at white space, each piece placed by its share of the run's
 * width. Whitespace-only items (WPS writes huge "spacing" items) carry no text and are dropped.
 */
import type { Fragment } from './page-content.ts';
import { mapRadicals } from './radicals.ts';
import { apply, multiply, quarterTurns, type Matrix } from './upright-frame.ts';

/** The parts of pdf.js's TextItem and TextStyle used here. */
export interface PdfTextItem {
  str: string;
  dir: string;
  width: number;
  height: number;
  transform: number[];
  fontName: string;
}
export interface PdfTextStyle {
  ascent?: number;
  descent?: number;
  vertical?: boolean;
}

/** Ascent and descent (× font size) when a font does not say. */
const DEFAULT_ASCENT = 0.85;
const DEFAULT_DESCENT = -0.15;

/** Relative advance of a character: CJK and fullwidth forms are square, the rest about half as wide. */
function advance(ch: string): number {
  const c = ch.codePointAt(0)!;
  return c >= 0x2e80 || (c >= 0x1100 && c <= 0x11ff) ? 1 : 0.5;
}

/**
 * The dominant reading direction of a page's text in the viewport, as quarter turns (weighted
 * by characters), so that a page of text drawn at 90° is read upright.
 */
export function dominantTurns(items: readonly PdfTextItem[], viewport: readonly number[]): 0 | 1 | 2 | 3 {
  const weight = [0, 0, 0, 0];
  for (const it of items) {
    if (!it.str.trim() || it.dir === 'ttb') continue;
    const m = multiply(viewport, it.transform);
    weight[quarterTurns(m[0], m[1])]! += it.str.length;
  }
  const best = weight.indexOf(Math.max(...weight));
  return weight[best]! > 0 ? (best as 0 | 1 | 2 | 3) : 0;
}

/** Text items → fragments in the frame `frame` (user space → upright). */
export function itemsToFragments(items: readonly PdfTextItem[], styles: Record<string, PdfTextStyle>, frame: Matrix): Fragment[] {
  const out: Fragment[] = [];
  for (const it of items) {
    if (!it.str || !it.str.trim()) continue;
    const m = multiply(frame, it.transform);
    const size = Math.hypot(m[2], m[3]);
    if (!(size > 0)) continue;
    const style = styles[it.fontName] ?? {};
    const ascent = style.ascent && style.ascent > 0 ? style.ascent : DEFAULT_ASCENT;
    const descent = style.descent && style.descent < 0 ? style.descent : DEFAULT_DESCENT;
    const [ox, oy] = apply(m, 0, 0);
    // Unit vectors along the run and towards the top of its glyphs.
    const len = Math.hypot(m[0], m[1]) || 1;
    const [ux, uy] = [m[0] / len, m[1] / len];
    const [nx, ny] = [m[2] / size, m[3] / size];
    const text = mapRadicals(it.str);
    if (it.dir === 'ttb') {
      // A vertical font: the run advances down the glyphs' own up axis, centred on the origin.
      const half = it.width / 2;
      out.push(boxFragment(text, size, [
        [ox - ux * half, oy - uy * half],
        [ox + ux * half, oy + uy * half],
        [ox - ux * half - nx * it.height, oy - uy * half - ny * it.height],
        [ox + ux * half - nx * it.height, oy + uy * half - ny * it.height],
      ], true));
      continue;
    }
    const upright = quarterTurns(ux, uy) === 0;
    const at = (share: number, up: number): [number, number] => [ox + ux * it.width * share + nx * size * up, oy + uy * it.width * share + ny * size * up];
    if (!upright) {
      // Text drawn at an angle to the page's reading direction (a rotated cell label): one piece.
      out.push(boxFragment(text, size, [at(0, descent), at(0, ascent), at(1, descent), at(1, ascent)], true));
      continue;
    }
    const chars = [...text];
    const total = chars.reduce((s, c) => s + advance(c), 0);
    let pos = 0;
    let start = -1;
    let startPos = 0;
    const flush = (endPos: number, end: number) => {
      if (start < 0) return;
      const piece = chars.slice(start, end).join('');
      out.push(boxFragment(piece, size, [at(startPos / total, descent), at(endPos / total, ascent)], false));
      start = -1;
    };
    chars.forEach((c, i) => {
      const isSpace = /\s/.test(c);
      if (isSpace) flush(pos, i);
      else if (start < 0) {
        start = i;
        startPos = pos;
      }
      pos += advance(c);
    });
    flush(pos, chars.length);
  }
  return out;
}

function boxFragment(text: string, size: number, corners: [number, number][], vertical: boolean): Fragment {
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  return { text, x0: Math.min(...xs), x1: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys), size, vertical };
}
