/**
 * Tables drawn without ruling lines, found among the lines that no ruled table claimed. A line
 * is split into segments at wide gaps (and between two numbers at any visible gap: "1" "2"
 * touching is 12, "1 2" is two cells). Lines with numbers in two or more segments are table
 * rows; lines of several text segments are header rows; a short label-only line next to a row
 * (within the leading of one cell) is the wrapped part of that row's label, or a group label
 * printed beside it. The value columns come from where the numbers stand; the grid is not
 * positional (columns are inferred), so the mapper aligns a row's numbers to the right.
 */
import { grid, type Grid, type GridCell } from '../../document.ts';
import type { LayoutSettings } from '../../layout/settings.ts';
import { isValueCell } from '../../mapper/numbers.ts';
import { boxOf } from './cells-to-grid.ts';
import { joinFragments, joinLines, type Line } from './fragments-to-lines.ts';
import type { Box, Fragment } from './page-content.ts';

export interface UnruledTable {
  grid: Grid;
  box: Box;
  /** Column borders (x) of the value columns, left to right. */
  columns: number[];
}

interface Segment {
  text: string;
  x0: number;
  x1: number;
  numeric: boolean;
  fragments: Fragment[];
}

interface TableLine {
  line: Line;
  segments: Segment[];
  kind: 'row' | 'header' | 'text';
}

/** Text larger than the table's labels by more than this share is a heading: it ends the table. */
const HEADING_SIZE_SHARE = 0.15;
/** A label-only line inside a table is at most this many segments … */
const MAX_LABEL_LINE_SEGMENTS = 2;
/** … and lines inside one table are at most this far apart (× font size). */
const MAX_ROW_GAP_EM = 2.5;

const isNumber = (s: string) => /\d/.test(s) && isValueCell(s);
/**
 * A mark printed in a value cell for a blank (规章 | 22 | / | 235): where it stands is a column
 * as a number's place is, so the numbers of a short row keep their columns.
 */
const BLANK_MARK = /^(?:\/|\\|-{1,2}|—{1,2}|–|－|×)$/;
const isValue = (s: string) => isNumber(s) || BLANK_MARK.test(s.trim());

/** The size of a line's text that is not a number (numbers are often set larger: hongze-2023.pdf). */
const labelSize = (l: Line) => Math.max(0, ...l.fragments.filter((f) => !isNumber(f.text)).map((f) => f.size));

/** A run of touching fragments as one segment. */
/** The box a segment's fragments cover. */
function segmentBox(s: Segment): Box | undefined {
  if (!s.fragments.length) return undefined;
  return { x0: Math.min(...s.fragments.map((f) => f.x0)), x1: Math.max(...s.fragments.map((f) => f.x1)), top: Math.min(...s.fragments.map((f) => f.top)), bottom: Math.max(...s.fragments.map((f) => f.bottom)) };
}

const unionBox = (a: Box | undefined, b: Box | undefined): Box | undefined =>
  !a ? b : !b ? a : { x0: Math.min(a.x0, b.x0), x1: Math.max(a.x1, b.x1), top: Math.min(a.top, b.top), bottom: Math.max(a.bottom, b.bottom) };

function runToSegment(run: Fragment[], settings: LayoutSettings): Segment {
  const text = joinFragments(run, settings);
  return { text, x0: run[0]!.x0, x1: run[run.length - 1]!.x1, numeric: isValue(text), fragments: run };
}

/** Fragments → segments, a new one wherever `splits(prev, next)` says so. */
function splitRuns(fragments: readonly Fragment[], settings: LayoutSettings, splits: (prev: Fragment, next: Fragment) => boolean): Segment[] {
  const out: Segment[] = [];
  let run: Fragment[] = [];
  for (const f of fragments) {
    const prev = run[run.length - 1];
    if (prev && splits(prev, f)) {
      out.push(runToSegment(run, settings));
      run = [];
    }
    run.push(f);
  }
  if (run.length) out.push(runToSegment(run, settings));
  return out;
}

/** A line's fragments → segments, split at column gaps, and between two numbers at any visible gap. */
function lineToSegments(line: Line, settings: LayoutSettings): Segment[] {
  return splitRuns(line.fragments, settings, (prev, f) => {
    const gap = f.x0 - prev.x1;
    const size = Math.min(f.size, prev.size);
    return gap > settings.columnGapEm * size || (isValue(prev.text) && isValue(f.text) && gap >= settings.wordGapEm * size);
  });
}

