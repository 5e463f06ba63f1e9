/**
 * County-shaped synthetic sites (the county government's and twelve departments' reports in one
 * paginated column): every report found once and attributed to its own department, and a second
 * run asks for the list pages only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/schema.ts';
import { crawl } from '../../crawlers/index.ts';
import { RawStore } from '../../crawlers/raw-store.ts';
import { startSampleWeb, type SampleWeb } from '../../sample-web/server.ts';

const SITES = 5;

describe('county-shaped synthetic sites', () => {
  let web: SampleWeb | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'nianbao-county-'));
  afterAll(async () => {
    await web?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds every department report once under its department, and re-asks only list pages', async () => {
    web = await startSampleWeb({ synthetic: SITES, syntheticShape: 'county', rateLimitPerSecond: 0, faults: false });
    const ids = new Set(web.sites.filter((s) => s.archetype === 'synthetic').map((s) => s.id));
    const config = resolveConfig({ ...web.config, sites: web.config.sites!.filter((s) => ids.has(s.id)), politeness: { delayMs: 0, maxRequestsPerMinute: 0 }, paths: { dataDir } }, 'test');
    const expected = web.expected().filter((e) => ids.has(e.siteId));
    expect(expected).toHaveLength(SITES * 13 * 3);

    await crawl(config);
    const found = new RawStore(join(dataDir, 'raw')).reports();
    const key = (r: { site_id?: string; siteId?: string; agency: string; year: number }) => `${r.site_id ?? r.siteId}|${r.agency}|${r.year}`;
    expect(found.map(key).sort()).toEqual(expected.map(key).sort());

    const before = web.requests.length;
    await crawl(config);
    const second = web.requests.slice(before);
    // Each column has three list pages (39 reports, 15 a page); nothing else is asked.
    expect(second.length).toBe(SITES * 3);
    expect(second.filter((r) => !/^\/zwgk\/[a-z]+\/(index(_\d+)?\.html)?$/.test(r.path))).toEqual([]);
  });
});
