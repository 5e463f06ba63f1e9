/**
 * Generated records written out as the plain-text layouts real reports arrive in — text copied
 * out of a PDF (a row's label and numbers on one line, separated by spaces), one cell per line,
 * and tab-separated rows that lost their leading cells — must extract to the same numbers.
 */
import { describe, expect, it } from 'vitest';
import { documentToRecord } from '../../extract/mapper/index.ts';
import { TABLE3_ROWS } from '../../extract/mapper/labels.ts';
import { textToDocument } from '../../extract/readers/text.ts';
import type { ReportRecord } from '../../extract/record.ts';
import { generateRecord, seededRandom } from '../../sample-web/record-generator.ts';
import { compareRecord } from '../support/compare-record.ts';

type Layout = 'pdf-copy' | 'one-cell-per-line' | 'tabs-shifted';
/** How labels are printed: as the template prints them, with ASCII punctuation, without their ordinals, or wrapped onto two lines (PDF copy). */
type LabelStyle = 'template' | 'ascii' | 'bare' | 'wrapped';

function styleLabel(label: string, style: LabelStyle): string {
  if (style === 'ascii') return label.replace(/（/g, '(').replace(/）/g, ') ').replace(/，/g, ',').replace(/．/g, '.');
  if (style === 'bare') return label.replace(/^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．])/, '');
  return label;
}

const GROUP_LABEL: Record<string, string> = { denied: '（三）不予公开', unable: '（四）无法提供', rejected: '（五）不予处理', other: '（六）其他处理' };
const T2_HEAD_2021: Record<string, string> = { issued: '本年制发件数', repealed: '本年废止件数', in_force: '现行有效件数', decisions: '本年处理决定数量', amount_10k_yuan: '本年收费金额（单位：万元）' };
const T2_LABEL: Record<string, [string, string]> = {
  regulations: ['第二十条第（一）项', '规章'], normative_documents: ['第二十条第（一）项', '行政规范性文件'],
  licensing: ['第二十条第（五）项', '行政许可'], punishment: ['第二十条第（六）项', '行政处罚'],
  enforcement: ['第二十条第（六）项', '行政强制'], fees: ['第二十条第（八）项', '行政事业性收费'],
};

/** The rows of each table as lists of cells, in printed order. */
function tableRows(r: ReportRecord, style: LabelStyle = 'template'): { t2: string[][]; t3: string[][]; t4: string[][] } {
  const t2: string[][] = [];
  let group = '';
  for (const [key, fields] of Object.entries(r.active_disclosure ?? {})) {
    const [item, label] = T2_LABEL[key]!;
    if (item !== group) {
      t2.push([item], ['信息内容', ...Object.keys(fields).map((f) => T2_HEAD_2021[f]!)]);
      group = item;
    }
    t2.push([label, ...Object.values(fields).map(String)]);
  }
  const t3: string[][] = [['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况'], ['自然人', '法人或其他组织', '总计'], ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']];
  let open = '';
  for (const row of TABLE3_ROWS) {
    const values = r.applications?.[row.key];
    if (!values) continue;
    const lead = row.group && row.group !== open ? [GROUP_LABEL[row.group]!] : [];
    open = row.group ?? '';
    t3.push([...(row.key === 'granted' ? ['三、本年度办理结果'] : []), ...lead, styleLabel(row.label, style), ...values.map((v) => String(v ?? ''))]);
  }
  const rl = r.review_litigation!;
  const t4 = [
    ['行政复议', '行政诉讼'],
    ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '未经复议直接起诉', '复议后起诉'],
    [...[rl.review, rl.litigation_direct, rl.litigation_after_review].flatMap((g) => [g.upheld, g.corrected, g.other, g.pending, g.total].map(String))],
  ];
  return { t2, t3, t4 };
}

/** Where a PDF's narrow label column wraps a long label. */
const WRAP_AT = 12;

