import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { detailFacts } from '../../crawlers/html/detail-facts.ts';
import { looksLikeJsShell } from '../../crawlers/html/js-shell.ts';
import { isDocumentUrl, pageLinks } from '../../crawlers/html/page-links.ts';
import { isDataText, parseHtml } from '../../crawlers/html/parse-html.ts';
import { pageText } from '../../crawlers/crawl-context.ts';

const PAGE = 'http://a.gov.cn/zwgk/zfxxgknb/202401/t20240118_4417023.html';

const ARTICLE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>清河县农业农村局2023年政府信息公开工作年度报告_清河县人民政府</title>
<meta name="ArticleTitle" content="清河县农业农村局2023年政府信息公开工作年度报告"><meta name="PubDate" content="2024-01-18 09:30"><meta name="ContentSource" content="清河县农业农村局"></head>
<body><div class="header"><h1 class="logo">清河县人民政府</h1><ul class="nav"><li><a href="/zwgk/">政务公开</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 乡镇街道 &gt; 下各镇 &gt; <a href="/zwgk/zfxxgknb/">政府信息公开年报</a></div>
<div class="article"><table class="xxgk_table"><tr><td>索引号：</td><td>11130523MB0123456X/2024-00012</td></tr><tr><td>发布机构：</td><td>清河县农业农村局</td><td>发文日期：</td><td>2024-01-18</td></tr></table>
<div class="TRS_Editor"><p>一、总体情况</p><table><tr><td>第二十条第（一）项</td></tr></table>
<p>附件：<a href="./P020240118556677889900.pdf">清河县农业农村局2023年年报.pdf</a></p>
<iframe src="/files/view.pdf"></iframe><embed src="./e.pdf"><object data="./o.pdf"></object>
<p><a href="/pdfjs/web/viewer.html?file=.%2FP0x.pdf">在线预览</a></p>
<p><a href="javascript:void(0);" onclick="window.open('/attach/w.pdf')">附件1</a></p>
<p><a href="/module/download/downfile.jsp?classid=0&filename=ab12.pdf">下载</a></p></div>
<div class="share"><a href="javascript:window.print()">打印</a></div></div></body></html>`;

describe('detail pages', () => {
  const $ = parseHtml(ARTICLE);
  const facts = detailFacts($, PAGE);
  it('reads title, date, publisher and breadcrumb', () => {
    expect(facts.title).toBe('清河县农业农村局2023年政府信息公开工作年度报告');
    expect(facts.published).toBe('2024-01-18');
    expect(facts.publisher).toBe('清河县农业农村局');
    expect(facts.breadcrumb).toEqual(['首页', '政务公开', '乡镇街道', '下各镇', '政府信息公开年报']);
    expect(facts.bodyHasContent).toBe(true);
    expect(facts.bodyText).toContain('第二十条第（一）项');
  });
  it('finds every form of attachment: link, iframe, embed, object, pdf.js viewer, window.open, downfile.jsp', () => {
    const urls = facts.attachments.map((a) => a.url);
    expect(urls).toEqual(expect.arrayContaining([
      'http://a.gov.cn/zwgk/zfxxgknb/202401/P020240118556677889900.pdf',
      'http://a.gov.cn/files/view.pdf',
      'http://a.gov.cn/zwgk/zfxxgknb/202401/e.pdf',
      'http://a.gov.cn/zwgk/zfxxgknb/202401/o.pdf',
      'http://a.gov.cn/attach/w.pdf',
      'http://a.gov.cn/module/download/downfile.jsp?classid=0&filename=ab12.pdf',
    ]));
    const viewer = facts.attachments.find((a) => a.via === 'pdfjs')!;
    // pdf.js resolves `file` against the viewer; CMSs also write it relative to the page: both are tried.
    expect([viewer.url, ...(viewer.alternatives ?? [])]).toEqual(['http://a.gov.cn/zwgk/zfxxgknb/202401/P0x.pdf', 'http://a.gov.cn/pdfjs/web/P0x.pdf']);
  });
  it('reads a body that is only a viewer as having no content of its own', () => {
    const only = detailFacts(parseHtml('<div class="article"><h1>x</h1><div class="TRS_Editor"><iframe src="/a.pdf"></iframe></div></div>'), PAGE);
    expect(only.bodyHasContent).toBe(false);
    expect(only.attachments.map((a) => a.url)).toEqual(['http://a.gov.cn/a.pdf']);
  });
  it('reads the VSB inline metadata line', () => {
    const f = detailFacts(parseHtml('<div class="info">发布机构：昇河镇人民政府 索引号：xhz/2024-00001 时间：2024-01-20 【下载Word】【下载PDF】</div><div id="zoomcon"><p>正文</p></div>'), PAGE);
    expect(f.publisher).toBe('昇河镇人民政府');
    expect(f.published).toBe('2024-01-20');
  });
});

describe('links', () => {
  it('keeps the full title of truncated list items and the #fragment of JS tabs', () => {
    const links = pageLinks(parseHtml('<li><a href="./202401/t1.html" title="清河县农业农村局2023年政府信息公开工作年度报告">清河县农业农村局2023年…</a></li><a href="/gkmlpt/index#2961">年报</a><a href="mailto:x@y">m</a>'), 'http://a.gov.cn/zwgk/zfxxgknb/');
    expect(links).toHaveLength(2);
    expect(links[0]).toMatchObject({ url: 'http://a.gov.cn/zwgk/zfxxgknb/202401/t1.html', title: '清河县农业农村局2023年政府信息公开工作年度报告' });
    expect(links[1]).toMatchObject({ url: 'http://a.gov.cn/gkmlpt/index', fragment: '2961' });
  });
  it('tells document URLs from pages', () => {
    expect(isDocumentUrl('http://a.gov.cn/x/P0123.pdf')).toBe(true);
    expect(isDocumentUrl('http://a.gov.cn/x/年报.wps')).toBe(true);
    expect(isDocumentUrl('http://a.gov.cn/module/download/downfile.jsp?classid=0&filename=ab.pdf')).toBe(true);
    expect(isDocumentUrl('http://a.gov.cn/x/t2024_1.html')).toBe(false);
  });
  it('recognises a JS shell around an empty list, and data answers', () => {
    expect(looksLikeJsShell(parseHtml('<div class="gk-list"><ul id="docList"></ul><div id="pager"></div></div><script src="/gongkai/js/list.js"></script>'))).toBe(true);
    expect(looksLikeJsShell(parseHtml('<ul id="docList"><li><a href="/a">a</a></li></ul><script src="/x.js"></script>'))).toBe(false);
    expect(isDataText('{"data":{"list":[]}}')).toBe(true);
    expect(isDataText('<?xml version="1.0"?><datastore></datastore>')).toBe(true);
    expect(isDataText('raw({"result":"x"})')).toBe(true);
    expect(isDataText('<!DOCTYPE html><html></html>')).toBe(false);
  });
});

describe('decoding pages', () => {
  const gbkPage = '<html><head><meta charset="gb2312"><title>昇河镇</title></head><body>镇党委书记王䶮带队赴𠮷林村走访</body></html>';
  const bytes = iconv.encode(gbkPage, 'gb18030');
  const fetched = (contentType: string | null, b: Buffer) => ({ url: 'http://a/', finalUrl: 'http://a/', status: 200, contentType, bytes: b, redirects: [] });
  it('decodes GB2312 declared only in the meta tag as GB18030 (characters outside GBK survive)', () => {
    const { text, encoding } = pageText(fetched('text/html', bytes));
    expect(encoding).toBe('gb18030');
    expect(text).toContain('昇河镇');
    expect(text).toContain('王䶮');
    expect(text).toContain('𠮷林村');
  });
  it('decodes a page with no charset anywhere, and one without Content-Type', () => {
    expect(pageText(fetched('text/html', Buffer.from('<p>沭阳县发展和改革局</p>'))).text).toContain('沭阳县');
    expect(pageText(fetched(null, bytes)).text).toContain('昇河镇');
  });
  it('trusts a header charset, and falls back when a UTF-8 header lies', () => {
    expect(pageText(fetched('text/html; charset=gbk', iconv.encode('<p>清河县</p>', 'gbk'))).text).toContain('清河县');
    expect(pageText(fetched('text/html; charset=utf-8', iconv.encode('<p>清河县人民政府</p>', 'gbk'))).text).toContain('清河县人民政府');
    expect(pageText(fetched('text/html; charset=iso-8859-1', Buffer.from('<h1>404 Not Found</h1>'))).text).toContain('404 Not Found');
  });
});
