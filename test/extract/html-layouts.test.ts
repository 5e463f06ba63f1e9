/**
 * Generated records drawn as HTML in the ways real pages draw the template's tables, beyond the
 * sample web's renderer: the header in a table of its own, each group its own table under a
 * heading, group and sub-label in one cell, a one-row header without 法人或其他组织, blanks
 * printed as "/" or "—", numbers with 件, labels without ordinals, table 4 as labelled rows.
 * Each must extract to the record's numbers.
 */
import { describe, expect, it } from 'vitest';
import { extractBytes } from '../../extract/index.ts';
import { TABLE3_ROWS } from '../../extract/mapper/labels.ts';
import type { ReportRecord, ReviewGroup } from '../../extract/record.ts';
import { generateRecord } from '../../sample-web/record-generator.ts';
import { compareRecord } from '../support/compare-record.ts';

interface Variant {
  /** Header rows in their own <table> before the body. */
  headerApart?: boolean;
  /** Each outcome group a table of its own, under an <h4> heading. */
  groupTables?: boolean;
  /** Group label and sub-label in one cell ("（三）不予公开 1.属于国家秘密"), no rowspans. */
  oneCellLabels?: boolean;
  /** One header row: 自然人 | 商业企业 | … | 总计, no 法人或其他组织 group. */
  flatHeader?: boolean;
  /** How a zero is printed. */
  zero?: string;
  /** A unit after every number. */
  unit?: string;
  /** Labels printed without their ordinals. */
  bare?: boolean;
  /** Table 4 as three labelled rows of five. */
  table4Rows?: boolean;
}

const GROUP_LABEL: Record<string, string> = { denied: '（三）不予公开', unable: '（四）无法提供', rejected: '（五）不予处理', other: '（六）其他处理' };
const HEADS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
const td = (t: string, attrs = '') => `<td${attrs}><p><span>${t}</span></p></td>`;
const stripOrdinal = (s: string) => s.replace(/^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．])/, '');

function num(v: number | null, o: Variant): string {
  if (v === null) return '';
  if (v === 0 && o.zero !== undefined) return o.zero;
  return `${v}${o.unit ?? ''}`;
}

function table2(r: ReportRecord): string {
  const a = r.active_disclosure!;
  const row = (label: string, vals: (number | string | null)[], span = 1) => `<tr>${td(label)}${vals.map((v) => td(String(v), span > 1 ? ` colspan="${span}"` : '')).join('')}</tr>`;
  const item = (t: string) => `<tr>${td(t, ' colspan="4"')}</tr>`;
  return `<table border="1">${item('第二十条第（一）项')}<tr>${td('信息内容')}${td('本年制发件数')}${td('本年废止件数')}${td('现行有效件数')}</tr>
${row('规章', Object.values(a.regulations!))}${row('行政规范性文件', Object.values(a.normative_documents!))}
${item('第二十条第（五）项')}<tr>${td('信息内容')}${td('本年处理决定数量', ' colspan="3"')}</tr>${row('行政许可', [a.licensing!.decisions!], 3)}
${item('第二十条第（六）项')}<tr>${td('信息内容')}${td('本年处理决定数量', ' colspan="3"')}</tr>${row('行政处罚', [a.punishment!.decisions!], 3)}${row('行政强制', [a.enforcement!.decisions!], 3)}
${item('第二十条第（八）项')}<tr>${td('信息内容')}${td('本年收费金额（单位：万元）', ' colspan="3"')}</tr>${row('行政事业性收费', [a.fees!.amount_10k_yuan!], 3)}</table>`;
}

function table3(r: ReportRecord, o: Variant): string {
  const apps = r.applications!;
  const header = o.flatHeader
    ? `<tr>${td('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', ' colspan="3"')}${HEADS.map((h) => td(h)).join('')}</tr>`
    : `<tr>${td('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', ' colspan="3" rowspan="3"')}${td('申请人情况', ' colspan="7"')}</tr>
<tr>${td('自然人', ' rowspan="2"')}${td('法人或其他组织', ' colspan="5"')}${td('总计', ' rowspan="2"')}</tr>
<tr>${HEADS.slice(1, 6).map((h) => td(h)).join('')}</tr>`;
  const label = (s: string) => (o.bare ? stripOrdinal(s) : s);
  const values = (key: string) => apps[key]!.map((v) => td(num(v, o))).join('');
  const body: string[] = [];
  const groups: { title: string | null; rows: string[] }[] = [];
  let current: { title: string | null; rows: string[] } = { title: null, rows: [] };
  groups.push(current);
  for (const row of TABLE3_ROWS) {
    if (!apps[row.key]) continue;
    if (row.group && row.group !== 'results' && current.title !== GROUP_LABEL[row.group]) {
      current = { title: GROUP_LABEL[row.group]!, rows: [] };
      groups.push(current);
    } else if (!row.group && current.title) {
      current = { title: null, rows: [] };
      groups.push(current);
    }
    const sub = label(row.label);
    if (current.title && o.oneCellLabels) current.rows.push(`<tr>${td(`${label(current.title)} ${sub}`, ' colspan="3"')}${values(row.key)}</tr>`);
    else if (current.title) current.rows.push(`<tr>${current.rows.length === 0 ? td(label(current.title), ` rowspan="${TABLE3_ROWS.filter((x) => x.group === row.group && apps[x.key]).length}"`) : ''}${td(sub, ' colspan="2"')}${values(row.key)}</tr>`);
    else current.rows.push(`<tr>${td(sub, ' colspan="3"')}${values(row.key)}</tr>`);
  }
  if (o.groupTables) {
    return `<table border="1">${header}</table>\n` + groups.map((g) => `${g.title ? `<h4>${label(g.title)}</h4>` : ''}<table border="1">${g.rows.join('')}</table>`).join('\n');
  }
  body.push(...groups.flatMap((g) => g.rows));
  return o.headerApart ? `<table border="1">${header}</table><table border="1">${body.join('')}</table>` : `<table border="1">${header}${body.join('')}</table>`;
}

