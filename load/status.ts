/**
 * What `nianbao status` shows and the demo prints: coverage by reporting year and level, the
 * missing and late reports, and the failed checks, as of a date.
 */
import { UsageError } from '../errors.ts';
import type { Database } from './db.ts';
import { quotedIdentifier } from './sql.ts';
import { renderTable } from './text-table.ts';

/** Rows listed per section before "… and N more". */
export const DEFAULT_LIST_LIMIT = 20;

export interface Section {
  columns: string[];
  rows: unknown[][];
  /** Rows in the view (the section may list fewer). */
  total: number;
}

export interface Status {
  asOf: string;
  reports: number;
  coverage: Section;
  missing: Section;
  late: Section;
  failedChecks: Section;
}

/** Checks a `--as-of` value: a real `YYYY-MM-DD` date. */
export function parseAsOf(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== value) throw new UsageError(`--as-of must be a date as YYYY-MM-DD, not ${JSON.stringify(value)}`);
  return value;
}

/** Sets the `as_of` variable the views read (this connection only). */
export async function setAsOf(db: Database, asOf: string | undefined): Promise<string> {
  if (asOf !== undefined) await db.run('SET VARIABLE as_of = CAST($1 AS DATE)', [parseAsOf(asOf)]);
  return (await db.value<string>(`SELECT CAST(coalesce(getvariable('as_of')::DATE, current_date) AS VARCHAR)`))!;
}

async function section(db: Database, sql: string, view: string, limit: number): Promise<Section> {
  const { columns, rows } = await db.table(`${sql} LIMIT $1`, [Math.max(0, Math.trunc(limit))]);
  const total = (await db.value<number>(`SELECT count(*) FROM ${quotedIdentifier(view)}`)) ?? 0;
  return { columns, rows, total };
}

export async function readStatus(db: Database, opts: { asOf?: string; limit?: number } = {}): Promise<Status> {
  const limit = opts.limit ?? DEFAULT_LIST_LIMIT;
  const asOf = await setAsOf(db, opts.asOf);
  const coverage = await db.table(`SELECT year, level, expected, reported, missing, not_looked_at, not_yet_due, reports, unlisted, late, failing_checks FROM coverage`);
  return {
    asOf,
    reports: (await db.value<number>('SELECT count(*) FROM current_reports')) ?? 0,
    coverage: { ...coverage, total: coverage.rows.length },
    missing: await section(db, 'SELECT year, agency, level, deadline, days_overdue, reason FROM missing_reports', 'missing_reports', limit),
    late: await section(db, 'SELECT year, agency, level, published, deadline, days_late FROM late_reports', 'late_reports', limit),
    failedChecks: await section(db, 'SELECT year, agency, check_id, detail FROM failed_checks', 'failed_checks', limit),
  };
}

const objects = (s: Section) => s.rows.map((r) => Object.fromEntries(s.columns.map((c, i) => [c, r[i]])));

/** The status as JSON-ready objects: one object per row, and each list's total. */
export function statusJson(status: Status): Record<string, unknown> {
  const list = (s: Section) => ({ total: s.total, rows: objects(s) });
  return {
    asOf: status.asOf,
    reports: status.reports,
    coverage: objects(status.coverage),
    missing: list(status.missing),
    late: list(status.late),
    failedChecks: list(status.failedChecks),
  };
}

function sectionText(title: string, s: Section): string {
  if (s.total === 0) return `${title}: none`;
  const more = s.total > s.rows.length ? `\n… and ${s.total - s.rows.length} more (query the view for all)` : '';
  return `${title} (${s.total})\n${renderTable(s.columns, s.rows, { maxCellWidth: 90 })}${more}`;
}

export function formatStatus(status: Status): string {
  const coverage = status.coverage.rows.length
    ? renderTable(['year', 'level', 'expected', 'reported', 'missing', 'site not looked at', 'not yet due', 'loaded', 'unlisted', 'late', 'failing checks'], status.coverage.rows)
    : '(no configured agency and no report yet)';
  return [
    `Coverage by reporting year and level, as of ${status.asOf} (${status.reports} current reports)`,
    coverage,
    '',
    sectionText('Missing reports (deadline passed, no report found) — view missing_reports', status.missing),
    ...(status.missing.total ? ['reason: site-blocked / site-not-crawled = nianbao could not look (not the agency’s fault); nothing-found-on-site / other-years-found = looked, not found'] : []),
    '',
    sectionText('Late reports (first published after the deadline) — view late_reports', status.late),
    '',
    sectionText('Failed checks (figures that do not add up) — view failed_checks', status.failedChecks),
  ].join('\n');
}
