/**
 * The `anomalies` view (issue 12) on a generated multi-year set: one agency's 本年新收 swings ×5
 * and then drops to zero after three non-zero years; another prints the same table two years
 * running; a third carries over less than it carried forward the year before. Nothing else is
 * flagged, and `status` lists the strongest.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RawStore } from '../../crawlers/raw-store.ts';
import type { ReportRecord } from '../../extract/record.ts';
import { Database } from '../../load/db.ts';
import { loadStore } from '../../load/loader.ts';
import { formatStatus, readStatus } from '../../load/status.ts';
import { addJsonReport, goldenRecords, jsonExtract, tempDir } from './helpers.ts';

const golden = goldenRecords();

/** Seed 000's record (tables 2 and 4 all zero) for `year`, table 3 rows set as given (总计 column and natural persons). */
function record(year: number, totals: Record<string, number>): ReportRecord {
  const r = structuredClone(golden.get('000_3e089bbee027005d')!);
  r.year = year;
  for (const [row, n] of Object.entries(totals)) r.applications![row] = [n, 0, 0, 0, 0, 0, n];
  return r;
}

describe('anomalies', () => {
  it('flags planted swings, a drop to zero, a copied table and a break in continuity, each with both years', async () => {
    const store = new RawStore(join(tempDir('anomalies'), 'raw'));
    const add = (agency: string, year: number, r: ReportRecord) => addJsonReport(store, { site_id: 's', agency, year, published: `${year + 1}-01-20` }, [{ content: r, url: `http://s.test/${encodeURIComponent(agency)}/${year}.html` }]);
    // 甲: 本年新收 30, 32, 31, then 200 (×6.5, +169), then 0 after 32, 31, 200 (three non-zero years).
    const a = [30, 32, 31, 200, 0];
    a.forEach((n, i) => add('甲局', 2019 + i, record(2019 + i, { new_received: n, total_processed: n, granted: n, carried_over: 0, carried_forward: 0 })));
    // 乙: 2022's record is 2021's, every cell.
    const copied = record(2021, { new_received: 12, total_processed: 12, granted: 12, carried_over: 0, carried_forward: 0 });
    add('乙局', 2021, copied);
    add('乙局', 2022, { ...copied, year: 2022 });
    // 丙: carries forward 5 into 2022, but 2022 says it carried over 2.
    add('丙局', 2021, record(2021, { new_received: 10, carried_over: 0, total_processed: 5, granted: 5, carried_forward: 5 }));
    add('丙局', 2022, record(2022, { new_received: 11, carried_over: 2, total_processed: 13, granted: 13, carried_forward: 0 }));
    // 丁: small numbers move a lot (3 → 16 is ×5 but only +13): no flag.
    add('丁局', 2021, record(2021, { new_received: 3, total_processed: 3, granted: 3, carried_over: 0, carried_forward: 0 }));
    add('丁局', 2022, record(2022, { new_received: 16, total_processed: 16, granted: 16, carried_over: 0, carried_forward: 0 }));

    const db = await Database.open(':memory:');
    try {
      await loadStore(db, store, { extract: jsonExtract });
      const rows = await db.all<{ agency: string; key: string; flag: string; year: number; value: number | null; prev_year: number; prev_value: number | null }>(
        'SELECT agency, key, flag, year, value, prev_year, prev_value FROM anomalies',
      );
      const flags = rows.map((r) => `${r.agency} ${r.key} ${r.flag} ${r.prev_year}→${r.year} ${r.prev_value ?? ''}→${r.value ?? ''}`).sort();
      const swing = (k: string, from: number, to: number, y: number) => `甲局 applications.${k}[6] swing ${y - 1}→${y} ${from}→${to}`;
      const drop = (k: string) => `甲局 applications.${k}[6] drop_to_zero 2022→2023 200→0`;
      expect(flags).toEqual(
        [
          ...['new_received', 'total_processed', 'granted'].flatMap((k) => [swing(k, 31, 200, 2022), swing(k, 200, 0, 2023), drop(k)]),
          '乙局 applications copied 2021→2022 →',
          '丙局 applications.carried_over[6] continuity 2021→2022 5→2',
        ].sort(),
      );
      // Each flag names both reports, and the series over the years comes with it.
      const [s] = await db.all<{ report_id: number; prev_report_id: number; series: { year: number; value: number }[] }>(
        `SELECT report_id, prev_report_id, series FROM anomalies WHERE agency = '甲局' AND key = 'applications.new_received[6]' AND flag = 'drop_to_zero'`,
      );
      expect(s!.report_id).not.toBe(s!.prev_report_id);
      expect(s!.series.map((p) => [p.year, p.value])).toEqual(a.map((n, i) => [2019 + i, n]));
      const status = await readStatus(db, { asOf: '2025-01-01' });
      expect(status.anomalies.total).toBe(rows.length);
      expect(status.anomalies.rows[0]!.slice(0, 4)).toEqual([2023, '甲局', 'drop_to_zero', 'applications.granted[6]']);
      expect(formatStatus(status)).toContain('view anomalies');
    } finally {
      db.close();
    }
  });
});
