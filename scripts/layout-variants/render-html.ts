/**
 * A record drawn as an agency's HTML report, with the template tables laid out as agencies lay
 * them out in Word/WPS/Writer and on their sites: merged group cells (rowspan/colspan), header
 * cells over several rows, the 自然人 / 法人或其他组织 split header, label columns narrow enough
 * that a word processor wraps a label one or two characters per line. Every layout choice is a
 * field of `HtmlLayout`, drawn from a seed by `drawLayout`; the same layout and record always
 * give the same bytes.
 *
 * The HTML is written for two consumers: Chromium (CSS widths, `break-before` on rows, `<thead>`
 * repeated on every page) and LibreOffice Writer's HTML import (`width` attributes in px on
 * `<col>`, `@page` size and margins, `height` on rows, `<thead>` as repeated heading rows).
 */
import type { Cell, GoldenRecord } from './records.ts';
import { APPLICANT_HEADS, OUTCOME_GROUPS, ROW_LABEL } from '../../sample-web/render-report.ts';
import type { Rng } from './random.ts';

export type PageSize = 'A4' | 'A3';
export type BlankMark = '' | '/' | '—' | '－';

export interface PageBreaks {
  /** 'forced': `break-before: page` on rows (Chromium); 'tall': rows tall enough that one or two fill a page (Writer). */
  mode: 'forced' | 'tall';
  /** How many pages table 3 is asked to cross. */
  pages: number;
  /** Table-3 body rows (0 = first row after the header) that start a new page. */
  starts: number[];
}

export interface HtmlLayout {
  /** CSS font-family of the whole report (names agencies use; fontconfig substitutes what is missing). */
  font: string;
  bodyPt: number;
  tablePt: number;
  page: { size: PageSize; landscape: boolean; marginMm: number };
  /** Table width as a share of the text width, percent. */
  tableWidthPct: number;
  /** Label columns squeezed to a sliver (a word processor then wraps labels character by character). */
  narrowLabels: boolean;
  /** Value columns narrow too, so header cells (社会公益组织, 结果维持) wrap. */
  narrowHeads: boolean;
  padPt: number;
  /** How a blank (null) cell is printed. */
  blank: BlankMark;
  /** 1,234 for numbers of four digits and more. */
  thousands: boolean;
  /** Fees printed with four decimals (本年收费金额（单位：万元，保留4位小数）) where that does not round them. */
  feeFixed4: boolean;
  /** Table 3's header: 'standard' (three rows, 法人或其他组织 over five columns) or 'flat' (one row of seven). */
  head3: 'standard' | 'flat';
  /** The top-left header cell of table 3. */
  headerNote: 'formula' | 'empty' | 'item';
  /** Table 3's outcome labels: 'three' columns (三、本年度办理结果 merged down the first) or 'two' (a heading row of its own). */
  labelCols: 'three' | 'two';
  /** Which table-3 header rows are in `<thead>` (repeated on every page): all, the first only, or none. */
  headerRepeat: 'all' | 'part' | 'none';
  /** Cell borders: the `border="1"` attribute, a style on every cell (as Word's HTML has), or none at all (an unruled table). */
  borders: 'attr' | 'css' | 'none';
  title: 'h1' | 'p';
  /** Table 3 cut across pages, or null. */
  breaks: PageBreaks | null;
}

const FONTS = [
  '仿宋_GB2312, FangSong, serif',
  '宋体, SimSun, serif',
  '"Times New Roman", 宋体, serif',
  '黑体, SimHei, sans-serif',
  '"微软雅黑", "Microsoft YaHei", sans-serif',
  '"WenQuanYi Zen Hei", sans-serif',
  '"WenQuanYi Zen Hei Mono", monospace',
];

export interface LayoutWish {
  narrowLabels?: boolean;
  breaks?: PageBreaks['mode'] | null;
}

