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
/** …or this many value cells (blanks printed as dashes among them) and two numbers. */
const MIN_BARE_ROW_CELLS = 5;
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
/** A Markdown/HTML comment on a line of its own (pdf2md's `<!-- PAGE_BREAK -->`): no content. */
const COMMENT = /^\s*<!--.*-->\s*$/;
const PIPE_RULE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const HEADING = /^\s*(#{1,6})\s+(.*)$/;
const SENTENCE_PUNCT = /[。；;！？!?]|，.*，/;

const cleanCell = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, ' ').trim();

function classify(raw: string, no: number, maxRowChars = DEFAULT_TEXT_LIMITS.maxRowChars): Line {
  // A tab-only line is an empty cell in a one-cell-per-line table (seed 001), not a blank line.
  if ((BLANK.test(raw) && !raw.includes('\t')) || COMMENT.test(raw)) return { no, raw, kind: 'blank' };
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
  // pdf2md marks a run in a smaller font (a number set as superscript) with '^': '形）^0 －^ －^0'.
  // A unit set apart from its amount ('政府集中采购 9 617000 元') belongs to the amount's cell.
  const tokens = raw.replace(/\^/g, ' ').replace(/(\d)[ \u00a0\u3000]+(万元|元)(?=[ \u00a0\u3000]|$)/g, '$1$2').trim().split(/[ \u00a0\u3000]+/);
  if (tokens.length < 2) return null;
  let k = tokens.length;
  while (k > 0 && isValueCell(tokens[k - 1]!)) k--;
  const values = tokens.slice(k);
  const numbers = values.filter((t) => parseCell(t).kind === 'number').length;
  if (numbers === 0) return null;
  const label = tokens.slice(0, k).join(' ');
  // A row whose blanks are printed as dashes ('0 － － － － － 0') is a row too; '- 3 -' is a page number.
  if (!label) return numbers >= MIN_BARE_NUMBERS || (numbers >= 2 && values.length >= MIN_BARE_ROW_CELLS) ? values : null;
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
  unheadTableLines(lines, limits.maxRowChars);
  cellsOnLines(lines);
  joinStackedLabels(lines);
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

/** Table rows a converter marked as headings before its headings are taken for table text. */
const MIN_HEADED_ROWS = 2;

/**
 * PDF → Markdown converters (pdf2md) mark every line set in a larger or bold font as a heading,
 * table rows included: `### 规章 0 0 0`, `### 一、本年新收政府信息公开申请数` / `### 量` /
 * `### 705 3 0 0 5 0 713`. Where several heading lines are table rows (label and numbers), the
 * markers say nothing about structure: every heading line below level 1 is read as a plain line
 * (a section heading stays a paragraph the mapper recognises by its words).
 */
function unheadTableLines(lines: Line[], maxRowChars: number): void {
  const inner = (l: Line) => HEADING.exec(l.raw)!;
  const headed = lines.filter((l) => l.kind === 'heading' && inner(l)[1]!.length > 1);
  const rows = headed.filter((l) => {
    const cells = spacedCells(inner(l)[2]!);
    return cells && cells.filter((c) => parseCell(c).kind === 'number').length >= MIN_ROW_NUMBERS;
  });
  if (rows.length < MIN_HEADED_ROWS) return;
  for (const l of headed) {
    const again = classify(inner(l)[2]!, l.no, maxRowChars);
    l.kind = again.kind === 'heading' ? 'text' : again.kind;
    l.raw = again.raw;
    l.cells = again.cells;
  }
}

/** Lone values, each a line between blank lines, before a text is read as one cell a line. */
const MIN_LONE_VALUES = 12;
/** … and this share of them stand between blank lines. */
const LONE_VALUE_SHARE = 0.8;
/** A cell's label text before its values is at most this long. */
const MAX_CELL_LABEL_CHARS = 80;

/**
 * Text extracted from a PDF without layout (`pdftotext`): one cell a paragraph, cells separated
 * by blank lines, a cell's wrapped lines kept together — a label's block, then its values one a
 * line. A run of lone values after a label block is that label's row. Where a run holds several
 * rows' values (the labels of cells spanning rows come out after their numbers), the run is cut
 * into rows of the width most runs have: the first row keeps the label, the others are rows
 * without a label, for the mapper to pair with labels printed elsewhere.
 */
function cellsOnLines(lines: Line[]): void {
  const lone = (i: number) => {
    const v = lines[i] && (lines[i]!.kind === 'text' || lines[i]!.kind === 'spaced-header' || lines[i]!.kind === 'spaced') ? valueTokens(lines[i]!) : null;
    return v && v.length === 1 ? v[0]! : null;
  };
  const isBlank = (i: number) => i < 0 || i >= lines.length || lines[i]!.kind === 'blank';
  let count = 0;
  let apart = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lone(i) === null) continue;
    count++;
    if (isBlank(i - 1) && isBlank(i + 1)) apart++;
  }
  if (count < MIN_LONE_VALUES || apart / count < LONE_VALUE_SHARE) return;
  // Runs of lone values (blank lines between them), each with the label block before it.
  const runs: { at: number[]; values: string[]; label: number[] }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lone(i) === null || !isBlank(i - 1)) continue;
    const at: number[] = [];
    let j = i;
    while (j < lines.length && lone(j) !== null && isBlank(j - 1) && isBlank(j + 1)) {
      at.push(j);
      j++;
      while (j < lines.length && lines[j]!.kind === 'blank') j++;
    }
    if (!at.length) continue;
    const label: number[] = [];
    let k = i - 1;
    while (k >= 0 && lines[k]!.kind === 'blank') k--;
    while (k >= 0 && lines[k]!.kind !== 'blank' && (lines[k]!.kind === 'text' || lines[k]!.kind === 'spaced-header') && lone(k) === null) label.unshift(k--);
    const text = label.map((n) => lines[n]!.raw.trim()).join('');
    const keep = label.length && text.length <= MAX_CELL_LABEL_CHARS && !SENTENCE_PUNCT.test(text.replace(/（[^（）]*）|\([^()]*\)/g, ''));
    runs.push({ at, values: at.map((n) => lone(n)!), label: keep ? label : [] });
    i = at[at.length - 1]!;
  }
  const widths = new Map<number, number>();
  for (const r of runs) if (r.values.length >= 2) widths.set(r.values.length, (widths.get(r.values.length) ?? 0) + 1);
  const width = [...widths].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
  for (const r of runs) {
    const label = joinLinesOfCell(r.label.map((n) => lines[n]!.raw.trim()));
    const rows = width >= 2 && r.values.length > width && r.values.length % width === 0 ? r.values.length / width : 1;
    const size = r.values.length / rows;
    for (const n of [...r.label, ...r.at]) Object.assign(lines[n]!, { kind: 'blank', cells: undefined });
    for (let q = 0; q < rows; q++) {
      const values = r.values.slice(q * size, (q + 1) * size);
      const cells = q === 0 && label ? [label, ...values] : values;
      Object.assign(lines[r.at[q * size]!]!, { kind: 'spaced', cells, raw: cells.join(' ') });
    }
  }
}

