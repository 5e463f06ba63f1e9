import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { Grid, Paragraph } from '../../../extract/document.ts';
import { readText, textToDocument } from '../../../extract/readers/text.ts';

const grids = (text: string) => textToDocument(text).blocks.filter((b): b is Grid => b.kind === 'grid');
const cells = (g: Grid) => g.rows.map((r) => r.map((c) => c.text));

describe('text reader', () => {
  it('reads tab-separated rows, keeping empty leading cells and row order', () => {
    const [g] = grids('表\n→→申请人情况\n一、本年新收\t\t3\t0\t3\n\t(二) 部分公开\t0\t0\t0\n3.其他\t\t0\t0\t0\t\n'.replace(/→/g, '\t'));
    expect(g!.positional).toBe(false);
    expect(cells(g!)).toEqual([
      ['', '', '申请人情况'],
      ['一、本年新收', '', '3', '0', '3'],
      ['', '(二) 部分公开', '0', '0', '0'],
      ['3.其他', '', '0', '0', '0', ''],
    ]);
  });

  it('keeps one table across blank lines inside it (seeds 003, 004)', () => {
    const gs = grids('a\t1\t2\n\nb\t3\t4\n\n\t\t组织\t机构\nc\t5\t6\n正文\nd\t7\n');
    expect(gs).toHaveLength(2);
    expect(cells(gs[0]!)).toEqual([['a', '1', '2'], ['b', '3', '4'], ['', '', '组织', '机构'], ['c', '5', '6']]);
  });

  it('recovers rows of a one-cell-per-line table from blank lines, tab-only lines being empty cells (seed 001)', () => {
    const text = ['\t行政复议', '\t行政诉讼', '', '\t', '\t（六）其他处理', '\t1', '\t0', '', '\t\u00a0', '\t（七）总计', '\t44'].join('\n');
    const [g] = grids(text);
    expect(cells(g!)).toEqual([['行政复议', '行政诉讼'], ['', '（六）其他处理', '1', '0'], ['', '（七）总计', '44']]);
    expect(g!.notes?.[0]).toMatch(/one cell per line/);
  });

  it('reads Markdown headings as headings and pipe tables as positional grids, skipping rule lines', () => {
    const doc = textToDocument('# 某局2021年政府信息公开工作年度报告\n\n### (三) 不予公开\n| 类别 | 数据1 | 总计 |\n|---|---|---|\n| 1. 属于国家秘密 | 0 | 0 |\n');
    const [title, heading, g] = doc.blocks as [Paragraph, Paragraph, Grid];
    expect(title).toMatchObject({ kind: 'paragraph', heading: 1, text: '某局2021年政府信息公开工作年度报告' });
    expect(heading).toMatchObject({ heading: 3, text: '(三) 不予公开' });
    expect(g.positional).toBe(true);
    expect(cells(g)).toEqual([['类别', '数据1', '总计'], ['1. 属于国家秘密', '0', '0']]);
  });

  it('splits text copied out of a PDF into label and number cells, with its header line', () => {
    const text = '二、主动公开政府信息情况\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 0 0 0\n行政规范性文件 11 4 54\n(一) 予以公开 27 0 0 0 0 0 27\n0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n';
    const doc = textToDocument(text);
    expect(doc.blocks[0]).toMatchObject({ kind: 'paragraph', text: '二、主动公开政府信息情况' });
    expect(cells(doc.blocks[1] as Grid)).toEqual([
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['规章', '0', '0', '0'],
      ['行政规范性文件', '11', '4', '54'],
      ['(一) 予以公开', '27', '0', '0', '0', '0', '0', '27'],
      Array(15).fill('0'),
    ]);
  });

  it('does not take sentences or page numbers for table rows', () => {
    const doc = textToDocument('2021 年，本机关共收到申请 3 件。\n全年发出催办提示 84 次\n- 3 -\n截至 2021 年\n');
    expect(doc.blocks.every((b) => b.kind === 'paragraph')).toBe(true);
  });

  it('decodes GBK text files', async () => {
    const bytes = iconv.encode('某县人民政府2021年政府信息公开工作年度报告\n规章\t0\t0\t0\n', 'gbk');
    const doc = await readText(new Uint8Array(bytes), 'gbk.txt');
    expect((doc.blocks[0] as Paragraph).text).toBe('某县人民政府2021年政府信息公开工作年度报告');
    expect(cells(doc.blocks[1] as Grid)).toEqual([['规章', '0', '0', '0']]);
  });
});