function classify(line: Line, settings: LayoutSettings): TableLine {
  const segments = lineToSegments(line, settings);
  const numbers = segments.filter((s) => s.numeric).length;
  const kind = numbers >= 1 && segments.length >= 2 ? 'row' : segments.length >= 2 && numbers === 0 ? 'header' : 'text';
  return { line, segments, kind };
}

/**
 * Finds tables without rulings among `lines` (top to bottom). Returns the tables and the lines
 * left for paragraphs.
 */
export function linesToUnruledTables(lines: readonly Line[], settings: LayoutSettings, page: number): { tables: UnruledTable[]; rest: Line[] } {
  const classified = lines.map((l) => classify(l, settings));
  const tables: UnruledTable[] = [];
  const rest: Line[] = [];
  let i = 0;
  while (i < classified.length) {
    const start = classified[i]!;
    if (start.kind === 'text') {
      rest.push(start.line);
      i++;
      continue;
    }
    // Grow the region while lines are rows, headers, or short label lines close to the last one.
    let end = i + 1;
    let size = labelSize(start.line);
    while (end < classified.length) {
      const next = classified[end]!;
      const prev = classified[end - 1]!;
      if (next.line.top - prev.line.bottom > MAX_ROW_GAP_EM * Math.max(next.line.size, prev.line.size)) break;
      if (size && labelSize(next.line) > size * (1 + HEADING_SIZE_SHARE)) break;
      size = Math.max(size, labelSize(next.line));
      if (next.kind === 'text' && next.segments.length > MAX_LABEL_LINE_SEGMENTS) break;
      if (next.kind === 'text' && !classified.slice(end + 1, end + 1 + MAX_LABEL_LINE_SEGMENTS + 1).some((l) => l.kind !== 'text')) break;
      end++;
    }
    const region = classified.slice(i, end);
    const rows = region.filter((l) => l.kind === 'row');
    const widest = Math.max(0, ...rows.map((r) => r.segments.filter((s) => s.numeric).length));
    if (rows.length >= settings.minUnruledRows || (rows.length >= 1 && widest >= settings.minUnruledColumns)) {
      tables.push(regionToTable(region, settings, page));
    } else {
      rest.push(...region.map((l) => l.line));
    }
    i = end;
  }
  return { tables, rest };
}

/** Value columns: numeric segments clustered by their centres, left to right. */
function valueColumns(rows: TableLine[], settings: LayoutSettings): { centre: number; x0: number; x1: number }[] {
  const segs = rows.flatMap((r) => r.segments.filter((s) => s.numeric).map((s) => ({ s, size: r.line.size }))).sort((a, b) => (a.s.x0 + a.s.x1) / 2 - (b.s.x0 + b.s.x1) / 2);
  const cols: { centre: number; x0: number; x1: number; n: number }[] = [];
  for (const { s, size } of segs) {
    const c = (s.x0 + s.x1) / 2;
    const last = cols[cols.length - 1];
    if (last && c - last.centre <= settings.columnGapEm * size) {
      last.centre = (last.centre * last.n + c) / (last.n + 1);
      last.n++;
      last.x0 = Math.min(last.x0, s.x0);
      last.x1 = Math.max(last.x1, s.x1);
    } else cols.push({ centre: c, x0: s.x0, x1: s.x1, n: 1 });
  }
  return cols;
}

