/**
 * Labels set one to three characters a line in a narrow column (Writer and Chromium wrap a
 * squeezed label column so: 自 / 然 / 人, 行 / 政 / 规 / 范 / 性 / 文 / 件) joined again, among
 * the fragments no ruled table claimed (a ruled cell joins its own lines). Without this, a
 * table without rulings reads every character as a line of its own, and a row's numbers are
 * attributed to one character of its label.
 *
 * A stack is a run of short text fragments, each alone on its line, one above the other in one column (left edges or
 * centres within `STACK_ALIGN_EM`), each at most `cellLeadingEm` below the one before. Where
 * the gaps differ, the wider ones are borders between cells (padding adds to the line gap):
 * the stack is cut there. The joined label stands on the line of the first numbers beside the
 * stack (a cell aligned to the top or to the middle), else at the stack's middle.
 */
import type { LayoutSettings } from '../../layout/settings.ts';
import { isValueCell } from '../../mapper/numbers.ts';
import { joinLines } from './fragments-to-lines.ts';
import { centreX, centreY, type Fragment } from './page-content.ts';

/** A piece of a stacked label holds at most this many characters. */
const MAX_PIECE_CHARS = 3;
/** Pieces of one stack are aligned within this distance (× font size), by left edge or centre. */
const STACK_ALIGN_EM = 0.6;
/** A gap this much (× font size) wider than the stack's narrowest is a border between cells. */
const CELL_BORDER_EXTRA_EM = 0.25;

const CJK = /[\u3400-\u9fff\uf900-\ufaff（）]/;
const isNumber = (s: string) => /\d/.test(s) && isValueCell(s);

const isPiece = (f: Fragment) => !f.vertical && [...f.text.trim()].length <= MAX_PIECE_CHARS && CJK.test(f.text) && !isNumber(f.text);

/** The fragments with every stacked label joined into one fragment. */
export function joinStackedFragments(fragments: readonly Fragment[], settings: LayoutSettings): Fragment[] {
  // A piece stands alone on its line: a short run inside running text ('件，') has neighbours.
  const alone = (p: Fragment) =>
    !fragments.some((f) => f !== p && Math.abs(centreY(f) - centreY(p)) <= settings.lineToleranceEm * p.size && Math.max(f.x0 - p.x1, p.x0 - f.x1) < settings.columnGapEm * p.size);
  const pieces = fragments.filter((f) => isPiece(f) && alone(f)).sort((a, b) => a.top - b.top || a.x0 - b.x0);
  if (pieces.length < 2) return [...fragments];
  const numbers = fragments.filter((f) => isNumber(f.text));
  const used = new Set<Fragment>();
  const joined: Fragment[] = [];
  for (const start of pieces) {
    if (used.has(start)) continue;
    const stack = [start];
    used.add(start);
    for (;;) {
      const last = stack[stack.length - 1]!;
      const size = last.size;
      const next = pieces.find(
        (f) =>
          !used.has(f) &&
          Math.abs(f.size - size) <= 0.1 * size &&
          f.top >= last.bottom - 0.3 * size &&
          f.top - last.bottom <= settings.cellLeadingEm * size &&
          (Math.abs(f.x0 - last.x0) <= STACK_ALIGN_EM * size || Math.abs(centreX(f) - centreX(last)) <= STACK_ALIGN_EM * size),
      );
      if (!next) break;
      stack.push(next);
      used.add(next);
    }
    if (stack.length < 2) {
      used.delete(start);
      continue;
    }
    for (const part of cutAtBorders(stack)) {
      if (part.length < 2) {
        used.delete(part[0]!);
        continue;
      }
      joined.push(joinStack(part, numbers, settings));
    }
  }
  return [...fragments.filter((f) => !used.has(f)), ...joined];
}

/** A stack cut where a gap is wider than its narrowest gap by a cell's padding. */
function cutAtBorders(stack: Fragment[]): Fragment[][] {
  const gaps = stack.slice(1).map((f, i) => f.top - stack[i]!.bottom);
  const narrowest = Math.min(...gaps);
  const out: Fragment[][] = [[stack[0]!]];
  gaps.forEach((g, i) => {
    if (g > narrowest + CELL_BORDER_EXTRA_EM * stack[i]!.size) out.push([]);
    out[out.length - 1]!.push(stack[i + 1]!);
  });
  return out;
}

function joinStack(stack: Fragment[], numbers: readonly Fragment[], settings: LayoutSettings): Fragment {
  const x1 = Math.max(...stack.map((f) => f.x1));
  const [top, bottom] = [stack[0]!.top, stack[stack.length - 1]!.bottom];
  const size = stack[0]!.size;
  // The row's numbers stand beside the cell, at the height of its first line (top-aligned) or
  // of its middle (centred): the joined label goes on the line of the first of them.
  const beside = numbers
    .filter((n) => n.x0 > x1 && centreY(n) >= top - settings.lineToleranceEm * size && centreY(n) <= bottom + settings.lineToleranceEm * size)
    .sort((a, b) => a.top - b.top)[0];
  const y = beside ? centreY(beside) : (top + bottom) / 2;
  return {
    text: joinLines(stack.map((f) => f.text.trim())),
    x0: Math.min(...stack.map((f) => f.x0)),
    x1,
    top: y - size / 2,
    bottom: y + size / 2,
    size,
    vertical: false,
  };
}
