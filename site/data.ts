/**
 * What the site reads from the warehouse: the views of `load/views.sql` (never changed here) and a
 * few tables for the report pages. Relations other branches add are used when they exist, found
 * at build time from the session's catalogue (`duckdb_tables()`, `duckdb_views()`) and the
 * relation's own columns, and skipped otherwise:
 *
 * - `missing_reports.reason` → a missing report the crawler could not look for is "爬虫未找到";
 * - `crawl_health` (latest crawl outcome per site) → an agency page says how its site was crawled;
 * - `cells` (provenance of each figure) → a report page's numbers link to where they were read;
 * - `anomalies` → an agency page lists them in words.
 *
 * Every value from scraped text reaches SQL only as a bound parameter.
 */
import type { Database, Row } from '../load/db.ts';

export interface Features {
  missingReason: boolean;
  crawlHealth: boolean;
  cells: string[] | null;
  anomalies: string[] | null;
}

/** The columns of a table or view of this session, or null when there is no such relation. */
export async function relationColumns(db: Database, name: string): Promise<string[] | null> {
  const exists = await db.value<number>(
    `SELECT count(*) FROM (SELECT table_name AS n FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views()) WHERE n = $1`,
    [name],
  );
  if (!exists) return null;
  // the relation's own columns: a view's are not always in duckdb_columns()
  const { columns } = await db.table(`SELECT * FROM "${name.replace(/"/g, '""')}" LIMIT 0`);
  return columns;
}

export async function detectFeatures(db: Database): Promise<Features> {
  const missing = (await relationColumns(db, 'missing_reports')) ?? [];
  return {
    missingReason: missing.includes('reason'),
    crawlHealth: ((await relationColumns(db, 'crawl_health')) ?? []).includes('site_id'),
    cells: await relationColumns(db, 'cells'),
    anomalies: await relationColumns(db, 'anomalies'),
  };
}

/** One row of the coverage grid: an agency and reporting year. */
export interface CoverageRow {
  agency: string;
  region: string | null;
  level: string | null;
  year: number;
  expected: boolean;
  /** The current report shown for this cell (the first published when two sites hold one). */
  report_id: number | null;
  first_published: string | null;
  deadline: string | null;
  days_late: number | null;
  days_overdue: number | null;
  missing: boolean;
  not_yet_due: boolean;
  reason: string | null;
}

export async function coverageRows(db: Database, f: Features): Promise<CoverageRow[]> {
  return db.all<CoverageRow & Row>(`
    WITH p AS (SELECT coalesce(getvariable('as_of')::DATE, current_date) AS as_of),
    cur AS (
      SELECT agency, year, arg_min(report_id, coalesce(first_published, DATE '9999-12-31')) AS report_id,
        min(first_published) AS first_published, min(deadline) AS deadline, min(level) AS level, min(region) AS region
      FROM current_reports GROUP BY agency, year
    ),
    m AS (SELECT agency, year, min(days_overdue) AS days_overdue${f.missingReason ? ', min(reason) AS reason' : ', NULL::VARCHAR AS reason'} FROM missing_reports GROUP BY agency, year)
    SELECT
      coalesce(e.agency, c.agency) AS agency,
      coalesce(e.region, c.region) AS region,
      coalesce(e.level, c.level) AS level,
      coalesce(e.year, c.year) AS year,
      e.agency IS NOT NULL AS expected,
      c.report_id, c.first_published,
      coalesce(c.deadline, e.deadline) AS deadline,
      CASE WHEN c.first_published > c.deadline THEN c.first_published - c.deadline END AS days_late,
      m.days_overdue,
      m.agency IS NOT NULL AS missing,
      (e.agency IS NOT NULL AND NOT e.reported AND e.deadline >= p.as_of) AS not_yet_due,
      m.reason
    FROM expected_reports e
    FULL JOIN cur c ON c.agency = e.agency AND c.year = e.year
    LEFT JOIN m ON m.agency = e.agency AND m.year = e.year
    CROSS JOIN p
    ORDER BY 1, 4`);
}