/** The lines of one cell: CJK lines join without a space, Latin words with one. */
const joinLinesOfCell = (texts: string[]) => texts.reduce((a, b) => (a && /[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b), '');

/** A line of a label stacked over several lines is at most this long (the last one, 12) … */
const MAX_STACKED_PIECE_CHARS = 5;
const MAX_LAST_PIECE_CHARS = 12;
/** … and a stacked label has at most this many lines. */
const MAX_STACKED_PIECES = 10;
/** A row label this short may be the last line of a stacked label ('规' / '章 0 0 0'). */
const MAX_STACKED_TAIL_CHARS = 2;
/** Where a label opens: 一、 （三） 2. (also a bracket cut from its numeral: '（三' / '）不'). */
const ORDINAL_START = /^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]|\d+[.．、])/;
/** A legal citation set as a heading of its own (第二十条第（五）项): never part of a cell's label. */
const CITATION = /^\s*第[^\s]{1,6}[条款项]/;

const pieceText = (l: Line) => l.raw.trim();
/** A line that may be one line of a label stacked in a narrow column. */
const isPiece = (l: Line, max = MAX_STACKED_PIECE_CHARS) => {
  const t = pieceText(l);
  return (l.kind === 'text' || l.kind === 'spaced-header') && [...t].length <= max && !SENTENCE_PUNCT.test(t) && !/[：:，,]/.test(t) && !/\d{2,}/.test(t) && !CITATION.test(t) && !(l.kind === 'spaced-header' && /\S{2}/.test(t));
};

