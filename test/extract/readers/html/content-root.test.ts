import { load } from 'cheerio/slim';
import type { Document as DomDocument } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { findContentRoot } from '../../../../extract/readers/html/content-root.ts';
import { scanPage } from '../../../../extract/readers/html/scan-page.ts';
import { gridsOf, page, paragraphsOf, read } from './read-inline.ts';

const rootOf = (html: string) => findContentRoot(scanPage(load(html).root()[0] as unknown as DomDocument));
const report = (n: number) => '<p>本机关2023年主动公开政府信息120条，收到政府信息公开申请15件，均按时办结。</p>'.repeat(n);
const chrome =
  '<div class="head"><ul><li><a href="/">首页</a></li><li><a href="/a">机构概况</a></li><li><a href="/b">政务公开</a></li></ul><span>2025年12月30日 星期二</span></div>';

describe('the content root', () => {
  it('is the range between <meta name="ContentStart"> and <meta name="ContentEnd">', async () => {
    const html = page(`${chrome}<div class="box"><p>发布日期：2024-01-16</p><meta name="ContentStart"><p>正文一</p><p>正文二</p><meta name="ContentEnd"><p>点击查看解读</p></div>`);
    expect(rootOf(html).how).toBe('range');
    expect(paragraphsOf(await read(html)).map((p) => p.text)).toEqual(['正文一', '正文二']);
  });

  it('is a CMS body container (#zoom, .TRS_Editor, .trs_editor_view, .article-content) holding the text', () => {
    for (const open of ['<div id="zoom">', '<div class="TRS_Editor">', '<div class="trs_editor_view">', '<div class="article-content">', '<ucapcontent>']) {
      const close = open.startsWith('<ucap') ? '</ucapcontent>' : '</div>';
      const root = rootOf(page(`${chrome}<div class="wrap"><h1>标题</h1><div class="info">发布机构：某局</div>${open}${report(5)}<div>${report(3)}</div>${close}</div>`));
      expect(root.how).toMatch(/^marker /);
    }
  });

  it('ignores an empty CMS container and falls back to where the text is', async () => {
    const html = page(`${chrome}<div id="zoom"></div><div class="main"><div class="text">${report(8)}</div></div>`);
    expect(rootOf(html).how).toBe('density');
    expect(paragraphsOf(await read(html))).toHaveLength(8);
  });

  it('without markers, is the element where the non-link text concentrates', async () => {
    const html = page(`<div class="menu">${'<a href="/x">栏目链接</a>'.repeat(200)}</div><div class="wrap"><div class="body">${report(6)}</div><div class="side">热线：12345</div></div>`);
    const root = rootOf(html);
    expect(root.how).toBe('density');
    const doc = await read(html);
    expect(paragraphsOf(doc)).toHaveLength(6);
    expect(JSON.stringify(doc)).not.toContain('栏目链接');
  });

  it('widens to take in a data table that sits outside the CMS container', async () => {
    const table = `<table>${'<tr><td>一、本年新收</td><td>3</td><td>0</td><td>3</td></tr>'.repeat(3)}</table>`;
    const html = page(`${chrome}<div class="wrap"><div id="zoom">${report(6)}</div>${table}</div>`);
    expect(rootOf(html).how).toBe('marker #zoom, widened to take in data tables outside it');
    const doc = await read(html);
    expect(gridsOf(doc)).toHaveLength(1);
    expect(paragraphsOf(doc)).toHaveLength(6);
  });
});
