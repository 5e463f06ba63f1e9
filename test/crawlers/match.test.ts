import { describe, expect, it } from 'vitest';
import { hasReportColumnSlug, isPortalLink, isReportColumnName, matchTitle } from '../../crawlers/match.ts';

/** docs/SITES.md §2: every accepted form, with the reporting year it names (null: bare, the body says). */
const ACCEPTED: [string, number | null][] = [
  ['清水县农业农村局2023年政府信息公开工作年度报告', 2023],
  ['大理经济技术开发区管理委员会2023年政府信息公开工作年度报告', 2023],
  ['2023年下各镇政府信息公开工作年度报告', 2023],
  ['2022年上海市政府信息公开工作年度报告', 2022],
  ['2023年常州市人民政府政府信息公开工作年度报告', 2023],
  ['广州市2017年政府信息公开年度报告', 2017],
  ['桃园开发区管委会2023年信息公开工作年度报告', 2023],
  ['县信访局2023年政府信息公开年度报告', 2023],
  ['兰州新区经济合作局关于2023年政府信息公开工作年度报告', 2023],
  ['太平镇政府2022年度政府信息公开工作年度报告', 2022],
  ['政府信息公开工作年度报告', null],
  ['高平市人民政府办公室\n2023年政府信息公开工作年度报告', 2023],
  ['沭阳县人民政府2021 年政府信息公开工作年度报告', 2021],
  ['二〇二三年清河县水利局政府信息公开工作年度报告', 2023],
  ['二○二三年清河县水利局政府信息公开工作年度报告', 2023],
  ['清河县财政局２０２３年政府信息公开工作年度报告', 2023],
  ['清河县2023年政府信息公开年报', 2023],
  ['平山市卫生健康委员会2023年政务公开工作年度报告', 2023],
  ['平山市公安局2023年政府信息公開工作年度報告', 2023],
  ['清河县民政局2023年政府信息公开工作年度报告（全文）', 2023],
  ['平山市教育局2023年政府信息公开工作年度报告（PDF版）', 2023],
  ['清河县人民政府2023年政府信息公开工作年度报告（更正）', 2023],
  ['平山市审计局2022年政府信息公开工作年度报告（修订版）', 2022],
  ['2021年  沭阳县  政府信息公开工作年度报告', 2021],
];

/** docs/SITES.md §3: near misses, none of which may be taken as a report. */
const REJECTED = [
  '国务院办公厅政府信息与政务公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知',
  '关于做好2023年政府信息公开工作年度报告编制发布工作的通知',
  '【工作推进】固镇县召开2023年度政府信息公开工作年报编制和发布部署会',
  '岳阳市政府信息公开工作年度报告制度',
  '清河县2023年政府网站工作年度报表',
  '平山市2023年政务新媒体工作年度报表',
  '某某股份有限公司2023年年度报告',
  '清河县人民政府2023年法治政府建设年度报告',
  '清河县财政局2023年部门整体支出绩效自评报告',
  '清河县财政局2023年度绩效报告',
  '清河县人民政府2023年部门决算',
  '清河县2023年国民经济和社会发展统计公报',
  '企业年度报告公示（工商年报）',
  '政府信息公开指南',
  '政府信息公开制度',
  '政务公开工作要点',
  '政府信息公开目录',
];

describe('matchTitle', () => {
  it.each(ACCEPTED)('accepts %j as a report of %s', (title, year) => {
    const m = matchTitle(title);
    expect(m?.kind).toBe('report');
    expect(m?.year).toBe(year);
  });

  it.each(REJECTED.map((t) => [t]))('rejects %j', (title) => {
    expect(matchTitle(title)).toBeNull();
  });

  it('marks corrections and not plain suffixes', () => {
    expect(matchTitle('清河县人民政府2023年政府信息公开工作年度报告（更正）')?.correction).toBe(true);
    expect(matchTitle('平山市审计局2022年政府信息公开工作年度报告（修订版）')?.correction).toBe(true);
    expect(matchTitle('清河县民政局2023年政府信息公开工作年度报告（全文）')?.correction).toBe(false);
  });

  it('classifies an interpretation (follow it, never store it) and a 汇总 page', () => {
    expect(matchTitle('文字解读：历下区人民政府2022年政府信息公开工作年度报告')).toMatchObject({ kind: 'interpretation', year: 2022 });
    expect(matchTitle('图解：清河县人民政府2022年政府信息公开工作年度报告')?.kind).toBe('interpretation');
    expect(matchTitle('2023年度政府信息公开年报汇总')).toMatchObject({ kind: 'summary', year: 2023 });
  });

  it('holds back a 工作总结 as a loose candidate for the content to decide', () => {
    expect(matchTitle('清河县人民政府2023年政府信息公开工作总结')).toMatchObject({ kind: 'loose', year: 2023 });
  });

  it('takes the year before the report phrase, not a later date', () => {
    expect(matchTitle('清河县2023年政府信息公开工作年度报告（2024年1月修订）')?.year).toBe(2023);
  });

  it('does not read a truncated list text as a report (the full title is in a@title)', () => {
    expect(matchTitle('清河县农业农村局2023年政府信息公开工作年…')).toBeNull();
  });
});

describe('report columns and the disclosure section', () => {
  it('knows the column names and slugs of docs/SITES.md §0', () => {
    for (const name of ['政府信息公开年报', '政府信息公开工作年度报告', '年度报告', '信息公开年报', '政府信息公开年度报告']) expect(isReportColumnName(name)).toBe(true);
    expect(isReportColumnName('年报专栏')).toBe(true);
    for (const name of ['政府信息公开指南', '法定主动公开内容', '依申请公开', '新闻中心', '政府信息公开工作年度报告制度']) expect(isReportColumnName(name)).toBe(false);
    expect(hasReportColumnSlug('http://a.gov.cn/module/xxgk/xxgkAnnualReport.jsp?area=LH331082-018&fbtime=2023')).toBe(true);
    for (const slug of ['zfxxgknb', 'xxgknb', 'gknb', 'nb', 'ndbg', 'xxgkndbg', 'gkndbg', 'zfxxgkgzndbg', 'bmnb', 'bmxxgknb', 'jbxxgknb', 'wzxxgknb', 'zfxxgknb_97478', 'gknb2017']) {
      expect(hasReportColumnSlug(`http://a.gov.cn/zwgk/${slug}/`)).toBe(true);
    }
    expect(hasReportColumnSlug('http://a.gov.cn/zfxxgk/zfxxgknb.htm')).toBe(true);
    expect(hasReportColumnSlug('http://a.gov.cn/zwgk/zfxxgkzn/')).toBe(false);
  });

  it('finds the disclosure section by name, slug or host', () => {
    expect(isPortalLink('政务公开', 'http://a.gov.cn/x/')).toBe(true);
    expect(isPortalLink('首页', 'http://a.gov.cn/zfxxgk/')).toBe(true);
    expect(isPortalLink('', 'http://xxgk.a.gov.cn/')).toBe(true);
    expect(isPortalLink('新闻中心', 'http://a.gov.cn/xwzx/')).toBe(false);
  });
});
