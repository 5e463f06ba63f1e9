/**
 * Document freshness across runs (crawl-context.ts fetchDocument with the crawl state): a stored
 * document is used without a request while fresh, revalidated with its ETag once stale (a 304
 * downloads nothing), stored again when it changed at the same URL, and a URL that failed is not
 * asked again within the day.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/schema.ts';
import { CrawlContext } from '../../crawlers/crawl-context.ts';
import { HostFrontier } from '../../crawlers/frontier.ts';
import { HostScheduler } from '../../crawlers/politeness/host-scheduler.ts';
import { SiteRun } from '../../crawlers/site-run.ts';
import { CrawlState, crawlStateOptions } from '../../crawlers/state/crawl-state.ts';

describe('document freshness across runs', () => {
  let server: Server;
  let base = '';
  let body = 'version one';
  const seen: { path: string; inm?: string; status: number }[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'nianbao-incremental-'));

  beforeAll(async () => {
    server = createServer((req, res) => {
      const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
      const inm = req.headers['if-none-match'] as string | undefined;
      const status = req.url === '/robots.txt' || req.url === '/gone.pdf' ? 404 : inm === etag ? 304 : 200;
      seen.push({ path: req.url ?? '', inm, status });
      res.writeHead(status, status === 200 ? { ETag: etag, 'Content-Type': 'application/pdf' } : { ETag: etag });
      res.end(status === 200 ? `%PDF-1.4 ${body}` : undefined);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A fresh crawl context over the same data directory: one "run". */
  function run(incremental: { revalidateAfterHours?: number } = {}) {
    const config = resolveConfig({ sites: [{ id: 's', agency: '清河县人民政府', startUrls: [`${base}/`] }], politeness: { delayMs: 0, maxRequestsPerMinute: 0 }, limits: { maxRetries: 0 }, incremental, paths: { dataDir } }, 'test');
    const state = new CrawlState(dataDir, crawlStateOptions(config));
    const scheduler = new HostScheduler(config.politeness);
    const ctx = new CrawlContext(config, state, scheduler, { http: new HostFrontier(scheduler), browser: new HostFrontier(scheduler) });
    const site = new SiteRun(config.sites[0]!);
    ctx.sites.set(site.id, site);
    return { ctx, state, site };
  }

  it('stores once, reuses while fresh, revalidates when stale, stores again when changed', async () => {
    const first = run();
    const a = await first.ctx.fetchDocument(first.site, `${base}/report.pdf`);
    first.state.flush();
    expect(first.site.documentsFetched).toBe(1);

    const second = run();
    const requestsBefore = seen.length;
    const b = await second.ctx.fetchDocument(second.site, `${base}/report.pdf`);
    expect(b.sha256).toBe(a.sha256);
    expect(seen.length).toBe(requestsBefore);
    expect(second.site.notModified).toBe(1);

    // A week later: the stored copy is stale and is revalidated with its ETag.
    const entry = second.state.documents.get(`${base}/report.pdf`)!;
    second.state.documents.confirm(entry, new Date(Date.now() - 8 * 24 * 3600_000));
    second.state.flush();
    const third = run();
    const c = await third.ctx.fetchDocument(third.site, `${base}/report.pdf`);
    expect(c.sha256).toBe(a.sha256);
    expect(seen.at(-1)).toMatchObject({ path: '/report.pdf', status: 304 });
    expect(seen.at(-1)!.inm).toBeTruthy();
    expect(third.site.documentsFetched).toBe(0);

    // Corrected at the same URL: the revalidation brings the new bytes.
    body = 'version two, corrected';
    third.state.documents.confirm(third.state.documents.get(`${base}/report.pdf`)!, new Date(0));
    third.state.flush();
    const fourth = run();
    const d = await fourth.ctx.fetchDocument(fourth.site, `${base}/report.pdf`);
    expect(d.sha256).not.toBe(a.sha256);
    expect(fourth.state.store.has(d.sha256) && fourth.state.store.has(a.sha256)).toBe(true);
  });

  it('revalidates every stored document on every run with incremental.revalidateAfterHours: 0', async () => {
    body = 'nightly one';
    const first = run({ revalidateAfterHours: 0 });
    const a = await first.ctx.fetchDocument(first.site, `${base}/nightly.pdf`);
    first.state.flush();
    const second = run({ revalidateAfterHours: 0 });
    await second.ctx.fetchDocument(second.site, `${base}/nightly.pdf`);
    second.state.flush();
    expect(seen.at(-1)).toMatchObject({ path: '/nightly.pdf', status: 304 });
    body = 'nightly two, corrected the same day';
    const third = run({ revalidateAfterHours: 0 });
    const c = await third.ctx.fetchDocument(third.site, `${base}/nightly.pdf`);
    expect(seen.at(-1)).toMatchObject({ path: '/nightly.pdf', status: 200 });
    expect(c.sha256).not.toBe(a.sha256);
  });

  it('does not ask again for a URL that failed within the day', async () => {
    const first = run();
    await expect(first.ctx.fetchDocument(first.site, `${base}/gone.pdf`)).rejects.toThrow(/404/);
    first.state.flush();
    const asked = seen.filter((r) => r.path === '/gone.pdf').length;
    const second = run();
    // the remembered reason, word for word: failures.jsonl keeps one row for the URL
    await expect(second.ctx.fetchDocument(second.site, `${base}/gone.pdf`)).rejects.toThrow(/404/);
    expect(seen.filter((r) => r.path === '/gone.pdf').length).toBe(asked);
  });
});
