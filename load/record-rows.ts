/**
 * A record → the long-form rows of its tables, checked on the way: a value of the wrong kind
 * (a fractional count, a string where a number belongs, a row of the wrong length) is stored as
 * null with a loader warning naming the cell, so one odd record never stops a load.
 */
import { APPLICANT_COLUMNS, REVIEW_FIELDS, REVIEW_GROUPS, type ReportRecord } from '../extract/record.ts';

export type DisclosureTuple = [rowKey: string, field: string, value: number | null, text: string | null];
export type CountTuple = [key: string, column: string, count: number | null];
export type CheckTuple = [checkId: string, ok: boolean | null, detail: string | null];

/** One cell's provenance: key, value, page, box (4), table, row, col, line, printed text. */
export type CellTuple = [key: string, value: number | null, page: number | null, box: readonly number[] | null, table: number | null, row: number | null, col: number | null, line: number | null, text: string | null];

export interface RecordRows {
  /** Provenance of the numbers (empty for records without it: older parser versions). */
  cells: CellTuple[];
  disclosure: DisclosureTuple[];
  applications: CountTuple[];
  review: CountTuple[];
  checks: CheckTuple[];
  /** The record's own warnings. */
  warnings: string[];
  /** What the loader found wrong with the record's shape. */
  problems: string[];
}

const INT32_MAX = 2_147_483_647;

function count(value: unknown, where: string, problems: string[]): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= INT32_MAX) return value;
  problems.push(`${where}: ${JSON.stringify(value)} is not a whole number; stored as null`);
  return null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function recordRows(record: ReportRecord): RecordRows {
  const problems: string[] = [];
  // provenance is looked up cell by cell as the record is walked: one key built per number, no map of every value
  const prov = isObject(record.provenance) ? record.provenance : null;
  const cells: CellTuple[] = [];
  const disclosure: DisclosureTuple[] = [];
  if (isObject(record.active_disclosure)) {
    for (const [rowKey, row] of Object.entries(record.active_disclosure)) {
      if (!isObject(row)) {
        problems.push(`active_disclosure.${rowKey}: not an object; skipped`);
        continue;
      }
      for (const [field, value] of Object.entries(row)) {
        let number: number | null = null;
        if (value === null || value === undefined) disclosure.push([rowKey, field, null, null]);
        else if (typeof value === 'number' && Number.isFinite(value)) disclosure.push([rowKey, field, (number = value), null]);
        else if (typeof value === 'string') disclosure.push([rowKey, field, null, value]);
        else {
          problems.push(`active_disclosure.${rowKey}.${field}: ${JSON.stringify(value)} is neither a number nor text; stored as null`);
          disclosure.push([rowKey, field, null, null]);
        }
        if (prov) cellOf(prov, `active_disclosure.${rowKey}.${field}`, number, cells);
      }
    }
  }

  const applications: CountTuple[] = [];
  if (isObject(record.applications)) {
    for (const [rowKey, row] of Object.entries(record.applications)) {
      if (!Array.isArray(row)) {
        problems.push(`applications.${rowKey}: not a list of ${APPLICANT_COLUMNS.length} numbers; skipped`);
        continue;
      }
      if (row.length !== APPLICANT_COLUMNS.length) problems.push(`applications.${rowKey}: ${row.length} numbers instead of ${APPLICANT_COLUMNS.length}; missing ones stored as null, extra ones dropped`);
      APPLICANT_COLUMNS.forEach((column, i) => {
        const n = count(row[i], `applications.${rowKey}[${i}]`, problems);
        applications.push([rowKey, column, n]);
        if (prov) cellOf(prov, `applications.${rowKey}[${i}]`, n, cells);
      });
    }
  }

  const review: CountTuple[] = [];
  if (isObject(record.review_litigation)) {
    for (const group of REVIEW_GROUPS) {
      const values = record.review_litigation[group];
      if (values === null || values === undefined) continue;
      if (!isObject(values)) {
        problems.push(`review_litigation.${group}: not an object; skipped`);
        continue;
      }
      for (const field of REVIEW_FIELDS) {
        const n = count(values[field], `review_litigation.${group}.${field}`, problems);
        review.push([group, field, n]);
        if (prov) cellOf(prov, `review_litigation.${group}.${field}`, n, cells);
      }
    }
  }

  const checks: CheckTuple[] = [];
  for (const check of Array.isArray(record.checks) ? record.checks : []) {
    if (!isObject(check) || typeof check.id !== 'string') {
      problems.push(`checks: ${JSON.stringify(check)} has no id; skipped`);
      continue;
    }
    const ok = check.ok === true || check.ok === false ? check.ok : null;
    checks.push([check.id, ok, typeof check.detail === 'string' ? check.detail : null]);
  }

  const warnings = (Array.isArray(record.warnings) ? record.warnings : []).map((w) => (typeof w === 'string' ? w : JSON.stringify(w)));
  return { cells, disclosure, applications, review, checks, warnings, problems };
}

const intOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= INT32_MAX ? v : null);

/** The provenance of one cell of the record (`key`, holding `value`) as a row, when the map has it. */
function cellOf(prov: Record<string, unknown>, key: string, value: number | null, out: CellTuple[]): void {
  const p = prov[key];
  if (!isObject(p)) return;
  const b = p.box;
  const box = Array.isArray(b) && b.length === 4 && isFiniteNumber(b[0]) && isFiniteNumber(b[1]) && isFiniteNumber(b[2]) && isFiniteNumber(b[3]) ? (b as number[]) : null;
  out.push([key, value, intOrNull(p.page), box, intOrNull(p.table), intOrNull(p.row), intOrNull(p.col), intOrNull(p.line), typeof p.text === 'string' ? p.text : null]);
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