/** Totals by year straight from the `coverage` view (what the home page's counts must equal). */
export async function coverageTotals(db: Database): Promise<Row[]> {
  return db.all(`SELECT year, sum(expected)::INTEGER AS expected, sum(reported)::INTEGER AS reported, sum(missing)::INTEGER AS missing,
      sum(not_yet_due)::INTEGER AS not_yet_due, sum(late)::INTEGER AS late, sum(reports)::INTEGER AS reports
    FROM coverage GROUP BY year ORDER BY year`);
}

export interface ReportVersion {
  report_id: number;
  site_id: string;
  agency: string;
  year: number;
  version: number;
  is_current: boolean;
  title: string | null;
  url: string | null;
  published: string | null;
  found_at: string | null;
  template: string | null;
  source_url: string | null;
  source_format: string | null;
  source_sha256: string | null;
  printed_title: string | null;
  printed_agency: string | null;
  confidence: string | null;
  level: string | null;
  region: string | null;
  deadline: string | null;
  first_published: string | null;
  checks_failed: number;
}

/** Every version of every report (report pages, version history, agency pages). */
export async function reportVersions(db: Database): Promise<ReportVersion[]> {
  return db.all<ReportVersion & Row>(`
    SELECT r.report_id, r.site_id, r.agency, r.year, r.version, r.is_current, r.title, r.url, r.published,
      strftime(r.found_at, '%Y-%m-%d') AS found_at, r.template, r.source_url, r.source_format, r.source_sha256,
      r.printed_title, r.printed_agency, r.confidence, a.level, a.region,
      make_date(r.year + 1, d.due_month, d.due_day) AS deadline,
      min(r.published) OVER (PARTITION BY r.agency, r.year) AS first_published,
      coalesce(f.failed, 0)::INTEGER AS checks_failed
    FROM reports r
    LEFT JOIN agencies a ON a.site_id = r.site_id AND a.name = r.agency
    LEFT JOIN deadlines d ON d.level = coalesce(a.level, 'unknown') AND r.year BETWEEN d.from_year AND d.to_year
    LEFT JOIN (SELECT report_id, count(*) AS failed FROM checks WHERE ok = false GROUP BY report_id) f ON f.report_id = r.report_id
    ORDER BY r.report_id`);
}

/** The figures and notes of the report versions whose ids lie in [lo, hi], grouped by report. */
export interface ReportDetail {
  applications: Map<string, (number | null)[]>;
  active: { row_key: string; field: string; value: number | null; text: string | null }[];
  review: Map<string, Record<string, number | null>>;
  checks: { check_id: string; ok: boolean | null; detail: string | null }[];
  warnings: { origin: string; message: string }[];
  documents: { sha256: string; url: string; role: string; format: string; bytes: number | null; is_primary: boolean; fetched_at: string | null }[];
  errors: { url: string; kind: string; reason: string }[];
  cells: Row[];
}

const APPLICANT_INDEX: Record<string, number> = { natural_person: 0, commercial: 1, research: 2, social_org: 3, legal_service: 4, other: 5, total: 6 };

