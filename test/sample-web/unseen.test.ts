/**
 * The unseen web (sample-web/unseen/) is what its site files say it is: each shape exists as
 * designed, checked over HTTP and, for the JavaScript shapes, in Chromium; the manifest lists every
 * report once with documents that answer. These tests check the fixture, not the crawler.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import iconv from 'iconv-lite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startUnseenWeb, type UnseenWeb } from '../../sample-web/unseen/index.ts';
import { resolveConfig } from '../../config/schema.ts';
import type { SampleSite } from '../../sample-web/types.ts';

const CHROMIUM = process.env.NIANBAO_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const site = (web: UnseenWeb, id: string): SampleSite => {
  const s = web.sites.find((x) => x.id === id);
  if (!s) throw new Error(`no site ${id}`);
  return s;
};
const reportsOf = (web: UnseenWeb, id: string) => web.expected().filter((e) => e.siteId === id);
const origin = (s: SampleSite) => new URL(s.startUrls[0]!).origin;
const sorted = (xs: Iterable<string>) => [...xs].sort();
/** The text of an HTML fragment (Word-exported cells split a label across spans). */
const textOf = (html: string) => html.replace(/<[^>]*>/g, '');

/** What the bytes are: the format a crawler has to sniff when the URL and the type say nothing. */
function magic(bytes: Uint8Array): 'pdf' | 'docx' | 'doc' | 'other' {
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'docx';
  if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'doc';
  return 'other';
}

/** The file name of a Content-Disposition header as a browser reads it (RFC 6266, raw GBK, percent-encoded). */
function dispositionName(headerBytes: Buffer): string {
  const latin = headerBytes.toString('latin1');
  const star = /filename\*=UTF-8''([^;]+)/i.exec(latin);
  if (star) return decodeURIComponent(star[1]!);
  const plain = /filename="?([^";]+)"?/i.exec(latin)![1]!;
  if (/%[0-9a-f]{2}/i.test(plain)) return decodeURIComponent(plain.replace(/\+/g, ' '));
  return iconv.decode(Buffer.from(plain, 'latin1'), 'gbk');
}

interface Reached {
  /** Every URL answered 200 (GET, and POST forms keyed by their body too). */
  urls: Set<string>;
  /** The text of every HTML page fetched. */
  pages: Map<string, string>;
}

/**
 * A crawl that runs no script: it follows `<a href>`, `<iframe src>`, URLs in `onclick`
 * (`location.href=` / `window.open(`), `<select>` option URLs, resolves against `<base href>`, and
 * submits POST forms with their fields. What it reaches is what static HTML links.
 */