/**
 * A label set in a narrow column comes out one piece a line (pdf2md, pdftotext), its numbers on
 * a line of their own after it, or with its last piece: '行政规' / '范性文' / '件' / '0 0 12';
 * '其他' / '对外' / '管理' / '服务' / '事项' / '115 -3 1555'; '规' / '章 0 0 0'; or with its
 * numbers on a middle line: '行政许 182' / '可'. Such pieces are joined into the row's label. A
 * run of pieces goes back to the previous table line, at most to a piece that opens a label
 * (一、 （三） 2.); every piece but the last of one cell has the same width (±1 character).
 * Letters spelled out one per token ('行 政 事 业 性 收 费') are one piece.
 */
function joinStackedLabels(lines: Line[]): void {
  for (const l of lines) {
    if (l.kind === 'spaced-header' && /^\S(?:[ \u00a0\u3000]+\S)+$/.test(l.raw.trim()) && !/\d/.test(l.raw)) Object.assign(l, { kind: 'text', raw: l.raw.replace(/[ \u00a0\u3000]+/g, ''), cells: undefined });
  }
  const prevLine = (j: number) => {
    while (j >= 0 && lines[j]!.kind === 'blank') j--;
    return j;
  };
  const nextLine = (j: number) => {
    while (j < lines.length && lines[j]!.kind === 'blank') j++;
    return j;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const values = valueTokens(line);
    const tail = !values && line.kind === 'spaced' && line.cells![0]!.length <= MAX_STACKED_TAIL_CHARS && !ORDINAL_START.test(line.cells![0]!) ? line.cells![0]! : null;
    if (!values && tail === null) continue;
    const pieces: Line[] = [];
    let width = -1;
    for (let j = prevLine(i - 1); j >= 0 && pieces.length < MAX_STACKED_PIECES; j = prevLine(j - 1)) {
      const l = lines[j]!;
      if (!isPiece(l, pieces.length === 0 && tail === null ? MAX_LAST_PIECE_CHARS : MAX_STACKED_PIECE_CHARS)) break;
      const len = [...pieceText(l)].length;
      if (pieces.length >= 1 && width >= 0 && Math.abs(len - width) > 1) break;
      if (tail !== null && len < [...tail].length) break;
      if (pieces.length >= 1 || tail !== null) width = width < 0 ? len : width;
      pieces.unshift(l);
      if (ORDINAL_START.test(pieceText(l))) break;
    }
    if (!pieces.length) continue;
    const label = joinPieces([...pieces.map(pieceText), ...(tail !== null ? [tail] : [])]);
    for (const p of pieces) Object.assign(p, { kind: 'blank', cells: undefined });
    Object.assign(line, { kind: 'spaced', cells: [label, ...(values ?? line.cells!.slice(1))] });
  }
  // A label whose numbers stand on its middle line: the pieces after the row ('行政许 182' / '可')
  // are its end when no row follows them.
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.kind !== 'spaced' || !line.cells || isValueCell(line.cells[0]!)) continue;
    const j = nextLine(i + 1);
    const p = lines[j];
    if (!p || !isPiece(p) || ORDINAL_START.test(pieceText(p)) || [...pieceText(p)].length > [...line.cells[0]!].length) continue;
    const after = lines[nextLine(j + 1)];
    if (after && (isPiece(after) || valueTokens(after))) continue;
    line.cells = [joinPieces([line.cells[0]!, pieceText(p)]), ...line.cells.slice(1)];
    Object.assign(p, { kind: 'blank', cells: undefined });
  }
}

/** Pieces of one label: no space between CJK pieces, one between Latin words. */
const joinPieces = (pieces: string[]) => pieces.reduce((a, b) => (/[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b), '');

/** The tokens of a line made of values only (at least one number), or null. */
function valueTokens(l: Line): string[] | null {
  if (l.kind !== 'text' && l.kind !== 'spaced' && l.kind !== 'spaced-header') return null;
  if (l.kind === 'spaced' && l.cells && !isValueCell(l.cells[0]!)) return null;
  const tokens = l.raw.replace(/\^/g, ' ').replace(/(\d)[ \u00a0\u3000]+(万元|元)(?=[ \u00a0\u3000]|$)/g, '$1$2').trim().split(/[ \u00a0\u3000]+/);
  if (!tokens[0] || !tokens.every(isValueCell) || !tokens.some((t) => parseCell(t).kind === 'number')) return null;
  return tokens;
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
