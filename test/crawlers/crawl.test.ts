/**
 * End to end against the sample web (sample-web/): every expected report found once with the
 * right agency and year, no near miss taken, GBK decoded, the JS-only list found through
 * Chromium, flaky hosts recovered, robots and challenges respected, nothing off-host fetched;
 * then a second run that downloads nothing, and phase 2 (a correction and a new report).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig, type PipelineConfig } from '../../config/schema.ts';
import { crawl, type CrawlSummary } from '../../crawlers/index.ts';
import { RawStore, type ReportEntry } from '../../crawlers/raw-store.ts';
import { decodeBytes } from '../../text/decode.ts';
import { startSampleWeb, type ExpectedReport, type SampleWeb } from '../../sample-web/server.ts';

/** Fast politeness for tests; the default pace is checked in politeness-default.test.ts. */
export function fastConfig(web: SampleWeb, dataDir: string): PipelineConfig {
  return resolveConfig(
    {
      ...web.config,
      politeness: { delayMs: 10, maxRequestsPerMinute: 0, globalConcurrency: 8 },
      limits: { ...web.config.limits, readTimeoutMs: 8000, connectTimeoutMs: 5000, retryBaseMs: 20, maxRetries: 2 },
      paths: { dataDir },
    },
    'test config',
  );
}

const identity = (r: { agency: string; year: number }, site: string) => `${site}|${r.agency}|${r.year}`;
const current = (entries: ReportEntry[]) => {
  const byId = new Map<string, ReportEntry>();
  for (const e of entries) {
    const k = identity(e, e.site_id);
    if (!byId.has(k) || byId.get(k)!.version < e.version) byId.set(k, e);
  }
  return byId;
};
/** The URLs a report may be found under: its detail page or a copy the sample web declares. */
const urlsOf = (e: ExpectedReport) => [e.detailUrl, ...(e.alternateUrls ?? [])];

