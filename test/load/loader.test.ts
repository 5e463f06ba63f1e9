import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/schema.ts';
import { RawStore } from '../../crawlers/raw-store.ts';
import { PARSER_VERSION, type ReportRecord } from '../../extract/record.ts';
import { Database } from '../../load/db.ts';
import { loadStore } from '../../load/loader.ts';
import { formatLoadSummary } from '../../load/load-summary.ts';
import { addJsonReport, fixtureRecord, goldenRecords, jsonExtract, orphanRows, tableHashes, tempDir } from './helpers.ts';

const golden = goldenRecords();

/** A store with three reports of two sites: seeds 000 and 001 and the hongze 2023 PDF record. */
function sampleStore(): RawStore {
  const store = new RawStore(join(tempDir('store'), 'raw'));
  addJsonReport(store, { site_id: 'a', agency: '高新技术产业开发区管理办公室', year: 2021, published: '2022-01-20', level: 'zone' }, [
    { content: golden.get('000_3e089bbee027005d')!, url: 'http://a.test/nb/t20220120_1.html' },
  ]);
  addJsonReport(store, { site_id: 'a', agency: golden.get('001_c779024abbc6666e')!.agency!, year: golden.get('001_c779024abbc6666e')!.year!, published: '2022-02-03' }, [
    { content: golden.get('001_c779024abbc6666e')!, url: 'http://a.test/nb/t20220203_2.html' },
  ]);
  addJsonReport(store, { site_id: 'b', agency: '洪泽区人民政府', year: 2023, published: '2024-01-25', level: 'county' }, [
    { content: golden.get('hongze-2023')!, url: 'http://b.test/art/2024/1/25/art_1_2.html' },
  ]);
  return store;
}

async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await Database.open(':memory:');
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