function render(r: ReportRecord, layout: Layout, seed: string, style: LabelStyle = 'template'): string {
  const rnd = seededRandom(seed);
  const { t2, t3, t4 } = tableRows(r, style);
  const table = (rows: string[][]) => {
    if (layout === 'pdf-copy' && style === 'wrapped') {
      // The label's first line alone, then the rest of it with the row's numbers.
      return rows
        .map((cells) => {
          const label = cells.filter((c) => !/^\d*(\.\d+)?$/.test(c)).join(' ');
          const numbers = cells.filter((c) => /^\d+(\.\d+)?$/.test(c));
          if (label.length <= WRAP_AT || !numbers.length) return cells.join(' ');
          return `${label.slice(0, WRAP_AT)}\n${label.slice(WRAP_AT)} ${numbers.join(' ')}`;
        })
        .join('\n');
    }
    if (layout === 'pdf-copy') return rows.map((cells) => cells.join(' ')).join('\n');
    if (layout === 'one-cell-per-line') return rows.map((cells) => cells.map((c) => `\t${c}`).join('\n')).join('\n\n');
    // Tab-separated, the label area padded to three cells as merged cells export, and some rows
    // losing (or gaining) a leading cell at random, as Word exports do.
    return rows
      .map((cells) => {
        const labels = cells.filter((c) => !/^\d*(\.\d+)?$/.test(c) || c === '');
        const numbers = cells.slice(labels.length);
        const pad = Array(Math.max(0, 3 - labels.length)).fill('');
        const shift = rnd() < 0.3 ? (rnd() < 0.5 ? -1 : 1) : 0;
        const lead = shift < 0 ? pad.slice(1) : shift > 0 ? ['', ...pad] : pad;
        return [...labels, ...lead, ...numbers].join('\t');
      })
      .join('\n');
  };
  return [
    r.title,
    '',
    `本报告所列数据统计期限自${r.year}年1月1日起至${r.year}年12月31日止。`,
    '一、总体情况',
    `${r.year}年，本机关认真落实政府信息公开工作要求。`,
    '二、主动公开政府信息情况',
    table(t2),
    '三、收到和处理政府信息公开申请情况',
    table(t3),
    '四、政府信息公开行政复议、行政诉讼情况',
    table(t4),
    '五、存在的主要问题及改进情况',
    '信息公开的及时性有待提高。',
  ].join('\n');
}

describe('label printings of generated reports', () => {
  const cases: [Layout, LabelStyle][] = [['pdf-copy', 'ascii'], ['pdf-copy', 'bare'], ['pdf-copy', 'wrapped'], ['tabs-shifted', 'ascii'], ['tabs-shifted', 'bare'], ['one-cell-per-line', 'bare']];
  for (const [layout, style] of cases) {
    for (const seed of ['6', '7', '8']) {
      it(`${layout}, labels ${style}, seed ${seed}`, () => {
        const agency = `测试县第${seed}局`;
        const record = generateRecord(`labels-${layout}-${style}-${seed}`, { agency, year: 2023, title: `${agency}2023年政府信息公开工作年度报告`, uri: 'r.txt', format: 'txt', size: 'large' });
        const r = record as unknown as ReportRecord;
        const got = documentToRecord(textToDocument(render(r, layout, seed, style)), { uri: 'r.txt', format: 'txt' });
        expect(compareRecord(r, got)).toEqual([]);
      });
    }
  }
});

describe('text layouts of generated reports', () => {
  for (const layout of ['pdf-copy', 'one-cell-per-line', 'tabs-shifted'] as const) {
    for (const seed of ['1', '2', '3', '4', '5']) {
      it(`${layout}, seed ${seed}`, () => {
        const agency = `测试县第${seed}局`;
        const record = generateRecord(`text-${layout}-${seed}`, { agency, year: 2022, title: `${agency}2022年政府信息公开工作年度报告`, uri: 'r.txt', format: 'txt', size: seed === '1' ? 'large' : 'small' });
        const r = record as unknown as ReportRecord;
        const text = render(r, layout, seed);
        const got = documentToRecord(textToDocument(text), { uri: 'r.txt', format: 'txt' });
        expect(compareRecord(r, got)).toEqual([]);
      });
    }
  }
});
