/**
 * Printed cell text → number. Reports print "1,234", fullwidth "１２３", "5953.02496", signed
 * "+12"/"-3" (本年增/减), "251000元", stray spaces, plain Chinese numerals ("一百", "三"); and "",
 * "/", "—", "－" where nothing is printed. A short cell of letters, digits and signs that is no
 * number ("x", "1O", "1,23", a replaced byte) is `junk`: it stands where a number stands, so the
 * row keeps its other numbers and the cell is read as null with a warning (cellNote).
 */

/** What a cell holds, as far as numbers go. */
export type CellValue =
  /** `chinese`: written in Chinese numerals (一百 → 100); worth a warning where it is read. */
  | { kind: 'number'; value: number; unit?: string; chinese?: true }
  /** Printed as not-a-number on purpose: empty, "/", "—", "－", "无". Read as null, with a warning. */
  | { kind: 'blank'; printed: string }
  /** In a number's place but not a number: "x", "1O", "1,23", "约100", "2\ufffd6". Read as null, with a warning. */
  | { kind: 'junk'; printed: string }
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

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const CN_SECTIONS: Record<string, number> = { 万: 1e4, 亿: 1e8 };
const CN_NUMBER = /^[〇零一二两三四五六七八九十百千万亿]+$/;
/** An ordinal standing alone ("（三）", "三、", "(2)", "5."): a label, never a value. */
const ORDINAL = /^[(（]?[〇零一二两三四五六七八九十\d]{1,3}[)）]?[、.,，]?$/;
/** At most this many characters make a junk value; longer is text. */
const MAX_JUNK_CHARS = 16;
/** Letters, digits, signs and punctuation (ASCII and fullwidth), approximation words, U+FFFD: what a damaged number is made of. */
const JUNK = /^(?:[\x21-\x7e\uff01-\uff5e\u00b7\u2010-\u2027\ufffd]|[约余多近逾〇零一二两三四五六七八九十百千万亿])+$/;

/**
 * A plain Chinese numeral → its value: digit strings (二〇二一 → 2021) and the positional form
 * with 十/百/千 and 万/亿 (一百零五 → 105, 十五 → 15, 一万二千 → 12000); null when malformed.
 */
export function chineseNumber(s: string): number | null {
  if (!CN_NUMBER.test(s)) return null;
  if (![...s].some((c) => c in CN_UNITS || c in CN_SECTIONS)) {
    return Number([...s].map((c) => CN_DIGITS[c]).join(''));
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const c of s) {
    if (c in CN_DIGITS) {
      if (digit !== null && digit !== 0 && CN_DIGITS[c] !== 0) return null; // 一二百: two digits without a unit
      digit = CN_DIGITS[c]!;
    } else if (c in CN_UNITS) {
      // 十五 = 15: a unit without a digit before it counts once.
      section += (digit === null || (digit === 0 && c === '十') ? 1 : digit) * CN_UNITS[c]!;
      digit = null;
    } else {
      total = (total + section + (digit ?? 0)) * CN_SECTIONS[c]!;
      section = 0;
      digit = null;
    }
  }
  return total + section + (digit ?? 0);
}

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
  const cn = chineseNumber(body);
  if (cn !== null) return unit ? { kind: 'number', value: cn, unit, chinese: true } : { kind: 'number', value: cn, chinese: true };
  if (t.length <= MAX_JUNK_CHARS && !ORDINAL.test(t) && JUNK.test(t)) return { kind: 'junk', printed: raw.trim() };
  return { kind: 'text' };
}

/**
 * What a person should know about a cell read as a value: a Chinese numeral read as a number,
 * or junk read as null. Null for ordinary numbers and blanks.
 */
export function cellNote(raw: string): string | null {
  const v = parseCell(raw);
  if (v.kind === 'junk') return `'${v.printed}' is not a number, read as null`;
  if (v.kind === 'number' && v.chinese) return `'${raw.trim()}' read as ${v.value} (Chinese numerals)`;
  return null;
}

/** True when a cell holds a number or something damaged in a number's place (values, for aligning a row). */
export function isNumberLike(raw: string): boolean {
  const k = parseCell(raw).kind;
  return k === 'number' || k === 'junk';
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
