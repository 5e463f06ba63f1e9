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

/**
 * Rows of a query, read through one JSON text per agency: DuckDB builds the JSON, JavaScript
 * parses it — far faster than converting hundreds of thousands of rows value by value.
 */
async function viaJson<T>(db: Database, sql: string): Promise<T[]> {
  const out: T[] = [];
  for (const r of await db.all<{ j: string }>(`SELECT to_json(list(x))::VARCHAR AS j FROM (${sql}) x GROUP BY x.agency`)) {
    for (const row of JSON.parse(r.j) as T[]) out.push(row);
  }
  return out;
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
  return viaJson<CoverageRow>(db, `
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
    CROSS JOIN p`);
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
  const rows = await viaJson<ReportVersion>(db, `
    SELECT r.report_id, r.site_id, r.agency, r.year, r.version, r.is_current, r.title, r.url, r.published,
      strftime(r.found_at, '%Y-%m-%d') AS found_at, r.template, r.source_url, r.source_format, r.source_sha256,
      r.printed_title, r.printed_agency, r.confidence, a.level, a.region,
      make_date(r.year + 1, d.due_month, d.due_day) AS deadline,
      min(r.published) OVER (PARTITION BY r.agency, r.year) AS first_published,
      coalesce(f.failed, 0)::INTEGER AS checks_failed
    FROM reports r
    LEFT JOIN agencies a ON a.site_id = r.site_id AND a.name = r.agency
    LEFT JOIN deadlines d ON d.level = coalesce(a.level, 'unknown') AND r.year BETWEEN d.from_year AND d.to_year
    LEFT JOIN (SELECT report_id, count(*) AS failed FROM checks WHERE ok = false GROUP BY report_id) f ON f.report_id = r.report_id`);
  return rows.sort((a, b) => a.report_id - b.report_id);
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
  /**
   * Provenance already put in words by DuckDB, when `cells` has the warehouse's columns:
   * report page cell key (row:column) → [the title's words, PDF page or null].
   */
  cellTitles: Record<string, [string, number | null]> | null;
}

const APPLICANTS = ['natural_person', 'commercial', 'research', 'social_org', 'legal_service', 'other', 'total'];

/**
 * Each table's rows of the report versions in [lo, hi], aggregated by DuckDB into one JSON text
 * per report (converting millions of single cells to JavaScript one by one is what would be slow).
 */
export async function reportDetails(db: Database, f: Features, lo: number, hi: number): Promise<Map<number, ReportDetail>> {
  const out = new Map<number, ReportDetail>();
  const of = (id: number): ReportDetail => {
    let d = out.get(id);
    if (!d) {
      d = { applications: new Map(), active: [], review: new Map(), checks: [], warnings: [], documents: [], errors: [], cells: [], cellTitles: null };
      out.set(id, d);
    }
    return d;
  };
  const range = [lo, hi];
  const perReport = async (sql: string, apply: (d: ReportDetail, value: unknown) => void) => {
    for (const r of await db.all<{ report_id: number; j: string }>(sql, range)) apply(of(r.report_id), JSON.parse(r.j));
  };
  const cols = APPLICANTS.map((a) => `max(count) FILTER (WHERE applicant_type = '${a}')`).join(', ');
  await perReport(
    `SELECT report_id, json_group_object(row_key, counts)::VARCHAR AS j FROM (
       SELECT report_id, row_key, [${cols}] AS counts FROM applications WHERE report_id BETWEEN $1 AND $2 GROUP BY report_id, row_key)
     GROUP BY report_id`,
    (d, v) => { d.applications = new Map(Object.entries(v as Record<string, (number | null)[]>)); },
  );
  await perReport(
    `SELECT report_id, to_json(list(json_object('row_key', row_key, 'field', field, 'value', value, 'text', text)))::VARCHAR AS j
     FROM active_disclosure WHERE report_id BETWEEN $1 AND $2 GROUP BY report_id`,
    (d, v) => { d.active = v as ReportDetail['active']; },
  );
  await perReport(
    `SELECT report_id, json_group_object(proceeding, o)::VARCHAR AS j FROM (
       SELECT report_id, proceeding, json_group_object(outcome, count) AS o FROM review_litigation WHERE report_id BETWEEN $1 AND $2 GROUP BY report_id, proceeding)
     GROUP BY report_id`,
    (d, v) => { d.review = new Map(Object.entries(v as Record<string, Record<string, number | null>>)); },
  );
  await perReport(
    `SELECT report_id, to_json(list(json_object('check_id', check_id, 'ok', ok, 'detail', detail) ORDER BY check_id))::VARCHAR AS j
     FROM checks WHERE report_id BETWEEN $1 AND $2 GROUP BY report_id`,
    (d, v) => { d.checks = v as ReportDetail['checks']; },
  );
  await perReport(
    `SELECT report_id, to_json(list(json_object('origin', origin, 'message', message) ORDER BY ordinal))::VARCHAR AS j
     FROM warnings WHERE report_id BETWEEN $1 AND $2 GROUP BY report_id`,
    (d, v) => { d.warnings = v as ReportDetail['warnings']; },
  );
  await perReport(
    `SELECT report_id, to_json(list(json_object('sha256', sha256, 'url', url, 'role', role, 'format', format, 'bytes', bytes, 'is_primary', is_primary,
       'fetched_at', strftime(fetched_at, '%Y-%m-%d')) ORDER BY is_primary DESC, role, url))::VARCHAR AS j
     FROM documents WHERE report_id BETWEEN $1 AND $2 GROUP BY report_id`,
    (d, v) => { d.documents = v as ReportDetail['documents']; },
  );
  await perReport(
    `SELECT report_id, to_json(list(json_object('url', url, 'kind', kind, 'reason', reason) ORDER BY url))::VARCHAR AS j
     FROM extract_errors WHERE report_id BETWEEN $1 AND $2 GROUP BY report_id`,
    (d, v) => { d.errors = v as ReportDetail['errors']; },
  );
  const titles = f.cells ? cellTitlesSql(f.cells) : null;
  if (titles) await perReport(titles, (d, v) => { d.cellTitles = v as ReportDetail['cellTitles']; });
  else if (f.cells?.includes('report_id')) {
    for (const r of await db.all('SELECT * FROM cells WHERE report_id BETWEEN $1 AND $2', range)) of(r.report_id as number).cells.push(r);
  }
  return out;
}

