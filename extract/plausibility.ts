/**
 * Numbers no agency can print, on every table (issue 16 item 10): the template's checks cover
 * tables 3 and 4 only, and an identity holds just as well with −11 or 99999999999. A count is a
 * whole number from 0 to 10⁷ (the largest agencies receive some 10⁴ applications a year); a
 * change (本年增/减) may be negative; a money amount may have decimals. Anything else is kept as
 * printed and named in a warning.
 */
import { APPLICANT_COLUMNS, type ReportRecord } from './record.ts';

/** More than any agency counts in a year. */
export const MAX_PLAUSIBLE_COUNT = 1e7;
/** More than any agency's fees or procurement in a year, in 元 (amounts in 万元 are smaller still). */
export const MAX_PLAUSIBLE_AMOUNT = 1e11;

/** Table-2 fields that are money (decimals allowed). */
const MONEY_FIELDS = new Set(['amount_10k_yuan', 'amount']);
/** Table-2 fields that are changes from last year (may be negative). */
const CHANGE_FIELDS = new Set(['items_change']);

/** The problem with one number, or null when it is plausible. */
function problem(v: number, kind: 'count' | 'money' | 'change'): string | null {
  if (!Number.isFinite(v)) return 'not a finite number';
  if (v < 0 && kind !== 'change') return 'negative';
  const max = kind === 'money' ? MAX_PLAUSIBLE_AMOUNT : MAX_PLAUSIBLE_COUNT;
  if (Math.abs(v) > max) return `over ${max.toExponential(0).replace('e+', 'e')}`;
  if (kind !== 'money' && !Number.isInteger(v)) return 'not a whole number';
  return null;
}

/** One warning per implausible number of the record, naming where it is. */
export function plausibilityWarnings(record: Pick<ReportRecord, 'active_disclosure' | 'applications' | 'review_litigation'>): string[] {
  const out: string[] = [];
  const check = (where: string, v: number | string | null | undefined, kind: 'count' | 'money' | 'change') => {
    if (typeof v !== 'number') return;
    const p = problem(v, kind);
    if (p) out.push(`implausible number: ${where} = ${v} is ${p}; kept as printed, check the document`);
  };
  for (const [row, fields] of Object.entries(record.active_disclosure ?? {})) {
    for (const [field, v] of Object.entries(fields)) {
      check(`table 2 ${row}.${field}`, v, MONEY_FIELDS.has(field) ? 'money' : CHANGE_FIELDS.has(field) ? 'change' : 'count');
    }
  }
  for (const [row, values] of Object.entries(record.applications ?? {})) {
    values.forEach((v, i) => check(`table 3 ${row}.${APPLICANT_COLUMNS[i] ?? i}`, v, 'count'));
  }
  for (const [group, fields] of Object.entries(record.review_litigation ?? {})) {
    for (const [field, v] of Object.entries(fields)) check(`table 4 ${group}.${field}`, v, 'count');
  }
  return out;
}
