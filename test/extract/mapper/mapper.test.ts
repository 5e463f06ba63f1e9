import { describe, expect, it } from 'vitest';
import { NotAReportError } from '../../../errors.ts';
import { documentToRecord } from '../../../extract/mapper/index.ts';
import { TABLE3_ROWS } from '../../../extract/mapper/labels.ts';
import type { Block } from '../../../extract/document.ts';
import { doc, g, p, spanGrid, type SpanCell } from '../../support/build-doc.ts';

const src = { uri: 't.html', format: 'html' as const };
const map = (...blocks: Block[]) => documentToRecord(doc(...blocks), src);
const check = (r: ReturnType<typeof map>, id: string) => r.checks.find((c) => c.id === id)!;

const TABLE2_2021 = [
  '第二十条第（一）项\t\t\t',
  '信息内容\t本年制发件数\t本年废止件数\t现行有效件数',
  '规章\t0\t0\t0',
  '行政规范性文件\t11\t4\t54',
  '第二十条第（五）项\t\t\t',
  '信息内容\t本年处理决定数量\t\t',
  '行政许可\t9830\t\t',
  '第二十条第（六）项\t\t\t',
  '信息内容\t本年处理决定数量\t\t',
  '行政处罚\t966\t\t',
  '行政强制\t166\t\t',
  '第二十条第（八）项\t\t\t',
  '信息内容\t本年收费金额（单位：万元）\t\t',
  '行政事业性收费\t5953.02496\t\t',
];

const TABLE2_2019 = [
  '第二十条第（一）项',
  '信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量',
  '规章\t13\t13\t524',
  '规范性文件\t60\t60\t368',
  '第二十条第（五）项',
  '信息内容\t上一年项目数量\t本年增/减\t处理决定数量',
  '行政许可\t120\t+12\t3000',
  '其他对外管理服务事项\t5\t-3\t40',
  '第二十条第（六）项',
  '信息内容\t上一年项目数量\t本年增/减\t处理决定数量',
  '行政处罚\t0\t0\t0',
  '行政强制\t0\t0\t0',
  '第二十条第（八）项',
  '信息内容\t上一年项目数量\t本年增/减',
  '行政事业性收费\t2\t0',
  '第二十条第（九）项',
  '信息内容\t采购项目数量\t采购总金额',
  '政府集中采购\t6\t251000元',
];

