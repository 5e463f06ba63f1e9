/**
 * The default politeness, checked on the wire: with the configuration's defaults (one request at
 * a time per host, a pause of `delayMs` after each response, at most `maxRequestsPerMinute`), the
 * sample web's request log shows no two requests to a host closer than the pace allows, and the
 * host never had to answer 429.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLITENESS, resolveConfig } from '../../config/schema.ts';
import { crawl } from '../../crawlers/index.ts';
import { startSampleWeb, type SampleWeb } from '../../sample-web/server.ts';

describe('default politeness', () => {
  let web: SampleWeb | undefined;
  let dataDir: string | undefined;
  afterAll(async () => {
    await web?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('makes one request at a time per host, spaced by at least the default delay', async () => {
    // The sample web's own rate limit (2 requests/s) stays on: the default pace must not trip it.
    web = await startSampleWeb({ faults: false });
    dataDir = mkdtempSync(join(tmpdir(), 'nianbao-polite-'));
    const config = resolveConfig({ ...web.config, paths: { dataDir } }, 'test config');
    expect(config.politeness).toMatchObject({ perHostConcurrency: DEFAULT_POLITENESS.perHostConcurrency, delayMs: DEFAULT_POLITENESS.delayMs });
    const summary = await crawl(config, { sites: ['shuyang-nocharset'] });
    expect(summary.sites[0]!.reportsFound).toBe(3);
    const site = web.sites.find((s) => s.id === 'shuyang-nocharset')!;
    const pace = Math.max(DEFAULT_POLITENESS.delayMs, 60_000 / DEFAULT_POLITENESS.maxRequestsPerMinute);
    for (const host of site.allowedHosts) {
      const times = web.requests.filter((r) => r.host === host).map((r) => r.time).sort((a, b) => a - b);
      expect(times.length).toBeGreaterThan(5);
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(pace - 5);
    }
    expect(web.requests.filter((r) => r.status === 429)).toEqual([]);
  });
});
