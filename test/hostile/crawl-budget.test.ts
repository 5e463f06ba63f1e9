/**
 * Issue 16 item 5, runaways in the crawl: three hostile local sites and a good one, crawled in one
 * run. An endless 下一页 chain whose every page URL holds the column slug
 * (`/xxgk/zfxxgknb/index_N.html`) stops at `maxListPages`; a site with 100 year sub-columns on
 * every list page and a single list of 80,000 report links stop at `maxRequestsPerSite`, and
 * their summaries say so; the good site, admitted only after one of them is done, has its report.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/schema.ts';
import { pagerColumnKey } from '../../crawlers/budget.ts';
import { crawl, type CrawlSummary } from '../../crawlers/index.ts';
import { summaryTable } from '../../crawlers/progress-display.ts';
import { RawStore } from '../../crawlers/raw-store.ts';
import { ENDLESS_PAGER_START, listPage, reportArticle, startEndlessPager, startHostileSite, startHugeList, startSubColumnFanout, type HostileSite } from './support/hostile-site.ts';

const MAX_LIST_PAGES = 8;
const BUDGET = 300;
const HUGE_LINKS = 80_000;
const TIMEOUT_MS = 600_000;

let endless: HostileSite;
let fanout: HostileSite;
let huge: HostileSite;
let good: HostileSite;
let dataDir: string;
let summary: CrawlSummary;

beforeAll(async () => {
  endless = await startEndlessPager();
  fanout = await startSubColumnFanout();
  huge = await startHugeList(HUGE_LINKS);
  good = await startHostileSite((path) => {
    if (path === '/xxgk/zfxxgknb/') return { body: listPage('政府信息公开年报', [['/xxgk/zfxxgknb/t20240120_1.html', '好县人民政府2023年政府信息公开工作年度报告']]) };
    if (path === '/xxgk/zfxxgknb/t20240120_1.html') return { body: reportArticle('好县人民政府', 2023) };
    return null;
  });
  dataDir = mkdtempSync(join(tmpdir(), 'nianbao-budget-'));
  const config = resolveConfig(
    {
      sites: [
        { id: 'endless', agency: '无尽县人民政府', startUrls: [`${endless.origin}${ENDLESS_PAGER_START}`] },
        { id: 'fanout', agency: '百栏县人民政府', startUrls: [`${fanout.origin}/xxgk/zfxxgknb/`] },
        { id: 'huge', agency: '某某县人民政府', startUrls: [`${huge.origin}/xxgk/zfxxgknb/`] },
        { id: 'good', agency: '好县人民政府', startUrls: [`${good.origin}/xxgk/zfxxgknb/`] },
      ],
      politeness: { delayMs: 0, maxRequestsPerMinute: 0, globalConcurrency: 2 },
      limits: { maxListPages: MAX_LIST_PAGES, maxRequestsPerSite: BUDGET, readTimeoutMs: 20_000, connectTimeoutMs: 2000, retryBaseMs: 10, maxRetries: 1 },
      paths: { dataDir },
    },
    'test config',
  );
  summary = await crawl(config);
}, TIMEOUT_MS);

afterAll(async () => {
  await Promise.all([endless, fanout, huge, good].map((s) => s?.close()));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const site = (id: string) => summary.sites.find((s) => s.siteId === id)!;

describe('a site cannot run away with the crawl', () => {
  it('follows an endless pager whose pages look like new columns only maxListPages deep', () => {
    const lists = endless.requests.filter((r) => /index(?:_\d+)?\.html/.test(r));
    // The start page, the first numbered page (a column link from the start page), then the column's budget.
    expect(lists.length).toBeGreaterThan(MAX_LIST_PAGES);
    expect(lists.length).toBeLessThanOrEqual(MAX_LIST_PAGES + 2);
    expect(site('endless').stoppedBy).toBeUndefined();
  });

  it('stops a site with 100 sub-columns on every list page at maxRequestsPerSite, and says so', () => {
    expect(fanout.requests.length).toBeLessThanOrEqual(BUDGET);
    expect(fanout.requests.length).toBeGreaterThan(BUDGET / 2);
    expect(site('fanout').requests).toBeLessThanOrEqual(BUDGET);
    expect(site('fanout').stoppedBy).toBe('maxRequestsPerSite');
    expect(site('fanout').errors.some((e) => /site stopped: .*limits\.maxRequestsPerSite/.test(e.reason))).toBe(true);
    expect(summaryTable(summary).split('\n').find((l) => l.startsWith('fanout'))).toMatch(/^fanout\s+[a-z-]+, stopped by maxRequestsPerSite\s/);
  });

  it('stops a list of 80,000 report links at maxRequestsPerSite, and says so', () => {
    expect(huge.requests.length).toBeLessThanOrEqual(BUDGET);
    expect(huge.requests.length).toBeGreaterThan(BUDGET / 2);
    expect(site('huge').stoppedBy).toBe('maxRequestsPerSite');
  });

  it('never calls a site stopped by its budget nothing-found: it did not finish looking', () => {
    const stopped = summary.sites.filter((s) => s.stoppedBy);
    expect(stopped.length).toBeGreaterThan(0);
    for (const s of stopped) expect([s.siteId, s.status]).not.toEqual([s.siteId, 'nothing-found']);
  });

  it('goes on to the other sites: the good one, admitted after a hostile one finished, has its report', () => {
    expect(site('good')).toMatchObject({ status: 'ok', reportsFound: 1, errors: [] });
    expect(site('good').stoppedBy).toBeUndefined();
    const reports = new RawStore(join(dataDir, 'raw')).reports();
    expect(reports.filter((r) => r.site_id === 'good').map((r) => [r.agency, r.year])).toEqual([['好县人民政府', 2023]]);
  });
});

describe('pagerColumnKey', () => {
  it('names the list a numbered page belongs to', () => {
    const k = pagerColumnKey('http://a.gov.cn/xxgk/zfxxgknb/');
    expect(pagerColumnKey('http://a.gov.cn/xxgk/zfxxgknb/index.html')).toBe(k);
    expect(pagerColumnKey('http://a.gov.cn/xxgk/zfxxgknb/index_66401.html')).toBe(k);
    expect(pagerColumnKey('http://a.gov.cn/xxgk/zfxxgknb/3.shtml')).toBe(k);
    expect(pagerColumnKey('http://A.gov.cn/xxgk/zfxxgknb/?page=4')).toBe(k);
    expect(pagerColumnKey('http://a.gov.cn/xxgk/zfxxgknb/2023/index.html')).not.toBe(k);
    expect(pagerColumnKey('http://a.gov.cn/col/list.jsp?channel=5&pageNo=2')).toBe(pagerColumnKey('http://a.gov.cn/col/list.jsp?pageNo=3&channel=5'));
    expect(pagerColumnKey('http://a.gov.cn/col/list.jsp?channel=5')).not.toBe(pagerColumnKey('http://a.gov.cn/col/list.jsp?channel=6'));
  });
});
