/**
 * The text reader: plain text (as agencies paste it, as converters write it, as PDF copy-paste
 * leaves it) → the document model. Layout rules only; no canonical keys here.
 *
 * Table shapes it recognises (each a run of lines, blank lines allowed inside):
 * - tab-separated rows, whose leading cells may be missing (seeds 000, 002, 003, 004);
 * - one cell per line, each indented by a tab, rows separated by blank lines (seed 001);
 * - Markdown pipe tables (`| 规章 | 0 | 0 | 0 |`), one per group in some conversions;
 * - text copied out of a PDF: a label and its numbers on one line separated by spaces.
 * Everything else is a paragraph; Markdown `#` headings keep their level.
 */
import { decodeBytes, replacedWarning } from '../../text/decode.ts';
import { grid, paragraph, type Block, type Document, type GridCell } from '../document.ts';
import { isValueCell, parseCell } from '../mapper/numbers.ts';

/** Share of single-cell lines above which a tab-indented run is "one cell per line". */
const ONE_CELL_PER_LINE_SHARE = 0.7;
/** A header line copied from a PDF: at most this many tokens … */
const MAX_HEADER_TOKENS = 16;
/** … each at most this long. */
const MAX_HEADER_TOKEN_CHARS = 24;
/** A spaced row's label is at most this long (longer is a sentence ending in a number). */
const MAX_SPACED_LABEL_CHARS = 60;
/** Label-less spaced rows need this many numbers (so "- 3 -" page numbers are not rows). */
const MIN_BARE_NUMBERS = 3;
/** A line ending in this many numbers is a table row whatever its label's punctuation. */
const MIN_ROW_NUMBERS = 3;

/**
 * Size limits (issue 16): a 5 MB line of numbers made 2.6 million cells (636 MB), 200,000 copies
 * of a row 1.8 million. A line longer than `maxRowChars` is running text, never a table row (the
 * widest report row is ~200 characters); after `maxLines` lines or `maxCells` table cells the
 * rest of the document is not read, and `Document.cut` says so.
 */
export interface TextLimits {
  maxRowChars: number;
  maxLines: number;
  maxCells: number;
}

export const DEFAULT_TEXT_LIMITS: TextLimits = { maxRowChars: 4096, maxLines: 200_000, maxCells: 250_000 };

type LineKind = 'blank' | 'pipe' | 'pipe-rule' | 'tab' | 'spaced' | 'spaced-header' | 'heading' | 'text';

interface Line {
  no: number;
  raw: string;
  kind: LineKind;
  /** Cells for table lines. */
  cells?: string[];
}

const BLANK = /^[\s\u00a0\u3000\ufeff]*$/;
const PIPE_RULE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const HEADING = /^\s*(#{1,6})\s+(.*)$/;
const SENTENCE_PUNCT = /[。；;！？!?]|，.*，/;

const cleanCell = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, ' ').trim();

function classify(raw: string, no: number, maxRowChars = DEFAULT_TEXT_LIMITS.maxRowChars): Line {
  // A tab-only line is an empty cell in a one-cell-per-line table (seed 001), not a blank line.
  if (BLANK.test(raw) && !raw.includes('\t')) return { no, raw, kind: 'blank' };
  if (raw.length > maxRowChars) return { no, raw, kind: 'text' };
  if (PIPE_RULE.test(raw) && raw.includes('-')) return { no, raw, kind: 'pipe-rule' };
  // GFM makes the outer pipes optional: any line with two or more pipes is a table row.
  if ((raw.match(/\|/g)?.length ?? 0) >= 2) {
    const inner = raw.trim().replace(/^\|/, '').replace(/\|$/, '');
    return { no, raw, kind: 'pipe', cells: inner.split('|').map(cleanCell) };
  }
  if (raw.includes('\t')) return { no, raw, kind: 'tab', cells: raw.split('\t').map(cleanCell) };
  if (HEADING.test(raw)) return { no, raw, kind: 'heading' };
  const spaced = spacedCells(raw);
  if (spaced) return { no, raw, kind: 'spaced', cells: spaced };
  const tokens = raw.trim().split(/[ \u00a0\u3000]+/);
  if (tokens.length >= 2 && tokens.length <= MAX_HEADER_TOKENS && tokens.every((t) => t.length <= MAX_HEADER_TOKEN_CHARS) && !SENTENCE_PUNCT.test(raw)) {
    return { no, raw, kind: 'spaced-header', cells: tokens };
  }
  return { no, raw, kind: 'text' };
}

