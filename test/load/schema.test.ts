import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../errors.ts';
import { Database } from '../../load/db.ts';
import { recordItem } from '../../load/load-item.ts';
import { openReadOnly } from '../../load/read-only.ts';
import { schemaVersion } from '../../load/schema.ts';
import { SCHEMA_VERSION, TABLES } from '../../load/tables.ts';
import { VIEW_NAMES } from '../../load/views.ts';
import { writeItems } from '../../load/writer.ts';
import { goldenRecords, tempDir } from './helpers.ts';

describe('schema', () => {
  it('creates every declared table and column, with Chinese and English comments', async () => {
    const db = await Database.open(':memory:');
    try {
      expect(await schemaVersion(db)).toBe(SCHEMA_VERSION);
      const columns = await db.all<{ table_name: string; column_name: string; comment: string | null }>(
        `SELECT table_name, column_name, comment FROM duckdb_columns() WHERE schema_name = 'main' AND table_name <> 'schema_version' AND NOT internal
           AND table_name IN (SELECT table_name FROM duckdb_tables())`,
      );
      const declared = TABLES.flatMap((t) => t.columns.map((c) => `${t.name}.${c.name}`)).sort();
      expect(columns.map((c) => `${c.table_name}.${c.column_name}`).sort()).toEqual(declared);
      for (const c of columns) expect(c.comment, `${c.table_name}.${c.column_name}`).toMatch(/\p{Script=Han}.* \/ [A-Za-z]/u);
      const views = await db.all<{ view_name: string }>(`SELECT view_name FROM duckdb_views() WHERE NOT internal`);
      expect(views.map((v) => v.view_name).sort()).toEqual([...VIEW_NAMES].sort());
    } finally {
      db.close();
    }
  });

  it('declares columns added by a later version after the older ones (the appender writes by position)', () => {
    for (const t of TABLES) {
      const since = t.columns.map((c) => c.since ?? t.since);
      expect(since, t.name).toEqual([...since].sort((a, b) => a - b));
      expect(Math.min(...since), t.name).toBe(t.since);
    }
  });

  it('upgrades a version-1 file and keeps its data', async () => {
    const path = join(tempDir('migrate'), 'old.duckdb');
    const old = await Database.open(path, { schemaVersion: 1 });
    expect(await schemaVersion(old)).toBe(1);
    expect(await old.value(`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'crawl_log'`)).toBe(0);
    // what nianbao 1 wrote: a report and its applications, without the confidence column
    await old.run(`INSERT INTO reports (report_id, site_id, agency, year, version, is_current, title, template, parser_version, published)
                   VALUES (7, 'old-site', '清河县人民政府', 2021, 1, true, '清河县人民政府2021年政府信息公开工作年度报告', '2021', 1, DATE '2022-03-01')`);
    await old.run(`INSERT INTO applications VALUES (7, 'new_received', 'total', 12), (7, 'total_processed', 'total', 10), (7, 'granted', 'total', 5)`);
    await expect(writeItems(old, [recordItem(goldenRecords().get('hongze-2024')!, { site_id: 's' })])).rejects.toThrow(/migrated/);
    old.close();

    const db = await Database.open(path);
    try {
      expect(await schemaVersion(db)).toBe(SCHEMA_VERSION);
      expect(await db.all('SELECT version FROM schema_version ORDER BY version')).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => ({ version: i + 1 })));
      expect(await db.all('SELECT report_id, agency, confidence FROM reports')).toEqual([{ report_id: 7, agency: '清河县人民政府', confidence: 'high' }]);
      expect(await db.value(`SELECT count(*) FROM crawl_log`)).toBe(0);
      expect(await db.all('SELECT agency, year, received, granted, total_processed, grant_rate FROM application_volumes')).toEqual([
        { agency: '清河县人民政府', year: 2021, received: 12, granted: 5, total_processed: 10, grant_rate: 0.5 },
      ]);
      // and the upgraded file takes new loads
      await writeItems(db, [recordItem(goldenRecords().get('hongze-2024')!, { site_id: 's' })]);
      expect(await db.value('SELECT count(*) FROM reports')).toBe(2);
    } finally {
      db.close();
    }
  });

  it('refuses a file written by a newer nianbao', async () => {
    const path = join(tempDir('newer'), 'new.duckdb');
    const db = await Database.open(path);
    await db.run('INSERT INTO schema_version VALUES ($1, now())', [SCHEMA_VERSION + 1]);
    db.close();
    await expect(Database.open(path)).rejects.toBeInstanceOf(UsageError);
  });

  it('opens read-only without writing', async () => {
    const path = join(tempDir('ro'), 'ro.duckdb');
    (await Database.open(path)).close();
    const ro = await Database.open(path, { readOnly: true });
    try {
      expect(await ro.value('SELECT count(*) FROM reports')).toBe(0);
      await expect(ro.run('DELETE FROM reports')).rejects.toThrow(/read-only/i);
    } finally {
      ro.close();
    }
  });
});

describe('views of a read-only session', () => {
  it('are this nianbao’s, even when the file holds older definitions', async () => {
    const dir = tempDir('stale-views');
    const path = join(dir, 'nianbao.duckdb');
    const db = await Database.open(path);
    // what an older nianbao might have left behind
    await db.run(`CREATE OR REPLACE VIEW late_reports AS SELECT 'stale' AS agency`);
    db.close();
    const ro = await openReadOnly(dir);
    try {
      const { columns } = await ro.table('SELECT * FROM late_reports');
      expect(columns).toEqual(['agency', 'year', 'level', 'region', 'published', 'deadline', 'days_late', 'title', 'url', 'report_id']);
    } finally {
      ro.close();
    }
  });
});
