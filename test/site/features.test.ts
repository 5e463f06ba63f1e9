/**
 * The parts of the site that light up when other branches' relations are in the warehouse
 * (missing_reports.reason, crawl_health, cells, anomalies), found at build time; and without them
 * the same build works and says what is missing. No browser: the files are read as HTML/JS.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../load/db.ts';
import { databasePath, rawStoreDir } from '../../load/paths.ts';
import { openReadOnly } from '../../load/read-only.ts';
import { agencyFile, buildSite, reportFile } from '../../site/build.ts';
import { detectFeatures } from '../../site/data.ts';
import { tempDir } from '../load/helpers.ts';
import { NEVER_PUBLISHED, buildSampleWarehouse } from './warehouse.ts';

const AS_OF = '2025-06-30';
let dataDir: string;

beforeAll(async () => {
  dataDir = await buildSampleWarehouse();
}, 120_000);

describe('optional relations', () => {
  it('without them: nothing is detected, the site builds and says what it lacks', async () => {
    const plain = await openReadOnly(dataDir);
    const out = join(tempDir('site-plain'), 'site');
    let s;
    try {
      await plain.run('SET VARIABLE as_of = CAST($1 AS DATE)', [AS_OF]);
      expect(await detectFeatures(plain)).toEqual({ missingReason: false, crawlHealth: false, cells: null, anomalies: null });
      s = await buildSite(plain, { out, rawDir: rawStoreDir(dataDir) });
    } finally {
      plain.close();
    }
    expect(s.archived).toBeGreaterThan(0);
    const coverage = readFileSync(join(out, 'data/coverage.js'), 'utf8');
    expect(coverage).not.toContain('["notfound",');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('missing_reports.reason');
  });

  it('with them: 爬虫未找到 from missing_reports.reason, crawl health, provenance links, anomalies', async () => {
    // another branch's relations, as persistent objects of the file
    const rw = await Database.open(databasePath(dataDir));
    try {
      await rw.run(`CREATE OR REPLACE TABLE crawl_health AS SELECT 'sample-city' AS site_id, 'site-blocked' AS status, TIMESTAMP '2025-06-01 03:00:00' AS finished_at`);
      await rw.run(`CREATE OR REPLACE TABLE cells AS
        SELECT report_id, row_key, applicant_type, 3 AS page, '共收到申请' AS text FROM applications
        WHERE report_id = (SELECT min(report_id) FROM reports WHERE site_id = 'sample-city' AND template IS NOT NULL) AND row_key = 'new_received' AND applicant_type = 'total'`);
      await rw.run(`CREATE OR REPLACE VIEW anomalies AS SELECT agency, year, 'received jumped tenfold' AS description FROM current_reports WHERE site_id = 'sample-city' ORDER BY agency LIMIT 1`);
    } finally {
      rw.close();
    }
    const db = await openReadOnly(dataDir);
    try {
      await db.run('SET VARIABLE as_of = CAST($1 AS DATE)', [AS_OF]);
      // missing_reports with the ops branch's reason column: the sample city's site was blocked
      const definition = (await db.value<string>(`SELECT sql FROM duckdb_views() WHERE view_name = 'missing_reports' AND temporary`))!;
      await db.run(definition.replace(/CREATE (OR REPLACE )?(TEMP(ORARY)? )?VIEW (\w+\.)*"?missing_reports"?/i, 'CREATE TEMP VIEW missing_base'));
      await db.run(`CREATE OR REPLACE TEMP VIEW missing_reports AS
        SELECT *, CASE WHEN site_id = 'sample-city' THEN 'site-blocked' ELSE 'other-years-found' END AS reason FROM missing_base`);
      const f = await detectFeatures(db);
      expect(f.missingReason).toBe(true);
      expect(f.crawlHealth).toBe(true);
      expect(f.cells).toContain('page');
      expect(f.anomalies).toContain('description');

      const out = join(tempDir('site-features'), 'site');
      await buildSite(db, { out, rawDir: rawStoreDir(dataDir) });
      const coverage = readFileSync(join(out, 'data/coverage.js'), 'utf8');
      const rows = JSON.parse(coverage.replace(/^window\.NIANBAO_COVERAGE=/, '').replace(/;\s*$/, '')).rows as [string, string, string, string, unknown[]][];
      const never = rows.find((r) => r[0] === NEVER_PUBLISHED)!;
      expect(never[4].filter((c) => Array.isArray(c) && c[0] === 'notfound')).toHaveLength(2);
      const synthetic = rows.find((r) => r[0].startsWith('合成0县') && r[4].some((c) => Array.isArray(c) && c[0] === 'missing'));
      expect(synthetic).toBeTruthy();

      const agency = cheerio.load(readFileSync(join(out, agencyFile(NEVER_PUBLISHED)), 'utf8'));
      expect(agency('body').text()).toContain('该网站最近一次抓取：status: site-blocked');
      expect(agency('body').text()).toContain('爬虫未找到（网站拒绝访问（robots 或反爬））');

      const cell = (await db.all<{ report_id: number; agency: string }>('SELECT c.report_id, r.agency FROM cells c JOIN reports r USING (report_id)'))[0]!;
      const report = cheerio.load(readFileSync(join(out, reportFile(cell.report_id)), 'utf8'));
      const link = report('tr[data-row="new_received"] td[data-col="6"] a');
      expect(link.attr('title')).toContain('page: 3');
      expect(link.attr('href')).toMatch(/^\.\.\/archive\/[0-9a-f]{2}\/[0-9a-f]{64}\./);

      const anomalous = (await db.all<{ agency: string }>('SELECT agency FROM anomalies'))[0]!;
      expect(cheerio.load(readFileSync(join(out, agencyFile(anomalous.agency)), 'utf8'))('#anomalies + ul').text()).toContain('received jumped tenfold');
    } finally {
      db.close();
    }
  });
});
