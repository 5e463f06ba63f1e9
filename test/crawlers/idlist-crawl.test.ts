/**
 * JSON list APIs whose items carry only an id, a title and a date (issue 8): a county portal
 * (sample-web/unseen/idlist.ts) whose two report columns are drawn by script, one building
 * `/content/detail.html?id=<id>` through the site's shared script (the home page links the same
 * pattern statically), the other writing `/art/<id>.html` in its own script. The crawler finds
 * every report (today by rendering the two columns; building the URLs statically is not done).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/schema.ts';
import { crawl, type CrawlSummary } from '../../crawlers/index.ts';
import { RawStore, type ReportEntry } from '../../crawlers/raw-store.ts';
import { idListSite } from '../../sample-web/unseen/idlist.ts';
import { startUnseenWeb, type UnseenWeb } from '../../sample-web/unseen/index.ts';

describe('a JSON list that gives ids, not URLs', () => {
  let web: UnseenWeb;
  let dataDir: string;
  let summary: CrawlSummary;
  let reports: ReportEntry[];

  beforeAll(async () => {
    web = await startUnseenWeb({ rateLimitPerSecond: 0, definitions: [idListSite] });
    dataDir = mkdtempSync(join(tmpdir(), 'nianbao-idlist-'));
    const config = resolveConfig(
      {
        ...web.config,
        politeness: { delayMs: 10, maxRequestsPerMinute: 0, globalConcurrency: 4 },
        limits: { ...web.config.limits, readTimeoutMs: 5000, connectTimeoutMs: 2000, retryBaseMs: 20, maxRetries: 2 },
        paths: { dataDir },
      },
      'test config',
    );
    summary = await crawl(config);
    reports = new RawStore(join(dataDir, 'raw')).reports();
  }, 600_000);
  afterAll(async () => {
    await web?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds every report exactly once at its detail URL built from the id, and no near miss', () => {
    const expected = web.expected();
    expect(expected).toHaveLength(7);
    expect(reports.map((r) => `${r.agency} ${r.year} ${r.url}`).sort()).toEqual(expected.map((e) => `${e.agency} ${e.year} ${e.detailUrl}`).sort());
    expect(summary.sites[0]!.status).toBe('ok');
    // Not done (issue 8 (d)): building these URLs from the ids without a browser. Today the two
    // columns are rendered in Chromium (summary.sites[0].rendered is 2), which finds them.
  });
});
