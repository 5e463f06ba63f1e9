/**
 * `nianbao site` on a sample warehouse (test/site/warehouse.ts), driven in Chromium from file://
 * with the network off: the pages exist and load without console errors or requests outside the
 * folder; the coverage counts equal the views'; filters, sort and the CSV download work; charts
 * have a point per year; a report page shows its record's figures and highlights failed checks;
 * search works offline; every internal link resolves; scraped `<script>` stays text; axe-core
 * finds no accessibility violation. Screenshots of the page kinds go to test/.tmp/site/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as cheerio from 'cheerio';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportRecord } from '../../extract/record.ts';
import type { Database } from '../../load/db.ts';
import { openReadOnly } from '../../load/read-only.ts';
import { agencyFile, reportFile } from '../../site/build.ts';
import { CORPUS_DIR } from '../support/corpus.ts';
import { tempDir } from '../load/helpers.ts';
import { HOSTILE_AGENCY, HOSTILE_TITLE, NEVER_PUBLISHED, buildSampleWarehouse } from './warehouse.ts';

const CHROMIUM = process.env.NIANBAO_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const MAIN = fileURLToPath(new URL('../../cli/main.ts', import.meta.url));
const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
const SCREENS = fileURLToPath(new URL('../.tmp/site/', import.meta.url));
const AS_OF = '2025-06-30';
const PAGE_LIMIT_BYTES = 300 * 1024;

let dataDir: string;
let out: string;
let db: Database;
let browser: Browser;
let context: BrowserContext;
let cliOutput: string;

const url = (path: string) => pathToFileURL(join(out, path)).href;

/** A page of the site with its console errors and every request it made. */
async function open(path: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url(path), { waitUntil: 'load' });
  return { page, errors, requests };
}

async function axe(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return result;
}

beforeAll(async () => {
  dataDir = await buildSampleWarehouse();
  out = join(tempDir('site-out'), 'site');
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'site', '--data-dir', dataDir, '--out', out, '--as-of', AS_OF], { encoding: 'utf8', timeout: 110_000 });
  cliOutput = r.stdout + r.stderr;
  if (r.status !== 0) throw new Error(`nianbao site failed (${r.status}): ${cliOutput}`);
  db = await openReadOnly(dataDir);
  await db.run('SET VARIABLE as_of = CAST($1 AS DATE)', [AS_OF]);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  context = await browser.newContext({ offline: true, acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  mkdirSync(SCREENS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  db?.close();
});

const htmlFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : []));

