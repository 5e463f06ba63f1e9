/**
 * The record's reading confidence (docs/RECORD.md, "confidence"): computed by the mapper from
 * what it read, loaded as reports.reading_confidence (schema 5) next to the crawler's own
 * `confidence`, and filterable in the journalist views.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFile } from '../../extract/index.ts';
import { missingCells, readingConfidence } from '../../extract/mapper/confidence.ts';
import type { ReportRecord } from '../../extract/record.ts';
import { Database } from '../../load/db.ts';
import { recordItem } from '../../load/load-item.ts';
import { writeItems } from '../../load/writer.ts';
import { CORPUS, fixtureRecord, goldenRecords } from './helpers.ts';

describe('reading confidence computed by the mapper', () => {
  it('exact for a PDF read literally with every cell, partial for a page with blank cells', async () => {
    const pdf = await extractFile(join(CORPUS, 'real', 'hongze-2023.pdf'));
    expect(pdf.confidence).toBe('exact');
    // hongze-2023's review_litigation.totals fails as printed: still exact (the agency's arithmetic, not a choice)
    expect(pdf.checks.find((c) => c.id === 'review_litigation.totals')?.ok).toBe(false);
    const html = await extractFile(join(CORPUS, 'real', 'shuyang-fgj-2023.html'));
    expect(missingCells(html).length).toBeGreaterThan(0);
    expect(html.confidence).toBe('partial');
  });

  it('partial when a cell, a row or a table is missing or the record is freeform; chosen when a reading was kept among several', () => {
    const rec = goldenRecords().get('hongze-2024')!;
    expect(missingCells(rec)).toEqual([]);
    expect(readingConfidence(rec, 0)).toBe('exact');
    expect(readingConfidence(rec, 1)).toBe('chosen');
    const blank = structuredClone(rec);
    blank.applications!.granted![2] = null;
    expect(missingCells(blank)).toEqual(['applications.granted[2]']);
    expect(readingConfidence(blank, 1)).toBe('partial');
    const noRow = structuredClone(rec);
    delete noRow.applications!.carried_forward;
    expect(missingCells(noRow)).toHaveLength(7);
    const noTable = { ...rec, review_litigation: null };
    expect(missingCells(noTable)).toEqual(['review_litigation']);
    const noField = structuredClone(rec);
    delete noField.active_disclosure!.fees!.amount_10k_yuan;
    expect(missingCells(noField)).toEqual(['active_disclosure.fees.amount_10k_yuan']);
    expect(readingConfidence(fixtureRecord('record-freeform'), 0)).toBe('partial');
  });
});

describe('reports.reading_confidence in DuckDB', () => {
  let db: Database;
  let records: ReportRecord[];
  beforeAll(async () => {
    db = await Database.open(':memory:');
    const exact = await extractFile(join(CORPUS, 'real', 'hongze-2023.pdf'));
    const partial = await extractFile(join(CORPUS, 'real', 'shuyang-fgj-2023.html'));
    // a record as the mapper writes it after a check-guided choice
    const golden = goldenRecords().get('hongze-2024')!;
    const chosen: ReportRecord = { ...golden, confidence: readingConfidence(golden, 1) };
    // written before parser version 5: no confidence
    const old: ReportRecord = { ...fixtureRecord('record-2019') };
    delete old.confidence;
    records = [exact, partial, chosen, old];
    await writeItems(db, [
      recordItem(exact, { site_id: 'a' }),
      recordItem(partial, { site_id: 'b' }),
      recordItem(chosen, { site_id: 'a' }),
      recordItem(old, { site_id: 'b' }),
    ]);
  });
  afterAll(() => db.close());

  it('is loaded per report, apart from the crawler\'s confidence, null for an older record', async () => {
    const rows = await db.all<{ agency: string; year: number; reading_confidence: string | null; confidence: string | null }>(
      'SELECT agency, year, reading_confidence, confidence FROM reports ORDER BY agency, year',
    );
    const want = records.map((r) => ({ agency: r.agency!, year: r.year!, reading_confidence: r.confidence ?? null, confidence: null }));
    expect(rows).toEqual([...want].sort((a, b) => a.agency.localeCompare(b.agency) || a.year - b.year));
    expect(rows.map((r) => r.reading_confidence).sort()).toEqual(['chosen', 'exact', 'partial', null].sort());
  });

  it('restricts the journalist views to literal readings', async () => {
    const exact = records[0]!;
    expect(await db.all(`SELECT agency, year FROM current_reports WHERE reading_confidence = 'exact'`)).toEqual([{ agency: exact.agency, year: exact.year }]);
    expect(await db.all(`SELECT agency, year, received FROM application_volumes WHERE reading_confidence = 'exact'`)).toEqual([
      { agency: exact.agency, year: exact.year, received: exact.applications!.new_received![6] },
    ]);
    expect(await db.value(`SELECT count(DISTINCT report_id) FROM refusal_reasons WHERE reading_confidence = 'chosen'`)).toBe(1);
    expect(await db.value(`SELECT count(*) FROM litigation WHERE reading_confidence = 'partial'`)).toBe(3);
    // hongze-2023's failed review_litigation.totals is listed, and marked as a literal reading
    expect(await db.all(`SELECT check_id, reading_confidence FROM failed_checks WHERE agency = $1`, [exact.agency])).toEqual([
      { check_id: 'review_litigation.totals', reading_confidence: 'exact' },
    ]);
    const comments = await db.all<{ table_name: string; comment: string }>(
      `SELECT table_name, comment FROM duckdb_columns() WHERE column_name = 'reading_confidence' ORDER BY table_name`,
    );
    expect(comments.map((c) => c.table_name)).toEqual(['application_volumes', 'current_reports', 'failed_checks', 'litigation', 'refusal_reasons', 'reports']);
    for (const c of comments) expect(c.comment, c.table_name).toMatch(/exact.*chosen.*partial/);
  });
});
