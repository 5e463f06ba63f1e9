/**
 * Lines outside tables → paragraphs in reading order. Chinese reports indent a paragraph's
 * first line by two characters and justify the rest to both margins, so a paragraph ends at a
 * short line, before an indented one, at a wide vertical gap or a change of font size. Headings
 * (二、主动公开政府信息情况) and a title printed on two centred lines come out as paragraphs of
 * their own, which is how the mapper finds sections and the title.
 */
import { boxOf } from './cells-to-grid.ts';
import { paragraph, type Paragraph } from '../../document.ts';
import type { LayoutSettings } from '../../layout/settings.ts';
import { joinFragments, joinLines, type Line } from './fragments-to-lines.ts';
import type { Box } from './page-content.ts';

export interface PlacedParagraph {
  paragraph: Paragraph;
  box: Box;
  /** The first line is indented (a paragraph starts here, not a continuation from the page before). */
  indented: boolean;
  /** The last line runs to the right margin: the paragraph may go on on the next page. */
  openEnd: boolean;
}

/** Two font sizes differing by more than this share start a new paragraph. */
const SIZE_CHANGE_SHARE = 0.15;
/** Margins are read to the nearest this many points. */
const MARGIN_BUCKET = 2;

/** The most common value of `values` rounded to `bucket`, or undefined. */
function mode(values: number[], bucket: number): number | undefined {
  const counts = new Map<number, number>();
  for (const v of values) {
    const k = Math.round(v / bucket) * bucket;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let best: number | undefined;
  for (const [k, n] of counts) if (best === undefined || n > counts.get(best)! || (n === counts.get(best)! && k < best)) best = k;
  return best;
}

/** Lines (top to bottom) → paragraphs. */
export function linesToParagraphs(lines: readonly Line[], settings: LayoutSettings, page: number): PlacedParagraph[] {
  const horizontal = lines.filter((l) => !l.fragments.every((f) => f.vertical));
  const left = mode(horizontal.map((l) => l.x0), MARGIN_BUCKET) ?? 0;
  const right = Math.max(mode(horizontal.map((l) => l.x1), MARGIN_BUCKET) ?? 0, ...horizontal.map((l) => l.x1));
  const out: PlacedParagraph[] = [];
  let group: Line[] = [];
  const flush = () => {
    if (!group.length) return;
    const text = joinLines(group.map((l) => joinFragments(l.fragments, settings))).replace(/\s+/g, ' ').trim();
    const box = { x0: Math.min(...group.map((l) => l.x0)), x1: Math.max(...group.map((l) => l.x1)), top: group[0]!.top, bottom: group[group.length - 1]!.bottom };
    const size = group[0]!.size;
    const indented = group[0]!.x0 - left > settings.indentEm * size;
    const openEnd = group[group.length - 1]!.x1 >= right - settings.shortLineEm * size;
    if (text) out.push({ paragraph: paragraph(text, { at: `page ${page} @ (${Math.round(box.x0)},${Math.round(box.top)})`, pos: { page, box: boxOf(box) } }), box, indented, openEnd });
    group = [];
  };
  for (const line of lines) {
    const prev = group[group.length - 1];
    if (prev && startsParagraph(prev, line, left, right, settings)) flush();
    group.push(line);
  }
  flush();
  return out;
}

function startsParagraph(prev: Line, line: Line, left: number, right: number, settings: LayoutSettings): boolean {
  const size = Math.min(prev.size, line.size);
  if (prev.fragments.every((f) => f.vertical) || line.fragments.every((f) => f.vertical)) return true;
  if (Math.abs(prev.size - line.size) > SIZE_CHANGE_SHARE * Math.max(prev.size, line.size)) return true;
  if (line.top - prev.bottom > settings.paragraphGapEm * size) return true;
  if (line.x0 - left > settings.indentEm * size) return true;
  return prev.x1 < right - settings.shortLineEm * size;
}