/** A table 3 as an HTML page draws it: group labels as rowspan cells, header split over two rows. */
function table3Html(values: Record<string, (string | number)[]>, opts: { splitOther?: boolean } = {}) {
  const v = (key: string): SpanCell[] => (values[key] ?? [0, 0, 0, 0, 0, 0, 0]).map((x) => ({ t: String(x) }));
  const sub = (key: string) => TABLE3_ROWS.find((r) => r.key === key)!.label;
  const rows: (SpanCell | string)[][] = [
    [{ t: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', rs: 3, cs: 3 }, { t: '申请人情况', cs: 7 }],
    [{ t: '自然人', rs: 2 }, { t: '法人或其他组织', cs: 5 }, { t: '总计', rs: 2 }],
    ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
    [{ t: '一、本年新收政府信息公开申请数量', cs: 3 }, ...v('new_received')],
    [{ t: '二、上年结转政府信息公开申请数量', cs: 3 }, ...v('carried_over')],
    [{ t: '三、本年度办理结果', rs: opts.splitOther === false ? 20 : 22 }, { t: '（一）予以公开', cs: 2 }, ...v('granted')],
    [{ t: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', cs: 2 }, ...v('partially_granted')],
  ];
  const group = (label: string, keys: string[]) =>
    keys.forEach((k, i) => rows.push([...(i === 0 ? [{ t: label, rs: keys.length }] : []), sub(k), ...v(k)]));
  group('（三）不予公开', ['denied_state_secret', 'denied_prohibited_by_law', 'denied_three_safeties', 'denied_third_party', 'denied_internal_affairs', 'denied_process_info', 'denied_enforcement_file', 'denied_query_matter']);
  group('（四）无法提供', ['unable_not_held', 'unable_needs_creation', 'unable_unclear']);
  group('（五）不予处理', ['rejected_petition', 'rejected_duplicate', 'rejected_publication', 'rejected_massive_repeat', 'rejected_confirm_reissue']);
  if (opts.splitOther === false) rows.push([{ t: '（六）其他处理', cs: 2 }, ...v('other')]);
  else group('（六）其他处理', ['other_overdue_correction', 'other_overdue_fee', 'other_other']);
  rows.push([{ t: '（七）总计', cs: 2 }, ...v('total_processed')]);
  rows.push([{ t: '四、结转下年度继续办理', cs: 3 }, ...v('carried_forward')]);
  return spanGrid(rows);
}

const TABLE4 = g(['行政复议\t\t\t\t\t行政诉讼', '结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉', '7\t0\t1\t0\t8\t0\t0\t0\t0\t0\t3\t0\t0\t0\t3']);

const report = (t2: string[], t3: Block, t4: Block = TABLE4, title = '某某县农业农村局2021年政府信息公开工作年度报告') => [
  p(title),
  p('二、主动公开政府信息情况'),
  g(t2),
  p('三、收到和处理政府信息公开申请情况'),
  t3,
  p('四、政府信息公开行政复议、行政诉讼情况'),
  t4,
  p('五、存在的主要问题及改进情况'),
];

describe('template mapper', () => {
  it('reads a 2021 report: title, agency, year, every table, checks', () => {
    const r = map(...report(TABLE2_2021, table3Html({ new_received: [49, 0, 0, 0, 0, 0, 49], granted: [44, 0, 0, 0, 0, 0, 44], total_processed: [44, 0, 0, 0, 0, 0, 44], carried_forward: [5, 0, 0, 0, 0, 0, 5] })));
    expect(r).toMatchObject({ title: '某某县农业农村局2021年政府信息公开工作年度报告', agency: '某某县农业农村局', year: 2021, template: '2021' });
    expect(r.active_disclosure).toEqual({
      regulations: { issued: 0, repealed: 0, in_force: 0 },
      normative_documents: { issued: 11, repealed: 4, in_force: 54 },
      licensing: { decisions: 9830 },
      punishment: { decisions: 966 },
      enforcement: { decisions: 166 },
      fees: { amount_10k_yuan: 5953.02496 },
    });
    expect(Object.keys(r.applications!)).toEqual(TABLE3_ROWS.filter((x) => x.key !== 'other').map((x) => x.key));
    expect(r.applications!.new_received).toEqual([49, 0, 0, 0, 0, 0, 49]);
    expect(r.review_litigation!.review).toEqual({ upheld: 7, corrected: 0, other: 1, pending: 0, total: 8 });
    expect(r.review_litigation!.litigation_after_review.total).toBe(3);
    expect(r.checks.map((c) => c.ok)).toEqual([true, true, true, true]);
  });

  it('reads empty cells of a positional grid as null, by header column, with a warning', () => {
    const r = map(...report(TABLE2_2021, table3Html({ new_received: [26, '', '', '', '', '', 26], granted: [26, '', '', '', '', '', 26], total_processed: [26, '', '', '', '', '', 26] })));
    expect(r.applications!.new_received).toEqual([26, null, null, null, null, null, 26]);
    expect(r.applications!.carried_over).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(r.warnings.join('\n')).toMatch(/new_received \(commercial, research, social_org, legal_service, other\); granted/);
    expect(check(r, 'applications.row_totals').ok).toBe(true);
  });

  it('finds the applicant columns from a header split over two rows (社会公益 / 组织)', () => {
    const t3 = spanGrid([
      [{ t: '（本列数据的勾稽关系为：…）', rs: 4, cs: 2 }, { t: '申请人情况', cs: 7 }],
      [{ t: '自然人', rs: 3 }, { t: '法人或其他组织', cs: 5 }, { t: '总计', rs: 3 }],
      ['商业企业', '科研机构', '社会公益', '法律服务', { t: '其他', rs: 2 }],
      ['', '', '组织', '机构'],
      [{ t: '一、本年新收政府信息公开申请数量', cs: 2 }, '6', '1', '', '2', '', '', '9'],
    ]);
    const r = map(p('三、收到和处理政府信息公开申请情况'), t3);
    expect(r.applications!.new_received).toEqual([6, 1, null, 2, null, null, 9]);
  });

  it('aligns a text row that lost its leading cells to the right (总计 is last)', () => {
    const t3 = g(['一、本年新收政府信息公开申请数量\t\t3\t0\t0\t0\t0\t0\t3\t', '(七) 总计\t3\t0\t0\t0\t0\t0\t3\t\t', '四、结转下年度继续办理\t\t\t0\t0\t0\t0\t0\t0\t0']);
    const r = map(p('三、收到和处理政府信息公开申请情况'), t3);
    expect(r.applications).toEqual({ new_received: [3, 0, 0, 0, 0, 0, 3], total_processed: [3, 0, 0, 0, 0, 0, 3], carried_forward: [0, 0, 0, 0, 0, 0, 0] });
  });

  it('matches labels tolerantly: punctuation, spacing, missing numbering, 其他法律法规, a misprint', () => {
    const rows = [
      '予以公开\t1\t0\t0\t0\t0\t0\t1',
      '(二) 部分公开(区分处理的,只计这一情 形,不计其他情形)\t2\t0\t0\t0\t0\t0\t2',
      '（三）不予公开\t2．其他法律法规禁止公开\t3\t0\t0\t0\t0\t0\t3',
      '\t2.其他法律行政止公开\t4\t0\t0\t0\t0\t0\t4',
      '4.无正当理由大量反复 申请\t5\t0\t0\t0\t0\t0\t5',
    ];
    const first = map(p('三、收到和处理政府信息公开申请情况'), g(rows.slice(0, 4)));
    expect(first.applications!.granted![0]).toBe(1);
    expect(first.applications!.partially_granted![0]).toBe(2);
    expect(first.applications!.denied_prohibited_by_law![0]).toBe(3);
    expect(first.warnings.join('\n')).toMatch(/printed twice/);
    const second = map(p('三、收到和处理政府信息公开申请情况'), g([rows[3]!, rows[4]!]));
    expect(second.applications!.denied_prohibited_by_law![0]).toBe(4);
    expect(second.applications!.rejected_massive_repeat![0]).toBe(5);
  });

  it('takes （六）其他处理 without sub-rows as `other`, and 3.其他 only under （六）', () => {
    const one = map(p('三、收到和处理政府信息公开申请情况'), table3Html({ other: [1, 0, 0, 0, 0, 0, 1] }, { splitOther: false }));
    expect(one.applications!.other).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(one.applications!.other_other).toBeUndefined();
    const three = map(p('三、收到和处理政府信息公开申请情况'), table3Html({ other_other: [2, 0, 0, 0, 0, 0, 2] }));
    expect(three.applications!.other_other).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(three.applications!.other).toBeUndefined();
    const stray = map(p('三、收到和处理政府信息公开申请情况'), g(['一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1', '3.其他\t1\t0\t0\t0\t0\t0\t1']));
    expect(Object.keys(stray.applications!)).toEqual(['new_received']);
    expect(stray.warnings.join('\n')).toMatch(/not recognised/);
  });

  it('carries the group from headings when each group is its own table (Markdown conversions)', () => {
    const r = map(
      p('三、收到和处理政府信息公开申请情况'),
      p('(六) 其他', 3),
      g(['类别\t数据1\t数据2\t数据3\t数据4\t数据5\t数据6\t总计', '1. 申请人无正当理由逾期不补正, 行政机关不再处理其政府信息公开申请\t9\t0\t0\t0\t0\t0\t9'], true),
      g(['项目\t本年新收件数\t上年结转件数\t予以公开\t部分公开\t不予公开\t结转下年度\t总计', '3. 其他\t142\t1\t0\t0\t0\t0\t143'], true),
    );
    expect(r.applications).toEqual({ other_overdue_correction: [9, 0, 0, 0, 0, 0, 9], other_other: [142, 1, 0, 0, 0, 0, 143] });
  });

  it('joins a label wrapped over two rows with the numbers below it', () => {
    const r = map(p('三、收到和处理政府信息公开申请情况'), g(['5.要求行政机关确认或重', '新出具已获取信息 \t0\t0\t0\t0\t0\t0\t0', '（二）部分公开（区分处理的，只计这一情', '0 0 0 0 0 0 4'.replace(/ /g, '\t')]));
    expect(r.applications!.rejected_confirm_reissue).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(r.applications!.partially_granted).toEqual([0, 0, 0, 0, 0, 0, 4]);
    expect(r.warnings.join('\n')).toMatch(/label wrapped/);
  });

  it('reads a 2019 report with the 2019 keys and never maps them onto 2021 fields', () => {
    const r = map(...report(TABLE2_2019, table3Html({}, { splitOther: false }), TABLE4, '某市人民政府办公室2019年政府信息公开工作年度报告'));
    expect(r.template).toBe('2019');
    expect(r.active_disclosure).toEqual({
      regulations: { made: 13, published: 13, published_total: 524 },
      normative_documents: { made: 60, published: 60, published_total: 368 },
      licensing: { items_prev_year: 120, items_change: 12, decisions: 3000 },
      other_services: { items_prev_year: 5, items_change: -3, decisions: 40 },
      punishment: { items_prev_year: 0, items_change: 0, decisions: 0 },
      enforcement: { items_prev_year: 0, items_change: 0, decisions: 0 },
      fees: { items_prev_year: 2, items_change: 0 },
      procurement: { projects: 6, amount: 251000, amount_unit: '元' },
    });
  });

  it('decides the template: headings of both formats → the larger wins, with a warning', () => {
    const mixed = [...TABLE2_2021.slice(0, 4), '第二十条第（九）项', '信息内容\t采购项目数量\t采购总金额'];
    const r = map(...report(mixed, table3Html({})));
    expect(r.template).toBe('2021');
    expect(r.warnings.join('\n')).toMatch(/headings of both formats/);
  });

  it('decides the template without table 2 by （六）\'s sub-rows, else by the year', () => {
    expect(map(p('某局2020年政府信息公开工作年度报告'), p('三、收到和处理政府信息公开申请情况'), table3Html({})).template).toBe('2021');
    const y2020 = map(p('某局2020年政府信息公开工作年度报告'), p('三、收到和处理政府信息公开申请情况'), table3Html({}, { splitOther: false }));
    expect(y2020.template).toBe('2019');
    expect(map(p('某局2022年政府信息公开工作年度报告'), p('三、收到和处理政府信息公开申请情况'), table3Html({}, { splitOther: false })).template).toBe('2021');
  });

  it('reads table 4 printed as three tables of five under their own headings', () => {
    const r = map(
      p('四、政府信息公开行政复议、行政诉讼情况'),
      p('行政复议', 3), g(['结果维持\t结果纠正\t其他结果\t尚未审结\t总计', '27\t10\t9\t15\t61'], true),
      p('行政诉讼（复议后起诉）', 3), g(['结果维持\t结果纠正\t其他结果\t尚未审结\t总计', '8\t0\t1\t1\t10'], true),
      p('行政诉讼（未经复议直接起诉）', 3), g(['结果维持\t结果纠正\t其他结果\t尚未审结\t总计', '3\t0\t0\t0\t3'], true),
    );
    expect(r.review_litigation).toEqual({
      review: { upheld: 27, corrected: 10, other: 9, pending: 15, total: 61 },
      litigation_direct: { upheld: 3, corrected: 0, other: 0, pending: 0, total: 3 },
      litigation_after_review: { upheld: 8, corrected: 0, other: 1, pending: 1, total: 10 },
    });
  });

  it('reads table 4 as labelled rows', () => {
    const r = map(p('四、政府信息公开行政复议、行政诉讼情况'), g(['项目\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计', '行政复议\t1\t0\t0\t0\t1', '行政诉讼（未经复议直接起诉）\t0\t0\t0\t2\t2', '行政诉讼（复议后起诉）\t0\t0\t0\t0\t0']));
    expect(r.review_litigation!.litigation_direct).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 2, total: 2 });
  });

  it('finds tables by their labels when the headings are missing', () => {
    const r = map(p('某局2021年政府信息公开工作年度报告'), g(TABLE2_2021), table3Html({ granted: [1, 0, 0, 0, 0, 0, 1] }), TABLE4);
    expect(r.active_disclosure!.licensing).toEqual({ decisions: 9830 });
    expect(r.applications!.granted![0]).toBe(1);
    expect(r.review_litigation!.review.total).toBe(8);
  });

  it('takes the year from 2022年度, 二〇二二年 and ２０２２, and from the statistics period when the title has none', () => {
    const t3 = [p('三、收到和处理政府信息公开申请情况'), table3Html({})] as const;
    expect(map(p('某镇政府2022年度政府信息公开工作年度报告'), ...t3).year).toBe(2022);
    expect(map(p('某镇二〇二二年政府信息公开工作年度报告'), ...t3).year).toBe(2022);
    expect(map(p('某镇二○二三年政府信息公开工作年度报告'), ...t3).year).toBe(2023);
    expect(map(p('某镇２０２２年政府信息公开工作年度报告'), ...t3).year).toBe(2022);
    const bare = map(p('政府信息公开工作年度报告'), p('本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。'), ...t3);
    expect(bare.year).toBe(2021);
    expect(bare.warnings.join('\n')).toMatch(/year: 2021 taken from the text/);
  });

  it('joins a title printed over two lines and reads the agency of year-first and 关于 titles', () => {
    const t3 = [p('三、收到和处理政府信息公开申请情况'), table3Html({})] as const;
    expect(map(p('淄博高新技术产业开发区'), p('2021年政府信息公开工作年度报告'), ...t3)).toMatchObject({ title: '淄博高新技术产业开发区2021年政府信息公开工作年度报告', agency: '淄博高新技术产业开发区' });
    expect(map(p('2023年下各镇政府信息公开工作年度报告'), ...t3).agency).toBe('下各镇');
    expect(map(p('兰州新区经济合作局关于2023年政府信息公开工作年度报告'), ...t3).agency).toBe('兰州新区经济合作局');
  });

  it('reads a freeform (pre-2019) report from its sentences, with no checks run', () => {
    const r = map(p('某县人民政府2012年政府信息公开工作年度报告'), p('2012年，我县共收到政府信息公开申请49件，其中予以公开40件。全年未发生政府信息公开行政复议和行政诉讼。'));
    expect(r.template).toBe('freeform');
    expect(r.applications!.new_received).toEqual([null, null, null, null, null, null, 49]);
    expect(r.applications!.granted![6]).toBe(40);
    expect(r.review_litigation!.review.total).toBe(0);
    expect(r.checks.every((c) => c.ok === null)).toBe(true);
  });

  it('refuses a page with no report tables and no report figures', () => {
    expect(() => map(p('关于做好2023年政府信息公开工作年度报告编制发布工作的通知'), p('各单位：请于1月31日前发布。'))).toThrow(NotAReportError);
    expect(() => map(p('政府信息公开指南'))).toThrow(/t\.html: no report tables/);
  });
});