describe('nianbao site', () => {
  it('writes a page per agency and per report version, each under 300 KB', async () => {
    expect(cliOutput).toMatch(/agency pages/);
    const agencies = await db.value<number>(
      `SELECT count(*) FROM (SELECT name FROM agencies UNION SELECT agency FROM reports UNION SELECT agency FROM expected_reports)`,
    );
    const versions = await db.all<{ report_id: number }>('SELECT report_id FROM reports');
    expect(readdirSync(join(out, 'agencies')).length).toBe(agencies);
    expect(readdirSync(join(out, 'reports')).length).toBe(versions.length);
    for (const v of versions) expect(existsSync(join(out, reportFile(v.report_id))), String(v.report_id)).toBe(true);
    for (const f of ['index.html', 'rankings.html', 'search.html', 'method.html', 'assets/site.js', 'assets/site.css', 'data/coverage.js', 'data/search.js']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    for (const f of htmlFiles(out)) expect(statSync(f).size, relative(out, f)).toBeLessThan(PAGE_LIMIT_BYTES);
  });

  it('every internal link and script resolves to a file of the site', () => {
    let links = 0;
    for (const f of htmlFiles(out)) {
      const $ = cheerio.load(readFileSync(f, 'utf8'));
      $('a[href], link[href], script[src], img[src]').each((_, el) => {
        const ref = $(el).attr('href') ?? $(el).attr('src')!;
        if (/^(https?:|mailto:)/i.test(ref) || ref.startsWith('#')) return;
        expect(ref, `${relative(out, f)} links ${ref}`).not.toMatch(/^[a-z]+:/i);
        const target = resolve(dirname(f), decodeURIComponent(ref.replace(/[#?].*$/, '')));
        expect(target.startsWith(out), `${relative(out, f)} links outside: ${ref}`).toBe(true);
        expect(existsSync(target), `${relative(out, f)} links ${ref}`).toBe(true);
        links++;
      });
    }
    expect(links).toBeGreaterThan(1000);
  });

  it('home page: no console error, nothing requested outside the folder, counts equal the coverage view', async () => {
    const { page, errors, requests } = await open('index.html');
    await page.waitForSelector('#coverage-table tbody tr');
    expect(errors).toEqual([]);
    for (const r of requests) expect(r.startsWith(pathToFileURL(out).href + '/'), r).toBe(true);
    const shown = await page.$$eval('#counts li', (lis) => lis.map((li) => ({ ...li.dataset })));
    const totals = await db.all<Record<string, number>>(
      `SELECT year, sum(expected)::INT AS expected, sum(reported)::INT AS reported, sum(late)::INT AS late, sum(missing)::INT AS missing, sum(not_yet_due)::INT AS notdue
       FROM coverage GROUP BY year ORDER BY year`,
    );
    expect(shown.map((s) => ({ year: Number(s.year), expected: Number(s.expected), reported: Number(s.reported), late: Number(s.late), missing: Number(s.missing), notdue: Number(s.notdue) })))
      .toEqual(totals);
    const agencies = await db.value<number>('SELECT count(DISTINCT agency) FROM (SELECT agency FROM expected_reports UNION SELECT agency FROM current_reports)');
    expect(await page.locator('#coverage-table tbody tr').count()).toBe(agencies);
    // the agency that never published is missing in both its years
    const row = page.locator('#coverage-table tbody tr', { hasText: NEVER_PUBLISHED });
    await expect.poll(() => row.locator('td.s-missing').count()).toBe(2);
    await page.screenshot({ path: join(SCREENS, 'coverage.png') });
    await page.close();
  });

  it('filters change the table and its counts; the CSV holds exactly what is shown', async () => {
    const { page } = await open('index.html');
    const rows = page.locator('#coverage-table tbody tr');
    await page.selectOption('#f-region', '样例省样例市');
    const inRegion = await db.value<number>(`SELECT count(DISTINCT agency) FROM expected_reports WHERE region = '样例省样例市'`);
    expect(await rows.count()).toBe(inRegion);
    await page.selectOption('#f-year', '2022');
    expect(await page.locator('#coverage-table thead th').count()).toBe(4);
    const c2022 = await db.all<{ expected: number; reported: number; missing: number }>(
      `SELECT count(*)::INT AS expected, count(*) FILTER (WHERE reported)::INT AS reported, count(*) FILTER (WHERE NOT reported AND deadline < DATE '${AS_OF}')::INT AS missing
       FROM expected_reports WHERE region = '样例省样例市' AND year = 2022`,
    );
    const li = await page.$eval('#counts li', (e) => ({ ...e.dataset }));
    expect({ expected: Number(li.expected), reported: Number(li.reported), missing: Number(li.missing) }).toEqual(c2022[0]);

    const table = await page.$$eval('#coverage-table tr', (trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').replace(/[ ▲▼]+$/, ''))));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv')]);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '');
    const parsed = csv.trimEnd().split('\r\n').map((l) => l.split(','));
    expect(parsed).toEqual(table);
    await page.close();
  });

  it('sorts by a column with the mouse and with the keyboard', async () => {
    const { page } = await open('index.html');
    const names = () => page.$$eval('#coverage-table tbody th', (ths) => ths.map((t) => t.textContent ?? ''));
    const asc = await names();
    expect(asc).toEqual([...asc].sort((a, b) => a.localeCompare(b, 'zh-CN')));
    await page.click('button[data-sort="agency"]');
    expect(await names()).toEqual([...asc].reverse());
    expect(await page.getAttribute('th:has(button[data-sort="agency"])', 'aria-sort')).toBe('descending');
    // by the 2024 column: the missing ones (longest overdue first) before the not found / published ones
    await page.focus('button[data-sort="y:2024"]');
    await page.keyboard.press('Enter');
    const firstCells = await page.$$eval('#coverage-table tbody tr', (trs) => trs.slice(0, 3).map((tr) => tr.children[tr.children.length - 1]!.className));
    for (const c of firstCells) expect(c).toMatch(/s-missing|s-notfound/);
    // keyboard only: the skip link comes first, then the navigation
    await page.keyboard.press('Shift+Tab');
    await page.goto(url('index.html'));
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到正文');
    await page.close();
  });

  it('an agency page: its reports, a chart per series with a point per year, the data as a table, failed checks in words', async () => {
    const agency = await db.value<string>(
      `SELECT agency FROM failed_checks WHERE agency IN (SELECT agency FROM application_volumes GROUP BY agency HAVING count(*) = 5) ORDER BY agency LIMIT 1`,
    );
    expect(agency).toBeTruthy();
    const { page, errors, requests } = await open(agencyFile(agency!));
    await page.waitForFunction(() => Object.keys((window as unknown as { nianbaoCharts?: object }).nianbaoCharts ?? {}).length > 0);
    expect(errors).toEqual([]);
    for (const r of requests) expect(r.startsWith(pathToFileURL(out).href + '/'), r).toBe(true);
    expect(await page.textContent('h1')).toBe(agency);
    const volumes = await db.all<{ year: number; received: number }>('SELECT year, received FROM application_volumes WHERE agency = $1 ORDER BY year', [agency!]);
    const chart = await page.evaluate(() => {
      const c = (window as unknown as { nianbaoCharts: Record<string, { getOption: () => { series: { data: unknown[] }[]; xAxis: { data: string[] }[] } }> }).nianbaoCharts;
      return Object.fromEntries(Object.entries(c).map(([id, ch]) => [id, { points: ch.getOption().series.map((s) => s.data), years: ch.getOption().xAxis[0]!.data }]));
    });
    expect(chart.received!.years).toEqual(volumes.map((v) => String(v.year)));
    expect(chart.received!.points[0]).toEqual(volumes.map((v) => v.received));
    expect(Object.keys(chart).sort()).toEqual(['litigation', 'outcomes', 'received', 'refusals'].filter((id) => id in chart).sort());
    expect(Object.keys(chart)).toContain('outcomes');
    // the chart is drawn (SVG with a path per line) and described
    expect(await page.locator('#chart-received svg path').count()).toBeGreaterThan(volumes.length);
    expect(await page.getAttribute('#chart-received .chart-canvas', 'aria-label')).toContain(`${volumes[0]!.year}年`);
    expect(await page.locator('table[data-chart="received"] tbody tr').count()).toBe(volumes.length);
    const failed = await db.value<number>('SELECT count(*) FROM failed_checks WHERE agency = $1', [agency!]);
    expect(await page.locator('ul.failed li').count()).toBe(failed);
    await page.screenshot({ path: join(SCREENS, 'agency.png'), fullPage: true });
    await page.close();
  });

  it('a report page lays out its record’s figures as the template’s tables', async () => {
    const seed = '001_c779024abbc6666e';
    const record = JSON.parse(readFileSync(join(CORPUS_DIR, 'seeds', `${seed}.expected.json`), 'utf8')) as ReportRecord;
    const id = await db.value<number>(`SELECT report_id FROM current_reports WHERE agency = $1 AND year = $2 AND site_id = 'sample-city'`, [record.agency!, record.year!]);
    const { page, errors } = await open(reportFile(id!));
    expect(errors).toEqual([]);
    const t3 = await page.$$eval('table.t3 tbody tr', (trs) =>
      Object.fromEntries(trs.map((tr) => [tr.getAttribute('data-row'), [...tr.querySelectorAll('td')].map((td) => td.textContent)])),
    );
    const fmt = (v: number | null) => (v === null ? '—' : v.toLocaleString('zh-CN'));
    expect(t3).toEqual(Object.fromEntries(Object.entries(record.applications!).map(([k, v]) => [k, v.map(fmt)])));
    const t4 = await page.$$eval('table.t4 td', (tds) => tds.map((td) => [`${td.getAttribute('data-group')}.${td.getAttribute('data-outcome')}`, td.textContent]));
    expect(Object.fromEntries(t4)).toEqual(
      Object.fromEntries(Object.entries(record.review_litigation!).flatMap(([g, o]) => Object.entries(o).map(([k, v]) => [`${g}.${k}`, fmt(v as number | null)]))),
    );
    const t2 = await page.$$eval('table.t2 tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-row'), [...tr.querySelectorAll('td')].map((td) => td.textContent)]));
    expect(t2.find(([k]) => k === 'normative_documents')![1]).toEqual(Object.values(record.active_disclosure!.normative_documents!).map((v) => fmt(v as number)));
    // the archived copy of its document is in the site
    const archive = await page.getAttribute('a[href*="archive/"]', 'href');
    expect(existsSync(resolve(join(out, 'reports'), archive!))).toBe(true);
    await page.screenshot({ path: join(SCREENS, 'report.png'), fullPage: true });
    await page.close();
  });

  it('a report page highlights the figures of a failed check and lists the versions', async () => {
    const bad = (await db.all<{ report_id: number; detail: string }>(
      `SELECT report_id, detail FROM checks WHERE ok = false AND check_id = 'applications.row_totals' ORDER BY report_id LIMIT 1`,
    ))[0]!;
    const row = /^([a-z_]+):/.exec(bad.detail)![1]!;
    const { page } = await open(reportFile(bad.report_id));
    expect(await page.locator(`table.t3 tr[data-row="${row}"] td.bad`).count()).toBe(7);
    expect(await page.locator('table.t3 td.bad').count()).toBe(7);
    expect(await page.locator('li[data-check="applications.row_totals"][data-ok="false"]').count()).toBe(1);
    await page.close();

    const corrected = (await db.all<{ report_id: number; versions: number }>(
      `SELECT max(report_id) FILTER (WHERE is_current) AS report_id, count(*)::INT AS versions FROM reports GROUP BY site_id, agency, year HAVING count(*) > 1 ORDER BY 1 LIMIT 1`,
    ))[0]!;
    const v = await open(reportFile(corrected.report_id));
    expect(await v.page.locator('#versions ~ ol li').count()).toBe(corrected.versions);
    await v.page.click('#versions ~ ol li a');
    expect(await v.page.textContent('.meta')).toContain('非现行版本');
    await v.page.close();
  });

  it('scraped <script> in a title or agency name renders as text and never runs; a javascript: URL is no link', async () => {
    const id = await db.value<number>('SELECT report_id FROM current_reports WHERE agency = $1', [HOSTILE_AGENCY]);
    for (const path of [reportFile(id!), agencyFile(HOSTILE_AGENCY), 'index.html']) {
      const { page } = await open(path);
      await page.waitForLoadState('load');
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      if (path === reportFile(id!)) {
        expect(await page.textContent('h1')).toBe(HOSTILE_TITLE);
        expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
      } else {
        await page.waitForSelector(`text=${HOSTILE_AGENCY}`);
      }
      await page.close();
    }
  });

  it('search finds agencies offline, from the box and from ?q=', async () => {
    const { page, errors } = await open('search.html');
    expect(errors).toEqual([]);
    await page.fill('#q', '教育');
    const expected = await db.value<number>(`SELECT count(*) FROM (SELECT name FROM agencies UNION SELECT agency FROM reports) WHERE name LIKE '%教育%'`);
    expect(expected).toBeGreaterThan(0);
    expect(await page.locator('#results li').count()).toBe(expected);
    await page.click('#results li a');
    expect(await page.textContent('h1')).toContain('教育');
    await page.goto(`${url('search.html')}?q=${encodeURIComponent(NEVER_PUBLISHED)}`);
    expect(await page.locator('#results li').count()).toBe(1);
    await page.close();
  });

  it('rankings show each table with the SQL that reproduces it', async () => {
    const { page } = await open('rankings.html');
    const sections = await page.$$eval('section', (ss) => ss.map((s) => ({ id: s.querySelector('h2')!.id, sql: s.querySelector('pre code')!.textContent!, rows: s.querySelectorAll('tbody tr').length })));
    expect(sections.map((s) => s.id)).toEqual(['most-applications', 'lowest-grant-rate', 'most-sued', 'most-failed-checks']);
    for (const s of sections) expect(s.rows, s.id).toBe((await db.all(s.sql)).length);
    const first = await page.$$eval('table[data-ranking="most-applications"] tbody tr:first-child th', (t) => t[0]!.textContent);
    expect(first).toBe((await db.all<{ agency: string }>(sections[0]!.sql))[0]!.agency);
    await page.close();
  });

  it('every page kind passes axe-core and says its as-of date with a link to the method', async () => {
    const agency = await db.value<string>('SELECT agency FROM application_volumes ORDER BY agency LIMIT 1');
    const report = await db.value<number>(`SELECT report_id FROM checks WHERE ok = false ORDER BY report_id LIMIT 1`);
    for (const path of ['index.html', agencyFile(agency!), reportFile(report!), 'rankings.html', 'search.html', 'method.html']) {
      const { page } = await open(path);
      if (path === 'index.html') await page.waitForSelector('#coverage-table tbody tr');
      expect(await axe(page), path).toEqual([]);
      expect(await page.textContent('header .asof'), path).toContain(`数据截至 ${AS_OF}`);
      expect(await page.locator('header a[href$="method.html"]').count(), path).toBeGreaterThan(0);
      await page.close();
    }
  });
});
