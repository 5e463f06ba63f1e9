/**
 * Fragments → lines: fragments whose vertical centres lie within `lineToleranceEm` of a line's
 * are on that line, ordered left to right. A line's text joins neighbours without a space when
 * they touch (a number split into two runs, "1" "2", is 12) and with one space otherwise.
 */
import type { LayoutSettings } from '../../layout/settings.ts';
import { centreY, type Fragment } from './page-content.ts';

export interface Line {
  fragments: Fragment[];
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  /** The largest font size on the line. */
  size: number;
}

/** Groups fragments into lines, top to bottom. Vertical fragments are lines of their own. */
export function fragmentsToLines(fragments: readonly Fragment[], settings: LayoutSettings): Line[] {
  const sorted = [...fragments].sort((a, b) => centreY(a) - centreY(b) || a.x0 - b.x0);
  const lines: Line[] = [];
  let open: Line[] = [];
  for (const f of sorted) {
    if (f.vertical) {
      lines.push(lineOf([f]));
      continue;
    }
    const y = centreY(f);
    // Lines still within reach of this fragment's centre; earlier ones are closed.
    open = open.filter((l) => y - centreY(l) <= settings.lineToleranceEm * l.size);
    const home = open.find((l) => Math.abs(centreY(l) - y) <= settings.lineToleranceEm * Math.min(l.size, f.size));
    if (home) {
      home.fragments.push(f);
      grow(home, f);
    } else {
      const l = lineOf([f]);
      lines.push(l);
      open.push(l);
    }
  }
  for (const l of lines) l.fragments.sort((a, b) => a.x0 - b.x0);
  return lines.sort((a, b) => a.top - b.top || a.x0 - b.x0);
}

function lineOf(fragments: Fragment[]): Line {
  const f = fragments[0]!;
  const l: Line = { fragments, x0: f.x0, x1: f.x1, top: f.top, bottom: f.bottom, size: f.size };
  for (const g of fragments.slice(1)) grow(l, g);
  return l;
}

function grow(l: Line, f: Fragment): void {
  l.x0 = Math.min(l.x0, f.x0);
  l.x1 = Math.max(l.x1, f.x1);
  l.top = Math.min(l.top, f.top);
  l.bottom = Math.max(l.bottom, f.bottom);
  l.size = Math.max(l.size, f.size);
}

/** The text of fragments on one line, left to right: touching runs joined, others one space apart. */
export function joinFragments(fragments: readonly Fragment[], settings: LayoutSettings): string {
  let out = '';
  let prev: Fragment | null = null;
  for (const f of fragments) {
    if (prev) out += f.x0 - prev.x1 < settings.wordGapEm * Math.min(f.size, prev.size) ? '' : ' ';
    out += f.text;
    prev = f;
  }
  return out;
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

const DIGIT = /[0-9０-９]/;

/**
 * Lines of one cell or paragraph → one string. A line break inside Chinese text is no word
 * boundary ("只计这一情形，不" / "计其他情形）"), so lines join without a space when either side
 * of the break is CJK; nor is a break between digits (a number wrapped in a narrow cell, "2" /
 * "6", is 26). Latin words are joined with a space.
 */
export function joinLines(texts: readonly string[]): string {
  let out = '';
  for (const t of texts) {
    if (!t) continue;
    const [a, b] = [out[out.length - 1] ?? '', t[0]!];
    if (out && !CJK.test(a) && !CJK.test(b) && !(DIGIT.test(a) && DIGIT.test(b))) out += ' ';
    out += t;
  }
  return out;
}
