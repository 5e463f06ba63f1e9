/**
 * Writes load items to the warehouse: one transaction per batch, every row through the
 * appender, nothing built from scraped text into SQL. A report version already in the file is
 * replaced whole (re-extraction with a newer parser), so a batch either lands with all its rows
 * or, when the process dies before COMMIT, not at all.
 */
import type { DuckDBAppender } from '@duckdb/node-api';
import type { Database } from './db.ts';
import { isoDate, isoTimestamp } from './dates.ts';
import { reportId, type LoadItem } from './load-item.ts';
import { cellsFilled, checksPassed } from './primary.ts';
import { recordRows, type RecordRows } from './record-rows.ts';
import { quotedIdentifier } from './sql.ts';
import { put } from './append.ts';
import { foundAgenciesSql } from './agencies.ts';
import { APPLICATION_ROW_KEYS } from './dimensions.ts';
import { REPORT_TABLES, tableDef } from './tables.ts';

export interface WriteOptions {
  /**
   * Runs inside the transaction after every row is appended, just before COMMIT; throwing rolls
   * the batch back. Tests use it to kill a load mid-transaction or to have a batch refused.
   */
  beforeCommit?: (items: readonly LoadItem[]) => Promise<void>;
}

export interface WriteStats {
  reports: number;
  /** Rows appended, over every table. */
  rows: number;
}

interface Prepared {
  id: bigint;
  item: LoadItem;
  rows: RecordRows | null;
  published: string | null;
  foundAt: string | null;
  loaderWarnings: string[];
}

function prepare(item: LoadItem): Prepared {
  const { report } = item;
  const loaderWarnings = [...item.loaderWarnings];
  const published = isoDate(report.published);
  if (report.published && !published) loaderWarnings.push(`published date ${JSON.stringify(report.published)} is not a valid date; stored as null`);
  const foundAt = isoTimestamp(report.found_at);
  const record = item.primary === null ? null : (item.documents[item.primary]?.record ?? null);
  const rows = record ? recordRows(record) : null;
  if (rows) loaderWarnings.push(...rows.problems);
  if (record && record.year !== null && record.year !== report.year) {
    loaderWarnings.push(`the document reports on ${record.year}; the crawler filed it under ${report.year} (kept under ${report.year})`);
  }
  return { id: reportId(report), item, rows, published, foundAt, loaderWarnings };
}

/** Opens an appender and checks it has the columns `tables.ts` declares (the append order below follows them). */
async function appenderFor(db: Database, table: string): Promise<DuckDBAppender> {
  const appender = await db.appender(table);
  const declared = tableDef(table).columns.length;
  if (appender.columnCount !== declared) {
    appender.closeSync();
    throw new Error(`table ${table} has ${appender.columnCount} columns, the schema declares ${declared}: was the file migrated?`);
  }
  return appender;
}

async function stageBatch(db: Database, prepared: Prepared[]): Promise<void> {
  await db.run('CREATE TEMP TABLE IF NOT EXISTS load_batch (report_id BIGINT, site_id VARCHAR, agency VARCHAR, year INTEGER)');
  await db.run('DELETE FROM load_batch');
  const a = await db.connection.createAppender('load_batch', 'main', 'temp');
  for (const p of prepared) {
    a.appendBigInt(p.id);
    a.appendVarchar(p.item.report.site_id);
    a.appendVarchar(p.item.report.agency);
    a.appendInteger(p.item.report.year);
    a.endRow();
  }
  a.closeSync();
}

async function appendReports(db: Database, prepared: Prepared[]): Promise<number> {
  const a = await appenderFor(db, 'reports');
  for (const { id, item, published, foundAt } of prepared) {
    const r = item.report;
    const primary = item.primary === null ? null : item.documents[item.primary]!;
    const record = primary?.record ?? null;
    a.appendBigInt(id);
    a.appendVarchar(r.site_id);
    a.appendVarchar(r.agency);
    a.appendInteger(r.year);
    a.appendInteger(r.version);
    a.appendBoolean(false); // is_current: settled for the whole agency-year below
    put.str(a, r.title);
    put.str(a, r.url);
    put.str(a, published);
    put.str(a, foundAt);
    put.str(a, r.content_sha256);
    put.str(a, record?.template);
    a.appendInteger(item.parserVersion);
    put.str(a, primary?.sha256);
    put.str(a, primary?.url);
    put.str(a, primary?.format);
    put.str(a, record?.title);
    put.str(a, record?.agency);
    put.int(a, record && Number.isInteger(record.year) ? record.year : null);
    put.str(a, r.level);
    put.str(a, r.region);
    put.str(a, r.confidence);
    put.str(a, record?.confidence);
    a.endRow();
  }
  a.closeSync();
  return prepared.length;
}

async function appendDocuments(db: Database, prepared: Prepared[]): Promise<number> {
  const docs = await appenderFor(db, 'documents');
  const errors = await appenderFor(db, 'extract_errors');
  let n = 0;
  for (const { id, item, published } of prepared) {
    item.documents.forEach((d, i) => {
      docs.appendBigInt(id);
      docs.appendVarchar(d.sha256);
      docs.appendVarchar(d.url);
      docs.appendVarchar(d.role);
      docs.appendVarchar(d.format);
      put.str(docs, isoTimestamp(d.fetched_at));
      put.str(docs, published);
      put.big(docs, d.bytes);
      docs.appendBoolean(i === item.primary);
      put.str(docs, d.record?.template);
      put.int(docs, d.record ? cellsFilled(d.record) : null);
      put.int(docs, d.record ? checksPassed(d.record) : null);
      docs.endRow();
      n++;
      if (d.error) {
        errors.appendBigInt(id);
        errors.appendVarchar(d.sha256);
        errors.appendVarchar(d.url);
        errors.appendVarchar(d.error.kind);
        errors.appendVarchar(d.error.reason);
        errors.appendInteger(item.parserVersion);
        errors.endRow();
        n++;
      }
    });
  }
  docs.closeSync();
  errors.closeSync();
  return n;
}