function table4(r: ReportRecord, o: Variant): string {
  const rl = r.review_litigation!;
  const five = (g: ReviewGroup) => [g.upheld, g.corrected, g.other, g.pending, g.total].map((v) => td(num(v, o))).join('');
  const heads = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].map((h) => td(h)).join('');
  if (o.table4Rows) {
    return `<table border="1"><tr>${td('')}${heads}</tr><tr>${td('行政复议')}${five(rl.review)}</tr><tr>${td('行政诉讼（未经复议直接起诉）')}${five(rl.litigation_direct)}</tr><tr>${td('行政诉讼（复议后起诉）')}${five(rl.litigation_after_review)}</tr></table>`;
  }
  return `<table border="1"><tr>${td('行政复议', ' colspan="5"')}${td('行政诉讼', ' colspan="10"')}</tr>
<tr>${td('结果维持', ' rowspan="2"')}${td('结果纠正', ' rowspan="2"')}${td('其他结果', ' rowspan="2"')}${td('尚未审结', ' rowspan="2"')}${td('总计', ' rowspan="2"')}${td('未经复议直接起诉', ' colspan="5"')}${td('复议后起诉', ' colspan="5"')}</tr>
<tr>${heads}${heads}</tr><tr>${five(rl.review)}${five(rl.litigation_direct)}${five(rl.litigation_after_review)}</tr></table>`;
}

function page(r: ReportRecord, o: Variant): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${r.title}_某县人民政府</title></head><body>
<div class="header"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>
<div class="TRS_Editor"><p style="text-align:center">${r.title}</p>
<p>本报告所列数据的统计期限自${r.year}年1月1日起至${r.year}年12月31日止。</p>
<h3>二、主动公开政府信息情况</h3>${table2(r)}
<h3>三、收到和处理政府信息公开申请情况</h3>${table3(r, o)}
<h3>四、政府信息公开行政复议、行政诉讼情况</h3>${table4(r, o)}
<h3>五、存在的主要问题及改进情况</h3><p>信息发布的及时性有待提高。</p></div>
<div class="footer">主办单位：某县人民政府办公室</div></body></html>`;
}

const VARIANTS: Record<string, Variant> = {
  'header in its own table': { headerApart: true },
  'each group its own table under a heading': { groupTables: true },
  'group and sub-label in one cell': { oneCellLabels: true },
  'one header row without 法人或其他组织': { flatHeader: true },
  'zeros printed as "/"': { zero: '/' },
  'zeros printed as "—"': { zero: '—' },
  'numbers with 件': { unit: '件' },
  'labels without ordinals': { bare: true },
  'table 4 as labelled rows': { table4Rows: true },
  'everything at once': { headerApart: true, oneCellLabels: true, flatHeader: true, unit: '件', bare: true, table4Rows: true },
};

describe('HTML layouts of generated reports', () => {
  for (const [name, variant] of Object.entries(VARIANTS)) {
    for (const seed of ['x', 'y']) {
      it(`${name} (seed ${seed})`, async () => {
        const agency = '某县卫生健康局';
        const record = generateRecord(`html-${name}-${seed}`, { agency, year: 2022, title: `${agency}2022年政府信息公开工作年度报告`, uri: 'p.html', format: 'html', size: 'large' }) as unknown as ReportRecord;
        const got = await extractBytes(new TextEncoder().encode(page(record, variant)), { uri: 'p.html' });
        // A zero printed as "/" or "—" is not printed: the record says null and the checks count it as 0.
        const want: ReportRecord = variant.zero
          ? { ...record, applications: Object.fromEntries(Object.entries(record.applications!).map(([k, v]) => [k, v.map((x) => (x === 0 ? null : x))])), review_litigation: Object.fromEntries(Object.entries(record.review_litigation!).map(([k, g]) => [k, Object.fromEntries(Object.entries(g).map(([f, x]) => [f, x === 0 ? null : x]))])) as ReportRecord['review_litigation'] }
          : record;
        expect(compareRecord(want, got)).toEqual([]);
      });
    }
  }
});
