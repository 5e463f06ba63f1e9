import { describe, expect, it } from 'vitest';
import { agencyFromTitle, resolveAgency, sameAgency } from '../../crawlers/agency.ts';
import { reportEvidence, yearFromBody } from '../../crawlers/confirm.ts';
import { foldText } from '../../crawlers/fold.ts';

const CONFIGURED = ['清河县人民政府', '清河县农业农村局', '清河县信访局', '下各镇人民政府', '桃园经济开发区管理委员会', '淮安市清江浦区人民政府', '洪泽区人民政府', '淮安市洪泽区人民政府'];

describe('agency', () => {
  it('reads the name a title gives', () => {
    expect(agencyFromTitle('2023年常州市人民政府政府信息公开工作年度报告')).toBe('常州市人民政府');
    expect(agencyFromTitle('兰州新区经济合作局关于2023年政府信息公开工作年度报告')).toBe('兰州新区经济合作局');
    expect(agencyFromTitle('高平市人民政府办公室\n2023年政府信息公开工作年度报告')).toBe('高平市人民政府办公室');
    expect(agencyFromTitle('二〇二三年清河县水利局政府信息公开工作年度报告')).toBe('清河县水利局');
    expect(agencyFromTitle('政府信息公开工作年度报告')).toBeNull();
  });

  it('matches configured names tolerantly', () => {
    expect(sameAgency('县信访局', '清河县信访局')).toBe(true);
    expect(sameAgency('信访局', '清河县信访局')).toBe(true);
    expect(sameAgency('下各镇', '下各镇人民政府')).toBe(true);
    expect(sameAgency('清江浦区', '淮安市清江浦区人民政府')).toBe(true);
    expect(sameAgency('桃园经济开发区管委会', '桃园经济开发区管理委员会')).toBe(true);
    expect(sameAgency('清河县人民政府办公室', '清河县人民政府')).toBe(false);
    expect(sameAgency('办公室', '清河县人民政府办公室')).toBe(false);
  });

  it("gives a department's report on a county site to the department", () => {
    expect(resolveAgency({ title: '清河县农业农村局2023年政府信息公开工作年度报告', publisher: '清河县人民政府' }, CONFIGURED)).toBe('清河县农业农村局');
    expect(resolveAgency({ title: '清河县人民政府办公室2023年政府信息公开工作年度报告' }, CONFIGURED)).toBe('清河县人民政府办公室');
  });

  it('falls back to 发布机构, breadcrumb and lead for a bare title, and prefers an exact configured name', () => {
    expect(resolveAgency({ title: '政府信息公开工作年度报告', publisher: '清河县信访局' }, CONFIGURED)).toBe('清河县信访局');
    expect(resolveAgency({ title: '政府信息公开工作年度报告', breadcrumb: ['首页', '政务公开', '乡镇街道', '下各镇', '政府信息公开年报'] }, CONFIGURED)).toBe('下各镇人民政府');
    expect(resolveAgency({ title: '洪泽区人民政府2023年政府信息公开工作年度报告' }, CONFIGURED)).toBe('洪泽区人民政府');
    expect(resolveAgency({ title: '政府信息公开工作年度报告', publisher: '某某县统计局' }, CONFIGURED)).toBe('某某县统计局');
    expect(resolveAgency({ title: '政府信息公开工作年度报告' }, CONFIGURED)).toBeNull();
  });
});

describe('confirmation by content', () => {
  it('finds the template markers whatever the punctuation and spacing', () => {
    expect(reportEvidence('二、主动公开政府信息情况 第二十条第(一)项 规章')).toBe('template');
    expect(reportEvidence('第 二十 条第（一）项')).toBe('template');
    expect(reportEvidence('本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和')).toBe('template');
    expect(reportEvidence('一、本年新收政府信息公开申请数量 12')).toBe('template');
  });
  it('reads application figures in sentences as free-form evidence, and nothing else as evidence', () => {
    expect(reportEvidence('2012年，我县政府信息公开工作……全年共受理政府信息公开申请49件，均按期答复。')).toBe('freeform');
    expect(reportEvidence('深入学习贯彻习近平法治思想，法治政府建设取得新成效。')).toBe('none');
  });
  it('takes the reporting year from the statistics period or the report phrase, never a publication date', () => {
    expect(yearFromBody('本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。')).toBe(2021);
    expect(yearFromBody('现公布二〇二一年度政府信息公开工作年度报告。')).toBe(2021);
    expect(yearFromBody('发布日期：2022年1月20日')).toBeNull();
  });
});

describe('foldText', () => {
  it('folds fullwidth, spaces, 繁體 and the two circles', () => {
    expect(foldText('政府信息公開工作年度報告（２０２３）')).toBe('政府信息公开工作年度报告(2023)');
    expect(foldText('二○二三 年\n度')).toBe('二〇二三年度');
  });
});
