import { describe, expect, it } from 'vitest';
import { load } from 'cheerio/slim';
import type { CheerioAPI } from 'cheerio';
import { parseCreatePageHtml, trsListing } from '../../crawlers/sites/trs.ts';
import { datastoreEntries, jcmsApiListing, jcmsListing } from '../../crawlers/sites/jcms.ts';
import { gkmlptListing } from '../../crawlers/sites/gkmlpt.ts';
import { jsonListing } from '../../crawlers/sites/json-list.ts';

const page = (url: string, html: string, fragment: string | null = null) => ({ url, html, $: load(html) as unknown as CheerioAPI, fragment });

describe('TRS createPageHTML', () => {
  it('reads the 4-argument call and lists the other pages beside the current one', () => {
    expect(parseCreatePageHtml('<script>createPageHTML(3, 0, "index", "html");</script>')).toEqual({ pages: 3, current: 0, name: 'index', ext: 'html' });
    const l = trsListing(page('http://a.gov.cn/zwgk/zfxxgknb/index_1.html', '<script>createPageHTML(4, 1, "index", "shtml");</script>'), 200);
    expect(l.requests.map((r) => r.url)).toEqual(['http://a.gov.cn/zwgk/zfxxgknb/index.shtml', 'http://a.gov.cn/zwgk/zfxxgknb/index_2.shtml', 'http://a.gov.cn/zwgk/zfxxgknb/index_3.shtml']);
  });
  it('reads the 6-argument variant and ignores the function definition', () => {
    const html = `<script>function createPageHTML(n,cur,name,ext){}</script><script>createPageHTML('page_div', 12, 0, 'index', 'html', 171);</script>`;
    expect(parseCreatePageHtml(html)).toEqual({ pages: 12, current: 0, name: 'index', ext: 'html' });
  });
  it('caps the pages at maxListPages', () => {
    expect(trsListing(page('http://a.gov.cn/x/', '<script>createPageHTML(500, 0, "index", "html");</script>'), 10).requests).toHaveLength(9);
  });
});

const JCMS_PAGE = `<div id="4012345"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=42&path=/&columnid=1229512345&unitid=4012345&webname=%E6%B8%85%E6%B2%B3&permissiontype=0"></a>]]></nextgroup>
<recordset>
<record><![CDATA[<li><a href="/art/2024/1/16/art_1229512345_3901234.html" title="2023年下河镇政府信息公开工作年度报告" target="_blank">2023年下河镇政府信息公开工作…</a><span>2024-01-16</span></li>]]></record>
<record><![CDATA[<li><a href="/art/2024/1/12/art_1229512345_3901235.html" title="平山市统计局2023年政府信息公开工作年度报告">平山市统计局…</a><span>2024-01-12</span></li>]]></record>
</recordset></datastore></script>
<script language="javascript" src="/module/web/jpage/jpage.js" totalRecord="33" perPage="15" unitid="4012345" webid="42" path="/" columnid="1229512345"></script></div>`;

