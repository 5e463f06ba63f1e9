import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import iconv from 'iconv-lite';
import { startSampleWeb } from '../../sample-web/server.ts';
import type { SampleWeb } from '../../sample-web/types.ts';
import { resolveConfig } from '../../config/schema.ts';

const site = (web: SampleWeb, id: string) => {
  const s = web.sites.find((x) => x.id === id);
  if (!s) throw new Error(`no site ${id}`);
  return s;
};
const origin = (url: string) => new URL(url).origin;
const bytesOf = async (r: Response) => new Uint8Array(await r.arrayBuffer());

describe('sample web', () => {
  let web: SampleWeb;
  beforeAll(async () => {
    // Transient faults have their own suite below: here every page answers at once.
    web = await startSampleWeb({ rateLimitPerSecond: 0, faults: false });
  });
  afterAll(async () => {
    await web.close();
  });

  it('serves at least six sites covering every archetype, with a config resolveConfig accepts', () => {
    const archetypes = new Set(web.sites.map((s) => s.archetype));
    for (const a of ['A-trs', 'B-jcms', 'C-gkmlpt', 'D-platform', 'E-static', 'F-tree', 'blocked']) expect(archetypes).toContain(a);
    expect(web.sites.length).toBeGreaterThanOrEqual(6);
    const config = resolveConfig(web.config, 'sample web');
    expect(config.sites.map((s) => s.id)).toEqual(web.sites.map((s) => s.id));
    for (const s of config.sites) {
      for (const u of s.startUrls) expect(s.allowedHosts).toContain(new URL(u).host);
    }
    expect(config.limits.maxDocumentBytes).toBeLessThan(64 * 1024 * 1024);
  });

  it('answers 200 with the right content type for every expected report page and document', async () => {
    const expected = web.expected();
    expect(expected.length).toBeGreaterThan(50);
    const types: Record<string, RegExp> = { html: /^text\/html/, pdf: /^application\/pdf$/, docx: /wordprocessingml/, doc: /^application\/msword$/ };
    for (const e of expected) {
      const r = await fetch(e.detailUrl);
      expect(r.status, e.detailUrl).toBe(200);
      await r.arrayBuffer();
      for (const u of e.documentUrls) {
        const d = await fetch(u);
        expect(d.status, u).toBe(200);
        const ext = /\.(pdf|docx|doc)$/.exec(new URL(d.url).pathname)?.[1] ?? 'html';
        expect(d.headers.get('content-type') ?? '', u).toMatch(types[ext]!);
        const body = await bytesOf(d);
        if (ext === 'pdf') expect(new TextDecoder().decode(body.subarray(0, 5))).toBe('%PDF-');
      }
      expect(e.record.agency).toBe(e.agency);
      expect(e.record.year).toBe(e.year);
      if (e.golden) expect(existsSync(e.golden)).toBe(true);
    }
  });

  it('gives every expected record numbers that satisfy the template checks, unless its golden says otherwise', () => {
    for (const e of web.expected()) {
      const apps = e.record.applications;
      const balanceOk = e.record.checks.find((c) => c.id === 'applications.row_totals')?.ok;
      if (balanceOk !== true || e.record.checks.some((c) => c.detail)) continue;
      for (const row of Object.values(apps)) {
        const sum = row.slice(0, 6).reduce<number>((a, b) => a + (b ?? 0), 0);
        expect(row[6]).toBe(sum);
      }
      const col = (key: string, c: number) => apps[key]?.[c] ?? 0;
      for (let c = 0; c < 7; c++) expect(col('new_received', c) + col('carried_over', c)).toBe(col('total_processed', c) + col('carried_forward', c));
    }
  });

  it('lists every near miss on a page, and none is an expected title', async () => {
    const titles = new Set(web.expected().map((e) => e.title));
    for (const t of web.nearMisses) expect(titles.has(t)).toBe(false);
    expect(web.nearMisses.some((t) => t.includes('政府网站工作年度报表'))).toBe(true);
    expect(web.nearMisses.some((t) => t.includes('法治政府建设年度报告'))).toBe(true);
    expect(web.nearMisses.some((t) => t.startsWith('图解') || t.startsWith('文字解读'))).toBe(true);
  });

  it('serves the GBK site as GB18030 bytes with no charset in the header', async () => {
    const gbk = web.expected().find((e) => e.siteId === 'xinghe-gbk' && e.year === 2023)!;
    const r = await fetch(gbk.detailUrl);
    expect(r.headers.get('content-type')).toBe('text/html');
    const bytes = await bytesOf(r);
    const text = new TextDecoder('gb18030').decode(bytes);
    expect(text).toContain('<meta charset="gb2312">');
    expect(text).toContain('昇河镇人民政府2023年政府信息公开工作年度报告');
    expect(text).toContain('王䶮');
    expect(text).toContain('𠮷林村');
    expect(new TextDecoder('utf-8').decode(bytes)).toContain('\uFFFD');
    // 𠮷 is a four-byte GB18030 sequence: no GBK or GB2312 table has it.
    const rare = iconv.encode('𠮷', 'gb18030');
    expect(rare.length).toBe(4);
    expect(Buffer.from(bytes).includes(rare)).toBe(true);
    const home = await fetch(site(web, 'xinghe-gbk').startUrls[0]!);
    const shellHtml = await home.text();
    expect(shellHtml).toContain('location.replace("/index.htm")');
    expect(shellHtml.length).toBeLessThanOrEqual(200);
  });

  it('serves the no-charset site with neither a header charset nor a meta charset', async () => {
    const e = web.expected().find((x) => x.siteId === 'shuyang-nocharset' && x.year === 2022)!;
    const r = await fetch(e.detailUrl);
    expect(r.headers.get('content-type')).toBe('text/html');
    expect(await r.text()).not.toMatch(/charset/i);
  });

  it('requires the Referer on the jcms dataproxy POST and serves page 2 there', async () => {
    const home = site(web, 'pingshan-jcms').startUrls[0]!;
    const col = `${origin(home)}/col/col1229512345/index.html`;
    const first = await (await fetch(col)).text();
    expect(first).toContain('<datastore>');
    expect(first).toContain('<![CDATA[');
    const records = (first.match(/<record>/g) ?? []).length;
    expect(records).toBe(15);
    const proxy = `${origin(home)}/module/web/jpage/dataproxy.jsp?startrecord=16&endrecord=30&perpage=15`;
    const form = 'col=1&appid=1&webid=42&path=/&columnid=1229512345&unitid=4012345&webname=x&permissiontype=0';
    const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const denied = await fetch(proxy, { method: 'POST', body: form, headers });
    expect(denied.status).toBe(403);
    const ok = await fetch(proxy, { method: 'POST', body: form, headers: { ...headers, Referer: col, 'X-Requested-With': 'XMLHttpRequest' } });
    expect(ok.status).toBe(200);
    const xml = await ok.text();
    expect(xml).toMatch(/<totalrecord>\d+<\/totalrecord>/);
    expect((xml.match(/<record>/g) ?? []).length).toBeGreaterThan(0);
    expect((await fetch(`${origin(home)}/module/jpage/dataproxy.jsp?page=2`, { headers: { Referer: col } })).status).toBe(404);
    const jcmsPdf = web.expected().find((e) => e.siteId === 'pingshan-jcms' && e.documentUrls.some((u) => u.includes('downfile.jsp')))!;
    const down = jcmsPdf.documentUrls.find((u) => u.includes('downfile.jsp'))!;
    const hop = await fetch(down, { redirect: 'manual' });
    expect(hop.status).toBe(302);
    expect(hop.headers.get('location')).toMatch(/^\/attach\/0\/[0-9a-f]{32}\.pdf$/);
  });

  it('answers 304 to If-None-Match and If-Modified-Since', async () => {
    const url = web.expected()[0]!.detailUrl;
    const r = await fetch(url);
    await r.arrayBuffer();
    const etag = r.headers.get('etag')!;
    const lastModified = r.headers.get('last-modified')!;
    expect(etag).toBeTruthy();
    expect(lastModified).toBeTruthy();
    expect((await fetch(url, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    expect((await fetch(url, { headers: { 'If-Modified-Since': lastModified } })).status).toBe(304);
    expect((await fetch(url, { headers: { 'If-None-Match': '"other"' } })).status).toBe(200);
    const logged = web.requests.filter((q) => q.ifNoneMatch === etag);
    expect(logged.length).toBe(1);
    expect(logged[0]!.status).toBe(304);
  });

  it('has no transient faults with faults: false', async () => {
    expect(web.traps.flaky).toEqual([]);
    const nyj = site(web, 'qinghe-trs').startUrls[1]!;
    expect((await fetch(`${nyj}zfxxgk/zfxxgknb/`)).status).toBe(200);
  });

  it('serves the jcms pages in 繁體 when the cookie zh_choose_3 says t', async () => {
    const e = web.expected().find((x) => x.siteId === 'pingshan-jcms' && x.agency === '平山市人民政府' && x.year === 2023)!;
    const plain = await (await fetch(e.detailUrl)).text();
    const hant = await fetch(e.detailUrl, { headers: { Cookie: 'zh_choose_3=t' } });
    const text = await hant.text();
    expect(plain).toContain('政府信息公开工作年度报告');
    expect(text).toContain('政府信息公開工作年度報告');
    expect(text).toContain('本年新收政府信息公開申請數量');
    expect(hant.headers.get('etag')).not.toBe((await fetch(e.detailUrl)).headers.get('etag'));
  });

  it('serves robots.txt that disallows a whole site, and one that disallows /module/', async () => {
    const shunyi = site(web, 'shunyi-robots');
    expect(await (await fetch(`${origin(shunyi.startUrls[0]!)}/robots.txt`)).text()).toMatch(/Disallow: \/\n/);
    expect(web.traps.robotsBlockedHosts).toContain(new URL(shunyi.startUrls[0]!).host);
    const platform = site(web, 'lixia-platform');
    const robots = await (await fetch(`http://${platform.allowedHosts[1]}/robots.txt`)).text();
    expect(robots).toContain('Disallow: /module/');
    expect(web.traps.forbiddenUrls.some((u) => u.includes('/module/'))).toBe(true);
  });

  it('answers challenge pages on the challenge hosts', async () => {
    const [www, xxgk] = web.traps.challengeHosts;
    const rs = await fetch(`http://${www}/`);
    expect(rs.status).toBe(412);
    expect(await rs.text()).toContain('$_ts');
    const jsl = await fetch(`http://${xxgk}/xxgk/zfxxgknb/`);
    expect(jsl.status).toBe(521);
    expect(jsl.headers.get('set-cookie')).toContain('__jsluid_h');
    expect(await jsl.text()).toContain('_');
  });

  it('redirects: portal chain 301 → 302 → page, folder without slash, dead column to home', async () => {
    const portal = site(web, 'lixia-platform').startUrls[0]!;
    const a = await fetch(portal, { redirect: 'manual' });
    expect(a.status).toBe(301);
    const b = await fetch(a.headers.get('location')!, { redirect: 'manual' });
    expect(b.status).toBe(302);
    const c = await fetch(new URL(b.headers.get('location')!, a.headers.get('location')!), { redirect: 'manual' });
    expect(c.status).toBe(200);
    expect(await c.text()).toContain('政府信息公开年报');
    const trs = origin(site(web, 'qinghe-trs').startUrls[0]!);
    const folder = await fetch(`${trs}/zwgk`, { redirect: 'manual' });
    expect([folder.status, folder.headers.get('location')]).toEqual([301, '/zwgk/']);
    const dead = await fetch(`${trs}/zwgk/ndbg/`, { redirect: 'manual' });
    expect([dead.status, dead.headers.get('location')]).toEqual([301, '/']);
  });

  it('lists a 404 and a soft-404, and shows the gkmlpt list only through its API', async () => {
    for (const u of web.traps.notFoundUrls) expect((await fetch(u)).status).toBe(404);
    for (const u of web.traps.softNotFoundUrls) {
      const r = await fetch(u);
      expect(r.status).toBe(200);
      expect(await r.text()).toContain('页面不存在');
    }
    const gk = origin(site(web, 'nanshan-gkmlpt').startUrls[0]!);
    const shellHtml = await (await fetch(`${gk}/gkmlpt/index`)).text();
    expect(shellHtml).toContain('window._CONFIG');
    expect(shellHtml).not.toContain('/gkmlpt/content/');
    const api = await (await fetch(`${gk}/gkmlpt/api/all/2961?page=1&sid=755029`)).json() as { total: number; articles: { url: string; date: number }[] };
    expect(api.total).toBe(api.articles.length);
    expect(api.articles[0]!.url).toMatch(/\/gkmlpt\/content\/\d+\/\d+\/post_\d+\.html$/);
    expect((await fetch(`${gk}/gkmlpt/api/all/2961?page=2&sid=755029`)).status).toBe(404);
  });

  it('changes expected() in phase 2: a corrected version 2 and a new report, unchanged pages keep their validators', async () => {
    const before = web.expected();
    const unchanged = before.find((e) => e.siteId === 'xinghe-gbk')!.detailUrl;
    const list = `${origin(site(web, 'qinghe-trs').startUrls[0]!)}/zwgk/zfxxgknb/index.html`;
    const r1 = await fetch(unchanged);
    await r1.arrayBuffer();
    const l1 = await fetch(list);
    await l1.arrayBuffer();
    web.setPhase(2);
    try {
      const after = web.expected();
      expect(after.length).toBe(before.length + 3);
      const v2 = after.filter((e) => e.version === 2);
      expect(v2).toHaveLength(1);
      expect(v2[0]!.title).toContain('（更正）');
      const v1 = after.find((e) => e.agency === v2[0]!.agency && e.year === v2[0]!.year && e.version === 1)!;
      expect(v1.current).toBe(false);
      expect(v2[0]!.published > v1.published).toBe(true);
      expect(v2[0]!.record.applications).not.toEqual(v1.record.applications);
      expect((await fetch(v2[0]!.detailUrl)).status).toBe(200);
      expect((await fetch(unchanged, { headers: { 'If-None-Match': r1.headers.get('etag')! } })).status).toBe(304);
      const l2 = await fetch(list, { headers: { 'If-None-Match': l1.headers.get('etag')! } });
      expect(l2.status).toBe(200);
      expect(await l2.text()).toContain('（更正）');
    } finally {
      web.setPhase(1);
    }
    expect(web.expected().length).toBe(before.length);
  });
});

describe('sample web faults', () => {
  let web: SampleWeb;
  beforeAll(async () => {
    web = await startSampleWeb({ rateLimitPerSecond: 0, dripMs: 200 });
  });
  afterAll(async () => {
    await web.close();
  });

  it('fails the flaky paths first, then succeeds', async () => {
    expect(web.traps.flaky.map((f) => f.status).sort()).toEqual([0, 429, 500, 500]);
    for (const f of web.traps.flaky) {
      for (let k = 0; k < f.failures; k++) {
        if (f.status === 0) {
          await expect(fetch(f.url), f.url).rejects.toThrow();
          continue;
        }
        const r = await fetch(f.url);
        await r.arrayBuffer();
        expect(r.status, f.url).toBe(f.status);
        if (f.status === 429) expect(r.headers.get('retry-after')).toBe('1');
      }
      const ok = await fetch(f.url);
      await ok.arrayBuffer();
      expect(ok.status, f.url).toBe(200);
    }
  });

  it('drips the slow attachment and never finishes the stalled page', async () => {
    const t0 = Date.now();
    const r = await fetch(web.traps.dripUrl);
    expect((await bytesOf(r)).byteLength).toBeGreaterThan(1000);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(100);
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), 300);
    await expect(fetch(web.traps.stallUrl, { signal: ctl.signal }).then((x) => x.text())).rejects.toThrow();
    clearTimeout(timer);
  });

});

describe('sample web options', () => {
  it('rate-limits a client that exceeds the per-host rate with 429 and Retry-After', async () => {
    const web = await startSampleWeb({ rateLimitPerSecond: 2 });
    try {
      const url = web.sites[0]!.startUrls[0]!;
      const statuses: number[] = [];
      for (let k = 0; k < 10; k++) {
        const r = await fetch(url);
        await r.arrayBuffer();
        statuses.push(r.status);
        if (r.status === 429) expect(r.headers.get('retry-after')).toBe('1');
      }
      expect(statuses).toContain(429);
      expect(statuses.slice(0, 2)).toEqual([200, 200]);
    } finally {
      await web.close();
    }
  });

  it('starts and closes 1,000 synthetic sites, each with its reports', async () => {
    const web = await startSampleWeb({ synthetic: 1000, rateLimitPerSecond: 0 });
    try {
      const synthetic = web.sites.filter((s) => s.archetype === 'synthetic');
      expect(synthetic).toHaveLength(1000);
      expect(new Set(synthetic.map((s) => s.allowedHosts[0])).size).toBe(1000);
      expect(new Set(synthetic.map((s) => s.agency)).size).toBe(1000);
      const reports = web.expected().filter((e) => e.siteId.startsWith('synthetic-'));
      expect(reports.length).toBeGreaterThanOrEqual(2000);
      const last = reports.at(-1)!;
      const page = await (await fetch(last.detailUrl)).text();
      expect(page).toContain(last.title);
      expect(page).toContain('本年新收政府信息公开申请数量');
      resolveConfig(web.config, 'sample web');
    } finally {
      await web.close();
    }
  });

  it('listens on consecutive ports from basePort', async () => {
    // Below Linux's ephemeral range (32768+), where the other tests' servers take their ports;
    // a base that happens to be taken is tried again elsewhere.
    let web: SampleWeb | undefined;
    let base = 0;
    for (let attempt = 0; attempt < 5 && !web; attempt++) {
      base = 21000 + Math.floor(Math.random() * 8000);
      web = await startSampleWeb({ basePort: base, rateLimitPerSecond: 0, synthetic: 2 }).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'EADDRINUSE') throw err;
        return undefined;
      });
    }
    expect(web).toBeDefined();
    try {
      const ports = web!.sites.flatMap((s) => s.allowedHosts.map((h) => Number(h.split(':')[1])));
      expect(Math.min(...ports)).toBe(base);
      expect(new Set(ports).size).toBe(ports.length);
      expect((await fetch(web!.sites[0]!.startUrls[0]!)).status).toBe(200);
    } finally {
      await web!.close();
    }
  });

  it('shares one server under /s/<n>/ beyond the port limit', async () => {
    const web = await startSampleWeb({ synthetic: 5, syntheticPortLimit: 3, rateLimitPerSecond: 0 });
    try {
      expect(web.sharedSyntheticHost).toMatch(/^127\.0\.0\.1:\d+$/);
      const shared = web.sites.filter((s) => s.allowedHosts[0] === web.sharedSyntheticHost);
      expect(shared.map((s) => new URL(s.startUrls[0]!).pathname)).toEqual(['/s/3/', '/s/4/']);
      const home = await (await fetch(shared[0]!.startUrls[0]!)).text();
      expect(home).toContain('/s/3/zwgk/');
    } finally {
      await web.close();
    }
  });
});