describe('crawling the sample web', () => {
  let web: SampleWeb;
  let dataDir: string;
  let config: PipelineConfig;
  let first: CrawlSummary;
  let store: RawStore;
  let firstRequests = 0;

  beforeAll(async () => {
    web = await startSampleWeb({ rateLimitPerSecond: 0, dripMs: 300 });
    dataDir = mkdtempSync(join(tmpdir(), 'nianbao-crawl-'));
    config = fastConfig(web, dataDir);
    first = await crawl(config);
    firstRequests = web.requests.length;
    store = new RawStore(join(dataDir, 'raw'));
  });
  afterAll(async () => {
    await web?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds every expected report exactly once, with the right agency and year', () => {
    const reports = store.reports();
    const expected = web.expected();
    const got = new Map<string, ReportEntry[]>();
    for (const r of reports) got.set(identity(r, r.site_id), [...(got.get(identity(r, r.site_id)) ?? []), r]);
    for (const e of expected) {
      const found = got.get(identity(e, e.siteId));
      expect(found, `${e.siteId} ${e.agency} ${e.year}`).toHaveLength(1);
      expect(urlsOf(e)).toContain(found![0]!.url);
    }
    expect(reports).toHaveLength(expected.length);
  });

  it('stores every document of each report: the body page when it holds text, and each attachment', () => {
    const byId = current(store.reports());
    for (const e of web.expected()) {
      const r = byId.get(identity(e, e.siteId))!;
      const stored = r.documents.map((d) => d.url);
      const alternates = new Set(urlsOf(e));
      // A copy under another URL stores that copy's page (the sample web names the copies).
      const expectedDocs = e.documentUrls.map((u) => (alternates.has(u) ? r.url : u));
      expect(stored.sort(), `${e.agency} ${e.year}`).toEqual([...new Set(expectedDocs)].sort());
      for (const d of r.documents) expect(store.has(d.sha256)).toBe(true);
    }
  });

  it('confirms every report by its content: the template tables in the body or the attachment (PDF, DOCX, DOC)', () => {
    const byId = current(store.reports());
    for (const e of web.expected()) expect(byId.get(identity(e, e.siteId))!.confidence, `${e.agency} ${e.year}`).toBe('high');
    const formats = new Set(web.expected().map((e) => e.record.source.format));
    for (const f of ['html', 'pdf', 'docx', 'doc']) expect(formats).toContain(f);
  });

  it('takes no near miss', () => {
    const titles = new Set(store.reports().map((r) => r.title.replace(/\s+/g, '')));
    for (const miss of web.nearMisses) expect(titles.has(miss.replace(/\s+/g, '')), miss).toBe(false);
    const failures = readFileSync(join(dataDir, 'failures.jsonl'), 'utf8');
    expect(failures).toContain('政府信息公开工作总结');
  });

  it('decodes the GBK site declared only by its meta tag, characters outside GBK included', async () => {
    const gbk = current(store.reports()).get('xinghe-gbk|昇河镇人民政府|2023')!;
    const body = gbk.documents.find((d) => d.role === 'body')!;
    const decoded = decodeBytes(await store.get(body.sha256), { contentType: 'text/html' });
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.text).toContain('王䶮');
    expect(decoded.text).toContain('𠮷林村');
    expect(store.fetchLog().find((f) => f.url === body.url)?.encoding).toBe('gb18030');
  });

  it('finds the JavaScript-only list through Chromium', () => {
    const lixia = web.sites.find((s) => s.id === 'lixia-platform')!;
    const script = web.requests.filter((r) => lixia.allowedHosts.includes(r.host) && r.path === '/gongkai/js/list.js');
    // Only a browser running the shell asks for its script.
    expect(script.length).toBeGreaterThan(0);
    const found = store.reports().filter((r) => r.site_id === 'lixia-platform');
    expect(found).toHaveLength(web.expected().filter((e) => e.siteId === 'lixia-platform').length);
    expect(first.sites.find((s) => s.siteId === 'lixia-platform')!.status).toBe('ok');
  });

  it('recovers from 500s and a 429 with Retry-After', () => {
    for (const f of web.traps.flaky) {
      const path = new URL(f.url).pathname + new URL(f.url).search;
      const seen = web.requests.filter((r) => `http://${r.host}${r.path}` === f.url || (r.host === new URL(f.url).host && r.path === path));
      if (!seen.length) continue;
      expect(seen.slice(0, f.failures).every((r) => r.status === f.status)).toBe(true);
      expect(seen.at(-1)!.status).toBe(200);
    }
    expect(store.reports().filter((r) => r.agency === '清河县农业农村局').map((r) => r.year).sort()).toEqual([2021, 2022, 2023]);
  });

  it('respects robots.txt, stops challenge hosts, and never leaves the allowed hosts', () => {
    const status = Object.fromEntries(first.sites.map((s) => [s.siteId, s.status]));
    expect(status['shunyi-robots']).toBe('robots');
    expect(status['ruihe-challenge']).toBe('js-challenge');
    for (const host of web.traps.robotsBlockedHosts) {
      expect(web.requests.filter((r) => r.host === host).map((r) => r.path)).toEqual(['/robots.txt']);
    }
    for (const host of web.traps.challengeHosts) {
      // One look at the challenge, no retry storm.
      expect(web.requests.filter((r) => r.host === host && r.path !== '/robots.txt').length).toBeLessThanOrEqual(1);
    }
    for (const url of web.traps.forbiddenUrls) {
      const u = new URL(url);
      expect(web.requests.some((r) => r.host === u.host && r.path === u.pathname + u.search), url).toBe(false);
    }
    const allowed = new Set(web.sites.flatMap((s) => s.allowedHosts));
    expect(web.requests.every((r) => allowed.has(r.host))).toBe(true);
  });

  it('records failures with their kind: 404, soft 404, too large, timeout, robots, challenge', () => {
    const lines = readFileSync(join(dataDir, 'failures.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; source: string; message: string });
    const kinds = new Set(lines.map((l) => l.kind));
    for (const k of ['fetch', 'robots', 'js-challenge', 'not-a-report']) expect(kinds).toContain(k);
    const about = (url: string) => lines.filter((l) => l.source === url || l.source.startsWith(url)).map((l) => l.message).join(' ');
    for (const url of web.traps.notFoundUrls) expect(about(url)).toMatch(/404/);
    for (const url of web.traps.softNotFoundUrls) expect(about(url)).toMatch(/soft 404/);
    for (const url of web.traps.oversizedUrls) expect(about(url)).toMatch(/too-large/);
    expect(about(web.traps.stallUrl)).toMatch(/read-timeout/);
    const nyj = first.sites.find((s) => s.siteId === 'qinghe-trs')!;
    expect(nyj.errors.some((e) => /redirected to the home page/.test(e.reason))).toBe(true);
  });

  it('downloads nothing and reports nothing new on a second run over the unchanged web', async () => {
    const documents = new Set(store.fetchLog().filter((f) => f.sha256).map((f) => f.url));
    const before = store.reports().length;
    const second = await crawl(config);
    const requests = web.requests.slice(firstRequests);
    for (const r of requests) {
      const url = `http://${r.host}${r.path}`;
      if (documents.has(url)) expect(r.status === 304 || !!r.ifNoneMatch || !!r.ifModifiedSince, `${url} downloaded again`).toBe(true);
    }
    expect(second.sites.reduce((n, s) => n + s.newReports + s.newVersions + s.documentsFetched, 0)).toBe(0);
    expect(store.reports()).toHaveLength(before);
    expect(second.sites.find((s) => s.siteId === 'qinghe-trs')!.reportsFound).toBe(first.sites.find((s) => s.siteId === 'qinghe-trs')!.reportsFound);
    // List pages are fetched again; documents are not.
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.length).toBeLessThan(firstRequests / 2);
  });

  it('phase 2: finds the new reports and keeps the correction as version 2', async () => {
    web.setPhase(2);
    const third = await crawl(config);
    const reports = store.reports();
    for (const e of web.expected()) {
      const found = reports.filter((r) => identity(r, r.site_id) === identity(e, e.siteId) && r.version === e.version);
      expect(found, `${e.agency} ${e.year} v${e.version}`).toHaveLength(1);
    }
    const corrected = web.expected().filter((e) => e.version > 1);
    expect(corrected.length).toBeGreaterThan(0);
    for (const e of corrected) expect(current(reports).get(identity(e, e.siteId))!.url).toBe(e.detailUrl);
    expect(third.sites.reduce((n, s) => n + s.newVersions, 0)).toBe(corrected.length);
    expect(reports).toHaveLength(web.expected().length);
  });
});
