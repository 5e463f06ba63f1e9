/**
 * The views document themselves as the tables do (a comment on every view and every view column,
 * in `duckdb_columns()`, for the file's views and a read-only session's temporary ones), and the
 * journalist views carry what a citation needs without a join: agency, region, level and its
 * Chinese name, year, the report's page and document, and the Chinese name of every key.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/schema.ts';
import { syncConfig } from '../../load/agencies.ts';
import { Database } from '../../load/db.ts';
import { recordItem } from '../../load/load-item.ts';
import { databasePath } from '../../load/paths.ts';
import { openReadOnly } from '../../load/read-only.ts';
import { VIEW_NAMES } from '../../load/views.ts';
import { writeItems } from '../../load/writer.ts';
import { goldenRecords, tempDir } from './helpers.ts';

let dir: string;
let db: Database;

beforeAll(async () => {
  dir = tempDir('view-docs');
  mkdirSync(dir, { recursive: true });
  db = await Database.open(databasePath(dir));
  await syncConfig(db, resolveConfig({ expectedYears: [2023], sites: [{ id: 'huaian', agency: '洪泽区人民政府', region: '江苏省淮安市', level: 'county', startUrls: ['http://127.0.0.1/'] }] }, 'test config'));
  await writeItems(db, [recordItem(goldenRecords().get('hongze-2023')!, { site_id: 'huaian', published: '2024-03-15' })]);
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const undocumented = (d: Database, temp: boolean) =>
  d.all(
    `SELECT c.table_name, c.column_name FROM duckdb_columns() c JOIN duckdb_views() v ON v.view_name = c.table_name AND v.database_name = c.database_name
     WHERE NOT v.internal AND (c.database_name = 'temp') = $1 AND (c.comment IS NULL OR c.comment = '')`,
    [temp],
  );

describe('view documentation', () => {
  it('every view and every view column has a Chinese and English comment in the file', async () => {
    expect(await undocumented(db, false)).toEqual([]);
    const views = await db.all<{ view_name: string; comment: string | null }>(`SELECT view_name, comment FROM duckdb_views() WHERE NOT internal AND NOT temporary ORDER BY view_name`);
    expect(views.map((v) => v.view_name)).toEqual([...VIEW_NAMES].sort());
    for (const v of views) expect(v.comment, v.view_name).toMatch(/\w{3}/);
    const comments = await db.all<{ column_name: string; comment: string }>(`SELECT column_name, comment FROM duckdb_columns() WHERE table_name = 'application_volumes' AND database_name <> 'temp'`);
    const byName = new Map(comments.map((c) => [c.column_name, c.comment]));
    expect(byName.get('grant_rate')).toBe('予以公开率 / granted / total_processed (null when total_processed is 0 or not printed)');
    expect(byName.get('total_processed')).toMatch(/^总计 \/ .*denominator/);
    expect(byName.get('denied_state_secret')).toMatch(/^不予公开：属于国家秘密 \/ /);
    expect(await db.value(`SELECT comment FROM duckdb_views() WHERE view_name = 'application_volumes'`)).toMatch(/grant_rate = granted \/ total_processed.*denominator/);
  });

  it('so does a read-only session, whose views are temporary', async () => {
    db.close();
    const reader = await openReadOnly(dir);
    try {
      expect(await undocumented(reader, true)).toEqual([]);
      expect(await reader.value(`SELECT count(*) FROM duckdb_columns() WHERE database_name = 'temp' AND comment IS NOT NULL`)).toBeGreaterThan(100);
    } finally {
      reader.close();
      db = await Database.open(databasePath(dir));
    }
  });
});

describe('journalist views cite without a join', () => {
  it('application_volumes: level in Chinese, the report page, the document, the publication date', async () => {
    const [row] = await db.all(`SELECT agency, year, level, level_zh, region, url, source_url, published, grant_rate FROM application_volumes`);
    expect(row).toMatchObject({ agency: '洪泽区人民政府', year: 2023, level: 'county', level_zh: '县级人民政府', region: '江苏省淮安市', published: '2024-03-15' });
    expect(row!.url).toBeTruthy();
    expect(row!.source_url).toBeTruthy();
  });

  it('refusal_reasons: region, level, category and reason in Chinese, the page and document', async () => {
    const row = (await db.all(`SELECT * FROM refusal_reasons WHERE reason = 'denied_state_secret'`))[0]!;
    expect(row).toMatchObject({ region: '江苏省淮安市', level_zh: '县级人民政府', category: 'denied', category_zh: '不予公开', reason_zh: '不予公开：属于国家秘密' });
    expect(row.url).toBeTruthy();
    expect(row.source_url).toBeTruthy();
    expect(await db.value(`SELECT count(*) FROM refusal_reasons WHERE reason_zh IS NULL OR category_zh IS NULL OR level_zh IS NULL`)).toBe(0);
  });

  it('litigation: proceeding and level in Chinese, the page and document', async () => {
    const rows = await db.all(`SELECT level_zh, proceeding_zh, url, source_url FROM litigation`);
    expect(rows.length).toBe(3);
    for (const r of rows) {
      expect(r.level_zh).toBe('县级人民政府');
      expect(r.proceeding_zh).toBeTruthy();
      expect(r.url).toBeTruthy();
    }
  });
});
