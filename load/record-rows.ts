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
  const disclosure: DisclosureTuple[] = [];
  if (isObject(record.active_disclosure)) {
    for (const [rowKey, row] of Object.entries(record.active_disclosure)) {
      if (!isObject(row)) {
        problems.push(`active_disclosure.${rowKey}: not an object; skipped`);
        continue;
      }
      for (const [field, value] of Object.entries(row)) {
        if (value === null || value === undefined) disclosure.push([rowKey, field, null, null]);
        else if (typeof value === 'number' && Number.isFinite(value)) disclosure.push([rowKey, field, value, null]);
        else if (typeof value === 'string') disclosure.push([rowKey, field, null, value]);
        else {
          problems.push(`active_disclosure.${rowKey}.${field}: ${JSON.stringify(value)} is neither a number nor text; stored as null`);
          disclosure.push([rowKey, field, null, null]);
        }
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
      APPLICANT_COLUMNS.forEach((column, i) => applications.push([rowKey, column, count(row[i], `applications.${rowKey}[${i}]`, problems)]));
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
      for (const field of REVIEW_FIELDS) review.push([group, field, count(values[field], `review_litigation.${group}.${field}`, problems)]);
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
  return { cells: provenanceRows(record, disclosure, applications, review), disclosure, applications, review, checks, warnings, problems };
}

const intOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= INT32_MAX ? v : null);
const numOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The record's provenance map as rows, each with the value the record holds for its key. */
function provenanceRows(record: ReportRecord, disclosure: DisclosureTuple[], applications: CountTuple[], review: CountTuple[]): CellTuple[] {
  const prov = record.provenance;
  if (!isObject(prov)) return [];
  const values = new Map<string, number | null>();
  for (const [row, field, value] of disclosure) values.set(`active_disclosure.${row}.${field}`, value);
  for (const [row, column, n] of applications) values.set(`applications.${row}[${APPLICANT_COLUMNS.indexOf(column as never)}]`, n);
  for (const [group, field, n] of review) values.set(`review_litigation.${group}.${field}`, n);
  const out: CellTuple[] = [];
  for (const [key, p] of Object.entries(prov)) {
    if (!isObject(p) || !values.has(key)) continue;
    const box = Array.isArray(p.box) && p.box.length === 4 && p.box.every((v) => typeof v === 'number' && Number.isFinite(v)) ? (p.box as number[]) : null;
    out.push([key, values.get(key) ?? null, intOrNull(p.page), box, intOrNull(p.table), intOrNull(p.row), intOrNull(p.col), intOrNull(p.line), typeof p.text === 'string' ? p.text : null]);
  }
  return out;
}