/** The columns of the warehouse's `cells` table that a provenance title uses (and the ones it leaves out). */
const CELL_WORDS = ['page', 'table_no', 'row_no', 'col_no', 'line_no', 'source_text'];
const CELL_QUIET = ['report_id', 'key', 'value', 'x0', 'y0', 'x1', 'y1'];

/**
 * The query that puts each cell's provenance in words inside DuckDB (one JSON object per report:
 * page cell key → [words, page]), as site/build.ts's provenanceOf would word it: "第 3 页，第 1 个表格第 4
 * 行第 8 列，原文“49”". Converting millions of cells to JavaScript and wording them there is what
 * made report pages slow. Null when `cells` has columns this does not know (the slower general
 * path words those too).
 */
function cellTitlesSql(columns: string[]): string | null {
  if (!columns.includes('key') || !columns.includes('report_id') || columns.some((c) => !CELL_WORDS.includes(c) && !CELL_QUIET.includes(c))) return null;
  const col = (c: string) => (columns.includes(c) ? c : 'NULL');
  const words = `concat_ws('，',
      '第 ' || ${col('page')} || ' 页',
      '第 ' || ${col('table_no')} || ' 个表格' || coalesce('第 ' || ${col('row_no')} || ' 行', '') || coalesce('第 ' || ${col('col_no')} || ' 列', ''),
      '第 ' || ${col('line_no')} || ' 行',
      '原文“' || ${col('source_text')} || '”')`;
  const applicants = `[${APPLICANTS.map((a) => `'${a}'`).join(', ')}]`;
  const pageKey = String.raw`CASE WHEN key SIMILAR TO 'applications\.\w+\[\d\]'
      THEN regexp_extract(key, '^applications\.(\w+)\[', 1) || ':' || coalesce(${applicants}[regexp_extract(key, '\[(\d)\]$', 1)::INTEGER + 1], regexp_extract(key, '\[(\d)\]$', 1))
      WHEN key SIMILAR TO '(active_disclosure|review_litigation)\.\w+\.\w+' THEN regexp_replace(key, '^\w+\.(\w+)\.(\w+)$', '\1:\2') END`;
  return `SELECT report_id, json_group_object(k, json_array(coalesce(nullif(w, ''), '见文档'), p))::VARCHAR AS j FROM (
      SELECT report_id, ${pageKey} AS k, ${words} AS w, ${col('page')} AS p FROM cells WHERE report_id BETWEEN $1 AND $2)
    WHERE k IS NOT NULL GROUP BY report_id`;
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
    volumes: await viaJson(db, `SELECT agency, year, received, granted, partially_granted, denied, unable_to_provide, not_processed, other, total_processed, grant_rate, report_id
      FROM application_volumes`),
    refusals: await viaJson(db, 'SELECT agency, year, reason, category, count FROM refusal_reasons'),
    litigation: await viaJson(db, 'SELECT agency, year, proceeding, total FROM litigation'),
    failed: await db.all('SELECT agency, year, check_id, detail, report_id FROM failed_checks'),
    // anomalies by agency, or by report version (its agency and year from reports)
    anomalies: f.anomalies?.includes('agency')
      ? await db.all('SELECT * FROM anomalies')
      : f.anomalies?.includes('report_id')
        ? await db.all(`SELECT r.agency, r.year, x.* EXCLUDE (report_id) FROM anomalies x JOIN reports r USING (report_id)`)
        : [],
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
