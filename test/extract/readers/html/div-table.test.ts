import { describe, expect, it } from 'vitest';
import { countTracks } from '../../../../extract/readers/html/div-table.ts';
import { gridsOf, paragraphsOf, read, textsOf } from './read-inline.ts';

describe('tables drawn with <div>s', () => {
  it('div.table > div.tr > div.td with colspan and rowspan attributes', async () => {
    const doc = await read(
      '<div class="table"><div class="tr"><div class="td" colspan="2">行政复议</div><div class="td" rowspan="2">总计</div></div>' +
        '<div class="tr"><div class="td">结果维持</div><div class="td">结果纠正</div></div>' +
        '<div class="tr"><div class="td"><span>1</span><span>2</span></div><div class="td">&nbsp;</div><div class="td">12</div></div></div>',
    );
    const g = gridsOf(doc)[0]!;
    expect(g.positional).toBe(true);
    expect(textsOf(g)).toEqual([['行政复议', '行政复议', '总计'], ['结果维持', '结果纠正', '总计'], ['12', '', '12']]);
    expect(g.rows[1]![2]).toMatchObject({ spanned: true, originRow: 0, originCol: 2 });
  });

  it('ARIA role="table"/"row"/"cell", with a rowgroup and aria-colspan', async () => {
    const doc = await read(
      '<section role="table"><div role="rowgroup"><div role="row"><span role="columnheader">项目</span><span role="columnheader" aria-colspan="2">数量</span></div></div>' +
        '<div role="rowgroup"><div role="row"><span role="rowheader">规章</span><span role="cell">0</span><span role="cell">3</span></div></div></section>',
    );
    expect(textsOf(gridsOf(doc)[0]!)).toEqual([['项目', '数量', '数量'], ['规章', '0', '3']]);
  });

  it('rows marked by role="row" with no marked table around them', async () => {
    const doc = await read('<div><div role="row"><div>规章</div><div>0</div></div><div role="row"><div>行政规范性文件</div><div>5</div></div></div>');
    expect(textsOf(gridsOf(doc)[0]!)).toEqual([['规章', '0'], ['行政规范性文件', '5']]);
  });

  it('display:table-row/table-cell given inline', async () => {
    const doc = await read('<div><div style="display: table-row"><div style="display:table-cell">a</div><div style="display:table-cell">1</div></div><div style="display:table-row"><div style="display:table-cell">b</div><div style="display:table-cell">2</div></div></div>');
    expect(textsOf(gridsOf(doc)[0]!)).toEqual([['a', '1'], ['b', '2']]);
  });

  it('a CSS grid: items flow through grid-template-columns, spans from grid-column/grid-row', async () => {
    const doc = await read(
      '<style>.g { display: grid; grid-template-columns: 120px repeat(3, 1fr); } .wide { grid-column: span 3; } .tall { grid-row: span 2 }</style>' +
        '<div class="g"><div class="tall">第二十条第（一）项</div><div>本年制发件数</div><div>本年废止件数</div><div>现行有效件数</div>' +
        '<div>0</div><div>1</div><div>2</div><div>行政许可</div><div class="wide">156</div></div>',
    );
    expect(textsOf(gridsOf(doc)[0]!)).toEqual([
      ['第二十条第（一）项', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['第二十条第（一）项', '0', '1', '2'],
      ['行政许可', '156', '156', '156'],
    ]);
  });

  it('not Bootstrap rows and columns, nor a display:table page layout with running text', async () => {
    const text = '本机关严格落实政府信息公开条例的各项要求。'.repeat(40);
    const doc = await read(
      `<div id="zoom"><div class="row"><div class="col-md-8"><p>正文</p></div><div class="col-md-4"><p>侧栏</p></div></div>` +
        `<div style="display:table"><div style="display:table-row"><div style="display:table-cell"><p>${text}</p></div><div style="display:table-cell">右栏</div></div></div></div>`,
    );
    expect(gridsOf(doc)).toEqual([]);
    expect(paragraphsOf(doc).map((p) => p.text)).toEqual(['正文', '侧栏', text, '右栏']);
  });

  it('counts grid tracks', () => {
    expect(countTracks('repeat(8, 1fr)')).toBe(8);
    expect(countTracks('200px repeat(2, minmax(0, 1fr)) 80px')).toBe(4);
    expect(countTracks('[a] 1fr [b] 2fr')).toBe(2);
    expect(countTracks('repeat(auto-fill, 100px)')).toBe(0);
    expect(countTracks(undefined)).toBe(0);
  });
});
