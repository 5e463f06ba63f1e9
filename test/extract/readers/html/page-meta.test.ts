import { describe, expect, it } from 'vitest';
import { parseDate, stripSiteSuffix } from '../../../../extract/readers/html/page-meta.ts';
import { page, read } from './read-inline.ts';

const body = '<div id="zoom"><p>一、总体情况</p><p>本机关2023年主动公开政府信息120条。</p></div>';

describe('page metadata', () => {
  it('title: ArticleTitle first, then the article heading, then <title> without the site name', async () => {
    const head = '<title>某局2023年政府信息公开工作年度报告_某县人民政府</title><meta name="SiteName" content="某县人民政府">';
    expect((await read(page(body, `${head}<meta name="ArticleTitle" content="某局2023年度报告（全文）">`))).meta.title).toBe('某局2023年度报告（全文）');
    expect((await read(page(`<h1>某局2023年政府信息公开工作年度报告（修订版）</h1>${body}`, head))).meta.title).toBe('某局2023年政府信息公开工作年度报告（修订版）');
    expect((await read(page(body, head))).meta.title).toBe('某局2023年政府信息公开工作年度报告');
  });

  it('title: a logo or section heading is not the article title', async () => {
    const html = page(`<h1 class="logo">某县人民政府</h1><h3>政府信息公开</h3>${body}`, '<title>某局2023年政府信息公开工作年度报告 - 某县人民政府</title>');
    expect((await read(html)).meta.title).toBe('某局2023年政府信息公开工作年度报告');
  });

  it('title: with no <title>, the nearest h1 before the body', async () => {
    expect((await read(page(`<h1>某镇2023年政府信息公开工作年度报告</h1>${body}`))).meta.title).toBe('某镇2023年政府信息公开工作年度报告');
  });

  it('published: PubDate, then 发布日期 over 成文日期, from a table or a line', async () => {
    const table = '<table><tr><th>成文日期</th><td>2024-01-12</td><th>发布日期</th><td>2024年1月16日</td></tr></table>';
    expect((await read(page(table + body))).meta.published).toBe('2024-01-16');
    expect((await read(page(table + body, '<meta name="PubDate" content="2024/01/18 09:30">'))).meta.published).toBe('2024-01-18');
    expect((await read(page('<div>成文日期：2024.01.12</div>' + body))).meta.published).toBe('2024-01-12');
    expect((await read(page('<p>发 布 日 期 : 2024-01-19 浏览次数：12</p>' + body))).meta.published).toBe('2024-01-19');
  });

  it('published: labels must stand alone (采集时间 and 办公时间 are not 时间)', async () => {
    const html = page('<div>采集时间：2025-12-30T21:37:37+08:00</div><p>办公时间：2024-01-01起</p>' + body);
    expect((await read(html)).meta.published).toBeUndefined();
  });

  it('publisher: 发布机构 printed on the page, else ContentSource; never a URL', async () => {
    const line = '<div class="info">发布机构：兴河镇 索引号：xhz/2024-00001 时间：2024-01-20 【下载Word】</div>';
    expect((await read(page(line + body, '<meta name="ContentSource" content="兴河镇人民政府">'))).meta).toMatchObject({ publisher: '兴河镇', published: '2024-01-20' });
    expect((await read(page(body, '<meta name="ContentSource" content="兴河镇人民政府">'))).meta.publisher).toBe('兴河镇人民政府');
    expect((await read(page('<div>来源：<a href="http://x.gov.cn/a.html">http://x.gov.cn/a.html</a></div>' + body))).meta.publisher).toBeUndefined();
  });

  it('parses dates and strips site names', () => {
    expect(parseDate('2024-1-8 09:30')).toBe('2024-01-08');
    expect(parseDate('２０２４年０１月１８日')).toBe('2024-01-18');
    expect(parseDate('2024-13-01')).toBeUndefined();
    expect(stripSiteSuffix('沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局')).toBe('沭阳县发展和改革局2023年政府信息公开年度报告');
    expect(stripSiteSuffix('某县人民政府 | 2023年某镇政府信息公开工作年度报告', '某县人民政府')).toBe('2023年某镇政府信息公开工作年度报告');
  });
});
