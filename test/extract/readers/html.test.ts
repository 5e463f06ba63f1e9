import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { Block, Document, Grid, Paragraph } from '../../../extract/document.ts';
import { joinSplitTables } from '../../../extract/layout/repairs.ts';
import { readHtml } from '../../../extract/readers/html.ts';
import { STATIC_GBK_PATH, staticGbkBytes } from '../../fixtures/docs/html/static-gbk.generate.ts';
import { corpusDir } from '../../support/corpus.ts';

const FIXTURES = new URL('../../fixtures/docs/html/', import.meta.url);
const REAL_PAGE = `${corpusDir('real')}shuyang-fgj-2023.html`;

const readFixture = (name: string) => readHtml(readFileSync(new URL(name, FIXTURES)), name);
const grids = (doc: Document | Block[]) => ('blocks' in doc ? doc.blocks : doc).filter((b): b is Grid => b.kind === 'grid');
const paragraphs = (doc: Document) => doc.blocks.filter((b): b is Paragraph => b.kind === 'paragraph');
const allText = (doc: Document) =>
  doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.rows.map((r) => r.map((c) => c.text).join('|')).join('\n'))).join('\n');
const texts = (g: Grid) => g.rows.map((r) => r.map((c) => c.text));

/** Table 3 rows below the three header rows, as the 2021 template lays them out (label columns 0–2). */
const TABLE3_LABEL_ROWS = [
  ['一、本年新收政府信息公开申请数量', '一、本年新收政府信息公开申请数量', '一、本年新收政府信息公开申请数量'],
  ['二、上年结转政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '二、上年结转政府信息公开申请数量'],
  ['三、本年度办理结果', '（一）予以公开', '（一）予以公开'],
  ['三、本年度办理结果', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'],
  ['三、本年度办理结果', '（三）不予公开', '1.属于国家秘密'],
];

/**
 * Checks a 2021-template table 3 grid: 3 header rows, 25 data rows, every data row with its
 * label in columns 0–2 and its seven numbers exactly in columns 3–9.
 */
function expectTable3Layout(g: Grid, numbers: Record<number, string[]>) {
  expect(g.positional).toBe(true);
  expect(g.rows).toHaveLength(28);
  for (const row of g.rows) expect(row).toHaveLength(10);
  expect(texts(g)[2]!.slice(3)).toEqual(['自然人', '商业 企业', '科研 机构', '社会公益组织', '法律服务机构', '其他', '总计'].map((t, i) => (i === 0 ? texts(g)[2]![3]! : t)));
  TABLE3_LABEL_ROWS.forEach((labels, i) => expect(texts(g)[3 + i]!.slice(0, 3)).toEqual(labels));
  // The group label (rowspan=22) is on each of its 22 rows, as copies of row 5 col 0.
  for (let r = 5; r < 27; r++) {
    expect(g.rows[r]![0]!.text).toBe('三、本年度办理结果');
    if (r > 5) expect(g.rows[r]![0]).toMatchObject({ spanned: true, originRow: 5, originCol: 0 });
  }
  expect(texts(g)[27]!.slice(0, 3)).toEqual(Array(3).fill('四、结转下年度继续办理'));
  for (const [row, values] of Object.entries(numbers)) expect(texts(g)[Number(row)]!.slice(3)).toEqual(values);
  for (let r = 3; r < 28; r++) for (let c = 3; c < 10; c++) expect(g.rows[r]![c]!.spanned).toBeUndefined();
}

describe('readHtml on a TRS page (.TRS_Editor, xxgk_table, Word markup)', async () => {
  const doc = await readFixture('trs-county-bureau.html');

  it('reads title, date and publisher from the meta tags', () => {
    expect(doc.format).toBe('html');
    expect(doc.meta).toEqual({ title: '清河县农业农村局2023年政府信息公开工作年度报告', published: '2024-01-18', publisher: '清河县农业农村局' });
  });

  it('keeps the article body and drops navigation, breadcrumb, metadata table, share bar, buttons, related links, footer', () => {
    const text = allText(doc);
    expect(paragraphs(doc)[0]!.text).toBe('本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。本报告所列数据的统计期限为2023年1月1日至2023年12月31日。');
    for (const chrome of ['走进清河', '当前位置', '索引号', '分享到', '打印本页', '相关文章', '清河县水利局', '主办单位', '附件']) expect(text).not.toContain(chrome);
    expect(paragraphs(doc).at(-1)!.text).toBe('本年度未收取信息处理费。');
  });

  it('joins numbers and labels split across spans without separators', () => {
    expect(paragraphs(doc)[2]!.text).toContain('主动公开政府信息214条');
    const [t2, t3] = grids(doc);
    expect(texts(t2!)[6]).toEqual(['行政许可', '156', '156', '156']);
    expect(texts(t2!)[3]).toEqual(['行政规范性文件', '3', '1', '25']);
    expect(texts(t3!)[3]!.slice(3)).toEqual(['12', '1', '0', '0', '0', '0', '13']);
    expect(texts(t3!)[5]![1]).toBe('（一）予以公开');
    expect(texts(t3!)[1]![9]).toBe('总计');
  });

  it('expands table 3 rowspan/colspan so every number sits at its true column', () => {
    const t3 = grids(doc)[1]!;
    expectTable3Layout(t3, {
      3: ['12', '1', '0', '0', '0', '0', '13'],
      5: ['8', '1', '0', '0', '0', '0', '9'],
      10: ['1', '0', '0', '0', '0', '0', '1'],
      15: ['2', '0', '0', '0', '0', '0', '2'],
      26: ['12', '1', '0', '0', '0', '0', '13'],
      27: ['1', '0', '0', '0', '0', '0', '1'],
    });
    // （三）不予公开 rowspan=8 sits in column 1 of rows 7–14.
    for (let r = 7; r < 15; r++) expect(t3.rows[r]![1]!.text).toBe('（三）不予公开');
    expect(t3.rows[8]![1]).toMatchObject({ spanned: true, originRow: 7, originCol: 1 });
    expect(t3.rows[7]![3]!.at).toBe('table 2 row 8 col 4');
  });

  it('reads &nbsp; cells as empty strings, in place', () => {
    const t3 = grids(doc)[1]!;
    for (let r = 18; r < 23; r++) expect(texts(t3)[r]!.slice(3)).toEqual(['0', '0', '0', '0', '0', '', '0']);
  });

  it('never reads a table that a script would write', () => {
    expect(allText(doc)).not.toContain('999');
    expect(grids(doc)).toHaveLength(3);
  });

  it('reads table 4 with its two header rows expanded to 15 columns', () => {
    const t4 = grids(doc)[2]!;
    expect(texts(t4)[0]!.slice(4, 6)).toEqual(['行政复议', '行政诉讼']);
    expect(texts(t4)[2]![0]).toBe('结果 维持');
    expect(texts(t4)[3]).toEqual(['2', '0', '1', '0', '3', '1', '0', '0', '0', '1', '0', '0', '0', '0', '0']);
  });
});

describe('readHtml on a Hanweb jcms page (ContentStart/ContentEnd, #zoom, xxgk_meta)', async () => {
  const doc = await readFixture('hanweb-town.html');

  it('takes the title from the article heading and prefers 发布日期 over 成文日期', () => {
    expect(doc.meta).toEqual({ title: '2023年下河镇政府信息公开工作年度报告', published: '2024-01-16', publisher: '下河镇' });
  });

  it('reads only between the content markers', () => {
    const text = allText(doc);
    expect(paragraphs(doc)[0]!.text).toMatch(/^根据《中华人民共和国政府信息公开条例》规定/);
    for (const chrome of ['点击查看解读', '相关文章', '索 引 号', '当前位置', '访问次数', '浙ICP备']) expect(text).not.toContain(chrome);
  });

  it('breaks text at <br>', () => {
    const p = paragraphs(doc).map((x) => x.text);
    const at = p.indexOf('一、总体情况');
    expect(p.slice(at, at + 4)).toEqual([
      '一、总体情况',
      '（一）主动公开情况。2023年，下河镇通过政府门户网站主动公开政府信息128条。',
      '（二）依申请公开情况。全年共收到政府信息公开申请6件，均已按时答复。',
      '（三）政府信息管理。严格落实信息发布审核制度。',
    ]);
    expect(p.slice(-2)).toEqual(['下河镇人民政府', '2024年1月12日']);
  });

  it('emits a split table and a header-only table as separate grids, in order', () => {
    expect(grids(doc).map((g) => [g.rows.length, g.rows[0]!.length])).toEqual([[4, 4], [10, 4], [3, 10], [25, 10], [4, 15]]);
  });

  it('joinSplitTables makes them one table each, with a note, and never joins across a heading', () => {
    const joined = grids(joinSplitTables(doc.blocks));
    expect(joined.map((g) => g.rows.length)).toEqual([14, 28, 4]);
    expect(joined[0]!.notes).toEqual(['joined table 1 and table 2 into one table: consecutive, nothing between them, same 4 columns']);
    expect(joined[1]!.notes![0]).toMatch(/^joined table 3 and table 4/);
    expect(joined[2]!.notes).toBeUndefined();
    expectTable3Layout(joined[1]!, { 3: ['6', '0', '0', '0', '0', '0', '6'], 15: ['1', '0', '0', '0', '0', '0', '1'], 26: ['6', '0', '0', '0', '0', '0', '6'] });
  });
});

describe('readHtml on a gkmlpt page (.article-content, div-table, metadata items)', async () => {
  const doc = await readFixture('gkmlpt-city-bureau.html');

  it('reads the meta; an empty PubDate falls back to 发布日期, not 成文日期', () => {
    expect(doc.meta).toEqual({ title: '清河市交通运输局2024年政府信息公开工作年度报告', published: '2025-01-22', publisher: '清河市交通运输局' });
  });

  it('keeps heading levels and drops the attachment link line and crumbs', () => {
    expect(paragraphs(doc).filter((p) => p.heading === 2).map((p) => p.text)[0]).toBe('一、总体情况');
    expect(allText(doc)).not.toContain('附件');
    expect(allText(doc)).not.toContain('政府信息公开工作年度报告 /');
  });

  it('reads a table drawn with divs (display:table from class rules, data-colspan) as a grid', () => {
    const t2 = grids(doc)[0]!;
    expect(t2.positional).toBe(true);
    expect(texts(t2)[0]).toEqual(Array(4).fill('第二十条第（一）项'));
    expect(t2.rows[0]![3]).toMatchObject({ spanned: true, originRow: 0, originCol: 0 });
    expect(texts(t2)[3]).toEqual(['行政规范性文件', '2', '0', '11']);
    expect(texts(t2)[6]).toEqual(['行政许可', '1,024', '1,024', '1,024']);
    expect(texts(t2)[13]).toEqual(['行政事业性收费', '12.5', '12.5', '12.5']);
  });

  it('a table 3 cut in two with the group label repeated joins back to the template layout', () => {
    expect(grids(doc).map((g) => g.rows.length)).toEqual([14, 18, 10, 4]);
    const t3 = grids(joinSplitTables(doc.blocks))[1]!;
    expect(t3.rows).toHaveLength(28);
    expect(texts(t3)[18]!).toEqual(['三、本年度办理结果', '（五）不予处理', '1.信访举报投诉类申请', '2', '0', '0', '0', '0', '0', '2']);
    expect(texts(t3)[26]!.slice(3)).toEqual(['32', '2', '0', '0', '1', '0', '35']);
  });
});

describe('readHtml on a small static GBK page laid out in nested tables', async () => {
  const doc = await readHtml(readFileSync(STATIC_GBK_PATH), 'static-gbk.html');

  it('is the generator output, declares gb2312 and holds characters only GB18030 encodes', () => {
    const bytes = readFileSync(STATIC_GBK_PATH);
    expect(bytes.equals(staticGbkBytes())).toBe(true);
    expect(bytes.includes(Buffer.from('charset=gb2312'))).toBe(true);
    expect(bytes.includes(Buffer.from('䶮', 'utf8'))).toBe(false);
  });

  it('decodes GB2312/GBK/GB18030 text, characters outside GB2312 included', () => {
    expect(doc.warnings).toEqual([]);
    expect(allText(doc)).toContain('联系人：李堃、王喆；地址：兴河镇䶮山路8号。');
  });

  it('reads the title from <title> without the site suffix, and 时间：/发布机构： from the info line', () => {
    expect(doc.meta).toEqual({ title: '兴河镇2023年政府信息公开工作年度报告', published: '2024-01-20', publisher: '兴河镇' });
  });

  it('emits the inner data tables, not the layout tables around them, and no menu', () => {
    expect(grids(doc).map((g) => [g.rows.length, g.rows[0]!.length])).toEqual([[4, 4], [4, 15]]);
    expect(allText(doc)).not.toContain('网站首页');
    expect(allText(doc)).not.toContain('政府信息公开指南');
    expect(paragraphs(doc)[0]!.text).toBe('根据《中华人民共和国政府信息公开条例》要求，现公布兴河镇2023年政府信息公开工作年度报告。');
  });
});

describe('readHtml on the real page shuyang-fgj-2023.html', async () => {
  const doc = await readHtml(readFileSync(REAL_PAGE), REAL_PAGE);

  it('finds the report title, date and publisher behind the collector block and site chrome', () => {
    expect(doc.meta).toEqual({ title: '沭阳县发展和改革局2023年政府信息公开年度报告', published: '2024-01-17', publisher: '沭阳县发展和改革局' });
    expect(paragraphs(doc)[0]!.text).toMatch(/^根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求/);
    expect(allText(doc)).not.toContain('采集时间');
    expect(allText(doc)).not.toContain('走进沭阳');
  });

  it('joins the statistics year split across spans', () => {
    expect(paragraphs(doc)[0]!.text).toContain('统计时限为2023年1月1日至2023年12月31日');
  });

  it('puts 自然人 and 总计 at the right columns of table 3, with the five 法人或其他组织 cells empty', () => {
    const t3 = grids(doc).find((g) => g.rows.length === 28)!;
    const values = (n: string) => [n, '', '', '', '', '', n];
    expectTable3Layout(t3, { 3: values('26'), 4: values('0'), 5: values('26'), 6: values('0'), 25: values('0'), 26: values('26'), 27: values('0') });
    for (let r = 3; r < 28; r++) expect(texts(t3)[r]!.slice(4, 9)).toEqual(['', '', '', '', '']);
    expect(texts(t3)[0]![0]).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(texts(t3)[1]![3]).toBe('自然人');
    expect(grids(doc).map((g) => g.rows[0]!.length)).toEqual([4, 10, 15]);
  });
});

describe('readHtml on bad input', () => {
  const MB = 1024 * 1024;
  const read = (html: string | Buffer, source = 'bad.html') => readHtml(typeof html === 'string' ? Buffer.from(html) : html, source);

  it('reads a 20 MB page (a long report body and a huge table) up to the element limit, and says where it stopped', async () => {
    const paragraph = '<p><span>本机关2023年主动公开政府信息</span><span>1</span><span>20条，收到政府信息公开申请15件。</span></p>\n';
    const row = '<tr><td>行政许可</td><td><span>1</span><span>2</span></td><td>&nbsp;</td><td colspan="2">3</td></tr>\n';
    const half = 10 * MB;
    const html = `<html><head><meta charset="utf-8"><title>大页面</title></head><body><div id="zoom">${paragraph.repeat(Math.ceil(half / Buffer.byteLength(paragraph)))}<table>${row.repeat(Math.ceil(half / row.length))}</table></div></body></html>`;
    expect(Buffer.byteLength(html)).toBeGreaterThan(20 * MB);
    const doc = await read(html);
    // 200,000 elements are parsed (four a paragraph here): the page before the limit is read whole.
    expect(paragraphs(doc).length).toBeGreaterThan(49_000);
    expect(paragraphs(doc).length).toBeLessThanOrEqual(50_000);
    expect(paragraphs(doc)[0]!.text).toBe('本机关2023年主动公开政府信息120条，收到政府信息公开申请15件。');
    // The cut falls inside the last paragraph: the parser closes what is open there.
    expect(paragraphs(doc).at(-1)!.text.startsWith('本机关2023年')).toBe(true);
    expect(grids(doc)).toEqual([]);
    expect(doc.cut).toMatch(/^HTML more than 200000 elements from character \d+ of \d+; only the page before it is read$/);
    expect(doc.warnings).toEqual([doc.cut]);
  });

  it('bounds a table of huge spans and says so', async () => {
    const doc = await read(`<table>${'<tr><td colspan="1000" rowspan="1000">x</td><td>1</td></tr>'.repeat(2000)}</table>`);
    expect(doc.warnings.some((w) => /table 1: .*table size limit/.test(w))).toBe(true);
    const cells = grids(doc)[0]!.rows.reduce((n, r) => n + r.length, 0);
    expect(cells).toBeLessThanOrEqual(250_000 + 2000 * 2);
  });

  it('refuses markup nested 100,000 deep with an error naming the file, instead of hanging', async () => {
    await expect(read('<div>'.repeat(100_000) + 'x', 'deep.html')).rejects.toThrow(/^deep\.html: HTML nested more than 5000 elements deep; not parsed$/);
  });

  it('decodes a UTF-8 BOM page, and a GBK page that declares nothing (with a warning)', async () => {
    const utf8 = await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>政府信息公开</p>')]));
    expect(paragraphs(utf8)[0]!.text).toBe('政府信息公开');
    const gbk = await read(iconv.encode('<html><body><p>联系人：李堃、王喆；地址：兴河镇䶮山路8号。</p></body></html>', 'gb18030'));
    expect(gbk.warnings).toEqual(['no charset declared; decoded as gb18030']);
    expect(paragraphs(gbk)[0]!.text).toBe('联系人：李堃、王喆；地址：兴河镇䶮山路8号。');
  });

  it('keeps a 繁體 page as printed and says it is traditional', async () => {
    const doc = await read('<div id="zoom"><p>本機關2023年政府資訊公開工作年度報告</p><table><tr><td>一、本年新收政府資訊公開申請數量</td><td>3</td></tr></table></div>');
    expect(paragraphs(doc)[0]!.text).toBe('本機關2023年政府資訊公開工作年度報告');
    expect(doc.warnings).toEqual(['page is in traditional characters (繁體); text kept as printed']);
  });
});