/** A line copied from a PDF table: label text, then numbers separated by spaces. Null when it is not one. */
function spacedCells(raw: string): string[] | null {
  const tokens = raw.trim().split(/[ \u00a0\u3000]+/);
  if (tokens.length < 2) return null;
  let k = tokens.length;
  while (k > 0 && isValueCell(tokens[k - 1]!)) k--;
  const values = tokens.slice(k);
  const numbers = values.filter((t) => parseCell(t).kind === 'number').length;
  if (numbers === 0) return null;
  const label = tokens.slice(0, k).join(' ');
  if (!label) return numbers >= MIN_BARE_NUMBERS ? values : null;
  if (label.length > MAX_SPACED_LABEL_CHARS) return null;
  // Running text does not end in a row of numbers; a line ending in one or two might be a
  // sentence, unless its punctuation is a label's: commas inside brackets belong to
  // （二）部分公开（区分处理的，只计这一情形，不计其他情形）, and a wrapped label's second line
  // may start mid-bracket.
  const unbracketed = label.replace(/（[^（）]*）|\([^()]*\)/g, '');
  if (numbers < MIN_ROW_NUMBERS && SENTENCE_PUNCT.test(unbracketed)) return null;
  // "2021 年" or "第 3 页": a number inside running text, not a table cell.
  if (values.length === 1 && /[年月日页]$/.test(label)) return null;
  return [label, ...values];
}

/** Reads plain text (any charset text/decode.ts knows) into a Document. */
export async function readText(bytes: Uint8Array, _source: string): Promise<Document> {
  const { text, replaced } = decodeBytes(bytes);
  const doc = textToDocument(text);
  return replaced ? { ...doc, warnings: [replacedWarning(replaced), ...doc.warnings] } : doc;
}

/** The pure part of readText, for tests and for readers that produce text. */
export function textToDocument(text: string, limits: TextLimits = DEFAULT_TEXT_LIMITS): Document {
  const { lines, cut } = classifyLines(text.replace(/^\ufeff/, ''), limits);
  const blocks: Block[] = [];
  const warnings: string[] = cut ? [cut] : [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.kind === 'blank' || line.kind === 'pipe-rule') {
      i++;
      continue;
    }
    if (line.kind === 'heading') {
      const m = HEADING.exec(line.raw)!;
      blocks.push(paragraph(m[2]!.trim(), { heading: m[1]!.length, at: `line ${line.no}`, pos: { line: line.no } }));
      i++;
      continue;
    }
    if (line.kind === 'text' || line.kind === 'spaced-header') {
      // A header-like line only joins a table when a spaced row follows it.
      if (line.kind === 'spaced-header' && nextTableLine(lines, i + 1)?.kind === 'spaced') {
        i = takeRun(lines, i, ['spaced', 'spaced-header'], blocks, (run) => spacedGrid(run));
        continue;
      }
      blocks.push(paragraph(line.raw.trim(), { at: `line ${line.no}`, pos: { line: line.no } }));
      i++;
      continue;
    }
    if (line.kind === 'pipe') {
      i = takeRun(lines, i, ['pipe', 'pipe-rule'], blocks, (run) => rowsGrid(run, true));
      continue;
    }
    if (line.kind === 'tab') {
      i = takeRun(lines, i, ['tab'], blocks, tabGrid);
      continue;
    }
    i = takeRun(lines, i, ['spaced', 'spaced-header'], blocks, (run) => spacedGrid(run));
  }
  return { format: 'txt', blocks, meta: {}, warnings, ...(cut ? { cut } : {}) };
}

const LINE_BREAK = /\r\n|\r|\n/g;