export async function reportDetails(db: Database, f: Features, lo: number, hi: number): Promise<Map<number, ReportDetail>> {
  const out = new Map<number, ReportDetail>();
  const of = (id: number): ReportDetail => {
    let d = out.get(id);
    if (!d) {
      d = { applications: new Map(), active: [], review: new Map(), checks: [], warnings: [], documents: [], errors: [], cells: [] };
      out.set(id, d);
    }
    return d;
  };
  const range = [lo, hi];
  for (const r of await db.all<{ report_id: number; row_key: string; applicant_type: string; count: number | null }>(
    'SELECT report_id, row_key, applicant_type, count FROM applications WHERE report_id BETWEEN $1 AND $2', range)) {
    const d = of(r.report_id);
    let row = d.applications.get(r.row_key);
    if (!row) d.applications.set(r.row_key, (row = [null, null, null, null, null, null, null]));
    const i = APPLICANT_INDEX[r.applicant_type];
    if (i !== undefined) row[i] = r.count;
  }
  for (const r of await db.all<{ report_id: number; row_key: string; field: string; value: number | null; text: string | null }>(
    'SELECT report_id, row_key, field, value, text FROM active_disclosure WHERE report_id BETWEEN $1 AND $2', range)) {
    of(r.report_id).active.push(r);
  }
  for (const r of await db.all<{ report_id: number; proceeding: string; outcome: string; count: number | null }>(
    'SELECT report_id, proceeding, outcome, count FROM review_litigation WHERE report_id BETWEEN $1 AND $2', range)) {
    const d = of(r.report_id);
    let g = d.review.get(r.proceeding);
    if (!g) d.review.set(r.proceeding, (g = {}));
    g[r.outcome] = r.count;
  }
  for (const r of await db.all<{ report_id: number; check_id: string; ok: boolean | null; detail: string | null }>(
    'SELECT report_id, check_id, ok, detail FROM checks WHERE report_id BETWEEN $1 AND $2 ORDER BY report_id, check_id', range)) {
    of(r.report_id).checks.push(r);
  }
  for (const r of await db.all<{ report_id: number; origin: string; message: string }>(
    'SELECT report_id, origin, message FROM warnings WHERE report_id BETWEEN $1 AND $2 ORDER BY report_id, ordinal', range)) {
    of(r.report_id).warnings.push(r);
  }
  for (const r of await db.all<ReportDetail['documents'][number] & { report_id: number }>(
    `SELECT report_id, sha256, url, role, format, bytes, is_primary, strftime(fetched_at, '%Y-%m-%d') AS fetched_at
     FROM documents WHERE report_id BETWEEN $1 AND $2 ORDER BY report_id, is_primary DESC, role, url`, range)) {
    of(r.report_id).documents.push(r);
  }
  for (const r of await db.all<{ report_id: number; url: string; kind: string; reason: string }>(
    'SELECT report_id, url, kind, reason FROM extract_errors WHERE report_id BETWEEN $1 AND $2 ORDER BY report_id, url', range)) {
    of(r.report_id).errors.push(r);
  }
  if (f.cells?.includes('report_id')) {
    for (const r of await db.all('SELECT * FROM cells WHERE report_id BETWEEN $1 AND $2', range)) of(r.report_id as number).cells.push(r);
  }
  return out;
}

/** Per agency: the series its charts draw (current reports only). */
export interface AgencySeries {
  volumes: Row[];
  refusals: { agency: string; year: number; reason: string; category: string; count: number }[];
  litigation: { agency: string; year: number; proceeding: string; total: number | null }[];
  failed: { agency: string; year: number; check_id: string; detail: string | null; report_id: number }[];
  anomalies: Row[];
  crawlHealth: Row[];
}

export async function agencySeries(db: Database, f: Features): Promise<AgencySeries> {
  return {
    volumes: await db.all(`SELECT agency, year, received, granted, partially_granted, denied, unable_to_provide, not_processed, other, total_processed, grant_rate, report_id
      FROM application_volumes`),
    refusals: await db.all('SELECT agency, year, reason, category, count FROM refusal_reasons ORDER BY agency, year'),
    litigation: await db.all('SELECT agency, year, proceeding, total FROM litigation ORDER BY agency, year'),
    failed: await db.all('SELECT agency, year, check_id, detail, report_id FROM failed_checks'),
    anomalies: f.anomalies?.includes('agency') ? await db.all('SELECT * FROM anomalies') : [],
    crawlHealth: f.crawlHealth ? await db.all('SELECT * FROM crawl_health') : [],
  };
}

/** An agency: where it is configured (or found) and what it is. */
export async function agencyList(db: Database): Promise<{ name: string; site_id: string; region: string | null; level: string | null; configured: boolean }[]> {
  return db.all(`SELECT name, min(site_id) AS site_id, min(region) AS region, min(level) AS level, bool_or(coalesce(configured, false)) AS configured
    FROM agencies GROUP BY name ORDER BY name`);
}

/** The "as of" date of the views and when the crawler last fetched anything. */
export async function dataDates(db: Database): Promise<{ asOf: string; lastFetch: string | null; lastFound: string | null }> {
  const r = (await db.all<{ as_of: string; last_fetch: string | null; last_found: string | null }>(`
    SELECT coalesce(getvariable('as_of')::DATE, current_date) AS as_of,
      (SELECT strftime(max(fetched_at), '%Y-%m-%d') FROM crawl_log) AS last_fetch,
      (SELECT strftime(max(found_at), '%Y-%m-%d') FROM reports) AS last_found`))[0]!;
  return { asOf: r.as_of, lastFetch: r.last_fetch, lastFound: r.last_found };
}
