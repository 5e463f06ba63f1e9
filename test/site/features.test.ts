/**
 * The parts of the site that light up when other branches' relations are in the warehouse
 * (missing_reports.reason, crawl_health, cells, anomalies), found at build time; and without them
 * the same build works and says what is missing. No browser: the files are read as HTML/JS.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawStoreDir } from '../../load/paths.ts';
import { TABLES } from '../../load/tables.ts';
import { openReadOnly } from '../../load/read-only.ts';
import { agencyFile, buildSite, cellKey, reportFile } from '../../site/build.ts';
import { detectFeatures } from '../../site/data.ts';
import { tempDir } from '../load/helpers.ts';
import { NEVER_PUBLISHED, buildSampleWarehouse } from './warehouse.ts';

const AS_OF = '2025-06-30';
let dataDir: string;

beforeAll(async () => {
  dataDir = await buildSampleWarehouse();
}, 600_000);

describe('optional relations', () => {
  it('detects exactly the relations this checkout declares; the site builds and says what it lacks', async () => {
    // what this checkout's schema declares (before the other branches merge: none of them)
    const views = readFileSync(new URL('../../load/views.sql', import.meta.url), 'utf8');
    const viewBody = (name: string) => new RegExp(`CREATE OR REPLACE VIEW ${name} AS([\\s\\S]*?)(?=CREATE OR REPLACE VIEW|$)`).exec(views)?.[1] ?? null;
    const declared = {
      missingReason: /\bAS reason\b/.test(viewBody('missing_reports') ?? ''),
      crawlHealth: viewBody('crawl_health') !== null || TABLES.some((t) => t.name === 'crawl_health'),
      cells: TABLES.find((t) => t.name === 'cells')?.columns.map((c) => c.name) ?? null,
      anomalies: viewBody('anomalies') !== null ? expect.any(Array) : null,
    };
    const plain = await openReadOnly(dataDir);
    const out = join(tempDir('site-plain'), 'site');
    let s;
    try {
      await plain.run('SET VARIABLE as_of = CAST($1 AS DATE)', [AS_OF]);
      expect(await detectFeatures(plain)).toEqual(declared);
      s = await buildSite(plain, { out, rawDir: rawStoreDir(dataDir) });
    } finally {
      plain.close();
    }
    expect(s.archived).toBeGreaterThan(0);
    const home = readFileSync(join(out, 'index.html'), 'utf8');
    if (declared.missingReason) expect(home).not.toContain('尚无 missing_reports.reason');
    else {
      expect(home).toContain('尚无 missing_reports.reason');
      expect(readFileSync(join(out, 'data/coverage.js'), 'utf8')).not.toContain('["notfound",');
    }
  });

  it('with them: 爬虫未找到 from missing_reports.reason, crawl health, provenance links, anomalies', async () => {
    const db = await openReadOnly(dataDir);
    try {
      await db.run('SET VARIABLE as_of = CAST($1 AS DATE)', [AS_OF]);
      // the other branches' relations as temporary objects of this session (they shadow the file's)
      await db.run(`CREATE OR REPLACE TEMP VIEW crawl_health AS SELECT 'sample-city' AS site_id, 'site-blocked' AS status, TIMESTAMP '2025-06-01 03:00:00' AS finished_at`);
      await db.run(`CREATE OR REPLACE TEMP VIEW cells AS
        SELECT report_id, 'applications.new_received[6]' AS key, count::DOUBLE AS value, 3 AS page, 1 AS table_no, 4 AS row_no, 8 AS col_no, '49' AS source_text FROM applications
        WHERE report_id = (SELECT min(report_id) FROM reports WHERE site_id = 'sample-city' AND template IS NOT NULL) AND row_key = 'new_received' AND applicant_type = 'total'`);
      await db.run(`CREATE OR REPLACE TEMP VIEW anomalies AS SELECT agency, year, 'received jumped tenfold' AS description FROM current_reports WHERE site_id = 'sample-city' ORDER BY agency LIMIT 1`);
      // missing_reports with a reason column: the sample city's site was blocked
      const definition = (await db.value<string>(`SELECT sql FROM duckdb_views() WHERE view_name = 'missing_reports' AND temporary`))!;
      await db.run(definition.replace(/CREATE (OR REPLACE )?(TEMP(ORARY)? )?VIEW (\w+\.)*"?missing_reports"?/i, 'CREATE TEMP VIEW missing_base'));
      const hasReason = (await db.table('SELECT * FROM missing_base LIMIT 0')).columns.includes('reason');
      await db.run(`CREATE OR REPLACE TEMP VIEW missing_reports AS
        SELECT * ${hasReason ? 'EXCLUDE (reason)' : ''}, CASE WHEN site_id = 'sample-city' THEN 'site-blocked' ELSE 'other-years-found' END AS reason FROM missing_base`);
      const f = await detectFeatures(db);
      expect(f.missingReason).toBe(true);
      expect(f.crawlHealth).toBe(true);
      expect(f.cells).toContain('key');
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
      expect(cellKey('review_litigation.review.total')).toBe('review:total');
      expect(cellKey('active_disclosure.fees.amount_10k_yuan')).toBe('fees:amount_10k_yuan');

      const cell = (await db.all<{ report_id: number; agency: string }>('SELECT c.report_id, r.agency FROM cells c JOIN reports r USING (report_id)'))[0]!;
      const report = cheerio.load(readFileSync(join(out, reportFile(cell.report_id)), 'utf8'));
      const link = report('tr[data-row="new_received"] td').eq(6).find('a');
      expect(link.attr('title')).toBe('出处：第 3 页，第 1 个表格第 4 行第 8 列，原文“49”');
      expect(link.attr('href')).toMatch(/^\.\.\/archive\/[0-9a-f]{2}\/[0-9a-f]{64}\./);

      const anomalous = (await db.all<{ agency: string }>('SELECT agency FROM anomalies'))[0]!;
      expect(cheerio.load(readFileSync(join(out, agencyFile(anomalous.agency)), 'utf8'))('#anomalies + ul').text()).toContain('received jumped tenfold');
    } finally {
      db.close();
    }
  });
});