/** The document's lines, classified one by one until a limit is passed (then `cut` says where). */
function classifyLines(text: string, limits: TextLimits): { lines: Line[]; cut?: string } {
  const lines: Line[] = [];
  let cells = 0;
  let start = 0;
  LINE_BREAK.lastIndex = 0;
  for (;;) {
    const m = LINE_BREAK.exec(text);
    const end = m ? m.index : text.length;
    const no = lines.length + 1;
    if (no > limits.maxLines) return { lines, cut: `text: more than ${limits.maxLines} lines; read up to line ${no - 1}, the rest is not read` };
    const line = classify(text.slice(start, end), no, limits.maxRowChars);
    cells += line.cells?.length ?? 0;
    if (cells > limits.maxCells) return { lines, cut: `text: more than ${limits.maxCells} table cells; read up to line ${no - 1}, the rest is not read` };
    lines.push(line);
    if (!m) return { lines };
    start = LINE_BREAK.lastIndex;
  }
}

/** The next non-blank line from `i`. */
function nextTableLine(lines: Line[], i: number): Line | undefined {
  while (i < lines.length && lines[i]!.kind === 'blank') i++;
  return lines[i];
}

/**
 * Takes a run of lines of the given kinds starting at `start`, allowing blank lines inside when a
 * line of the run follows them, turns it into a grid and returns the index after the run.
 */
function takeRun(lines: Line[], start: number, kinds: LineKind[], blocks: Block[], toGrid: (run: Line[]) => Block): number {
  const run: Line[] = [];
  let i = start;
  while (i < lines.length) {
    const l = lines[i]!;
    if (kinds.includes(l.kind)) {
      run.push(l);
      i++;
      continue;
    }
    if (l.kind === 'blank') {
      const next = nextTableLine(lines, i);
      if (next && kinds.includes(next.kind) && next.kind !== 'spaced-header') {
        run.push(l);
        i++;
        continue;
      }
    }
    break;
  }
  // A trailing header-like line belongs to the text after the table, not to it.
  while (run.length && (run[run.length - 1]!.kind === 'spaced-header' || run[run.length - 1]!.kind === 'blank')) run.pop();
  if (run.length === 0) {
    const l = lines[start]!;
    blocks.push(paragraph(l.raw.trim(), { at: `line ${l.no}`, pos: { line: l.no } }));
    return start + 1;
  }
  const block = toGrid(run);
  if (block) blocks.push(block);
  // Line numbers are 1-based, so the last line's number is the index of the line after the run.
  return run[run.length - 1]!.no;
}

const cellsOf = (l: Line): GridCell[] => (l.cells ?? []).map((text, col) => ({ text, at: `line ${l.no} cell ${col + 1}`, pos: { line: l.no } }));

function rowsGrid(run: Line[], positional: boolean): Block {
  const rows = run.filter((l) => l.kind !== 'blank' && l.kind !== 'pipe-rule').map(cellsOf);
  return grid(rows, positional, { at: `lines ${run[0]!.no}-${run[run.length - 1]!.no}` });
}

function spacedGrid(run: Line[]): Block {
  return rowsGrid(run, false);
}

/**
 * Tab-separated rows, or one cell per line (every line one tab-indented cell, rows separated
 * by blank lines: the table structure survives only as order).
 */
function tabGrid(run: Line[]): Block {
  const content = run.filter((l) => l.kind === 'tab');
  const single = content.filter((l) => /^\t[^\t]*$/.test(l.raw)).length;
  const at = `lines ${run[0]!.no}-${run[run.length - 1]!.no}`;
  if (content.length >= 2 && single / content.length >= ONE_CELL_PER_LINE_SHARE) {
    const rows: GridCell[][] = [];
    let row: GridCell[] = [];
    for (const l of run) {
      if (l.kind === 'blank') {
        if (row.length) rows.push(row);
        row = [];
        continue;
      }
      for (const [j, text] of l.raw.split('\t').slice(1).entries()) row.push({ text: cleanCell(text), at: `line ${l.no}${j ? ` cell ${j + 1}` : ''}`, pos: { line: l.no } });
    }
    if (row.length) rows.push(row);
    return grid(rows, false, { at, notes: ['one cell per line; rows recovered from blank lines'] });
  }
  return grid(content.map(cellsOf), false, { at });
}
