/**
 * Query results as a terminal table: columns padded by display width (a Chinese character takes
 * two cells), numbers right-aligned, NULL shown as `—`, long cells cut with `…`.
 */

/** Widest a cell may print before it is cut. */
export const DEFAULT_MAX_CELL_WIDTH = 48;

export interface TextTableOptions {
  /** Widest a cell may print (default 48); `Infinity` for no cut. */
  maxCellWidth?: number;
  /**
   * Widest the whole table may print (a terminal's width): the widest columns are narrowed to a
   * common cap until every line fits, none below 3 cells. Applied after `maxCellWidth`.
   */
  maxWidth?: number;
}

/** Gap between columns. */
const GAP = 2;
/** Narrowest a column is cut to when the table must fit `maxWidth`. */
const MIN_COLUMN_WIDTH = 3;

/** The cap c such that the columns, each min(width, c) wide, fit in `maxWidth`; Infinity when they fit as they are. */
function columnCap(widths: readonly number[], maxWidth: number): number {
  const total = (cap: number) => widths.reduce((sum, w) => sum + Math.min(w, cap), 0) + GAP * Math.max(0, widths.length - 1);
  if (total(Infinity) <= maxWidth) return Infinity;
  let lo = MIN_COLUMN_WIDTH;
  let hi = Math.max(MIN_COLUMN_WIDTH, ...widths);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (total(mid) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** East Asian wide and fullwidth ranges (Unicode EAW W/F) that terminals draw two cells wide. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

export function cut(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = '';
  let width = 0;
  for (const ch of text) {
    const w = WIDE.test(ch) ? 2 : 1;
    if (width + w > max - 1) break;
    out += ch;
    width += w;
  }
  return `${out}…`;
}

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 10_000) / 10_000);
  if (typeof value === 'string') return value.replace(/\s+/g, ' ');
  return JSON.stringify(value);
}

export function renderTable(columns: readonly string[], rows: readonly (readonly unknown[])[], opts: TextTableOptions = {}): string {
  const max = opts.maxCellWidth ?? DEFAULT_MAX_CELL_WIDTH;
  let texts = rows.map((r) => r.map((v) => cut(cellText(v), max)));
  const numeric = columns.map((_, i) => rows.length > 0 && rows.every((r) => r[i] === null || r[i] === undefined || typeof r[i] === 'number'));
  let widths = columns.map((c, i) => Math.max(displayWidth(c), ...texts.map((r) => displayWidth(r[i] ?? ''))));
  const cap = opts.maxWidth === undefined ? Infinity : columnCap(widths, opts.maxWidth);
  if (cap !== Infinity) {
    columns = columns.map((c) => cut(c, cap));
    texts = texts.map((r) => r.map((t) => cut(t, cap)));
    widths = widths.map((w) => Math.min(w, cap));
  }
  const pad = (text: string, i: number) => {
    const fill = ' '.repeat(widths[i]! - displayWidth(text));
    return numeric[i] ? fill + text : text + fill;
  };
  const lines = [columns.map(pad).join(' '.repeat(GAP)).trimEnd(), widths.map((w) => '─'.repeat(w)).join(' '.repeat(GAP))];
  for (const r of texts) lines.push(r.map(pad).join(' '.repeat(GAP)).trimEnd());
  return lines.join('\n');
}