async function staticReach(start: string, limit = 300): Promise<Reached> {
  const host = new URL(start).host;
  const urls = new Set<string>();
  const pages = new Map<string, string>();
  const queue: { url: string; body?: string }[] = [{ url: start }];
  const seen = new Set<string>([start]);
  const push = (url: string, body?: string) => {
    const key = body === undefined ? url : `POST ${url} ${body}`;
    if (seen.has(key) || new URL(url).host !== host) return;
    seen.add(key);
    queue.push({ url, body });
  };
  while (queue.length && pages.size < limit) {
    const { url, body } = queue.shift()!;
    const r = await fetch(url, body === undefined ? {} : { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    const bytes = Buffer.from(await r.arrayBuffer());
    if (r.status !== 200) continue;
    urls.add(url);
    if (!/^text\/html/.test(r.headers.get('content-type') ?? '')) continue;
    const charset = /charset=([\w-]+)/.exec(r.headers.get('content-type') ?? '')?.[1] ?? 'utf-8';
    const html = iconv.decode(bytes, charset);
    pages.set(body === undefined ? url : `${url} [${body}]`, html);
    const $ = cheerio.load(html);
    const base = new URL($('base[href]').attr('href') ?? url, url).href;
    const resolve = (ref: string | undefined) => {
      if (!ref || /^(javascript:|mailto:|#)/i.test(ref.trim())) return null;
      try {
        return new URL(ref.trim(), base).href.replace(/#.*$/, '');
      } catch {
        return null;
      }
    };
    const follow = (ref: string | undefined) => {
      const u = resolve(ref);
      if (u) push(u);
    };
    $('a[href]').each((_, el) => follow($(el).attr('href')));
    $('iframe[src], frame[src]').each((_, el) => follow($(el).attr('src')));
    $('[onclick]').each((_, el) => {
      const m = /(?:location\.href\s*=\s*|window\.open\(\s*)['"]([^'"]+)['"]/.exec($(el).attr('onclick') ?? '');
      if (m) follow(m[1]);
    });
    $('select[onchange] option[value]').each((_, el) => follow($(el).attr('value')));
    $('form').each((_, form) => {
      if (($(form).attr('method') ?? 'get').toLowerCase() !== 'post') return;
      const fields = new URLSearchParams();
      $(form).find('input[name]').each((__, input) => {
        const type = ($(input).attr('type') ?? 'text').toLowerCase();
        if (type !== 'submit' && type !== 'button') fields.append($(input).attr('name')!, $(input).attr('value') ?? '');
      });
      const action = resolve($(form).attr('action') ?? url);
      if (action) push(action, fields.toString());
    });
  }
  return { urls, pages };
}

const renderOnlyIds = ['liujiang-jsapp', 'tongxi-spa', 'huaichuan-aspnet'];
const staticIds = ['yutai-download', 'fenggang-select', 'songling-iframe'];

describe('unseen web: manifest and static shapes', () => {
  let web: UnseenWeb;
  beforeAll(async () => {
    web = await startUnseenWeb({ rateLimitPerSecond: 0 });
  });
  afterAll(async () => {
    await web.close();
  });

  it('serves six sites, each on its own host, with a config resolveConfig accepts', () => {
    expect(web.sites.map((s) => s.id)).toEqual([...renderOnlyIds, ...staticIds]);
    expect(web.sites.filter((s) => s.renderOnly).map((s) => s.id)).toEqual(renderOnlyIds);
    const config = resolveConfig(web.config, 'unseen web');
    expect(config.sites.map((s) => s.id)).toEqual(web.sites.map((s) => s.id));
    for (const s of config.sites) {
      expect(s.render).toBeUndefined();
      for (const u of s.startUrls) expect(s.allowedHosts).toContain(new URL(u).host);
    }
    const hosts = web.sites.flatMap((s) => s.allowedHosts);
    expect(new Set(hosts).size).toBe(hosts.length);
  });

  it('lists every report placement exactly once: 40 reports, 15 near-miss titles, agency-years missing on purpose', () => {
    const expected = web.expected();
    expect(expected).toHaveLength(40);
    expect(Object.fromEntries(web.sites.map((s) => [s.id, reportsOf(web, s.id).length]))).toEqual({
      'liujiang-jsapp': 8, 'tongxi-spa': 8, 'huaichuan-aspnet': 8, 'yutai-download': 7, 'fenggang-select': 6, 'songling-iframe': 3,
    });
    expect(new Set(expected.map((e) => e.detailUrl)).size).toBe(expected.length);
    expect(new Set(expected.map((e) => `${e.siteId}|${e.agency}|${e.year}|${e.version}`)).size).toBe(expected.length);
    for (const e of expected) {
      expect(e.record.agency).toBe(e.agency);
      expect(e.record.year).toBe(e.year);
      expect(e.documentUrls.length).toBeGreaterThan(0);
      expect(e.documentUrls).toContain(e.numbersIn);
      expect(e.record.source.uri).toBe(e.numbersIn);
      expect(site(web, e.siteId).agencies.map((a) => a.name)).toContain(e.agency);
    }
    // Near misses: the placements are the pages titled so; a title may repeat across sites.
    expect(web.nearMisses).toHaveLength(15);
    const titles = new Set(expected.map((e) => e.title));
    for (const t of web.nearMisses) expect(titles.has(t)).toBe(false);
    for (const kind of ['政府网站工作年度报表', '法治政府建设年度报告', '解读', '编制发布工作的通知', '工作总结']) {
      expect(web.nearMisses.some((t) => t.includes(kind)), kind).toBe(true);
    }
    const missing = web.missing();
    expect(missing).toHaveLength(32);
    expect(missing).toContainEqual({ siteId: 'liujiang-jsapp', agency: '柳江市生态环境局', year: 2023 });
    expect(missing).toContainEqual({ siteId: 'huaichuan-aspnet', agency: '槐川县城关镇人民政府', year: 2023 });
    for (const m of missing) expect(expected.some((e) => e.siteId === m.siteId && e.agency === m.agency && e.year === m.year)).toBe(false);
  });

  it('answers 200 for every report page and document, documents with the bytes their records say', async () => {
    for (const e of web.expected()) {
      const page = await fetch(e.detailUrl);
      expect(page.status, e.detailUrl).toBe(200);
      await page.arrayBuffer();
      for (const u of e.documentUrls.filter((d) => d !== e.detailUrl)) {
        const r = await fetch(u);
        expect(r.status, u).toBe(200);
        const bytes = new Uint8Array(await r.arrayBuffer());
        if (u === e.numbersIn) expect(magic(bytes), u).toBe(e.record.source.format);
        else expect(magic(bytes), u).not.toBe('other');
      }
    }
  });

  it('render-only sites link no report in static HTML; the static sites link every report statically', async () => {
    for (const id of renderOnlyIds) {
      const reached = await staticReach(site(web, id).startUrls[0]!);
      expect(reached.pages.size, id).toBeGreaterThan(0);
      for (const e of reportsOf(web, id)) {
        for (const u of [e.detailUrl, ...e.documentUrls]) {
          if (u === e.detailUrl && id === 'tongxi-spa') continue; // the SPA answers its shell everywhere
          expect(reached.urls.has(u), `${id} reached ${u}`).toBe(false);
        }
        for (const [url, html] of reached.pages) expect(html.includes(new URL(e.detailUrl).pathname + new URL(e.detailUrl).search), `${url} names ${e.detailUrl}`).toBe(false);
      }
      for (const [url, html] of reached.pages) expect(textOf(html), url).not.toContain('本年新收政府信息公开申请数量');
    }
    for (const id of staticIds) {
      const reached = await staticReach(site(web, id).startUrls[0]!);
      for (const e of reportsOf(web, id)) for (const u of [e.detailUrl, ...e.documentUrls]) expect(reached.urls.has(u), `${id} missed ${u}`).toBe(true);
    }
  });

  it('JS-app column: the column page is #app and a script; the JSON API pages the list with ids and titles', async () => {
    const s = site(web, 'liujiang-jsapp');
    const column = await (await fetch(`${origin(s)}/zwgk/zfxxgknb/`)).text();
    expect(column).toContain('<div id="app"></div>');
    expect(column).not.toContain('_CONFIG');
    expect(column).not.toMatch(/\/content\/\d{6}\/\d+\.html/);
    expect(cheerio.load(column)('#app a, ul.list, ul.article-ul')).toHaveLength(0);
    type Page = { code: number; data: { records: { articleId: number; articleTitle: string; publishDate: string }[]; total: number; pages: number; current: number } };
    const api = (n: number) => fetch(`${origin(s)}/api/cms/article/page?catalogId=1187&current=${n}&size=8`).then((r) => r.json() as Promise<Page>);
    const [p1, p2] = [await api(1), await api(2)];
    expect([p1.data.total, p1.data.pages, p1.data.records.length, p2.data.records.length]).toEqual([11, 2, 8, 3]);
    const built = [...p1.data.records, ...p2.data.records].map((r) => `${origin(s)}/content/${r.publishDate.replace(/-/g, '').slice(0, 6)}/${r.articleId}.html`);
    expect(sorted(reportsOf(web, s.id).map((e) => e.detailUrl)).every((u) => built.includes(u))).toBe(true);
    expect((await api(9)).data.records).toEqual([]);
  });

  it('SPA: every path answers the same shell; the API answers only JSON POSTs', async () => {
    const s = site(web, 'tongxi-spa');
    const start = await fetch(s.startUrls[0]!);
    const shellHtml = await start.text();
    expect(shellHtml).toContain('<div id="app"></div>');
    expect(shellHtml).not.toMatch(/<a\s/);
    for (const path of ['/channel/1612739182930001034', reportsOf(web, s.id)[0]!.detailUrl.slice(origin(s).length), '/no/such/page']) {
      expect(await (await fetch(origin(s) + path)).text(), path).toBe(shellHtml);
    }
    const post = (path: string, body: unknown, type = 'application/json;charset=UTF-8') => fetch(origin(s) + path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': type } });
    expect((await fetch(`${origin(s)}/api/portal/articles`)).status).toBe(405);
    expect((await post('/api/portal/articles', { columnId: '1612739182930001034' }, 'application/x-www-form-urlencoded')).status).toBe(415);
    const menu = (await (await post('/api/portal/menu', { siteId: 'txq' })).json()) as { code: number; data: { name: string; code: string; id: string; children: { name: string; code: string; id: string }[] }[] };
    const zwgk = menu.data.find((n) => n.code === 'zwgk')!;
    const nb = zwgk.children.find((c) => c.name === '政府信息公开年报')!;
    type List = { data: { list: { id: string; title: string }[]; total: number; totalPage: number } };
    const page = async (pageNo: number) => (await (await post('/api/portal/articles', { columnId: nb.id, pageNo, pageSize: 6 })).json()) as List;
    const [p1, p2] = [await page(1), await page(2)];
    expect([p1.data.total, p1.data.totalPage, p1.data.list.length, p2.data.list.length]).toEqual([11, 2, 6, 5]);
    const ids = [...p1.data.list, ...p2.data.list].map((a) => `${origin(s)}/article/${a.id}`);
    for (const e of reportsOf(web, s.id)) {
      expect(ids).toContain(e.detailUrl);
      const detail = (await (await post('/api/portal/article', { id: e.detailUrl.split('/').pop() })).json()) as { data: { title: string; content: string; attachments: { fileUrl: string }[] } };
      expect(detail.data.title).toBe(e.title);
      expect(detail.data.attachments.map((a) => origin(s) + a.fileUrl)).toEqual(e.documentUrls.filter((u) => u !== e.detailUrl));
      if (e.numbersIn === e.detailUrl) expect(textOf(detail.data.content)).toContain('本年新收政府信息公开申请数量');
    }
    expect(((await (await post('/api/portal/article', { id: '1' })).json()) as { code: number }).code).toBe(404);
  });

  it('ASP.NET: the class page has a script-set iframe; pages 2 and 3 come only from the right postback', async () => {
    const s = site(web, 'huaichuan-aspnet');
    const classPage = iconv.decode(Buffer.from(await (await fetch(`${origin(s)}/zwgk/Index.aspx?ClassID=26`)).arrayBuffer()), 'gbk');
    const $c = cheerio.load(classPage);
    expect($c('iframe#ifrList').attr('src')).toBeUndefined();
    expect(classPage).toContain("document.getElementById('ifrList').src = 'GkList.aspx?ClassID=' + id");
    const tree = iconv.decode(Buffer.from(await (await fetch(`${origin(s)}/zwgk/Index.aspx`)).arrayBuffer()), 'gbk');
    expect(tree).toContain(`<li onclick="location.href='Index.aspx?ClassID=26'" style="cursor:pointer;">政府信息公开年报</li>`);

    const listUrl = `${origin(s)}/zwgk/GkList.aspx?ClassID=26`;
    const get = await fetch(listUrl);
    expect(get.headers.get('content-type')).toBe('text/html; charset=gb2312');
    const page1 = iconv.decode(Buffer.from(await get.arrayBuffer()), 'gbk');
    const $ = cheerio.load(page1);
    expect($('#GridView1 a[title]')).toHaveLength(5);
    for (const a of $('#GridView1 a[title]').toArray()) {
      expect($(a).text()).toMatch(/\.\.\.$/);
      expect($(a).attr('title')!.startsWith($(a).text().slice(0, -3))).toBe(true);
    }
    expect($('tr[onclick^="window.open("]').length).toBeGreaterThan(0);
    expect($('a[onclick^="window.open("]').length).toBeGreaterThan(0);
    expect(page1).toContain('javascript:__doPostBack(&#39;GridView1&#39;,&#39;Page$2&#39;)');
    const ids = (html: string) => [...html.matchAll(/ShowArticle\.aspx\?ArticleID=(\d+)/g)].map((m) => m[1]!);
    // A GET with a page in the query still answers page 1.
    const getPage2 = iconv.decode(Buffer.from(await (await fetch(`${listUrl}&Page=2`)).arrayBuffer()), 'gbk');
    expect(ids(getPage2)).toEqual(ids(page1));

    const fields = (html: string) => {
      const $$ = cheerio.load(html);
      return Object.fromEntries(['__VIEWSTATE', '__VIEWSTATEGENERATOR', '__EVENTVALIDATION'].map((n) => [n, $$(`input[name=${n}]`).attr('value') ?? '']));
    };
    const postBack = async (html: string, arg: string, patch: Record<string, string> = {}) => {
      const r = await fetch(listUrl, { method: 'POST', body: new URLSearchParams({ __EVENTTARGET: 'GridView1', __EVENTARGUMENT: arg, ...fields(html), ...patch }).toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
      return { status: r.status, html: iconv.decode(Buffer.from(await r.arrayBuffer()), 'gbk') };
    };
    const p2 = await postBack(page1, 'Page$2');
    expect(p2.status).toBe(200);
    const p3 = await postBack(p2.html, 'Page$Next');
    expect(p3.status).toBe(200);
    const all = [...ids(page1), ...ids(p2.html), ...ids(p3.html)];
    expect(new Set(all).size).toBe(12);
    for (const e of reportsOf(web, s.id)) expect(all).toContain(new URL(e.detailUrl).searchParams.get('ArticleID'));
    // Wrong postbacks: an argument page 1 did not render, a tampered state, another class's state.
    expect((await postBack(page1, 'Page$9')).status).toBe(500);
    expect((await postBack(page1, 'Page$2', { __VIEWSTATE: fields(page1).__VIEWSTATE!.replace(/^.{6}/, 'AAAAAA') })).status).toBe(500);
    const other = iconv.decode(Buffer.from(await (await fetch(`${origin(s)}/zwgk/GkList.aspx?ClassID=21`)).arrayBuffer()), 'gbk');
    expect((await postBack(other, 'Page$2')).status).toBe(500);
  });

  it('download endpoints: octet-stream, no extension needed, Content-Disposition names that decode to the Chinese names', async () => {
    const withNames = web.expected().filter((e) => e.fileNames);
    expect(withNames.map((e) => e.siteId)).toEqual(['huaichuan-aspnet', 'huaichuan-aspnet', 'yutai-download', 'yutai-download', 'yutai-download', 'yutai-download']);
    const styles = new Set<string>();
    for (const e of withNames) {
      for (const [url, name] of Object.entries(e.fileNames!)) {
        // fetch() would reject raw GBK header bytes, so read the head with node's http.
        const { headers, body } = await rawGet(url);
        expect(headers['content-type'], url).toBe('application/octet-stream');
        const disposition = headers['content-disposition']!;
        expect(dispositionName(Buffer.from(disposition, 'latin1')), url).toBe(name);
        styles.add(/filename\*=UTF-8''/.test(disposition) ? 'rfc5987' : /filename="?%/i.test(disposition) ? 'percent' : 'raw-gbk');
        expect(magic(body), url).toBe(url === e.numbersIn ? e.record.source.format : magic(body));
      }
    }
    expect(sorted(styles)).toEqual(['percent', 'raw-gbk', 'rfc5987']);
    const urls = withNames.flatMap((e) => Object.keys(e.fileNames!));
    expect(urls.some((u) => !/\.[a-z]{2,4}$/i.test(new URL(u).pathname) && !new URL(u).search)).toBe(true);
    expect(urls.some((u) => /download\.jsp\?id=/.test(u))).toBe(true);
    expect(urls.some((u) => /DownFile\.aspx\?fid=/.test(u))).toBe(true);
    expect(Object.values(withNames.flatMap((e) => Object.values(e.fileNames!)))).toContain('榆台县水务局2023年年报');
  });

  it('POST-form pager: page 2 of the download site comes from a POST of the form, not from a GET', async () => {
    const s = site(web, 'yutai-download');
    const list = `${origin(s)}/zwgk/ndbg/list.jsp?channelId=85`;
    const page1 = await (await fetch(list)).text();
    const $ = cheerio.load(page1);
    const next = $('form[method=post]').filter((_, f) => $(f).find('input[type=submit]').attr('value') === '下一页');
    expect(next).toHaveLength(1);
    expect(next.find('input[name=pageNo]').attr('value')).toBe('2');
    const links = (html: string) => cheerio.load(html)('ul.list a').toArray().map((a) => cheerio.load(html)(a).attr('href'));
    expect(links(await (await fetch(`${list}&pageNo=2`)).text())).toEqual(links(page1));
    const page2 = await (await fetch(list, { method: 'POST', body: 'channelId=85&pageNo=2', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })).text();
    expect(links(page2)).toHaveLength(4);
    expect(links(page2).some((h) => links(page1).includes(h))).toBe(false);
  });

  it('select year picker: options are URLs in three forms, all relative links resolve against <base href>', async () => {
    const s = site(web, 'fenggang-select');
    const columnUrl = `${origin(s)}/xxgk/zfxxgknb/index.html`;
    const $ = cheerio.load(await (await fetch(columnUrl)).text());
    expect($('base').attr('href')).toBe(`${origin(s)}/`);
    expect($('select').attr('onchange')).toBe('location.href=this.value');
    const values = $('select option').toArray().map((o) => $(o).attr('value')!).filter(Boolean);
    expect(values).toEqual(['xxgk/zfxxgknb/2023/index.html', '/xxgk/zfxxgknb/2022/index.html', `${origin(s)}/xxgk/zfxxgknb/2021/index.html`]);
    expect($('ul.list a')).toHaveLength(0);
    for (const v of values) expect((await fetch(new URL(v, `${origin(s)}/`))).status).toBe(200);
    // Resolved against the page instead of the base, the relative ones lead nowhere.
    expect((await fetch(new URL(values[0]!, columnUrl))).status).toBe(404);
    const year = cheerio.load(await (await fetch(`${origin(s)}/xxgk/zfxxgknb/2023/index.html`)).text());
    const href = year('ul.list a').first().attr('href')!;
    expect(href).toMatch(/^xxgk\/zfxxgknb\/2023\/\d{6}\/t\d{8}_\d+\.html$/);
    expect((await fetch(new URL(href, `${origin(s)}/xxgk/zfxxgknb/2023/index.html`))).status).toBe(404);
    expect((await fetch(new URL(href, `${origin(s)}/`))).status).toBe(200);
  });

  it('iframe town site: menu by <li onclick>, a text-less iframe, rows by <tr onclick> with titles cut', async () => {
    const s = site(web, 'songling-iframe');
    const home = await (await fetch(s.startUrls[0]!)).text();
    expect(home).toContain(`<li onclick="location.href='/xxgk/index.html'"`);
    const column = cheerio.load(await (await fetch(`${origin(s)}/xxgk/nb/index.html`)).text());
    expect(column('iframe').attr('src')).toBe('list.html');
    expect(column('.nb-frame').text().trim()).toBe('');
    const list = cheerio.load(await (await fetch(`${origin(s)}/xxgk/nb/list.html`)).text());
    const rows = list('tr[onclick]');
    expect(rows).toHaveLength(3);
    expect(rows.first().find('td[title]').text()).toMatch(/\.\.\.$/);
  });

  it('answers conditional requests with 304 on static pages, the SPA shell, the JSON list, the GridView and a download', async () => {
    const urls = [
      `${origin(site(web, 'liujiang-jsapp'))}/zwgk/zfxxgknb/`,
      `${origin(site(web, 'liujiang-jsapp'))}/api/cms/article/page?catalogId=1187&current=1&size=8`,
      reportsOf(web, 'tongxi-spa')[0]!.detailUrl,
      `${origin(site(web, 'huaichuan-aspnet'))}/zwgk/GkList.aspx?ClassID=26`,
      reportsOf(web, 'huaichuan-aspnet')[0]!.detailUrl,
      Object.keys(web.expected().find((e) => e.siteId === 'yutai-download' && e.fileNames)!.fileNames!)[0]!,
      reportsOf(web, 'fenggang-select')[0]!.detailUrl,
    ];
    for (const url of urls) {
      const r = await fetch(url);
      await r.arrayBuffer();
      const etag = r.headers.get('etag');
      const lastModified = r.headers.get('last-modified');
      expect(etag, url).toBeTruthy();
      expect(lastModified, url).toBeTruthy();
      expect((await fetch(url, { headers: { 'If-None-Match': etag! } })).status, url).toBe(304);
      expect((await fetch(url, { headers: { 'If-Modified-Since': lastModified! } })).status, url).toBe(304);
    }
  });

  it('phase 2: a late report in the JSON list, a correction on the GridView; unchanged pages keep their validators', async () => {
    const before = web.expected();
    const unchanged = reportsOf(web, 'yutai-download')[1]!.detailUrl;
    const r1 = await fetch(unchanged);
    await r1.arrayBuffer();
    web.setPhase(2);
    try {
      const after = web.expected();
      expect(after).toHaveLength(before.length + 2);
      const added = after.filter((e) => !before.some((x) => x.detailUrl === e.detailUrl));
      expect(added.map((e) => [e.siteId, e.agency, e.year, e.version])).toEqual([
        ['liujiang-jsapp', '柳江市生态环境局', 2023, 1],
        ['huaichuan-aspnet', '槐川县人民政府', 2023, 2],
      ]);
      expect(after.find((e) => e.siteId === 'huaichuan-aspnet' && e.year === 2023 && e.agency === '槐川县人民政府' && e.version === 1)!.current).toBe(false);
      expect(web.missing()).not.toContainEqual({ siteId: 'liujiang-jsapp', agency: '柳江市生态环境局', year: 2023 });
      const api = (await (await fetch(`${origin(site(web, 'liujiang-jsapp'))}/api/cms/article/page?catalogId=1187&current=1&size=8`)).json()) as { data: { records: { articleTitle: string }[] } };
      expect(api.data.records[0]!.articleTitle).toBe('柳江市生态环境局2023年政府信息公开工作年度报告');
      expect((await fetch(unchanged, { headers: { 'If-None-Match': r1.headers.get('etag')! } })).status).toBe(304);
    } finally {
      web.setPhase(1);
    }
    expect(web.expected()).toHaveLength(before.length);
  });
});

describe('unseen web options', () => {
  it('writes render into every site of the config', async () => {
    const web = await startUnseenWeb({ rateLimitPerSecond: 0, render: 'static' });
    try {
      expect(resolveConfig(web.config, 'unseen web').sites.map((s) => s.render)).toEqual(web.sites.map(() => 'static'));
    } finally {
      await web.close();
    }
  });

  it('keeps the sample hosts rate limit: a burst earns 429 with Retry-After', async () => {
    const web = await startUnseenWeb();
    try {
      const statuses: number[] = [];
      for (let k = 0; k < 8; k++) {
        const r = await fetch(web.sites[1]!.startUrls[0]!);
        await r.arrayBuffer();
        statuses.push(r.status);
        if (r.status === 429) expect(r.headers.get('retry-after')).toBe('1');
      }
      expect(statuses).toContain(429);
    } finally {
      await web.close();
    }
  });
});

describe('unseen web in Chromium', () => {
  let web: UnseenWeb;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    web = await startUnseenWeb({ rateLimitPerSecond: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  const hrefs = (selector: string) => page.$$eval(selector, (as) => as.map((a) => (a as HTMLAnchorElement).href));
  const expectedUrls = (id: string) => sorted(reportsOf(web, id).map((e) => e.detailUrl));

  it('JS-app column: the rendered DOM has page 1 links; the drawn pager fetches page 2; together every report', async () => {
    const s = site(web, 'liujiang-jsapp');
    await page.goto(s.startUrls[0]!);
    await page.click('a:text-is("政务公开")');
    await page.click('a:text-is("政府信息公开年报")');
    await page.waitForSelector('#app a[title]');
    const first = await hrefs('#app a[title]');
    expect(first).toHaveLength(8);
    const static1 = await (await fetch(page.url())).text();
    for (const u of first) expect(static1).not.toContain(new URL(u).pathname);
    const url = page.url();
    await page.click('#app a:text-is("下一页")');
    await page.waitForFunction(() => document.querySelector('#app .cur')?.textContent === '2');
    expect(page.url()).toBe(url);
    const second = await hrefs('#app a[title]');
    expect(second).toHaveLength(3);
    const all = [...first, ...second];
    expect(expectedUrls(s.id).every((u) => all.includes(u))).toBe(true);
    expect(all).toHaveLength(new Set(all).size);
  });

  it('SPA: the rendered start page has the menu; clicking to the column and its button pager reaches every report, attachments included', async () => {
    const s = site(web, 'tongxi-spa');
    await page.goto(s.startUrls[0]!);
    await page.waitForSelector('.tx-nav a');
    expect(await page.$$eval('.tx-nav a', (as) => as.map((a) => a.textContent))).toContain('政务公开');
    await page.click('.tx-nav a:text-is("政务公开")');
    await page.click('a:text-is("政府信息公开年报")');
    await page.waitForSelector('.tx-list a');
    const columnUrl = page.url();
    expect(columnUrl).toMatch(/\/channel\/\d+$/);
    const first = await hrefs('.tx-list a');
    await page.click('.btn-next');
    await page.waitForFunction(() => document.querySelector('.el-pager li.active')?.textContent === '2');
    expect(page.url()).toBe(columnUrl);
    const all = [...first, ...(await hrefs('.tx-list a'))];
    expect(all).toHaveLength(11);
    expect(expectedUrls(s.id).every((u) => all.includes(u))).toBe(true);
    for (const e of reportsOf(web, s.id)) {
      await page.goto(e.detailUrl);
      await page.waitForSelector('.tx-detail-title');
      expect(await page.textContent('.tx-detail-title')).toBe(e.title);
      expect(await hrefs('.tx-detail-files a')).toEqual(e.documentUrls.filter((u) => u !== e.detailUrl));
      if (e.numbersIn === e.detailUrl) expect(await page.textContent('#zoom')).toContain('本年新收政府信息公开申请数量');
    }
  });

  it('ASP.NET: the iframe list loads when the page runs; clicking the pager posts back pages 2 and 3; rows open the details', async () => {
    const s = site(web, 'huaichuan-aspnet');
    await page.goto(s.startUrls[0]!);
    await page.click('a:text-is("政务公开")');
    await page.click('li:text-is("政府信息公开年报")');
    const frame = page.frameLocator('#ifrList');
    await frame.locator('#GridView1').waitFor();
    const titles = () => frame.locator('#GridView1 a[title]').evaluateAll((as) => as.map((a) => a.getAttribute('title')!));
    const seen = [...(await titles())];
    const posts = () => web.requests.filter((q) => q.method === 'POST' && q.path.startsWith('/zwgk/GkList.aspx')).length;
    const before = posts();
    await frame.locator('#GridView1 a:text-is("2")').click();
    await frame.locator('#GridView1 td > span:text-is("2")').waitFor();
    seen.push(...(await titles()));
    await frame.locator('#GridView1 a:text-is("下一页")').click();
    await frame.locator('#GridView1 td > span:text-is("3")').waitFor();
    seen.push(...(await titles()));
    expect(posts() - before).toBe(2);
    expect(new Set(seen).size).toBe(12);
    for (const e of reportsOf(web, s.id)) expect(seen).toContain(e.title);
    const [popup] = await Promise.all([page.waitForEvent('popup'), frame.locator('#GridView1 a[title]').first().click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toMatch(/\/zwgk\/ShowArticle\.aspx\?ArticleID=\d+$/);
    expect(await popup.title()).toContain(await frame.locator('#GridView1 a[title]').first().getAttribute('title'));
    await popup.close();
  });

  it('select year picker: choosing a year navigates to its sub-column, whose links resolve against <base href>', async () => {
    const s = site(web, 'fenggang-select');
    const found: string[] = [];
    for (const y of [2023, 2022, 2021]) {
      await page.goto(`${origin(s)}/xxgk/zfxxgknb/index.html`);
      await Promise.all([page.waitForURL(`${origin(s)}/xxgk/zfxxgknb/${y}/index.html`), page.selectOption('#nb_year', { label: `${y}年度` })]);
      found.push(...(await hrefs('ul.list a')));
    }
    expect(expectedUrls(s.id).every((u) => found.includes(u))).toBe(true);
  });
});

/** A GET through node's http, whose header values keep raw bytes as latin1 (fetch rejects them). */
async function rawGet(url: string): Promise<{ headers: Record<string, string | undefined>; body: Uint8Array }> {
  const { get } = await import('node:http');
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers as Record<string, string | undefined>, body: new Uint8Array(Buffer.concat(chunks)) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}