describe('jcms datastore and dataproxy', () => {
  it('unwraps the CDATA records an HTML parser does not see as links', () => {
    expect(load(JCMS_PAGE)('a[href*="/art/"]').length).toBe(0);
    const entries = datastoreEntries(JCMS_PAGE, 'http://a.gov.cn/col/col1229512345/index.html');
    expect(entries).toEqual([
      { url: 'http://a.gov.cn/art/2024/1/16/art_1229512345_3901234.html', title: '2023年下河镇政府信息公开工作年度报告', date: '2024-01-16' },
      { url: 'http://a.gov.cn/art/2024/1/12/art_1229512345_3901235.html', title: '平山市统计局2023年政府信息公开工作年度报告', date: '2024-01-12' },
    ]);
  });
  it('asks for the other records by POST with the column form, the Referer and X-Requested-With', () => {
    const col = 'http://a.gov.cn/col/col1229512345/index.html';
    const l = jcmsListing(page(col, JCMS_PAGE), 200);
    expect(l.entries).toHaveLength(2);
    expect(l.requests.map((r) => r.url)).toEqual([
      'http://a.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=3&endrecord=17&perpage=15',
      'http://a.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=18&endrecord=32&perpage=15',
      'http://a.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=33&endrecord=47&perpage=15',
    ]);
    const r = l.requests[0]!;
    expect(r.method).toBe('POST');
    expect(r.headers).toEqual({ Referer: col, 'X-Requested-With': 'XMLHttpRequest' });
    const form = Object.fromEntries(new URLSearchParams(r.body));
    expect(form).toMatchObject({ col: '1', appid: '1', webid: '42', path: '/', columnid: '1229512345', unitid: '4012345', webname: '清河', permissiontype: '0' });
  });
  it('reads the XML answer and the JSONP variant', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>18</totalrecord><totalpage>2</totalpage><recordset><record><![CDATA[<li><a href="/art/2022/3/28/art_1_3.html" title="平山市人民政府2021年政府信息公开工作年度报告">x</a></li>]]></record></recordset></datastore>`;
    const request = { url: 'http://a.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=16&endrecord=30&perpage=15', method: 'POST' as const, body: 'columnid=1', kind: 'api' as const };
    expect(jcmsApiListing({ url: request.url, text: xml, request }, 200)?.entries[0]?.url).toBe('http://a.gov.cn/art/2022/3/28/art_1_3.html');
    const jsonp = `raw(${JSON.stringify({ result: xml })})`;
    expect(jcmsApiListing({ url: request.url, text: jsonp, request }, 200)?.entries).toHaveLength(1);
    expect(jcmsApiListing({ url: request.url, text: '{"a":1}', request }, 200)).toBeNull();
  });
});

describe('gkmlpt', () => {
  const shell = `<script>window._CONFIG = {"SID":"755029","TREE":[{"id":2950,"name":"政府信息公开指南"},{"id":2961,"name":"政府信息公开工作年度报告"}],"ACTION":"annualreport"};</script><ul id="gkml-list"></ul>`;
  it('calls the API for the report category of the shell', () => {
    expect(gkmlptListing(page('http://a.gov.cn/gkmlpt/index', shell)).requests.map((r) => r.url)).toEqual(['http://a.gov.cn/gkmlpt/api/all/2961?page=1&sid=755029']);
    expect(gkmlptListing(page('http://a.gov.cn/nyj/gkmlpt/index', shell, '721')).requests.map((r) => r.url)).toEqual([
      'http://a.gov.cn/nyj/gkmlpt/api/all/721?page=1&sid=755029',
      'http://a.gov.cn/nyj/gkmlpt/api/all/2961?page=1&sid=755029',
    ]);
    expect(gkmlptListing(page('http://a.gov.cn/x/', '<p>no config</p>')).requests).toEqual([]);
  });
  it('reads the JSON answer, and asks for no page 2 when page 1 holds the total', () => {
    const text = JSON.stringify({ classify: { post_count: 2 }, total: 2, articles: [
      { id: 4688997, title: '清河市人民政府2024年政府信息公开工作年度报告', url: 'https://www.qinghe.gov.cn/gkmlpt/content/4/4688/post_4688997.html', date: 1743379200 },
      { id: 4688998, title: '清河市教育局2024年政府信息公开工作年度报告', url: '/gkmlpt/content/4/4688/post_4688998.html', date: 1743379200 },
    ] });
    const url = 'https://www.qinghe.gov.cn/gkmlpt/api/all/2961?page=1&sid=755029';
    const l = jsonListing({ url, text, request: { url, kind: 'api' } }, 200)!;
    expect(l.entries.map((e) => e.url)).toEqual(['https://www.qinghe.gov.cn/gkmlpt/content/4/4688/post_4688997.html', 'https://www.qinghe.gov.cn/gkmlpt/content/4/4688/post_4688998.html']);
    expect(l.entries[0]!.date).toBe('2025-03-31');
    expect(l.requests).toEqual([]);
  });
});

describe('JSON list APIs', () => {
  it('reads a nested list and asks for the remaining pages from page 1 only', () => {
    const url = 'http://a.gov.cn/api/gk/list?channelId=c1&pageNo=1&pageSize=15';
    const text = JSON.stringify({ code: 200, data: { total: 33, pageNo: 1, totalPage: 3, list: [{ title: '历下区民政局2023年政府信息公开工作年度报告', url: '/gongkai/doc_1.html', publishDate: '2024-01-13' }] } });
    const l = jsonListing({ url, text, request: { url, kind: 'api' } }, 200)!;
    expect(l.entries).toEqual([{ url: 'http://a.gov.cn/gongkai/doc_1.html', title: '历下区民政局2023年政府信息公开工作年度报告', date: '2024-01-13' }]);
    expect(l.requests.map((r) => new URL(r.url).searchParams.get('pageNo'))).toEqual(['2', '3']);
    const url2 = url.replace('pageNo=1', 'pageNo=2');
    expect(jsonListing({ url: url2, text, request: { url: url2, kind: 'api' } }, 200)!.requests).toEqual([]);
  });
  it('reads a JPaaS answer that carries the list as HTML, and refuses what is not JSON', () => {
    const url = 'http://a.gov.cn/api-gateway/jpaas-publish-server/front/page/build/unit?pageNo=1&pageSize=15';
    const text = JSON.stringify({ data: { html: '<ul><li><a href="/art/2024/1/2/art_1_2.html" title="下各镇2023年政府信息公开工作年度报告">下各镇…</a></li></ul>' } });
    expect(jsonListing({ url, text, request: { url, kind: 'api' } }, 200)!.entries[0]!.title).toBe('下各镇2023年政府信息公开工作年度报告');
    expect(jsonListing({ url, text: '<html></html>', request: { url, kind: 'api' } }, 200)).toBeNull();
  });
});
