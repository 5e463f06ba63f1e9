/**
 * The static mechanisms of issue 8, one by one: links that are not hrefs (row and menu onclick,
 * text-less iframes, <select> year pickers, <base href>), full titles from a title attribute inside
 * a row, attachments behind id-only download endpoints, POST-form and __doPostBack pagers read
 * without a browser, and what is not a redirect or a block page.
 */
import { describe, expect, it } from 'vitest';
import { detailFacts } from '../../crawlers/html/detail-facts.ts';
import { isDownloadLink, pageLinks } from '../../crawlers/html/page-links.ts';
import { parseHtml } from '../../crawlers/html/parse-html.ts';
import iconv from 'iconv-lite';
import { dispositionFileName } from '../../crawlers/http/disposition.ts';
import { isBlockPage, softRedirectTarget } from '../../crawlers/http/page-signals.ts';
import { classifyLink } from '../../crawlers/links/classify-link.ts';
import { formPagerListing } from '../../crawlers/sites/form-pager.ts';

const LIST = 'http://a.gov.cn/xxgk/nb/index.html';
const listOptions = { pageUrl: LIST, role: 'list' as const, summary: null, canNavigate: false, canDescend: true };
const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('links that are not hrefs', () => {
  it('reads a row opened by onclick with the full title of a cell inside it', () => {
    const html = `<table><tr onclick="location.href='/xxgk/nb/202401/t20240126_301.html'"><td title="松陵镇人民政府2023年政府信息公开工作年度报告">松陵镇人民政府2023年政府信息...</td><td>2024-01-26</td></tr></table>`;
    const [link] = pageLinks(parseHtml(html), LIST);
    expect(link).toMatchObject({ url: 'http://a.gov.cn/xxgk/nb/202401/t20240126_301.html', title: '松陵镇人民政府2023年政府信息公开工作年度报告', via: 'onclick' });
    expect(classifyLink(link!, listOptions)).toMatchObject({ kind: 'detail', title: '松陵镇人民政府2023年政府信息公开工作年度报告' });
  });
  it('follows a text-less iframe of a report column as part of that column', () => {
    const [link] = pageLinks(parseHtml('<iframe src="list.html" width="100%"></iframe>'), LIST);
    expect(classifyLink(link!, listOptions)).toMatchObject({ kind: 'page', url: 'http://a.gov.cn/xxgk/nb/list.html', role: 'list', column: false });
    // On a navigation page an iframe is no route (a banner, a weather widget).
    const [banner] = pageLinks(parseHtml('<iframe src="/ad/banner.html"></iframe>'), 'http://a.gov.cn/index.html');
    expect(classifyLink(banner!, { ...listOptions, pageUrl: 'http://a.gov.cn/index.html', role: 'nav', canNavigate: true })).toBeNull();
  });
  it('reads the options of a navigating <select> as year sub-columns, resolved against <base href>', () => {
    const html = `<base href="http://a.gov.cn/"><select onchange="location.href=this.value"><option value="">--请选择年度--</option>
<option value="xxgk/zfxxgknb/2023/index.html">2023年度</option><option value="/xxgk/zfxxgknb/2022/index.html">2022年度</option></select>
<select name="city"><option value="bm01">部门</option></select>`;
    const links = pageLinks(parseHtml(html), 'http://a.gov.cn/xxgk/zfxxgknb/index.html');
    expect(links.map((l) => l.url)).toEqual(['http://a.gov.cn/xxgk/zfxxgknb/2023/index.html', 'http://a.gov.cn/xxgk/zfxxgknb/2022/index.html']);
    for (const l of links) expect(classifyLink(l, { ...listOptions, pageUrl: 'http://a.gov.cn/xxgk/zfxxgknb/index.html' })).toMatchObject({ kind: 'page', role: 'list', column: true });
  });
  it('takes id-only download endpoints and file-name links of an article as attachments, and no select options', () => {
    expect(isDownloadLink('http://a.gov.cn/attach/download/5f2c9e7a1b3d4c8e', '点击下载')).toBe(true);
    expect(isDownloadLink('http://a.gov.cn/x/get.jsp?id=1', '榆台县自然资源局2022年年报.doc')).toBe(true);
    expect(isDownloadLink('http://a.gov.cn/download/', '下载中心')).toBe(false);
    const facts = detailFacts(parseHtml(`<div id="zoom"><p>正文</p><p><a href="/attach/download/7d41b0c3e9a25f16">点击下载</a></p>
<select onchange="window.open(this.value)"><option value="http://b.gov.cn/">友情链接</option></select></div>`), 'http://a.gov.cn/zwgk/ndbg/content.jsp?id=3336');
    expect(facts.attachments.map((a) => a.url)).toEqual(['http://a.gov.cn/attach/download/7d41b0c3e9a25f16']);
  });
});

