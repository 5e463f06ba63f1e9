/**
 * Publication dates printed beside a link on a list page (issue 15): the date goes with the link
 * to the report candidate, which keeps it when the report's own page states none. Shapes written
 * from how government lists print them (`<span class="date">`, a table cell, brackets, 年月日).
 */
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { pageLinks } from '../../crawlers/html/page-links.ts';
import { classifyLink } from '../../crawlers/links/classify-link.ts';

const TITLE = '星河县人民政府2023年政府信息公开工作年度报告';
const linkDates = (html: string) => pageLinks(load(html), 'http://www.xinghe.gov.cn/zfxxgknb/').map((l) => [l.text, l.date ?? null]);

describe('dates beside list links', () => {
  it('reads the date a list prints beside a report link, in the shapes lists use', () => {
    expect(linkDates(`<ul><li><a href="t1.html">${TITLE}</a><span class="date">2024-01-17</span></li></ul>`)).toEqual([[TITLE, '2024-01-17']]);
    expect(linkDates(`<table><tr><td><a href="t1.html">${TITLE}</a></td><td>2024/3/5</td></tr></table>`)).toEqual([[TITLE, '2024-03-05']]);
    expect(linkDates(`<ul><li>[2024.01.09] <a href="t1.html">${TITLE}</a></li></ul>`)).toEqual([[TITLE, '2024-01-09']]);
    expect(linkDates(`<div class="item"><a href="t1.html">${TITLE}</a><em>2024年1月20日</em></div>`)).toEqual([[TITLE, '2024-01-20']]);
  });

  it('takes no date from the title itself, from an entry shared by several links, or an impossible date', () => {
    expect(linkDates(`<ul><li><a href="t1.html">关于2024年1月17日发布${TITLE}的说明</a></li></ul>`)).toEqual([[`关于2024年1月17日发布${TITLE}的说明`, null]]);
    expect(linkDates(`<div><a href="a.html">${TITLE}</a> <a href="b.html">星河县人民政府2022年政府信息公开工作年度报告</a> 2024-01-17</div>`)).toEqual([
      [TITLE, null],
      ['星河县人民政府2022年政府信息公开工作年度报告', null],
    ]);
    expect(linkDates(`<ul><li><a href="t1.html">${TITLE}</a><span>2024-02-30</span></li></ul>`)).toEqual([[TITLE, null]]);
  });

  it('passes the date on to the report candidate', () => {
    const [link] = pageLinks(load(`<ul><li><a href="t1.html">${TITLE}</a><span class="date">2024-01-17</span></li></ul>`), 'http://www.xinghe.gov.cn/zfxxgknb/');
    const follow = classifyLink(link!, { pageUrl: 'http://www.xinghe.gov.cn/zfxxgknb/', role: 'list', summary: null, canNavigate: false, canDescend: true });
    expect(follow).toMatchObject({ kind: 'detail', date: '2024-01-17' });
  });
});
