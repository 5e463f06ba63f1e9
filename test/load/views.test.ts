import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/schema.ts';
import { syncConfig } from '../../load/agencies.ts';
import { Database } from '../../load/db.ts';
import { recordItem } from '../../load/load-item.ts';
import { writeItems } from '../../load/writer.ts';
import type { ReportRecord } from '../../extract/record.ts';
import { fixtureRecord, goldenRecords } from './helpers.ts';

/**
 * A small warehouse by hand: the golden records (2021 template), a 2019-template and a freeform
 * record, under a configuration with levels, so every view has known answers.
 */
const golden = goldenRecords();
const config = resolveConfig(
  {
    expectedYears: [2023, 2024],
    sites: [
      {
        id: 'huaian', agency: '洪泽区人民政府', region: '江苏省淮安市', level: 'county', startUrls: ['http://127.0.0.1/'],
        agencies: [{ name: '洪泽区农业农村局', level: 'department' }],
      },
      {
        id: 'qinghe', agency: '清河县人民政府', region: '河北省邢台市', level: 'county', startUrls: ['http://127.0.0.1/'],
        agencies: [{ name: '清河县农业农村局', level: 'department', expectedYears: [2019, 2020] }],
      },
    ],
  },
  'test config',
);

let db: Database;

beforeAll(async () => {
  db = await Database.open(':memory:');
  await syncConfig(db, config);
  const items = [
    // county government: due 31 March, published 15 March → on time
    recordItem(golden.get('hongze-2023')!, { site_id: 'huaian', published: '2024-03-15' }),
    // county government 2024, filed under the configured name (the document prints 淮安市洪泽区人民政府):
    // published 1 April → 1 day late
    recordItem(golden.get('hongze-2024')!, { site_id: 'huaian', agency: '洪泽区人民政府', published: '2025-04-01' }),
    // a department, due 31 January: 2019 template published 10 February 2020 → 10 days late
    recordItem(fixtureRecord('record-2019'), { site_id: 'qinghe', published: '2020-02-10' }),
    // an agency in no configuration, freeform, before 2019 (due 31 March under the old 条例) → on time
    recordItem(fixtureRecord('record-freeform'), { site_id: 'qinghe', published: '2018-03-20' }),
    recordItem(golden.get('shuyang-fgj-2023')!, { site_id: 'qinghe', published: '2024-01-17' }),
  ];
  await writeItems(db, items);
  await db.run(`SET VARIABLE as_of = DATE '2025-06-30'`);
});

afterAll(() => db.close());

function totals(record: ReportRecord, key: string): number | null {
  return record.applications?.[key]?.[6] ?? null;
}

