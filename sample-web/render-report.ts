/**
 * Renders a report record as the HTML a government site publishes: the six numbered sections,
 * the narrative, and the three template tables drawn with rowspan/colspan as real pages draw
 * them (2021 template, or 2019 for older years). Any record with known numbers becomes a
 * realistic report whose figures the end-to-end tests can assert.
 */
import type { ExpectedRecord } from './types.ts';
import { OUTCOME_ROWS_2021 } from './record-generator.ts';

export interface RenderOptions {
  /**
   * 'plain': clean cells. 'word': Word-exported markup (each cell in `<p><span>`, labels split
   * across spans, `&nbsp;` padding), as many county sites paste from Word.
   */
  style?: 'plain' | 'word';
  /** The site's name, quoted in the introduction. */
  siteName?: string;
  /** A sentence added to 总体情况 (characters outside GB2312 on the GBK site, for instance). */
  extraSentence?: string;
}

export const APPLICANT_HEADS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];

/** Printed labels of table 3 rows (2021 template wording). */
export const ROW_LABEL: Record<string, string> = {
  new_received: '一、本年新收政府信息公开申请数量',
  carried_over: '二、上年结转政府信息公开申请数量',
  granted: '（一）予以公开',
  partially_granted: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  denied_state_secret: '1.属于国家秘密',
  denied_prohibited_by_law: '2.其他法律行政法规禁止公开',
  denied_three_safeties: '3.危及“三安全一稳定”',
  denied_third_party: '4.保护第三方合法权益',
  denied_internal_affairs: '5.属于三类内部事务信息',
  denied_process_info: '6.属于四类过程性信息',
  denied_enforcement_file: '7.属于行政执法案卷',
  denied_query_matter: '8.属于行政查询事项',
  unable_not_held: '1.本机关不掌握相关政府信息',
  unable_needs_creation: '2.没有现成信息需要另行制作',
  unable_unclear: '3.补正后申请内容仍不明确',
  rejected_petition: '1.信访举报投诉类申请',
  rejected_duplicate: '2.重复申请',
  rejected_publication: '3.要求提供公开出版物',
  rejected_massive_repeat: '4.无正当理由大量反复申请',
  rejected_confirm_reissue: '5.要求行政机关确认或重新出具已获取信息',
  other_overdue_correction: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  other_overdue_fee: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  other_other: '3.其他',
  other: '（六）其他处理',
  total_processed: '（七）总计',
  carried_forward: '四、结转下年度继续办理',
};

