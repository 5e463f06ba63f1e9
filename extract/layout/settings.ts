/**
 * Every tolerance the positional (PDF) layout steps use, named, defaulted and checked once
 * (in the spirit of pdfplumber's TableSettings). Distances are PDF points (1/72 inch) unless a
 * name says `Em`, which is a multiple of the text's font size, or `Share`, a fraction.
 *
 * `resolveLayoutSettings()` takes nothing, a partial object or a full one and returns a complete,
 * checked set; an unknown key or a value that is not a positive finite number throws a RangeError
 * naming the setting.
 */

export interface LayoutSettings {
  /** Ruling edges whose positions differ by less than this are snapped to one line (pdfplumber snap_tolerance). */
  snapTolerance: number;
  /** Collinear ruling pieces with a gap below this are joined into one edge (pdfplumber join_tolerance). */
  joinTolerance: number;
  /** A horizontal and a vertical edge that miss each other by less than this still cross (intersection_tolerance). */
  intersectionTolerance: number;
  /** Ruling edges shorter than this are ignored (edge_min_length). */
  minEdgeLength: number;
  /** A filled rectangle thinner than this is drawn as a ruling line, not as a cell. */
  thinRectMax: number;
  /** A filled rectangle covering more of the page than this is a page background, not a cell. */
  maxBackgroundShare: number;
  /** Text whose baselines differ by less than this (× font size) is on one line. */
  lineToleranceEm: number;
  /** Neighbouring text runs closer than this (× font size) are one word: "1" "2" is 12. */
  wordGapEm: number;
  /** In a table without rulings, runs farther apart than this (× font size) are in different columns. */
  columnGapEm: number;
  /** The top and bottom bands of a page (share of its height) where running headers, footers and page numbers live. */
  marginShare: number;
  /** Text that repeats in the margin bands on at least this share of the pages is a running header or footer. */
  repeatShare: number;
  /** A table without rulings needs at least this many rows that hold numbers. */
  minUnruledRows: number;
  /** …and at least this many columns in those rows. */
  minUnruledColumns: number;
  /** Two lines of one cell are at most this far apart (gap between line boxes, × font size); a wider gap starts a new row. */
  cellLeadingEm: number;
  /** A line that ends this far (× font size) before the text's right edge ends its paragraph. */
  shortLineEm: number;
  /** A line indented by this much (× font size) more than the text's left edge starts a paragraph. */
  indentEm: number;
  /** Lines farther apart than this (× font size) belong to different paragraphs. */
  paragraphGapEm: number;
  /** Column boundaries of two table parts on consecutive pages match within this distance. */
  pageJoinTolerance: number;
  /** A table part ends a page / starts the next one if it lies within this share of the text area's bottom / top. */
  pageJoinBandShare: number;
}

export const DEFAULT_SNAP_TOLERANCE = 3;
export const DEFAULT_JOIN_TOLERANCE = 3;
export const DEFAULT_INTERSECTION_TOLERANCE = 3;
export const DEFAULT_MIN_EDGE_LENGTH = 3;
export const DEFAULT_THIN_RECT_MAX = 2;
export const DEFAULT_MAX_BACKGROUND_SHARE = 0.5;
export const DEFAULT_LINE_TOLERANCE_EM = 0.5;
export const DEFAULT_WORD_GAP_EM = 0.25;
export const DEFAULT_COLUMN_GAP_EM = 1.2;
export const DEFAULT_MARGIN_SHARE = 0.09;
export const DEFAULT_REPEAT_SHARE = 0.5;
export const DEFAULT_MIN_UNRULED_ROWS = 2;
export const DEFAULT_MIN_UNRULED_COLUMNS = 3;
export const DEFAULT_CELL_LEADING_EM = 0.6;
export const DEFAULT_SHORT_LINE_EM = 2;
export const DEFAULT_INDENT_EM = 1;
export const DEFAULT_PARAGRAPH_GAP_EM = 1.2;
export const DEFAULT_PAGE_JOIN_TOLERANCE = 4;
export const DEFAULT_PAGE_JOIN_BAND_SHARE = 0.2;

export const DEFAULT_LAYOUT_SETTINGS: Readonly<LayoutSettings> = Object.freeze({
  snapTolerance: DEFAULT_SNAP_TOLERANCE,
  joinTolerance: DEFAULT_JOIN_TOLERANCE,
  intersectionTolerance: DEFAULT_INTERSECTION_TOLERANCE,
  minEdgeLength: DEFAULT_MIN_EDGE_LENGTH,
  thinRectMax: DEFAULT_THIN_RECT_MAX,
  maxBackgroundShare: DEFAULT_MAX_BACKGROUND_SHARE,
  lineToleranceEm: DEFAULT_LINE_TOLERANCE_EM,
  wordGapEm: DEFAULT_WORD_GAP_EM,
  columnGapEm: DEFAULT_COLUMN_GAP_EM,
  marginShare: DEFAULT_MARGIN_SHARE,
  repeatShare: DEFAULT_REPEAT_SHARE,
  minUnruledRows: DEFAULT_MIN_UNRULED_ROWS,
  minUnruledColumns: DEFAULT_MIN_UNRULED_COLUMNS,
  cellLeadingEm: DEFAULT_CELL_LEADING_EM,
  shortLineEm: DEFAULT_SHORT_LINE_EM,
  indentEm: DEFAULT_INDENT_EM,
  paragraphGapEm: DEFAULT_PARAGRAPH_GAP_EM,
  pageJoinTolerance: DEFAULT_PAGE_JOIN_TOLERANCE,
  pageJoinBandShare: DEFAULT_PAGE_JOIN_BAND_SHARE,
});

/** Settings that are shares of something and so must not exceed 1. */
const SHARES: ReadonlySet<keyof LayoutSettings> = new Set(['maxBackgroundShare', 'marginShare', 'repeatShare', 'pageJoinBandShare']);
/** Settings that count things and so must be whole numbers. */
const COUNTS: ReadonlySet<keyof LayoutSettings> = new Set(['minUnruledRows', 'minUnruledColumns']);

/**
 * A complete, checked set of settings: the defaults overridden by `input`. Throws a RangeError
 * naming the setting for an unknown key, a value that is not a positive finite number, a share
 * above 1 or a count that is not a whole number.
 */
export function resolveLayoutSettings(input?: Partial<LayoutSettings> | null): LayoutSettings {
  const out: LayoutSettings = { ...DEFAULT_LAYOUT_SETTINGS };
  for (const [key, value] of Object.entries(input ?? {})) {
    if (!(key in DEFAULT_LAYOUT_SETTINGS)) throw new RangeError(`layout setting ${key}: unknown (known: ${Object.keys(DEFAULT_LAYOUT_SETTINGS).join(', ')})`);
    const k = key as keyof LayoutSettings;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new RangeError(`layout setting ${k}: must be a positive finite number, got ${String(value)}`);
    if (SHARES.has(k) && value > 1) throw new RangeError(`layout setting ${k}: a share, must be at most 1, got ${value}`);
    if (COUNTS.has(k) && !Number.isInteger(value)) throw new RangeError(`layout setting ${k}: a count, must be a whole number, got ${value}`);
    out[k] = value;
  }
  return out;
}