describe('views on hand-made records', () => {
  it('application_volumes: one row per agency and year, from the 总计 column', async () => {
    const rows = await db.all('SELECT * FROM application_volumes');
    expect(rows.map((r) => `${r.agency} ${r.year}`)).toEqual([
      '南平市人民政府 2017',
      '沭阳县发展和改革局 2023',
      '洪泽区人民政府 2023',
      '洪泽区人民政府 2024',
      '清河县农业农村局 2019',
    ]);
    const hongze = golden.get('hongze-2023')!;
    const row = rows.find((r) => r.agency === '洪泽区人民政府' && r.year === 2023)!;
    expect(row).toMatchObject({
      level: 'county', region: '江苏省淮安市', template: '2021',
      received: 21, carried_over: 0, granted: 0, partially_granted: 4,
      denied: 3, denied_state_secret: 1, denied_process_info: 1, denied_enforcement_file: 1,
      unable_to_provide: 13, not_processed: 1, other: 0, total_processed: 21, carried_forward: 0,
      grant_rate: 0, grant_or_partial_rate: 0.1905,
    });
    expect(row.received).toBe(totals(hongze, 'new_received'));
    // the 2019 template's single （六）其他处理 row, and a null cell elsewhere in a summed group
    expect(rows.find((r) => r.agency === '清河县农业农村局')).toMatchObject({
      template: '2019', received: 140, carried_over: 5, granted: 69, partially_granted: 11,
      denied: 12, denied_query_matter: 1, unable_to_provide: 33, not_processed: 10, other: 3,
      total_processed: 138, carried_forward: 7, grant_rate: 0.5, grant_or_partial_rate: 0.5797,
    });
    // freeform: what the sentences state, nulls for the rest (not zeros)
    expect(rows.find((r) => r.agency === '南平市人民政府')).toMatchObject({
      template: 'freeform', received: 49, granted: 41, denied: null, total_processed: null, grant_rate: null,
    });
    // 2021 sub-rows of （六） are summed into other
    const seedsOther = await db.all(`SELECT other FROM application_volumes WHERE agency = '沭阳县发展和改革局'`);
    const shuyang = golden.get('shuyang-fgj-2023')!.applications!;
    const expectedOther = ['other_overdue_correction', 'other_overdue_fee', 'other_other'].reduce((s, k) => s + (shuyang[k]?.[6] ?? 0), 0);
    expect(seedsOther).toEqual([{ other: expectedOther }]);
  });

  it('refusal_reasons: agency × year × reason × count', async () => {
    const rows = await db.all(
      `SELECT category, reason, l.label_zh AS reason_zh, count FROM refusal_reasons x JOIN labels l ON l.dimension = 'application_row' AND l.key = x.reason
       WHERE agency = '清河县农业农村局' ORDER BY l.ordinal`,
    );
    expect(rows).toHaveLength(8 + 3 + 5);
    expect(rows[0]).toEqual({ category: 'denied', reason: 'denied_state_secret', reason_zh: '不予公开：属于国家秘密', count: 1 });
    expect(rows.find((r) => r.reason === 'unable_not_held')).toEqual({ category: 'unable', reason: 'unable_not_held', reason_zh: '无法提供：本机关不掌握相关政府信息', count: 26 });
    expect(rows.at(-1)).toMatchObject({ category: 'rejected', reason: 'rejected_confirm_reissue', count: 0 });
    // the view's category of every reason is the labels' group, and every refusal row of labels is there
    expect(await db.all(`SELECT DISTINCT x.reason FROM refusal_reasons x JOIN labels l ON l.dimension = 'application_row' AND l.key = x.reason WHERE l.group_key IS DISTINCT FROM x.category`)).toEqual([]);
    expect(await db.value(`SELECT count(DISTINCT reason) FROM refusal_reasons`)).toBe(await db.value(`SELECT count(*) FROM labels WHERE dimension = 'application_row' AND group_key IN ('denied', 'unable', 'rejected')`));
    const top = await db.all(`SELECT reason, sum(count) AS n FROM refusal_reasons GROUP BY reason ORDER BY n DESC, reason LIMIT 1`);
    expect(top).toEqual([{ reason: 'unable_not_held', n: 10 + 26 + totals(golden.get('hongze-2024')!, 'unable_not_held')! + totals(golden.get('shuyang-fgj-2023')!, 'unable_not_held')! }]);
  });

  it('litigation: reviews and lawsuits by outcome', async () => {
    const sql = `SELECT proceeding, proceeding_zh, upheld, corrected, other, pending, total FROM litigation x JOIN labels l ON l.dimension = 'proceeding' AND l.key = x.proceeding
                 WHERE agency = '清河县农业农村局' ORDER BY l.ordinal`;
    expect(await db.all(sql)).toEqual([
      { proceeding: 'review', proceeding_zh: '行政复议', upheld: 3, corrected: 1, other: 0, pending: 1, total: 5 },
      { proceeding: 'litigation_direct', proceeding_zh: '行政诉讼：未经复议直接起诉', upheld: 2, corrected: 0, other: 1, pending: 0, total: 3 },
      { proceeding: 'litigation_after_review', proceeding_zh: '行政诉讼：复议后起诉', upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 },
    ]);
    // freeform has no table 4: no rows rather than zeros
    expect(await db.value(`SELECT count(*) FROM litigation WHERE agency = '南平市人民政府'`)).toBe(0);
  });

  it('failed_checks: the reports whose figures do not add up, with the detail', async () => {
    expect(await db.all('SELECT agency, year, check_id, detail FROM failed_checks')).toEqual([
      { agency: '洪泽区人民政府', year: 2023, check_id: 'review_litigation.totals', detail: golden.get('hongze-2023')!.checks.find((c) => c.ok === false)!.detail },
    ]);
  });

  it('late_reports: after 31 January for departments, 31 March for governments, with days late', async () => {
    expect(await db.all('SELECT agency, year, level, published, deadline, days_late FROM late_reports')).toEqual([
      { agency: '清河县农业农村局', year: 2019, level: 'department', published: '2020-02-10', deadline: '2020-01-31', days_late: 10 },
      { agency: '洪泽区人民政府', year: 2024, level: 'county', published: '2025-04-01', deadline: '2025-03-31', days_late: 1 },
    ]);
  });

  it('missing_reports: configured agency × expected year with no report, once the deadline has passed', async () => {
    const missing = await db.all('SELECT agency, year, level, deadline, days_overdue FROM missing_reports');
    expect(missing).toEqual([
      { agency: '清河县农业农村局', year: 2020, level: 'department', deadline: '2021-01-31', days_overdue: 1611 },
      { agency: '洪泽区农业农村局', year: 2023, level: 'department', deadline: '2024-01-31', days_overdue: 516 },
      { agency: '清河县人民政府', year: 2023, level: 'county', deadline: '2024-03-31', days_overdue: 456 },
      { agency: '洪泽区农业农村局', year: 2024, level: 'department', deadline: '2025-01-31', days_overdue: 150 },
      { agency: '清河县人民政府', year: 2024, level: 'county', deadline: '2025-03-31', days_overdue: 91 },
    ]);
    // 清河县农业农村局 has its 2019 report; the others no report of any year, on sites that were
    // crawled (they hold reports): nothing found there
    expect((await db.all<{ reason: string }>('SELECT reason FROM missing_reports')).map((r) => r.reason)).toEqual(['other-years-found', 'nothing-found-on-site', 'nothing-found-on-site', 'nothing-found-on-site', 'nothing-found-on-site']);
    // before the 2024 deadlines, the 2024 reports are not yet due, hence not missing; and the county's
    // 2024 report, published on 2025-04-01, was not yet published on 2025-01-31: not reported then
    await db.run(`SET VARIABLE as_of = DATE '2025-01-31'`);
    try {
      expect(await db.all('SELECT agency, year FROM missing_reports WHERE year = 2024')).toEqual([]);
      expect(await db.all(`SELECT year, level, expected, reported, missing, not_yet_due FROM coverage WHERE year = 2024`)).toEqual([
        { year: 2024, level: 'county', expected: 2, reported: 0, missing: 0, not_yet_due: 2 },
        { year: 2024, level: 'department', expected: 1, reported: 0, missing: 0, not_yet_due: 1 },
      ]);
    } finally {
      await db.run(`SET VARIABLE as_of = DATE '2025-06-30'`);
    }
  });

  it('coverage: expected, reported, missing, loaded, unlisted, late and failing by year and level', async () => {
    expect(await db.all('SELECT * FROM coverage')).toEqual([
      { year: 2017, level: 'unknown', expected: 0, reported: 0, missing: 0, not_looked_at: 0, not_yet_due: 0, reports: 1, unlisted: 1, late: 0, failing_checks: 0 },
      { year: 2019, level: 'department', expected: 1, reported: 1, missing: 0, not_looked_at: 0, not_yet_due: 0, reports: 1, unlisted: 0, late: 1, failing_checks: 0 },
      { year: 2020, level: 'department', expected: 1, reported: 0, missing: 1, not_looked_at: 0, not_yet_due: 0, reports: 0, unlisted: 0, late: 0, failing_checks: 0 },
      { year: 2023, level: 'county', expected: 2, reported: 1, missing: 1, not_looked_at: 0, not_yet_due: 0, reports: 1, unlisted: 0, late: 0, failing_checks: 1 },
      { year: 2023, level: 'department', expected: 1, reported: 0, missing: 1, not_looked_at: 0, not_yet_due: 0, reports: 0, unlisted: 0, late: 0, failing_checks: 0 },
      { year: 2023, level: 'unknown', expected: 0, reported: 0, missing: 0, not_looked_at: 0, not_yet_due: 0, reports: 1, unlisted: 1, late: 0, failing_checks: 0 },
      { year: 2024, level: 'county', expected: 2, reported: 1, missing: 1, not_looked_at: 0, not_yet_due: 0, reports: 1, unlisted: 0, late: 1, failing_checks: 0 },
      { year: 2024, level: 'department', expected: 1, reported: 0, missing: 1, not_looked_at: 0, not_yet_due: 0, reports: 0, unlisted: 0, late: 0, failing_checks: 0 },
    ]);
  });

  it('stores table 2 per template, null cells as null and the unit as text', async () => {
    const rows = await db.all(`SELECT row_key, field, value, text FROM active_disclosure d JOIN reports r USING (report_id) WHERE r.agency = '清河县农业农村局' AND row_key IN ('licensing', 'procurement') ORDER BY row_key, field`);
    expect(rows).toEqual([
      { row_key: 'licensing', field: 'decisions', value: 1200, text: null },
      { row_key: 'licensing', field: 'items_change', value: -3, text: null },
      { row_key: 'licensing', field: 'items_prev_year', value: 30, text: null },
      { row_key: 'procurement', field: 'amount', value: 251000, text: null },
      { row_key: 'procurement', field: 'amount_unit', value: null, text: '元' },
      { row_key: 'procurement', field: 'projects', value: 6, text: null },
    ]);
    expect(await db.all(`SELECT count FROM applications a JOIN reports r USING (report_id) WHERE r.agency = '清河县农业农村局' AND row_key = 'denied_query_matter' AND applicant_type = 'commercial'`)).toEqual([{ count: null }]);
    const fee = golden.get('hongze-2023')!.active_disclosure!.fees!.amount_10k_yuan;
    expect(await db.all(`SELECT value FROM active_disclosure d JOIN reports r USING (report_id) WHERE r.agency = '洪泽区人民政府' AND r.year = 2023 AND field = 'amount_10k_yuan'`)).toEqual([{ value: fee }]);
  });

  it('keeps every long-form row of a record: 7 per table-3 row, 5 per table-4 group, every check and warning', async () => {
    for (const [name, record] of [['hongze-2023', golden.get('hongze-2023')!], ['2019', fixtureRecord('record-2019')]] as const) {
      const [counts] = await db.all<{ a: number; r: number; c: number; w: number }>(
        `SELECT (SELECT count(*) FROM applications WHERE report_id = x.report_id) AS a,
                (SELECT count(*) FROM review_litigation WHERE report_id = x.report_id) AS r,
                (SELECT count(*) FROM checks WHERE report_id = x.report_id) AS c,
                (SELECT count(*) FROM warnings WHERE report_id = x.report_id AND origin = 'record') AS w
         FROM reports x WHERE agency = $1 AND year = $2`,
        [record.agency!, record.year!],
      );
      expect(counts, name).toEqual({ a: Object.keys(record.applications!).length * 7, r: 15, c: record.checks.length, w: record.warnings.length });
    }
  });
});