/** The outcome groups of 三、本年度办理结果: a group label spanning its sub-rows, or a row of its own. */
export const OUTCOME_GROUPS: { label: string | null; rows: string[] }[] = [
  { label: null, rows: ['granted'] },
  { label: null, rows: ['partially_granted'] },
  { label: '（三）不予公开', rows: OUTCOME_ROWS_2021.filter((r) => r.startsWith('denied_')) },
  { label: '（四）无法提供', rows: OUTCOME_ROWS_2021.filter((r) => r.startsWith('unable_')) },
  { label: '（五）不予处理', rows: OUTCOME_ROWS_2021.filter((r) => r.startsWith('rejected_')) },
  { label: '（六）其他处理', rows: ['other_overdue_correction', 'other_overdue_fee', 'other_other'] },
  { label: null, rows: ['other'] },
  { label: null, rows: ['total_processed'] },
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function num(v: number | string | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return esc(v);
  return String(v);
}

/** Signed figures of the 2019 template (本年增/减): "+12", "-3", "0". */
const signed = (v: number | string | null | undefined) => (typeof v === 'number' && v > 0 ? `+${v}` : num(v));

function cellMaker(style: 'plain' | 'word') {
  return (text: string, attrs = '', raw = false): string => {
    const inner = raw ? text : esc(text);
    if (style === 'plain') return `<td${attrs}>${inner}</td>`;
    // Word splits a label between runs at arbitrary points; readers must join the runs.
    const cut = raw || inner.length < 6 ? -1 : Math.floor(inner.length / 2);
    const runs = cut < 0 ? `<span style="font-family:仿宋_GB2312;font-size:10.5pt">${inner}</span>`
      : `<span style="font-family:仿宋_GB2312;font-size:10.5pt">${inner.slice(0, cut)}</span><span style="font-family:仿宋_GB2312;font-size:10.5pt">${inner.slice(cut)}</span>`;
    return `<td${attrs} valign="center" style="border:1px solid #000;padding:0 5.4pt"><p class="MsoNormal" align="center" style="text-align:center">${runs}</p></td>`;
  };
}

/** Table 2 (主动公开), in the record's template. */
export function renderTable2(record: ExpectedRecord, style: 'plain' | 'word' = 'plain'): string {
  const ad = record.active_disclosure;
  const td = cellMaker(style);
  const head = (item: string) => `<tr>${td(`第二十条第（${item}）项`, ' colspan="4"')}</tr>`;
  const rows: string[] = [];
  if (record.template === '2021') {
    rows.push(head('一'), `<tr>${td('信息内容')}${td('本年制发件数')}${td('本年废止件数')}${td('现行有效件数')}</tr>`);
    for (const [key, label] of [['regulations', '规章'], ['normative_documents', '行政规范性文件']] as const) {
      const r = ad[key];
      if (r) rows.push(`<tr>${td(label)}${td(num(r.issued))}${td(num(r.repealed))}${td(num(r.in_force))}</tr>`);
    }
    rows.push(head('五'), `<tr>${td('信息内容')}${td('本年处理决定数量', ' colspan="3"')}</tr>`);
    if (ad.licensing) rows.push(`<tr>${td('行政许可')}${td(num(ad.licensing.decisions), ' colspan="3"')}</tr>`);
    rows.push(head('六'), `<tr>${td('信息内容')}${td('本年处理决定数量', ' colspan="3"')}</tr>`);
    for (const [key, label] of [['punishment', '行政处罚'], ['enforcement', '行政强制']] as const) {
      const r = ad[key];
      if (r) rows.push(`<tr>${td(label)}${td(num(r.decisions), ' colspan="3"')}</tr>`);
    }
    rows.push(head('八'), `<tr>${td('信息内容')}${td('本年收费金额（单位：万元）', ' colspan="3"')}</tr>`);
    if (ad.fees) rows.push(`<tr>${td('行政事业性收费')}${td(num(ad.fees.amount_10k_yuan), ' colspan="3"')}</tr>`);
  } else {
    rows.push(head('一'), `<tr>${td('信息内容')}${td('本年新制作数量')}${td('本年新公开数量')}${td('对外公开总数量')}</tr>`);
    for (const [key, label] of [['regulations', '规章'], ['normative_documents', '规范性文件']] as const) {
      const r = ad[key];
      if (r) rows.push(`<tr>${td(label)}${td(num(r.made))}${td(num(r.published))}${td(num(r.published_total))}</tr>`);
    }
    const items = (item: string, pairs: [string, string][]) => {
      rows.push(head(item), `<tr>${td('信息内容')}${td('上一年项目数量')}${td('本年增/减')}${td('处理决定数量')}</tr>`);
      for (const [key, label] of pairs) {
        const r = ad[key];
        if (r) rows.push(`<tr>${td(label)}${td(num(r.items_prev_year))}${td(signed(r.items_change))}${td(num(r.decisions))}</tr>`);
      }
    };
    items('五', [['licensing', '行政许可'], ['other_services', '其他对外管理服务事项']]);
    items('六', [['punishment', '行政处罚'], ['enforcement', '行政强制']]);
    rows.push(head('八'), `<tr>${td('信息内容')}${td('上一年项目数量')}${td('本年增/减', ' colspan="2"')}</tr>`);
    if (ad.fees) rows.push(`<tr>${td('行政事业性收费')}${td(num(ad.fees.items_prev_year))}${td(signed(ad.fees.items_change), ' colspan="2"')}</tr>`);
    rows.push(head('九'), `<tr>${td('信息内容')}${td('采购项目数量')}${td('采购总金额', ' colspan="2"')}</tr>`);
    const p = ad.procurement;
    if (p) rows.push(`<tr>${td('政府集中采购')}${td(num(p.projects))}${td(`${num(p.amount)}${p.amount_unit ?? ''}`, ' colspan="2"')}</tr>`);
  }
  return `<table border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse:collapse">\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

/** Table 3 (收到和处理申请), the rows the record holds, with the real pages' spans. */
export function renderTable3(record: ExpectedRecord, style: 'plain' | 'word' = 'plain'): string {
  const apps = record.applications;
  const td = cellMaker(style);
  const nums = (key: string) => (apps[key] ?? []).map((v) => td(num(v))).join('');
  const rows: string[] = [
    `<tr>${td('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', ' colspan="3" rowspan="3"')}${td('申请人情况', ' colspan="7"')}</tr>`,
    `<tr>${td(APPLICANT_HEADS[0]!, ' rowspan="2"')}${td('法人或其他组织', ' colspan="5"')}${td('总计', ' rowspan="2"')}</tr>`,
    `<tr>${APPLICANT_HEADS.slice(1).map((h) => td(h)).join('')}</tr>`,
  ];
  for (const key of ['new_received', 'carried_over']) if (apps[key]) rows.push(`<tr>${td(ROW_LABEL[key]!, ' colspan="3"')}${nums(key)}</tr>`);
  const present = (rs: string[]) => rs.filter((r) => apps[r]);
  const outcomeRows = OUTCOME_GROUPS.reduce((n, g) => n + present(g.rows).length, 0);
  let first = true;
  for (const g of OUTCOME_GROUPS) {
    const rs = present(g.rows);
    rs.forEach((key, i) => {
      const lead = first ? td('三、本年度办理结果', ` rowspan="${outcomeRows}"`) : '';
      first = false;
      const label = g.label
        ? (i === 0 ? td(g.label, ` rowspan="${rs.length}"`) : '') + td(ROW_LABEL[key]!)
        : td(ROW_LABEL[key]!, ' colspan="2"');
      rows.push(`<tr>${lead}${label}${nums(key)}</tr>`);
    });
  }
  if (apps.carried_forward) rows.push(`<tr>${td(ROW_LABEL.carried_forward!, ' colspan="3"')}${nums('carried_forward')}</tr>`);
  return `<table border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse:collapse">\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

/** Table 4 (行政复议、行政诉讼): two header rows and one row of fifteen numbers. */
export function renderTable4(record: ExpectedRecord, style: 'plain' | 'word' = 'plain'): string {
  const td = cellMaker(style);
  const rl = record.review_litigation;
  const heads = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  const fields = ['upheld', 'corrected', 'other', 'pending', 'total'];
  const values = (['review', 'litigation_direct', 'litigation_after_review'] as const).flatMap((g) => fields.map((f) => td(num(rl[g][f]))));
  return [
    '<table border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse:collapse">',
    '<tbody>',
    `<tr>${td('行政复议', ' colspan="5"')}${td('行政诉讼', ' colspan="10"')}</tr>`,
    `<tr>${heads.map((h) => td(h, ' rowspan="2"')).join('')}${td('未经复议直接起诉', ' colspan="5"')}${td('复议后起诉', ' colspan="5"')}</tr>`,
    `<tr>${[...heads, ...heads].map((h) => td(h)).join('')}</tr>`,
    `<tr>${values.join('')}</tr>`,
    '</tbody>',
    '</table>',
  ].join('\n');
}

const para = (text: string, style: 'plain' | 'word') =>
  style === 'word'
    ? `<p class="MsoNormal" style="text-indent:2em;line-height:28pt"><span style="font-family:仿宋_GB2312;font-size:16pt">${esc(text)}</span></p>`
    : `<p style="text-indent:2em">${esc(text)}</p>`;

/** The report body: introduction, six sections, three tables (an HTML fragment for `#zoom`/`.TRS_Editor`). */
export function renderReportBody(record: ExpectedRecord, opts: RenderOptions = {}): string {
  const style = opts.style ?? 'plain';
  const { agency, year } = record;
  const received = record.applications.new_received?.[6] ?? 0;
  const carried = record.applications.carried_over?.[6] ?? 0;
  const granted = record.applications.granted?.[6] ?? 0;
  const reviews = record.review_litigation.review.total ?? 0;
  const out: string[] = [
    para(`本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》要求，由${agency}编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议及行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六部分。本报告所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。${opts.siteName ? `本报告电子版可在“${opts.siteName}”门户网站查阅或下载。` : ''}如对本报告有疑问，请与${agency}办公室联系。`, style),
    `<h3>一、总体情况</h3>`,
    para(`${year}年，${agency}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》和上级关于政务公开工作的部署要求，不断健全政府信息公开工作机制，持续提升政务公开质效。${opts.extraSentence ?? ''}`, style),
    para(`（一）主动公开。全年通过门户网站主动公开政府信息，及时发布政策文件、财政资金、重点领域等信息，并做好政策解读和回应关切工作。`, style),
    para(`（二）依申请公开。${year}年共收到政府信息公开申请${received}件，上年结转${carried}件；予以公开${granted}件，均在法定期限内答复。因政府信息公开引起行政复议${reviews}件。`, style),
    para(`（三）政府信息管理。严格落实公开前保密审查制度，规范信息发布流程，及时清理更新过期信息。`, style),
    para(`（四）平台建设。优化政府网站政府信息公开专栏，规范栏目设置，提升信息检索便利度。`, style),
    para(`（五）监督保障。将政务公开工作纳入年度考核，加强业务培训，确保各项工作落到实处。`, style),
    `<h3>二、主动公开政府信息情况</h3>`,
    renderTable2(record, style),
    `<h3>三、收到和处理政府信息公开申请情况</h3>`,
    renderTable3(record, style),
    `<h3>四、政府信息公开行政复议、行政诉讼情况</h3>`,
    renderTable4(record, style),
    `<h3>五、存在的主要问题及改进情况</h3>`,
    para(`${year}年，${agency}政府信息公开工作取得了一定成效，但仍存在公开内容不够全面、政策解读形式较为单一等问题。下一步，将进一步加强业务培训，丰富解读形式，提高信息发布质量。`, style),
    `<h3>六、其他需要报告的事项</h3>`,
    para(`本年度未收取信息处理费。${agency}无其他需要报告的事项。`, style),
  ];
  return out.join('\n');
}

/** A standalone HTML document of the report (what the asset script prints to PDF or converts to DOCX). */
export function renderReportDocument(record: ExpectedRecord, opts: RenderOptions = {}): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(record.title)}</title>
<style>body{font-family:"Noto Serif CJK SC","WenQuanYi Zen Hei",serif;font-size:12pt;margin:2cm}h1{text-align:center;font-size:18pt}h3{font-size:14pt}table{border-collapse:collapse;width:100%;font-size:9pt;page-break-inside:auto}td{border:1px solid #000;padding:2px 4px;text-align:center}tr{page-break-inside:avoid}</style>
</head><body>
<h1>${esc(record.title)}</h1>
${renderReportBody(record, opts)}
</body></html>
`;
}