/** Seeded layout choices; `wish` pins what a variant class is about. */
export function drawLayout(r: Rng, wish: LayoutWish = {}): HtmlLayout {
  const landscape = r.chance(0.3);
  const size: PageSize = r.chance(0.25) ? 'A3' : 'A4';
  const narrowLabels = wish.narrowLabels ?? r.chance(0.2);
  const blank = r.weighted<BlankMark>([['', 4], ['/', 2], ['—', 2], ['－', 1]]);
  const layout: HtmlLayout = {
    font: r.pick(FONTS),
    bodyPt: r.pick([12, 14, 15, 16]),
    tablePt: r.pick([9, 10, 10.5, 10.5, 12]),
    page: { size, landscape, marginMm: r.int(12, 30) },
    tableWidthPct: r.pick([100, 100, 95, 90, 80]),
    narrowLabels,
    narrowHeads: narrowLabels ? r.chance(0.6) : r.chance(0.15),
    padPt: r.pick([0, 1, 2, 4, 6]),
    blank,
    thousands: r.chance(0.15),
    feeFixed4: r.chance(0.3),
    head3: r.chance(0.8) ? 'standard' : 'flat',
    headerNote: r.weighted([['formula', 5], ['empty', 2], ['item', 2]] as const),
    labelCols: r.chance(0.8) ? 'three' : 'two',
    headerRepeat: r.weighted([['all', 3], ['part', 2], ['none', 2]] as const),
    borders: r.weighted([['attr', 5], ['css', 4], ['none', 1]] as const),
    title: r.chance(0.5) ? 'h1' : 'p',
    breaks: null,
  };
  if (wish.breaks) {
    const pages = r.int(5, 10);
    layout.breaks = { mode: wish.breaks, pages, starts: [] };
  }
  return layout;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The printed form of a cell's number. */
export function formatNumber(v: number | string | null | undefined, layout: HtmlLayout, kind: 'int' | 'fee' | 'signed' = 'int'): string {
  if (v === null || v === undefined) return layout.blank;
  if (typeof v === 'string') return v;
  if (kind === 'fee' && layout.feeFixed4 && Math.abs(Number(v.toFixed(4)) - v) < 1e-12 && v !== 0) return v.toFixed(4);
  const plain = layout.thousands && Math.abs(v) >= 1000 && Number.isInteger(v) ? Math.abs(v).toLocaleString('en-US') : String(Math.abs(v));
  const sign = v < 0 ? '-' : kind === 'signed' && v > 0 ? '+' : '';
  return sign + plain;
}

/** Page geometry in pt. */
export function pageBox(layout: HtmlLayout): { width: number; height: number; contentWidth: number; contentHeight: number } {
  const [w, h] = layout.page.size === 'A3' ? [841.89, 1190.55] : [595.28, 841.89];
  const [width, height] = layout.page.landscape ? [h, w] : [w, h];
  const m = (layout.page.marginMm * 72) / 25.4;
  return { width, height, contentWidth: width - 2 * m, contentHeight: height - 2 * m };
}

// ---------------------------------------------------------------------------------------------
// Tables

interface Td {
  text: string;
  rowspan?: number;
  colspan?: number;
  head?: boolean;
}

interface Row {
  cells: Td[];
  /** Extra attributes of the `<tr>` (page breaks, heights). */
  style?: string;
  heightPt?: number;
}

/**
 * Column widths in px (96 dpi) for Writer's `<col width>` and in percent for Chromium's CSS.
 * `labels` label columns (the first `labels - 1` may be slivers), `values` value columns.
 */
function colgroup(layout: HtmlLayout, labels: number[], values: number): string {
  const box = pageBox(layout);
  const tablePx = Math.round(((box.contentWidth * layout.tableWidthPct) / 100) * (96 / 72));
  const narrowPx = 1; // Writer and Chromium both widen a sliver to the widest unbreakable piece
  const valueWeight = layout.narrowHeads ? 0.6 : 1;
  // Squeezed: group columns a sliver, the sub-label column a third of a value column.
  const labelWeights = labels.map((w) => (layout.narrowLabels ? (w < 2 ? 0 : 0.35) : w));
  const total = labelWeights.reduce((s, w) => s + w, 0) + values * valueWeight;
  const px = [...labelWeights.map((w) => (w === 0 ? narrowPx : Math.round((tablePx * w) / total))), ...Array(values).fill(Math.round((tablePx * valueWeight) / total))];
  const sum = px.reduce((s, w) => s + w, 0);
  return `<colgroup>${px.map((w) => `<col width="${w}" style="width:${((100 * w) / sum).toFixed(2)}%">`).join('')}</colgroup>`;
}

function tableHtml(layout: HtmlLayout, cols: string, head: Row[], body: Row[]): string {
  const border = layout.borders === 'attr' ? ' border="1" cellspacing="0"' : ' cellspacing="0"';
  // Writer's HTML import takes cell borders from the cell's own style, not from a style sheet.
  const cellStyle = layout.borders === 'css' ? ' style="border:1px solid #000"' : '';
  const cellpadding = ` cellpadding="${Math.round((layout.padPt * 96) / 72)}"`;
  const tr = (row: Row) => {
    const style = [row.style, row.heightPt ? `height:${row.heightPt}pt` : ''].filter(Boolean).join(';');
    const height = row.heightPt ? ` height="${Math.round((row.heightPt * 96) / 72)}"` : '';
    const cells = row.cells.map((c, i) => {
      const tag = c.head ? 'th' : 'td';
      const attrs = `${c.rowspan && c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}${c.colspan && c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}${i === 0 ? height : ''}`;
      return `<${tag}${attrs}${cellStyle}>${esc(c.text)}</${tag}>`;
    });
    return `<tr${style ? ` style="${style}"` : ''}>${cells.join('')}</tr>`;
  };
  const thead = head.length ? `<thead>\n${head.map(tr).join('\n')}\n</thead>\n` : '';
  return `<table${border}${cellpadding} width="${layout.tableWidthPct}%" style="border-collapse:collapse;width:${layout.tableWidthPct}%">\n${cols}\n${thead}<tbody>\n${body.map(tr).join('\n')}\n</tbody>\n</table>`;
}

/** Table 2, in the record's template (2021: three 20条 groups of four columns; 2019: the eight-row form). */
export function table2(record: GoldenRecord, layout: HtmlLayout): string {
  const ad = record.active_disclosure ?? {};
  const f = (v: number | string | null | undefined, kind: 'int' | 'fee' | 'signed' = 'int') => formatNumber(v, layout, kind);
  const rows: Row[] = [];
  const group = (item: string) => rows.push({ cells: [{ text: `第二十条第（${item}）项`, colspan: 4 }] });
  const head = (...texts: [string, number][]) => rows.push({ cells: texts.map(([text, colspan]) => ({ text, colspan })) });
  if (record.template === '2021') {
    group('一');
    head(['信息内容', 1], ['本年制发件数', 1], ['本年废止件数', 1], ['现行有效件数', 1]);
    for (const [key, label] of [['regulations', '规章'], ['normative_documents', '行政规范性文件']] as const) {
      const r = ad[key];
      if (r) rows.push({ cells: [{ text: label }, { text: f(r.issued) }, { text: f(r.repealed) }, { text: f(r.in_force) }] });
    }
    group('五');
    head(['信息内容', 1], ['本年处理决定数量', 3]);
    if (ad.licensing) rows.push({ cells: [{ text: '行政许可' }, { text: f(ad.licensing.decisions), colspan: 3 }] });
    group('六');
    head(['信息内容', 1], ['本年处理决定数量', 3]);
    for (const [key, label] of [['punishment', '行政处罚'], ['enforcement', '行政强制']] as const) {
      const r = ad[key];
      if (r) rows.push({ cells: [{ text: label }, { text: f(r.decisions), colspan: 3 }] });
    }
    group('八');
    head(['信息内容', 1], ['本年收费金额（单位：万元）', 3]);
    if (ad.fees) rows.push({ cells: [{ text: '行政事业性收费' }, { text: f(ad.fees.amount_10k_yuan, 'fee'), colspan: 3 }] });
  } else {
    group('一');
    head(['信息内容', 1], ['本年新制作数量', 1], ['本年新公开数量', 1], ['对外公开总数量', 1]);
    for (const [key, label] of [['regulations', '规章'], ['normative_documents', '规范性文件']] as const) {
      const r = ad[key];
      if (r) rows.push({ cells: [{ text: label }, { text: f(r.made) }, { text: f(r.published) }, { text: f(r.published_total) }] });
    }
    const items = (item: string, pairs: [string, string][]) => {
      group(item);
      head(['信息内容', 1], ['上一年项目数量', 1], ['本年增/减', 1], ['处理决定数量', 1]);
      for (const [key, label] of pairs) {
        const r = ad[key];
        if (r) rows.push({ cells: [{ text: label }, { text: f(r.items_prev_year) }, { text: f(r.items_change, 'signed') }, { text: f(r.decisions) }] });
      }
    };
    items('五', [['licensing', '行政许可'], ['other_services', '其他对外管理服务事项']]);
    items('六', [['punishment', '行政处罚'], ['enforcement', '行政强制']]);
    group('八');
    head(['信息内容', 1], ['上一年项目数量', 1], ['本年增/减', 2]);
    if (ad.fees) rows.push({ cells: [{ text: '行政事业性收费' }, { text: f(ad.fees.items_prev_year) }, { text: f(ad.fees.items_change, 'signed'), colspan: 2 }] });
    group('九');
    head(['信息内容', 1], ['采购项目数量', 1], ['采购总金额', 2]);
    const p = ad.procurement;
    if (p) rows.push({ cells: [{ text: '政府集中采购' }, { text: f(p.projects) }, { text: p.amount === null || p.amount === undefined ? layout.blank : `${f(p.amount)}${p.amount_unit ?? ''}`, colspan: 2 }] });
  }
  return tableHtml(layout, colgroup(layout, [layout.narrowLabels ? 1 : 3], 3), [], rows);
}

const APPLICANTS = APPLICANT_HEADS;
const NOTE = { formula: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', empty: '', item: '项目' };

/** The body rows of table 3 (label cells, then seven value cells), in printed order. */
export function table3BodyRows(record: GoldenRecord, layout: HtmlLayout): Row[] {
  const apps = record.applications ?? {};
  const values = (key: string): Td[] => (apps[key] ?? []).map((v: Cell) => ({ text: formatNumber(v, layout) }));
  const L = layout.labelCols === 'three' ? 3 : 2;
  const rows: Row[] = [];
  for (const key of ['new_received', 'carried_over']) if (apps[key]) rows.push({ cells: [{ text: ROW_LABEL[key]!, colspan: L }, ...values(key)] });
  const present = (rs: string[]) => rs.filter((r) => apps[r]);
  const outcomeCount = OUTCOME_GROUPS.reduce((n, g) => n + present(g.rows).length, 0);
  if (L === 2 && outcomeCount) rows.push({ cells: [{ text: '三、本年度办理结果', colspan: L }, { text: '', colspan: 7 }] });
  let first = true;
  for (const g of OUTCOME_GROUPS) {
    const rs = present(g.rows);
    rs.forEach((key, i) => {
      const cells: Td[] = [];
      if (L === 3 && first) cells.push({ text: '三、本年度办理结果', rowspan: outcomeCount });
      first = false;
      if (g.label) {
        if (i === 0) cells.push({ text: g.label, rowspan: rs.length });
        cells.push({ text: ROW_LABEL[key]! });
      } else cells.push({ text: ROW_LABEL[key]!, colspan: 2 });
      rows.push({ cells: [...cells, ...values(key)] });
    });
  }
  if (apps.carried_forward) rows.push({ cells: [{ text: ROW_LABEL.carried_forward!, colspan: L }, ...values('carried_forward')] });
  return rows;
}

/** Table 3 with its header, page breaks and repeated header rows as the layout says. */
export function table3(record: GoldenRecord, layout: HtmlLayout): string {
  const L = layout.labelCols === 'three' ? 3 : 2;
  const note = NOTE[layout.headerNote];
  let head: Row[];
  if (layout.head3 === 'flat') head = [{ cells: [{ text: note || '项目', colspan: L, head: true }, ...[...APPLICANTS, '总计'].map((text) => ({ text, head: true }))] }];
  else
    head = [
      { cells: [{ text: note, colspan: L, rowspan: 3, head: true }, { text: '申请人情况', colspan: 7, head: true }] },
      { cells: [{ text: APPLICANTS[0]!, rowspan: 2, head: true }, { text: '法人或其他组织', colspan: 5, head: true }, { text: '总计', rowspan: 2, head: true }] },
      { cells: APPLICANTS.slice(1).map((text) => ({ text, head: true })) },
    ];
  if (layout.head3 === 'standard' && layout.headerRepeat === 'part') {
    // Only the first header row repeats: a rowspan cannot cross <thead>, so the rest of the
    // header is a flat row of the applicant columns (as Word's 标题行重复 on the first row only).
    head = [
      { cells: [{ text: note || '项目', colspan: L, head: true }, { text: '申请人情况', colspan: 7, head: true }] },
      { cells: [{ text: '', colspan: L, head: true }, ...[...APPLICANTS, '总计'].map((text) => ({ text, head: true }))] },
    ];
  }
  const body = table3BodyRows(record, layout);
  const repeated = layout.headerRepeat === 'all' ? head.length : layout.headerRepeat === 'part' ? 1 : 0;
  const thead = head.slice(0, repeated);
  const rest = [...head.slice(repeated), ...body];
  const offset = head.length - repeated;
  if (layout.breaks) applyBreaks(layout, body, offset, rest, head.length);
  return tableHtml(layout, colgroup(layout, L === 3 ? [1, 1, 4] : [1, 4], 7), thead, rest);
}

/**
 * Table 3 across `breaks.pages` pages: the first page holds the first rows, every later page
 * one or two rows. 'forced' puts `break-before: page` on the row starting each page; 'tall'
 * makes those rows so tall that one (80% of the page) or two (45% each) fill a page.
 */
function applyBreaks(layout: HtmlLayout, body: Row[], offset: number, rest: Row[], headRows: number): void {
  const b = layout.breaks!;
  const box = pageBox(layout);
  const starts = b.starts;
  if (!starts.length) return;
  const headPt = headRows * (layout.tablePt * 1.6 + 2 * layout.padPt);
  const usable = box.contentHeight - (layout.headerRepeat === 'none' ? 0 : headPt);
  for (let s = 0; s < starts.length; s++) {
    const from = starts[s]!;
    const to = s + 1 < starts.length ? starts[s + 1]! : body.length;
    const row = rest[offset + from]!;
    if (b.mode === 'forced') row.style = 'break-before:page;page-break-before:always';
    else {
      const n = to - from;
      for (let k = from; k < to; k++) rest[offset + k]!.heightPt = Math.floor(usable * (n === 1 ? 0.8 : 0.45));
    }
  }
}

/** Chooses where table 3's later pages start: `pages - 1` chunks of one or two rows at the end of the table. */
export function chooseBreaks(r: Rng, bodyRows: number, pages: number): number[] {
  const sizes: number[] = [];
  for (let i = 0; i < pages - 1; i++) sizes.push(r.int(1, 2));
  while (sizes.reduce((s, x) => s + x, 0) > bodyRows - 2) sizes[sizes.indexOf(2)] = 1;
  const starts: number[] = [];
  let at = bodyRows;
  for (let i = sizes.length - 1; i >= 0; i--) {
    at -= sizes[i]!;
    starts.unshift(at);
  }
  return starts;
}

/** Table 4: two header rows and one row of fifteen numbers. */
export function table4(record: GoldenRecord, layout: HtmlLayout): string {
  const rl = record.review_litigation ?? {};
  const heads = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  const fields = ['upheld', 'corrected', 'other', 'pending', 'total'];
  const values = (['review', 'litigation_direct', 'litigation_after_review'] as const).flatMap((g) => fields.map((f) => ({ text: formatNumber(rl[g]?.[f] ?? null, layout) })));
  const rows: Row[] = [
    { cells: [{ text: '行政复议', colspan: 5, head: true }, { text: '行政诉讼', colspan: 10, head: true }] },
    { cells: [...heads.map((text) => ({ text, rowspan: 2, head: true })), { text: '未经复议直接起诉', colspan: 5, head: true }, { text: '复议后起诉', colspan: 5, head: true }] },
    { cells: [...heads, ...heads].map((text) => ({ text, head: true })) },
    { cells: values },
  ];
  return tableHtml({ ...layout, narrowLabels: false }, colgroup({ ...layout, narrowLabels: false }, [], 15), [], rows);
}

// ---------------------------------------------------------------------------------------------
// The page

export const HEADING_3 = '三、收到和处理政府信息公开申请情况';
export const HEADING_4 = '四、政府信息公开行政复议、行政诉讼情况';

function css(layout: HtmlLayout): string {
  const size = `${layout.page.size}${layout.page.landscape ? ' landscape' : ''}`;
  const box = pageBox(layout);
  return [
    // Writer reads the size in centimetres; Chromium honours either.
    `@page { size: ${((box.width * 2.54) / 72).toFixed(2)}cm ${((box.height * 2.54) / 72).toFixed(2)}cm; margin: ${layout.page.marginMm}mm }`,
    `/* ${size} */`,
    `body { font-family: ${layout.font}; font-size: ${layout.bodyPt}pt; line-height: 1.5 }`,
    `h1, p.title { text-align: center; font-size: ${layout.bodyPt + 6}pt; font-weight: bold }`,
    `h3 { font-size: ${layout.bodyPt}pt; font-weight: bold }`,
    `p { text-indent: 2em; margin: 0.2em 0 }`,
    `table { border-collapse: collapse; font-size: ${layout.tablePt}pt; line-height: 1.2 }`,
    `td, th { font-weight: normal; text-align: center; vertical-align: middle; font-size: ${layout.tablePt}pt; padding: ${layout.padPt}pt }`,
    `tr { page-break-inside: avoid; break-inside: avoid }`,
  ].join('\n');
}

const p = (text: string) => `<p>${esc(text)}</p>`;

/** The narrative of a template report; it names a few of the table's figures, as reports do. */
function narrative(record: GoldenRecord): { intro: string[]; s1: string[]; s5: string[]; s6: string[] } {
  const { agency, year } = record;
  const apps = record.applications ?? {};
  const received = apps.new_received?.[6];
  const forward = apps.carried_forward?.[6];
  return {
    intro: [`本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》要求，由${agency}编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议及行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`],
    s1: [
      `${year}年，${agency}认真贯彻落实《条例》和上级关于政务公开工作的部署要求，不断健全政府信息公开工作机制，持续提升政务公开质效。`,
      `（一）主动公开。全年通过门户网站主动公开政府信息，及时发布政策文件、财政资金、重点领域等信息，并做好政策解读和回应关切工作。`,
      typeof received === 'number' ? `（二）依申请公开。全年共收到政府信息公开申请${received}件，均在法定期限内答复${typeof forward === 'number' && forward ? `，${forward}件结转下年度办理` : ''}。` : `（二）依申请公开。严格按照《条例》规定的时限和程序办理政府信息公开申请。`,
      `（三）政府信息管理。严格落实公开前保密审查制度，规范信息发布流程，及时清理更新过期信息。`,
      `（四）平台建设。优化政府网站政府信息公开专栏，规范栏目设置，提升信息检索便利度。`,
    ],
    s5: [`${year}年，${agency}政府信息公开工作取得了一定成效，但仍存在公开内容不够全面、政策解读形式较为单一等问题。下一步，将进一步加强业务培训，丰富解读形式，提高信息发布质量。`],
    s6: [`${agency}无其他需要报告的事项。`],
  };
}

/** The whole report as an HTML document. */
export function renderReportHtml(record: GoldenRecord, layout: HtmlLayout): string {
  const n = narrative(record);
  const title = layout.title === 'h1' ? `<h1>${esc(record.title)}</h1>` : `<p class="title" style="text-indent:0">${esc(record.title)}</p>`;
  const parts = [
    title,
    ...n.intro.map(p),
    `<h3>一、总体情况</h3>`,
    ...n.s1.map(p),
    `<h3>二、主动公开政府信息情况</h3>`,
    table2(record, layout),
    `<h3>${HEADING_3}</h3>`,
    table3(record, layout),
    `<h3>${HEADING_4}</h3>`,
    table4(record, layout),
    `<h3>五、存在的主要问题及改进情况</h3>`,
    ...n.s5.map(p),
    `<h3>六、其他需要报告的事项</h3>`,
    ...n.s6.map(p),
  ];
  return htmlDocument(record.title, css(layout), parts);
}

export function htmlDocument(title: string, style: string, parts: string[]): string {
  return `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>\n<style>\n${style}\n</style></head>\n<body>\n${parts.join('\n')}\n</body></html>\n`;
}

export { css as reportCss, esc };
