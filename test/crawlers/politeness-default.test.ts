/**
 * The default politeness, checked on the wire: with the configuration's defaults (one request at
 * a time per host, a pause of `delayMs` after each response, at most `maxRequestsPerMinute`), no
 * two requests to a host leave closer than the pace allows, and the host never had to answer 429.
 *
 * Two measurements. The crawler's own send times (when each request was handed to the socket)
 * must keep the pace exactly: the scheduler spaces sends, not grants, since a request can leave
 * later than it was granted. The sample web's arrival times are taken in its request handler, in
 * this same process, so a busy event loop can log an arrival late and shorten the next gap by that
 * lag: they must keep the pace within WIRE_MARGIN_MS, far above loopback jitter (< 1 ms) and a
 * loaded machine's event-loop lag (tens of ms), far below any real breach (a second request sent
 * at once, or the pace halved).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLITENESS, resolveConfig } from '../../config/schema.ts';
import { crawl } from '../../crawlers/index.ts';
import { startSampleWeb, type SampleWeb } from '../../sample-web/server.ts';

const WIRE_MARGIN_MS = 250;

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
    const sends: { host: string; at: number }[] = [];
    const summary = await crawl(config, {
      sites: ['shuyang-nocharset'],
      onExchange: (e) => e.sentAt !== undefined && sends.push({ host: new URL(e.url).host, at: e.sentAt }),
    });
    expect(summary.sites[0]!.reportsFound).toBe(3);
    const site = web.sites.find((s) => s.id === 'shuyang-nocharset')!;
    const pace = Math.max(DEFAULT_POLITENESS.delayMs, 60_000 / DEFAULT_POLITENESS.maxRequestsPerMinute);
    const minGap = (times: number[]) => {
      const sorted = [...times].sort((a, b) => a - b);
      return Math.min(...sorted.slice(1).map((t, i) => t - sorted[i]!));
    };
    for (const host of site.allowedHosts) {
      const sent = sends.filter((s) => s.host === host).map((s) => s.at);
      const arrived = web.requests.filter((r) => r.host === host).map((r) => r.time);
      expect(sent.length).toBeGreaterThan(5);
      expect(arrived.length).toBe(sent.length);
      expect(minGap(sent)).toBeGreaterThanOrEqual(pace);
      expect(minGap(arrived)).toBeGreaterThanOrEqual(pace - WIRE_MARGIN_MS);
    }
    expect(web.requests.filter((r) => r.status === 429)).toEqual([]);
  });
});
