/**
 * The `render` site hint: 'static' never starts Chromium (a JavaScript-only list stays unseen),
 * 'browser' renders a site's lists even when their HTML already holds the links.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/schema.ts';
import { crawl } from '../../crawlers/index.ts';
import { startSampleWeb, type SampleWeb } from '../../sample-web/server.ts';

describe('render hint', () => {
  let web: SampleWeb;
  const dirs: string[] = [];
  beforeAll(async () => {
    web = await startSampleWeb({ rateLimitPerSecond: 0, faults: false });
  });
  afterAll(async () => {
    await web?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const configWith = (siteId: string, render: 'static' | 'browser') => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nianbao-render-'));
    dirs.push(dataDir);
    return resolveConfig({
      ...web.config,
      sites: web.config.sites!.filter((s) => s.id === siteId).map((s) => ({ ...s, render })),
      politeness: { delayMs: 0, maxRequestsPerMinute: 0 },
      paths: { dataDir },
    }, 'test config');
  };

  it("'static' leaves a JavaScript-only list unread", async () => {
    const summary = await crawl(configWith('lixia-platform', 'static'));
    expect(summary.sites[0]!.reportsFound).toBe(0);
    const hosts = web.sites.find((s) => s.id === 'lixia-platform')!.allowedHosts;
    expect(web.requests.some((r) => hosts.includes(r.host) && r.path === '/gongkai/js/list.js')).toBe(false);
  });

  it("'browser' renders a list that static HTML already shows", async () => {
    const site = web.sites.find((s) => s.id === 'shuyang-nocharset')!;
    const before = web.requests.length;
    const summary = await crawl(configWith(site.id, 'browser'));
    expect(summary.sites[0]!.reportsFound).toBe(3);
    const listFetches = web.requests.slice(before).filter((r) => site.allowedHosts.includes(r.host) && r.path === '/sygfj/gknb/');
    // Once by the crawler, once by Chromium (through the same polite fetcher).
    expect(listFetches.length).toBe(2);
  });
});