describe('loadStore', () => {
  it('loads what the store holds, and a second load changes nothing', async () => {
    const store = sampleStore();
    await withDb(async (db) => {
      const first = await loadStore(db, store, { extract: jsonExtract });
      expect(first).toMatchObject({ inStore: 3, upToDate: 0, loaded: 3, withoutRecord: 0, documents: 3, failures: [], crawlLogLines: 3, rejected: [] });
      const before = await tableHashes(db);
      expect(before.reports).toMatch(/^3:/);
      const second = await loadStore(db, store, { extract: jsonExtract });
      expect(second).toMatchObject({ inStore: 3, upToDate: 3, loaded: 0, rows: 0, crawlLogLines: 0 });
      expect(await tableHashes(db)).toEqual(before);
      // re-extraction rewrites every report with the same result: same content, no duplicates
      const again = await loadStore(db, store, { extract: jsonExtract, reextract: true });
      expect(again.loaded).toBe(3);
      expect(await tableHashes(db)).toEqual(before);
    });
  });

  it('keeps the stored sites and agencies when loaded with a configuration that lists none', async () => {
    const store = sampleStore();
    const withSites = resolveConfig({ expectedYears: [2023], sites: [{ id: 'b', agency: '洪泽区人民政府', level: 'county', startUrls: ['http://b.test/'] }] }, 'test');
    await withDb(async (db) => {
      await loadStore(db, store, { extract: jsonExtract, config: withSites });
      await loadStore(db, store, { extract: jsonExtract, config: resolveConfig({}, 'empty') });
      expect(await db.all('SELECT site_id, agency FROM sites')).toEqual([{ site_id: 'b', agency: '洪泽区人民政府' }]);
      expect(await db.all('SELECT name, level FROM agencies WHERE configured')).toEqual([{ name: '洪泽区人民政府', level: 'county' }]);
    });
  });

  it('gives the same warehouse whatever the batch size', async () => {
    const store = sampleStore();
    const one = await withDb(async (db) => (await loadStore(db, store, { extract: jsonExtract, batchSize: 1 }), tableHashes(db)));
    const all = await withDb(async (db) => (await loadStore(db, store, { extract: jsonExtract, batchSize: 100 }), tableHashes(db)));
    expect(one).toEqual(all);
  });

  it('re-extracts reports loaded by an older parser version', async () => {
    const store = sampleStore();
    await withDb(async (db) => {
      await loadStore(db, store, { extract: jsonExtract });
      const before = await tableHashes(db);
      await db.run(`UPDATE reports SET parser_version = $1 WHERE site_id = 'b'`, [PARSER_VERSION - 1]);
      const summary = await loadStore(db, store, { extract: jsonExtract });
      expect(summary).toMatchObject({ upToDate: 2, loaded: 1 });
      expect(await tableHashes(db)).toEqual(before);
    });
  });

  it('makes a corrected re-publication a second version, and the views use it', async () => {
    const store = sampleStore();
    await withDb(async (db) => {
      await loadStore(db, store, { extract: jsonExtract });
      const corrected: ReportRecord = structuredClone(golden.get('hongze-2023')!);
      corrected.review_litigation!.review.total = 11;
      corrected.review_litigation!.litigation_after_review.total = 5;
      corrected.checks = corrected.checks.map((c) => ({ id: c.id, ok: true }));
      corrected.applications!.granted = [2, 0, 0, 0, 0, 0, 2];
      corrected.applications!.unable_not_held = [8, 0, 0, 0, 0, 0, 8];
      addJsonReport(store, { site_id: 'b', agency: '洪泽区人民政府', year: 2023, version: 2, published: '2024-04-02', level: 'county', found_at: '2025-02-01T00:00:00.000Z' }, [
        { content: corrected, url: 'http://b.test/art/2024/4/2/art_1_9.html' },
      ]);
      const summary = await loadStore(db, store, { extract: jsonExtract });
      expect(summary).toMatchObject({ upToDate: 3, loaded: 1 });
      expect(await db.all(`SELECT version, is_current, published FROM reports WHERE agency = '洪泽区人民政府' ORDER BY version`)).toEqual([
        { version: 1, is_current: false, published: '2024-01-25' },
        { version: 2, is_current: true, published: '2024-04-02' },
      ]);
      expect(await db.all(`SELECT granted, unable_to_provide FROM application_volumes WHERE agency = '洪泽区人民政府'`)).toEqual([{ granted: 2, unable_to_provide: 11 }]);
      expect(await db.value(`SELECT count(*) FROM failed_checks`)).toBe(0);
      expect(await db.value(`SELECT count(*) FROM application_volumes`)).toBe(3);
      // first published in January: the correction in April does not make the report late
      expect(await db.value(`SELECT count(*) FROM late_reports WHERE agency = '洪泽区人民政府'`)).toBe(0);
    });
  });

  it('records every document that cannot be extracted and loads the rest', async () => {
    const store = sampleStore();
    const body = { not_a_report: 'a short page that only links the PDF' };
    addJsonReport(store, { site_id: 'c', agency: '清河县农业农村局', year: 2019 }, [
      { content: body, url: 'http://c.test/t1.html' },
      { content: fixtureRecord('record-2019'), url: 'http://c.test/P1.pdf', role: 'attachment' },
    ]);
    addJsonReport(store, { site_id: 'c', agency: '清河县水利局', year: 2023 }, [{ content: { not_a_report: 'no report tables and no report figures in its text' }, url: 'http://c.test/t2.html' }]);
    const missing = addJsonReport(store, { site_id: 'c', agency: '清河县林业局', year: 2023 }, [{ content: fixtureRecord('record-2019'), url: 'http://c.test/t3.html' }]);
    // the crawler listed a document whose bytes never reached the store
    appendFileSync(store.reportsPath, JSON.stringify({ ...missing, agency: '清河县教育局', documents: [{ ...missing.documents[0], sha256: 'f'.repeat(64) }] }) + '\n');
    await withDb(async (db) => {
      const summary = await loadStore(db, store, { extract: jsonExtract });
      expect(summary).toMatchObject({ inStore: 7, loaded: 7, withoutRecord: 2 });
      expect(summary.failures.map((f) => [f.agency, f.kind, f.reportHasFigures])).toEqual([
        ['清河县农业农村局', 'not-a-report', true],
        ['清河县水利局', 'not-a-report', false],
        ['清河县教育局', 'missing-object', false],
      ]);
      // the summary lists the failures that cost a report its figures, and only counts the others
      const text = formatLoadSummary(summary);
      expect(text).toContain('documents: 8 read, 3 could not be extracted (table extract_errors), 2 of them in reports left without figures:');
      expect(text).toContain('  清河县水利局 2023: http://c.test/t2.html: not-a-report: no report tables and no report figures in its text');
      expect(text).not.toContain('http://c.test/t1.html');
      expect(await db.all(`SELECT r.agency, e.url, e.kind, e.reason, e.parser_version FROM extract_errors e JOIN reports r USING (report_id) ORDER BY r.agency`)).toEqual([
        { agency: '清河县农业农村局', url: 'http://c.test/t1.html', kind: 'not-a-report', reason: 'a short page that only links the PDF', parser_version: PARSER_VERSION },
        { agency: '清河县教育局', url: 'http://c.test/t3.html', kind: 'missing-object', reason: `not in the raw store (${'f'.repeat(64)})`, parser_version: PARSER_VERSION },
        { agency: '清河县水利局', url: 'http://c.test/t2.html', kind: 'not-a-report', reason: 'no report tables and no report figures in its text', parser_version: PARSER_VERSION },
      ]);
      // the attachment became primary; the failed body stays listed
      expect(await db.all(`SELECT d.role, d.is_primary, d.template FROM documents d JOIN reports r USING (report_id) WHERE r.agency = '清河县农业农村局' ORDER BY d.role`)).toEqual([
        { role: 'attachment', is_primary: true, template: '2019' },
        { role: 'body', is_primary: false, template: null },
      ]);
      expect(await db.all(`SELECT agency, template, source_url FROM reports WHERE agency IN ('清河县农业农村局', '清河县水利局') ORDER BY agency`)).toEqual([
        { agency: '清河县农业农村局', template: '2019', source_url: 'http://c.test/P1.pdf' },
        { agency: '清河县水利局', template: null, source_url: null },
      ]);
      // a report without figures is still a report: present in the views with nulls, not missing
      expect(await db.all(`SELECT received, total_processed FROM application_volumes WHERE agency = '清河县水利局'`)).toEqual([{ received: null, total_processed: null }]);
    });
  });

  it('a report whose rows the warehouse refuses is loaded without figures, and the rest of its batch lands', async () => {
    const store = sampleStore();
    addJsonReport(store, { site_id: 'z', agency: 'Z', year: 2022 }, [{ content: golden.get('002_53998b694067610d')!, url: 'http://z.test/1.html' }]);
    await withDb(async (db) => {
      const summary = await loadStore(db, store, {
        extract: jsonExtract,
        // stands in for DuckDB refusing a row of Z's figures: the batch, and Z on its own, are rolled back
        beforeCommit: async (_batch, items) => {
          if (items.some((i) => i.report.agency === 'Z' && i.primary !== null)) throw new Error('Conversion Error: a value DuckDB refused');
        },
      });
      expect(summary).toMatchObject({ inStore: 4, loaded: 4, withoutRecord: 1 });
      expect(summary.failures).toEqual([{ agency: 'Z', year: 2022, url: 'http://z.test/1.html', kind: 'load', reason: 'Conversion Error: a value DuckDB refused', reportHasFigures: false }]);
      expect(await db.value(`SELECT count(*) FROM application_volumes WHERE received IS NOT NULL`)).toBe(3);
      expect(await db.all(`SELECT e.kind, e.reason FROM extract_errors e JOIN reports r USING (report_id) WHERE r.agency = 'Z'`)).toEqual([
        { kind: 'load', reason: 'the warehouse refused the record: Conversion Error: a value DuckDB refused' },
      ]);
      expect(await db.all(`SELECT template, source_url FROM reports WHERE agency = 'Z'`)).toEqual([{ template: null, source_url: null }]);
      expect(Object.values(await orphanRows(db)).every((n) => n === 0)).toBe(true);
    });
  });

  it('takes the most complete document as primary, the body when they tie', async () => {
    const store = new RawStore(join(tempDir('primary'), 'raw'));
    const full = golden.get('002_53998b694067610d')!;
    const partial: ReportRecord = { ...structuredClone(full), review_litigation: null };
    addJsonReport(store, { site_id: 'p', agency: 'A', year: 2022 }, [
      { content: partial, url: 'http://p.test/a.html' },
      { content: full, url: 'http://p.test/a.pdf', role: 'attachment' },
    ]);
    addJsonReport(store, { site_id: 'p', agency: 'B', year: 2022 }, [
      { content: full, url: 'http://p.test/b.pdf', role: 'attachment' },
      { content: full, url: 'http://p.test/b.html' },
    ]);
    await withDb(async (db) => {
      await loadStore(db, store, { extract: jsonExtract });
      expect(await db.all(`SELECT agency, source_url FROM reports ORDER BY agency`)).toEqual([
        { agency: 'A', source_url: 'http://p.test/a.pdf' },
        { agency: 'B', source_url: 'http://p.test/b.html' },
      ]);
    });
  });

  it('stores odd values of a bad record as null with a warning, and loads the rest of it', async () => {
    const store = new RawStore(join(tempDir('bad'), 'raw'));
    const bad = structuredClone(golden.get('003_de27d4d4802e9364')!) as unknown as Record<string, any>;
    bad.applications.granted = [1.5, 0, 0, 0, 0, 0, 'x'];
    bad.applications.carried_over = 'zero';
    bad.year = 2020;
    addJsonReport(store, { site_id: 'x', agency: 'X', year: 2021, published: '2022-02-30' }, [{ content: bad as ReportRecord, url: 'http://x.test/1.html' }]);
    addJsonReport(store, { site_id: 'x', agency: 'Y', year: 2021 }, [{ content: golden.get('004_e6ee48d9f5f3b505')!, url: 'http://x.test/2.html' }]);
    await withDb(async (db) => {
      const summary = await loadStore(db, store, { extract: jsonExtract });
      expect(summary.loaded).toBe(2);
      expect(await db.all(`SELECT message FROM warnings w JOIN reports r USING (report_id) WHERE r.agency = 'X' AND origin = 'loader' ORDER BY ordinal`)).toEqual([
        { message: 'published date "2022-02-30" is not a valid date; stored as null' },
        { message: 'applications.carried_over: not a list of 7 numbers; skipped' },
        { message: 'applications.granted[0]: 1.5 is not a whole number; stored as null' },
        { message: 'applications.granted[6]: "x" is not a whole number; stored as null' },
        { message: 'the document reports on 2020; the crawler filed it under 2021 (kept under 2021)' },
      ]);
      expect(await db.all(`SELECT received, granted, carried_over FROM application_volumes WHERE agency = 'X'`)).toEqual([{ received: 0, granted: null, carried_over: null }]);
      expect(await db.value(`SELECT printed_year FROM reports WHERE agency = 'X'`)).toBe(2020);
    });
  });

  it('keeps the crawl log in step with fetch-log.jsonl and reports unusable manifest lines', async () => {
    const store = sampleStore();
    appendFileSync(store.reportsPath, JSON.stringify({ site_id: 'a', year: 2021, version: 1, documents: [] }) + '\n');
    await withDb(async (db) => {
      const first = await loadStore(db, store, { extract: jsonExtract });
      expect(first.rejected).toEqual([`${store.reportsPath} entry 4: no agency; skipped`]);
      store.logFetch({ site_id: 'a', url: 'http://a.test/robots.txt', final_url: 'http://a.test/robots.txt', status: 404, content_type: null, encoding: null, etag: null, last_modified: null, sha256: null, bytes: 0, fetched_at: '2025-03-01T00:00:00.000Z', error: 'soft-404' });
      const second = await loadStore(db, store, { extract: jsonExtract });
      expect(second.crawlLogLines).toBe(1);
      expect(await db.all('SELECT seq, status, error FROM crawl_log ORDER BY seq')).toEqual([
        { seq: 1, status: 200, error: null },
        { seq: 2, status: 200, error: null },
        { seq: 3, status: 200, error: null },
        { seq: 4, status: 404, error: 'soft-404' },
      ]);
      expect(await db.all(`SELECT DISTINCT fetched_at FROM documents`)).toEqual([{ fetched_at: '2025-01-02T03:04:05.000Z' }]);
    });
  });
});
