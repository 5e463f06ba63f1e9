/**
 * Printed cell text → number. Reports print "1,234", fullwidth "１２３", "5953.02496", signed
 * "+12"/"-3" (本年增/减), "251000元", stray spaces; and "", "/", "—", "－" where nothing is printed.
 */

/** What a cell holds, as far as numbers go. */
export type CellValue =
  | { kind: 'number'; value: number; unit?: string }
  /** Printed as not-a-number on purpose: empty, "/", "—", "－", "无". Read as null, with a warning. */
  | { kind: 'blank'; printed: string }
  /** Text: a label, a heading, a sentence. */
  | { kind: 'text' };

/** Fullwidth digits, signs, separators and the decimal point, mapped to ASCII. */
function toAsciiDigits(s: string): string {
  return s.replace(/[０-９．，－＋]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[−–]/g, '-');
}

/** Cell texts that say "nothing printed here". */
const BLANK_MARKERS = new Set(['', '/', '\\', '-', '--', '—', '——', '–', '－', '一', '无', '空', 'n/a', 'na', '×', '/ /']);

/** Units that may follow a number in a cell. */
const UNIT_SUFFIX = /(万元|亿元|元|件|个|项|条|次|人|家|宗|起)$/;

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/** parseCell results: tables repeat the same few cell texts ("0", "") thousands of times. */
const CELL_CACHE = new Map<string, CellValue>();
const CELL_CACHE_MAX = 50_000;

/** Classifies one cell's text. The result is shared: do not modify it. */
export function parseCell(raw: string): CellValue {
  const hit = CELL_CACHE.get(raw);
  if (hit) return hit;
  const v = classifyCell(raw);
  if (CELL_CACHE.size >= CELL_CACHE_MAX) CELL_CACHE.clear();
  CELL_CACHE.set(raw, v);
  return v;
}

function classifyCell(raw: string): CellValue {
  const t = toAsciiDigits(raw).replace(/[\s\u00a0\u3000]+/g, '');
  if (BLANK_MARKERS.has(t.toLowerCase())) return { kind: 'blank', printed: raw.trim() };
  let body = t;
  let unit: string | undefined;
  const u = UNIT_SUFFIX.exec(body);
  if (u && body.length > u[0].length) {
    unit = u[1];
    body = body.slice(0, -u[0].length);
  }
  // A trailing ordinal full stop ("5.") is a label ordinal, not a number.
  if (NUMBER.test(body)) {
    const value = Number(body.replace(/,/g, ''));
    if (Number.isFinite(value)) return unit ? { kind: 'number', value, unit } : { kind: 'number', value };
  }
  return { kind: 'text' };
}

/** True when a cell holds a number or an intentional blank: a value position, not a label. */
export function isValueCell(raw: string): boolean {
  return parseCell(raw).kind !== 'text';
}

/** The number in a cell, or null (blank or text). */
export function cellNumber(raw: string): number | null {
  const v = parseCell(raw);
  return v.kind === 'number' ? v.value : null;
}
