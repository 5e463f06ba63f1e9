/**
 * Pages that look like yearly reports and are not (docs/SITES.md §3): notices about the report, other
 * yearly reports (政府网站工作年度报表, 法治政府建设年度报告, 部门决算), a 工作总结 without the
 * template tables, an interpretation (图解) that links to the real report, and the notice that
 * prints the template itself with empty cells. Each has a real body, so a crawler that opens it
 * must reject it by what it says.
 */
import { esc } from './page.ts';
import { renderTable2, renderTable3, renderTable4 } from './render-report.ts';
import type { ExpectedRecord } from './types.ts';

export type NearMissKind = 'notice' | 'website-report' | 'rule-of-law' | 'summary' | 'interpretation' | 'final-accounts' | 'template-notice' | 'meeting' | 'performance' | 'statistics';

export interface NearMiss {
  kind: NearMissKind;
  title: string;
}

/** The usual near-miss titles for an agency and year. */
export function nearMissTitles(agency: string, place: string, year: number): NearMiss[] {
  return [
    { kind: 'notice', title: `关于做好${year}年政府信息公开工作年度报告编制发布工作的通知` },
    { kind: 'website-report', title: `${place}${year}年政府网站工作年度报表` },
    { kind: 'rule-of-law', title: `${agency}${year}年法治政府建设年度报告` },
    { kind: 'summary', title: `${agency}${year}年政府信息公开工作总结` },
    { kind: 'final-accounts', title: `${agency}${year}年部门决算` },
    { kind: 'meeting', title: `【工作推进】${place}召开${year}年度政府信息公开工作年报编制和发布部署会` },
    { kind: 'performance', title: `${agency}${year}年度部门整体支出绩效自评报告` },
    { kind: 'statistics', title: `${place}${year}年国民经济和社会发展统计公报` },
  ];
}

const p = (s: string) => `<p style="text-indent:2em">${esc(s)}</p>`;

/** The body of a near-miss page. `reportHref` is the real report an interpretation links to. */
export function nearMissBody(m: NearMiss, agency: string, year: number, reportHref?: string): string {
  switch (m.kind) {
    case 'notice':
      return [
        p('各乡镇人民政府、街道办事处，县政府各部门：'),
        p(`根据《中华人民共和国政府信息公开条例》第四十九条、第五十条规定，现就做好${year}年政府信息公开工作年度报告编制发布工作通知如下：`),
        p(`一、各部门应于${year + 1}年1月31日前，向社会公布本部门${year}年政府信息公开工作年度报告。`),
        p('二、年度报告须严格按照国办公开办函〔2021〕30号印发的格式编制，数据应当准确。'),
        p(`${agency}政务公开办公室`),
      ].join('\n');
    case 'website-report':
      return `${p(`${agency}${year}年政府网站工作年度报表（依据国办函〔2018〕12号）`)}
<table border="1"><tr><td>网站名称</td><td>${esc(agency)}门户网站</td></tr><tr><td>首页网址</td><td>http://www.example.gov.cn</td></tr>
<tr><td>独立用户访问总量（单位：个）</td><td>1253621</td></tr><tr><td>网站总访问量（单位：次）</td><td>5236102</td></tr>
<tr><td>信息发布（单位：条）</td><td>3620</td></tr><tr><td>留言办理 收到留言数量（单位：条）</td><td>213</td></tr></table>`;
    case 'rule-of-law':
      return [p(`${year}年，${agency}深入学习贯彻习近平法治思想，全面推进依法行政，法治政府建设取得新成效。现将有关情况报告如下。`), p('一、主要举措和成效'), p('二、存在的不足和原因'), p(`三、${year + 1}年工作安排`)].join('\n');
    case 'summary':
      return [
        p(`${year}年，${agency}认真贯彻落实《中华人民共和国政府信息公开条例》，政府信息公开工作总体情况如下。`),
        p(`全年共收到政府信息公开申请12件，均已按期答复，其中予以公开8件，无法提供4件。`),
        p('下一步，我们将继续加强政府信息公开工作，不断提高政务公开质量。'),
      ].join('\n');
    case 'interpretation':
      return `${p(`图解：${agency}${year}年政府信息公开工作年度报告`)}
<p><img src="/images/tujie-${year}.png" alt="图解${esc(agency)}${year}年政府信息公开工作年度报告"></p>
${p('一图读懂年度报告：全年主动公开政府信息情况、依申请公开办理情况一目了然。')}
${reportHref ? `<p>原文链接：<a href="${reportHref}">${esc(`${agency}${year}年政府信息公开工作年度报告`)}</a></p>` : ''}`;
    case 'final-accounts':
      return `${p(`${agency}${year}年部门决算公开说明`)}
<table border="1"><tr><td>项目</td><td>年初预算数</td><td>决算数</td></tr><tr><td>一般公共预算财政拨款收入</td><td>2356.12</td><td>2410.88</td></tr><tr><td>支出合计</td><td>2356.12</td><td>2398.40</td></tr></table>`;
    case 'meeting':
      return p(`为做好${year}年度政府信息公开工作年度报告编制和发布工作，${agency}召开专题部署会，对年报编制时限、格式要求和数据口径进行了培训。`);
    case 'performance':
      return `${p(`${agency}${year}年度部门整体支出绩效自评报告`)}
<table border="1"><tr><td>一级指标</td><td>分值</td><td>得分</td></tr><tr><td>产出指标</td><td>50</td><td>48</td></tr><tr><td>效益指标</td><td>30</td><td>28</td></tr><tr><td>满意度指标</td><td>10</td><td>10</td></tr></table>`;
    case 'statistics':
      return [p(`${year}年，全县实现地区生产总值312.6亿元，比上年增长5.8%。`), p('一、农业'), p('二、工业和建筑业'), p('三、固定资产投资')].join('\n');
    case 'template-notice':
      return templateNotice();
  }
}

