import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/schema.ts';
import { UsageError } from '../../errors.ts';
import { syncConfig } from '../../load/agencies.ts';
import { Database } from '../../load/db.ts';
import { exportAll } from '../../load/export.ts';
import { recordItem } from '../../load/load-item.ts';
import { formatStatus, parseAsOf, readStatus, statusJson } from '../../load/status.ts';
import { TABLES } from '../../load/tables.ts';
import { VIEW_NAMES } from '../../load/views.ts';
import { writeItems } from '../../load/writer.ts';
import { goldenRecords, tempDir } from './helpers.ts';

let db: Database;
const golden = goldenRecords();

beforeAll(async () => {
  db = await Database.open(':memory:');
  await syncConfig(
    db,
    resolveConfig({ expectedYears: [2023, 2024], sites: [{ id: 'h', agency: '洪泽区人民政府', level: 'county', startUrls: ['http://127.0.0.1/'], agencies: [{ name: '洪泽区水利局', level: 'department' }] }] }, 'test'),
  );
  await writeItems(db, [
    recordItem(golden.get('hongze-2023')!, { site_id: 'h', published: '2024-04-02' }),
    recordItem(golden.get('hongze-2024')!, { site_id: 'h', agency: '洪泽区人民政府', published: '2025-01-24' }),
  ]);
});

afterAll(() => db.close());

describe('status', () => {
  it('checks --as-of', () => {
    expect(parseAsOf('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2023-02-29', '2024-2-1', 'yesterday']) expect(() => parseAsOf(bad)).toThrow(UsageError);
  });

  it('reads coverage, missing, late and failed checks as of a date', async () => {
    const s = await readStatus(db, { asOf: '2025-02-15' });
    expect(s.asOf).toBe('2025-02-15');
    expect(s.reports).toBe(2);
    expect(s.coverage.rows).toEqual([
      [2023, 'county', 1, 1, 0, 0, 0, 1, 0, 1, 1],
      [2023, 'department', 1, 0, 1, 0, 0, 0, 0, 0, 0],
      [2024, 'county', 1, 1, 0, 0, 0, 1, 0, 0, 0],
      [2024, 'department', 1, 0, 1, 0, 0, 0, 0, 0, 0],
    ]);
    expect(s.missing.rows).toEqual([
      [2023, '洪泽区水利局', 'department', '2024-01-31', 381, 'nothing-found-on-site'],
      [2024, '洪泽区水利局', 'department', '2025-01-31', 15, 'nothing-found-on-site'],
    ]);
    expect(s.late.rows).toEqual([[2023, '洪泽区人民政府', 'county', '2024-04-02', '2024-03-31', 2]]);
    expect(s.failedChecks.rows.map((r) => r.slice(0, 3))).toEqual([[2023, '洪泽区人民政府', 'review_litigation.totals']]);
    const text = formatStatus(s);
    expect(text).toContain('as of 2025-02-15 (2 current reports)');
    expect(text).toContain('Missing reports (deadline passed, no report found) — view missing_reports (2)');
    expect(text).toMatch(/2023 +洪泽区人民政府 +county +2024-04-02 +2024-03-31 +2/);
  });

  it('gives JSON as one object per row', async () => {
    const json = statusJson(await readStatus(db, { asOf: '2025-02-15' }));
    expect(json).toMatchObject({
      asOf: '2025-02-15',
      reports: 2,
      late: { total: 1, rows: [{ year: 2023, agency: '洪泽区人民政府', level: 'county', published: '2024-04-02', deadline: '2024-03-31', days_late: 2 }] },
    });
    expect((json.coverage as unknown[])[0]).toEqual({ year: 2023, level: 'county', expected: 1, reported: 1, missing: 0, not_looked_at: 0, not_yet_due: 0, reports: 1, unlisted: 0, late: 1, failing_checks: 1 });
  });

  it('lists at most `limit` rows and says how many more there are', async () => {
    const s = await readStatus(db, { asOf: '2025-02-15', limit: 1 });
    expect(s.missing).toMatchObject({ total: 2 });
    expect(s.missing.rows).toHaveLength(1);
    expect(formatStatus(s)).toContain('… and 1 more');
  });
});

describe('export', () => {
  it('writes every table and view as Parquet and CSV, readable back with the same row counts', async () => {
    for (const format of ['parquet', 'csv'] as const) {
      const dir = tempDir(`export-${format}`);
      const files = await exportAll(db, dir, format);
      expect(files.map((f) => f.name)).toEqual(['schema_version', ...TABLES.map((t) => t.name), ...VIEW_NAMES]);
      for (const f of files) {
        expect(existsSync(f.path), f.path).toBe(true);
        const reader = format === 'parquet' ? 'read_parquet' : 'read_csv_auto';
        expect(await db.value(`SELECT count(*) FROM ${reader}($1)`, [f.path]), f.name).toBe(f.rows);
      }
      expect(files.find((f) => f.name === 'application_volumes')!.path).toBe(join(dir, `application_volumes.${format}`));
    }
  });
});
