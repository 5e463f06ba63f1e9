/**
 * End to end against the unseen web (sample-web/unseen/, issue 8): sites no module was written
 * for — a column drawn by a script from a JSON API, a single-page portal on a POST JSON API, an
 * ASP.NET platform (script-set iframe, onclick rows, __doPostBack pages), download endpoints and
 * POST-form pagers, a <select> year picker under <base href>, a town site routed by onclick rows and
 * a text-less iframe. Every report is found exactly once with no near miss; only the sites that
 * need a browser are rendered; a second run downloads nothing. With render: 'static' the
 * script-only sites end as 'nothing-found' and the others are found all the same.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig, type PipelineConfig } from '../../config/schema.ts';
import { crawl, type CrawlSummary } from '../../crawlers/index.ts';
import { summaryTable } from '../../crawlers/progress-display.ts';
import { RawStore, type ReportEntry } from '../../crawlers/raw-store.ts';
import { startUnseenWeb, type UnseenWeb } from '../../sample-web/unseen/index.ts';

function fastConfig(web: UnseenWeb, dataDir: string): PipelineConfig {
  return resolveConfig(
    {
      ...web.config,
      politeness: { delayMs: 10, maxRequestsPerMinute: 0, globalConcurrency: 8 },
      limits: { ...web.config.limits, readTimeoutMs: 5000, connectTimeoutMs: 2000, retryBaseMs: 20, maxRetries: 2 },
      paths: { dataDir },
    },
    'test config',
  );
}

const identity = (r: { agency: string; year: number }, site: string) => `${site}|${r.agency}|${r.year}`;
const renderOnly = (web: UnseenWeb) => new Set(web.sites.filter((s) => s.renderOnly).map((s) => s.id));

describe('crawling the unseen web', () => {
  let web: UnseenWeb;
  let dataDir: string;
  let first: CrawlSummary;
  let second: CrawlSummary;
  let reports: ReportEntry[];

  beforeAll(async () => {
    web = await startUnseenWeb({ rateLimitPerSecond: 0 });
    dataDir = mkdtempSync(join(tmpdir(), 'nianbao-unseen-crawl-'));
    const config = fastConfig(web, dataDir);
    first = await crawl(config);
    reports = new RawStore(join(dataDir, 'raw')).reports();
    second = await crawl(config);
  }, 600_000);
  afterAll(async () => {
    await web?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds every report exactly once, at its own URL, and no near miss', () => {
    const expected = web.expected();
    const got = new Map<string, ReportEntry[]>();
    for (const r of reports) got.set(identity(r, r.site_id), [...(got.get(identity(r, r.site_id)) ?? []), r]);
    for (const e of expected) {
      const found = got.get(identity(e, e.siteId));
      expect(found, `${e.siteId} ${e.agency} ${e.year}`).toHaveLength(1);
      expect(found![0]!.url, `${e.siteId} ${e.agency} ${e.year}`).toBe(e.detailUrl);
    }
    expect(reports).toHaveLength(expected.length);
    expect(expected.length).toBe(40);
    for (const s of first.sites) expect(s.status, s.siteId).toBe('ok');
  });

  it('stores the documents of each report: the body, and attachments behind download endpoints by their bytes', () => {
    const byId = new Map(reports.map((r) => [identity(r, r.site_id), r]));
    for (const e of web.expected()) {
      const r = byId.get(identity(e, e.siteId))!;
      const stored = r.documents.map((d) => d.url);
      for (const u of e.documentUrls) expect(stored, `${e.siteId} ${e.agency} ${e.year}`).toContain(u);
    }
    const formats = new Set(reports.flatMap((r) => r.documents.filter((d) => d.role === 'attachment').map((d) => d.format)));
    expect([...formats].sort()).toEqual(['doc', 'docx', 'pdf']);
  });

  it('renders only where static reading finds nothing, and counts it', () => {
    const needsBrowser = renderOnly(web);
    expect(needsBrowser.size).toBe(3);
    for (const s of first.sites) {
      if (needsBrowser.has(s.siteId)) expect(s.rendered, s.siteId).toBeGreaterThan(0);
      else expect(s.rendered, s.siteId).toBe(0);
      expect(s.rendered!, s.siteId).toBeLessThanOrEqual(fastConfig(web, dataDir).limits.maxRenderedPages);
    }
  });

  it('says in the summary why pages were rendered', () => {
    const table = summaryTable(first);
    for (const s of first.sites) {
      const line = table.split('\n').find((l) => l.startsWith(`rendered in Chromium: ${s.siteId} `));
      if (!renderOnly(web).has(s.siteId)) {
        expect(line, s.siteId).toBeUndefined();
        continue;
      }
      expect(line, s.siteId).toMatch(new RegExp(`^rendered in Chromium: ${s.siteId} ${s.rendered} pages? \\(queued: \\d+ [^,]+(, \\d+ [^,]+)*\\)$`));
      // each reason named is one the crawler counted, with its count
      for (const [reason, n] of Object.entries(s.renderReasons!)) expect(line, s.siteId).toContain(`${n} ${reason}`);
    }
    // the single-page portal is rendered because its start page leads nowhere without script
    expect(first.sites.find((s) => s.siteId === 'tongxi-spa')!.renderReasons).toHaveProperty(['start page with no route to a column']);
  });

  it('a second run downloads nothing and finds nothing new', () => {
    for (const s of second.sites) {
      expect(s.documentsFetched, s.siteId).toBe(0);
      expect(s.newReports, s.siteId).toBe(0);
      expect(s.newVersions, s.siteId).toBe(0);
      expect(s.status, s.siteId).toBe('ok');
    }
  });
});

describe("the unseen web with render: 'static'", () => {
  let web: UnseenWeb;
  let dataDir: string;
  let summary: CrawlSummary;

  beforeAll(async () => {
    web = await startUnseenWeb({ rateLimitPerSecond: 0, render: 'static' });
    dataDir = mkdtempSync(join(tmpdir(), 'nianbao-unseen-static-'));
    summary = await crawl(fastConfig(web, dataDir));
  }, 600_000);
  afterAll(async () => {
    await web?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("ends the script-only sites as 'nothing-found', renders nothing, and still finds every report of the others", () => {
    const needsBrowser = renderOnly(web);
    const reports = new RawStore(join(dataDir, 'raw')).reports();
    for (const s of summary.sites) {
      expect(s.rendered, s.siteId).toBe(0);
      if (needsBrowser.has(s.siteId)) {
        expect(s.status, s.siteId).toBe('nothing-found');
        expect(s.reportsFound, s.siteId).toBe(0);
      } else {
        expect(s.status, s.siteId).toBe('ok');
        const expected = web.expected().filter((e) => e.siteId === s.siteId).map((e) => identity(e, e.siteId)).sort();
        expect(reports.filter((r) => r.site_id === s.siteId).map((r) => identity(r, r.site_id)).sort(), s.siteId).toEqual(expected);
      }
    }
  });
});