async function appendFigures(db: Database, prepared: Prepared[]): Promise<number> {
  const disclosure = await appenderFor(db, 'active_disclosure');
  const applications = await appenderFor(db, 'applications');
  const totals = await appenderFor(db, 'application_totals');
  const review = await appenderFor(db, 'review_litigation');
  const checks = await appenderFor(db, 'checks');
  const warnings = await appenderFor(db, 'warnings');
  const cells = await appenderFor(db, 'cells');
  let n = 0;
  for (const { id, rows, loaderWarnings } of prepared) {
    if (rows) {
      for (const [rowKey, field, value, text] of rows.disclosure) {
        disclosure.appendBigInt(id);
        disclosure.appendVarchar(rowKey);
        disclosure.appendVarchar(field);
        put.dbl(disclosure, value);
        put.str(disclosure, text);
        disclosure.endRow();
      }
      for (const [rowKey, column, count] of rows.applications) {
        applications.appendBigInt(id);
        applications.appendVarchar(rowKey);
        applications.appendVarchar(column);
        put.int(applications, count);
        applications.endRow();
      }
      if (rows.applications.length > 0) {
        const total = new Map(rows.applications.filter(([, column]) => column === 'total').map(([key, , count]) => [key, count]));
        totals.appendBigInt(id);
        for (const key of APPLICATION_ROW_KEYS) put.int(totals, total.get(key));
        totals.endRow();
        n++;
      }
      for (const [proceeding, outcome, count] of rows.review) {
        review.appendBigInt(id);
        review.appendVarchar(proceeding);
        review.appendVarchar(outcome);
        put.int(review, count);
        review.endRow();
      }
      for (const [checkId, ok, detail] of rows.checks) {
        checks.appendBigInt(id);
        checks.appendVarchar(checkId);
        put.bool(checks, ok);
        put.str(checks, detail);
        checks.endRow();
      }
      for (const [key, value, page, box, table, row, col, line, text] of rows.cells) {
        cells.appendBigInt(id);
        cells.appendVarchar(key);
        put.dbl(cells, value);
        put.int(cells, page);
        for (let i = 0; i < 4; i++) put.dbl(cells, box ? box[i] : null);
        put.int(cells, table);
        put.int(cells, row);
        put.int(cells, col);
        put.int(cells, line);
        put.str(cells, text);
        cells.endRow();
      }
      n += rows.disclosure.length + rows.applications.length + rows.review.length + rows.checks.length + rows.cells.length;
    }
    const messages: [string, string][] = [...(rows?.warnings ?? []).map((w): [string, string] => ['record', w]), ...loaderWarnings.map((w): [string, string] => ['loader', w])];
    messages.forEach(([origin, message], i) => {
      warnings.appendBigInt(id);
      warnings.appendInteger(i + 1);
      warnings.appendVarchar(origin);
      warnings.appendVarchar(message);
      warnings.endRow();
    });
    n += messages.length;
  }
  for (const a of [disclosure, applications, totals, review, checks, warnings, cells]) a.closeSync();
  return n;
}

/**
 * Settles is_current for every agency-year the batch touches. Within a site the latest version
 * wins (the crawler numbers corrections); when several sites carry the same agency-year (a
 * county's tree and the department's own site), the latest published wins, then the latest found.
 */
const SETTLE_CURRENT = `
UPDATE reports SET is_current = (ranked.rn = 1)
FROM (
  SELECT report_id,
    row_number() OVER (PARTITION BY agency, year ORDER BY latest_on_site DESC, published DESC NULLS LAST, found_at DESC NULLS LAST, site_id, version DESC) AS rn
  FROM (
    SELECT r.report_id, r.site_id, r.agency, r.year, r.version, r.published, r.found_at,
      r.version = max(r.version) OVER (PARTITION BY r.site_id, r.agency, r.year) AS latest_on_site
    FROM reports r
    WHERE EXISTS (SELECT 1 FROM load_batch b WHERE b.agency = r.agency AND b.year = r.year)
  )
) ranked
WHERE reports.report_id = ranked.report_id AND reports.is_current IS DISTINCT FROM (ranked.rn = 1)`;

/**
 * Writes `items` in one transaction and returns what was appended. Items must be distinct
 * report versions; one already loaded is replaced.
 */
export async function writeItems(db: Database, items: readonly LoadItem[], opts: WriteOptions = {}): Promise<WriteStats> {
  const prepared = items.map(prepare);
  const ids = new Set(prepared.map((p) => p.id));
  if (ids.size !== prepared.length) throw new Error('writeItems: the same report version twice in one batch');
  if (prepared.length === 0) return { reports: 0, rows: 0 };
  return db.transaction(async () => {
    await stageBatch(db, prepared);
    const existing = await db.value<number>('SELECT count(*) FROM reports WHERE report_id IN (SELECT report_id FROM load_batch)');
    if (existing) {
      for (const table of REPORT_TABLES) {
        await db.run(`DELETE FROM ${quotedIdentifier(table)} WHERE report_id IN (SELECT report_id FROM load_batch)`);
      }
    }
    let rows = await appendReports(db, prepared);
    rows += await appendDocuments(db, prepared);
    rows += await appendFigures(db, prepared);
    await db.run(foundAgenciesSql(true));
    await db.run(SETTLE_CURRENT);
    await opts.beforeCommit?.(items);
    return { reports: prepared.length, rows };
  });
}