/** 关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知: the template's tables with empty cells. */
function templateNotice(): string {
  const empty = (n: number) => Array.from({ length: n }, () => null);
  const blank: ExpectedRecord = {
    schema: 'govreport/1', source: { uri: '', format: 'html' }, title: '', agency: '', year: 0, template: '2021',
    active_disclosure: {
      regulations: { issued: null, repealed: null, in_force: null },
      normative_documents: { issued: null, repealed: null, in_force: null },
      licensing: { decisions: null }, punishment: { decisions: null }, enforcement: { decisions: null }, fees: { amount_10k_yuan: null },
    },
    applications: Object.fromEntries(['new_received', 'carried_over', 'granted', 'partially_granted', 'denied_state_secret', 'unable_not_held', 'rejected_petition', 'other_overdue_correction', 'other_overdue_fee', 'other_other', 'total_processed', 'carried_forward'].map((k) => [k, empty(7)])),
    review_litigation: {
      review: { upheld: null, corrected: null, other: null, pending: null, total: null },
      litigation_direct: { upheld: null, corrected: null, other: null, pending: null, total: null },
      litigation_after_review: { upheld: null, corrected: null, other: null, pending: null, total: null },
    },
    checks: [], warnings: [],
  };
  return [
    p('各省、自治区、直辖市人民政府办公厅，国务院各部委、各直属机构办公厅（室）：'),
    p('为进一步规范政府信息公开工作年度报告的编制和发布，现将修订后的《中华人民共和国政府信息公开工作年度报告格式》印发给你们，请遵照执行。'),
    p('附件：中华人民共和国政府信息公开工作年度报告格式'),
    '<h3>二、主动公开政府信息情况</h3>', renderTable2(blank),
    '<h3>三、收到和处理政府信息公开申请情况</h3>', renderTable3(blank),
    '<h3>四、政府信息公开行政复议、行政诉讼情况</h3>', renderTable4(blank),
  ].join('\n');
}