describe('pagers that are forms', () => {
  it('posts the forward buttons of a static POST-form pager, not the jump form or the way back', () => {
    const form = (n: number, label: string) => `<form method="post" action="list.jsp?channelId=85"><input type="hidden" name="channelId" value="85"><input type="hidden" name="pageNo" value="${n}"><input type="submit" value="${label}"></form>`;
    const html = `${form(1, '首页')}${form(1, '上一页')}${form(3, '下一页')}${form(4, '尾页')}<form method="post" action="list.jsp?channelId=85">转到<input type="text" name="pageNo" value="2"><input type="submit" value="跳转"></form>`;
    const { requests } = formPagerListing({ url: 'http://a.gov.cn/zwgk/ndbg/list.jsp?channelId=85', html, $: parseHtml(html) });
    expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ['POST', 'http://a.gov.cn/zwgk/ndbg/list.jsp?channelId=85', 'channelId=85&pageNo=3'],
      ['POST', 'http://a.gov.cn/zwgk/ndbg/list.jsp?channelId=85', 'channelId=85&pageNo=4'],
    ]);
    expect(requests[0]!.headers?.['Content-Type']).toBe('application/x-www-form-urlencoded');
  });
  it('turns __doPostBack page numbers into POSTs of the page form with its view state, keyed by the page asked for', () => {
    const html = `<form name="form1" method="post" action="./GkList.aspx?ClassID=26" id="form1">
<input type="hidden" name="__EVENTTARGET" value=""><input type="hidden" name="__EVENTARGUMENT" value="">
<input type="hidden" name="__VIEWSTATE" value="/wEPDwUKLTk="><input type="hidden" name="__EVENTVALIDATION" value="/wEWAgL="></form>
<table><tr><td><span>1</span></td><td><a href="javascript:__doPostBack(&#39;GridView1&#39;,&#39;Page$2&#39;)">2</a></td>
<td><a href="javascript:__doPostBack('GridView1','Page$3')">3</a></td><td><a href="javascript:__doPostBack('GridView1','Page$Next')">下一页</a></td>
<td><a href="javascript:__doPostBack('GridView1','Page$Last')">尾页</a></td></tr></table>`;
    const { requests } = formPagerListing({ url: 'http://a.gov.cn/zwgk/GkList.aspx?ClassID=26', html, $: parseHtml(html) });
    expect(requests.map((r) => r.key)).toEqual(['postback http://a.gov.cn/zwgk/GkList.aspx?ClassID=26 GridView1 Page$2', 'postback http://a.gov.cn/zwgk/GkList.aspx?ClassID=26 GridView1 Page$3']);
    const body = new URLSearchParams(requests[0]!.body);
    expect([body.get('__EVENTTARGET'), body.get('__EVENTARGUMENT'), body.get('__VIEWSTATE'), body.get('__EVENTVALIDATION')]).toEqual(['GridView1', 'Page$2', '/wEPDwUKLTk=', '/wEWAgL=']);
  });
});

describe('what is not a redirect or a block page', () => {
  it('reads a redirect shell from its script, not from an onclick on a menu item', () => {
    expect(softRedirectTarget(bytes(`<html><body><script>location.replace('/zwgk/');</script></body></html>`))).toBe('/zwgk/');
    expect(softRedirectTarget(bytes(`<html><body><ul><li onclick="location.href='/xxgk/index.html'">政务公开</li></ul></body></html>`))).toBeNull();
  });
  it('does not take a script that quotes 请稍后再试 for a rate-limit page', () => {
    expect(isBlockPage(bytes('<html><body>访问过于频繁，请稍后再试</body></html>'))).toBe(true);
    expect(isBlockPage(bytes('访问过于频繁'))).toBe(true);
    const bundle = `/*! portal v2.3.1 */\n(function () {\n  'use strict';\n  var app = document.getElementById('app');\n${'  function noop() { return null; }\n'.repeat(12)}  function fail() { app.innerHTML = '<div class="tx-error">网络繁忙，请稍后再试。</div>'; }\n  fail();\n})();\n`;
    expect(isBlockPage(bytes(bundle))).toBe(false);
  });
});

describe('file names of download endpoints', () => {
  const name = '榆台县自然资源局2022年政府信息公开工作年度报告.doc';
  it('decodes RFC 5987, percent-encoded (URLEncoder and ASP.NET) and raw GBK or UTF-8 names', () => {
    expect(dispositionFileName(`attachment; filename*=UTF-8''${encodeURIComponent(name)}`)).toBe(name);
    expect(dispositionFileName(`attachment;filename="${encodeURIComponent(name)}"`)).toBe(name);
    expect(dispositionFileName(`attachment;filename=${encodeURIComponent(name).toLowerCase()}`)).toBe(name);
    expect(dispositionFileName(`attachment;filename="${Buffer.from(iconv.encode(name, 'gbk')).toString('latin1')}"`)).toBe(name);
    expect(dispositionFileName(`attachment;filename="${Buffer.from(name, 'utf8').toString('latin1')}"`)).toBe(name);
    expect(dispositionFileName('attachment; filename="report.pdf"; filename*=UTF-8\'\'%E5%B9%B4%E6%8A%A5.pdf')).toBe('年报.pdf');
    expect(dispositionFileName('inline')).toBeNull();
    expect(dispositionFileName(undefined)).toBeNull();
  });
});
