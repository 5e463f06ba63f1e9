/**
 * The one document model every reader produces and the template mapper consumes.
 *
 * A document is an ordered list of blocks: paragraphs of text and tables as grids of cell
 * strings. Readers own layout (tabs, spans, pages, wrapped lines); they never name a canonical
 * key. The mapper owns meaning (which label is which row); it never sees pixels, tabs or HTML.
 */

/** The formats nianbao reads; `format` of a record's `source`. */
export type DocumentFormat = 'txt' | 'html' | 'pdf' | 'docx' | 'doc' | 'wps';

/**
 * One cell of a grid, at its true column position. A cell that spans rows or columns in the
 * source is repeated at every position it covers; the copies have `spanned: true` and point at
 * the origin with `originRow`/`originCol`, so a mapper can read group labels (rowspan) on every
 * row and still tell a merged header from two equal cells.
 */
export interface GridCell {
  /** The cell's text, whitespace-normalised (runs of spaces kept as one space, trimmed). */
  text: string;
  /** True for the copies of a spanning cell other than its top-left position. */
  spanned?: boolean;
  /** Row of the spanning cell's top-left position (equals the row for an unspanned cell). */
  originRow?: number;
  /** Column of the spanning cell's top-left position. */
  originCol?: number;
  /** Where the cell came from: `line 42`, `page 3 @ (120,455)`, `table 2 tr 5 td 3`. */
  at?: string;
  /** Where the cell is printed, machine-readable (PDF page and box, text line); see Position. */
  pos?: Position;
}

/**
 * Where a cell or paragraph is printed, for provenance. PDF: `page` (1-based) and `box`
 * `[x0, top, x1, bottom]` in PDF points on the upright page, origin at its top-left corner (as a
 * rendered page image has it). Text: `line` (1-based). HTML/DOCX cells need none: their table,
 * row and column in the expanded grid are known from the grid itself.
 */
export interface Position {
  page?: number;
  box?: [number, number, number, number];
  line?: number;
}

/** A table. Rows may have different lengths where the source lost cells (text). */
export interface Grid {
  kind: 'grid';
  rows: GridCell[][];
  /**
   * True when column positions are trustworthy (HTML, DOCX, PDF with ruling lines): an empty
   * cell is a real empty cell (read as null). False for text whose rows lost leading cells: the
   * mapper aligns numbers to the right, since 总计 is the last column.
   */
  positional: boolean;
  /** Where the grid came from (`lines 40-77`, `page 3`, `table#2`). */
  at?: string;
  /** Layout repairs the reader made (a split header joined, a page-break continuation); become record warnings. */
  notes?: string[];
}

/** A paragraph of running text (or a heading, with its level). */
export interface Paragraph {
  kind: 'paragraph';
  text: string;
  /** Heading level (1 = `#`/<h1>) when the source marks it as a heading. */
  heading?: number;
  at?: string;
  pos?: Position;
}

export type Block = Paragraph | Grid;

/** Metadata a reader found outside the body: page <title>, meta tags, PDF info, the 发布机构 field. */
export interface DocumentMeta {
  /** The document's own title (ArticleTitle meta, <h1>, PDF Title), when it has one. */
  title?: string;
  /** The published date, ISO `YYYY-MM-DD`, from 发布日期 / 发文日期 / 成文日期 / 时间： / PubDate. */
  published?: string;
  /** The publishing body (发布机构 / ContentSource), when printed apart from the title. */
  publisher?: string;
}

/** A document as read: blocks in reading order plus metadata, and the reader's warnings. */
export interface Document {
  format: DocumentFormat;
  blocks: Block[];
  meta: DocumentMeta;
  /** What the reader noticed and repaired that a person may want to check. */
  warnings: string[];
  /**
   * Set when the reader stopped at a size limit and read only the start of the document (the
   * rest of a page nested 20,000 deep, a runaway table): says where and why. A document whose
   * read part holds no report fails with this reason.
   */
  cut?: string;
  /**
   * Set when the text was read from page images by OCR (a scanned PDF): how many pages, and how
   * many number cells the digit pass read. The record is then marked `confidence: 'ocr'`.
   */
  ocr?: { pages: number; numberCells: number; corrected: number };
}

export function paragraph(text: string, extra: Omit<Paragraph, 'kind' | 'text'> = {}): Paragraph {
  return { kind: 'paragraph', text, ...extra };
}

export function grid(rows: GridCell[][], positional: boolean, extra: Omit<Grid, 'kind' | 'rows' | 'positional'> = {}): Grid {
  return { kind: 'grid', rows, positional, ...extra };
}

/** A grid from plain strings (tests, simple readers). */
export function gridOfStrings(rows: string[][], positional: boolean): Grid {
  return grid(rows.map((r) => r.map((text) => ({ text }))), positional);
}