function regionToTable(region: TableLine[], settings: LayoutSettings, page: number): UnruledTable {
  const rows = region.filter((l) => l.kind === 'row');
  const cols = valueColumns(rows, settings);
  const firstValueX = cols[0]?.x0 ?? Infinity;
  const nearestCol = (s: Segment) => {
    const c = (s.x0 + s.x1) / 2;
    let best = 0;
    cols.forEach((col, k) => (Math.abs(col.centre - c) < Math.abs(cols[best]!.centre - c) ? (best = k) : 0));
    return best;
  };
  /** Label cells (x-ordered) and value cells per table row, before wrapped lines are folded in. */
  interface Built {
    line: TableLine;
    labels: Segment[];
    values: string[];
    /** Where each value is printed (provenance). */
    boxes?: (Box | undefined)[];
  }
  const built: Built[] = [];
  const loose: TableLine[] = [];
  for (const l of region) {
    if (l.kind === 'row') {
      const values = cols.map(() => '');
      const boxes: (Box | undefined)[] = cols.map(() => undefined);
      const labels: Segment[] = [];
      for (const s of l.segments) {
        if (s.numeric && s.x0 >= firstValueX - settings.columnGapEm * l.line.size) {
          const k = nearestCol(s);
          values[k] = values[k] ? `${values[k]} ${s.text}` : s.text;
          boxes[k] = unionBox(boxes[k], segmentBox(s));
        } else labels.push(s);
      }
      built.push({ line: l, labels, values, boxes });
    } else if (l.kind === 'header') built.push({ line: l, labels: l.segments.flatMap((s) => splitAtColumns(s, cols, settings)), values: [] });
    else loose.push(l);
  }
  // A label-only line in the label area joins the nearest row within one cell's leading; one
  // reaching over the numbers (a group heading across the table, 第二十条第（五）项) is a row of its own.
  for (const l of loose) {
    if (l.line.x1 > firstValueX) {
      built.push({ line: l, labels: l.segments, values: [] });
      continue;
    }
    const near = built
      .filter((b) => b.line.kind === 'row')
      .map((b) => ({ b, gap: Math.max(b.line.line.top - l.line.bottom, l.line.top - b.line.line.bottom, 0) }))
      .sort((a, b) => a.gap - b.gap)[0];
    if (near && near.gap <= settings.cellLeadingEm * l.line.size) foldInto(near.b, l);
    else built.push({ line: l, labels: l.segments, values: [] });
  }
  built.sort((a, b) => a.line.line.top - b.line.line.top);
  const at = (l: Line) => `page ${page} @ (${Math.round(l.x0)},${Math.round(l.top)})`;
  // Columns are inferred, so a row keeps only the numbers it prints (and blanks between them):
  // a lone number centred under a wide heading is that row's value, not a cell of some column.
  const trimmed = (values: string[]) => {
    const first = values.findIndex((v) => v);
    return first < 0 ? [] : values.slice(first, values.length - [...values].reverse().findIndex((v) => v)).map((v, i) => ({ v, k: first + i }));
  };
  const posOf = (box: Box | undefined) => (box ? { pos: { page, box: boxOf(box) } } : {});
  const out: GridCell[][] = built.map((b) => [
    ...b.labels.map((s) => ({ text: s.text, at: at(b.line.line), ...posOf(segmentBox(s)) })),
    ...trimmed(b.values).map(({ v, k }) => ({ text: v, at: at(b.line.line), ...posOf(b.boxes?.[k]) })),
  ]);
  const box: Box = {
    x0: Math.min(...region.map((l) => l.line.x0)),
    x1: Math.max(...region.map((l) => l.line.x1)),
    top: region[0]!.line.top,
    bottom: region[region.length - 1]!.line.bottom,
  };
  const columns = [...cols.map((c) => c.x0), cols.length ? cols[cols.length - 1]!.x1 : box.x1];
  return { grid: grid(out, false, { at: `page ${page}`, notes: ['table without ruling lines: columns inferred from text positions'] }), box, columns };
}

/**
 * A heading segment that covers the centres of several value columns (本年制发件数 本年废止件数
 * 现行有效件数 set closer than a column gap) is split at its word gaps.
 */
function splitAtColumns(s: Segment, cols: { centre: number }[], settings: LayoutSettings): Segment[] {
  const inside = cols.filter((c) => c.centre > s.x0 && c.centre < s.x1);
  if (inside.length < 2 || s.fragments.length < 2) return [s];
  return splitRuns(s.fragments, settings, (prev, f) => f.x0 - prev.x1 >= settings.wordGapEm * f.size);
}

/** Folds a wrapped label line into a row: into the label cell it lies under or over, else as a label of its own. */
function foldInto(row: { line: TableLine; labels: Segment[] }, l: TableLine): void {
  const above = l.line.bottom <= row.line.line.top + (row.line.line.bottom - row.line.line.top) / 2;
  for (const s of l.segments) {
    const home = row.labels.find((c) => Math.min(c.x1, s.x1) - Math.max(c.x0, s.x0) > 0);
    if (home) home.text = above ? joinLines([s.text, home.text]) : joinLines([home.text, s.text]);
    else {
      row.labels.push({ ...s });
      row.labels.sort((a, b) => a.x0 - b.x0);
    }
  }
}
