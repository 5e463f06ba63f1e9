import { describe, expect, it } from 'vitest';
import { gridsOf, page, paragraphsOf, read, textsOf } from './read-inline.ts';

describe('text of paragraphs', () => {
  it('joins inline markup without separators and breaks at block elements and <br>', async () => {
    const doc = await read('<p><span>统计期限为20</span><span>23</span><font>年</font></p><div>第一行<br>第二行<br/><b>第</b>三<i>行</i></div>');
    expect(paragraphsOf(doc).map((p) => p.text)).toEqual(['统计期限为2023年', '第一行', '第二行', '第三行']);
  });

  it('drops a source line break between Chinese characters but keeps other white space as one space', async () => {
    const doc = await read('<p>本年新收政府信息\n    公开申请数量</p><p>共 49\n件, total\n  49</p><p>&nbsp;&nbsp;缩进　文字&nbsp;</p>');
    expect(paragraphsOf(doc).map((p) => p.text)).toEqual(['本年新收政府信息公开申请数量', '共 49 件, total 49', '缩进 文字']);
  });

  it('marks h1–h6 as headings with their level, and drops empty paragraphs', async () => {
    const doc = await read('<h1>标题</h1><p><o:p>&nbsp;</o:p></p><h3>一、总体情况</h3><p> </p><h6>小节</h6>');
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: '标题', heading: 1, at: 'paragraph 1' },
      { kind: 'paragraph', text: '一、总体情况', heading: 3, at: 'paragraph 2' },
      { kind: 'paragraph', text: '小节', heading: 6, at: 'paragraph 3' },
    ]);
  });

  it('reads a page without tables as paragraphs only', async () => {
    const doc = await read(page('<div id="zoom"><p>2023年政府信息公开工作总结</p><p>全年共收到申请49件。</p></div>'));
    expect(gridsOf(doc)).toEqual([]);
    expect(paragraphsOf(doc).map((p) => p.text)).toEqual(['2023年政府信息公开工作总结', '全年共收到申请49件。']);
  });

  it('reads each line of a <pre> as a paragraph', async () => {
    const doc = await read('<pre>第一行\n第二行\t2\n</pre>');
    expect(paragraphsOf(doc).map((p) => p.text)).toEqual(['第一行', '第二行 2']);
  });
});

describe('table cells', () => {
  it('turn <p>, <div> and <br> inside a cell into one space and read &nbsp; and <o:p> </o:p> as empty', async () => {
    const doc = await read(
      '<table><tr><td><p>商业</p>\n<p>企业</p></td><td><div>法律服务</div><div>机构</div></td><td>社会公益<br>组织</td></tr>' +
        '<tr><td>&nbsp;</td><td><p><span><o:p> </o:p></span></p></td><td>\u3000</td></tr></table>',
    );
    expect(textsOf(gridsOf(doc)[0]!)).toEqual([['商业 企业', '法律服务 机构', '社会公益 组织'], ['', '', '']]);
  });

  it('join a number split across spans and fonts', async () => {
    const doc = await read('<table><tr><td>总</span><span>计</td><td><span>1</span><span>2</span></td><td><font face="Times">3</font><font>4,5</font>67</td></tr></table>');
    expect(textsOf(gridsOf(doc)[0]!)).toEqual([['总计', '12', '34,567']]);
  });

  it('say where they came from', async () => {
    const doc = await read('<p>前言</p><table><tr><td>a</td><td>b</td></tr></table><table><tr><td>c</td><td rowspan="2">d</td></tr><tr><td>e</td></tr></table>');
    const [, second] = gridsOf(doc);
    expect(second!.at).toBe('table 2');
    expect(second!.rows[1]![1]).toEqual({ text: 'd', spanned: true, originRow: 0, originCol: 1, at: 'table 2 row 1 col 2' });
    expect(second!.rows[1]![0]!.at).toBe('table 2 row 2 col 1');
  });

  it('fill positions no cell covers with empty cells, so every row has the same columns', async () => {
    const doc = await read('<table><tr><td>a</td><td>b</td><td>c</td></tr><tr><td>d</td></tr><tr></tr><tr><td colspan="0">e</td><td>f</td></tr></table>');
    expect(textsOf(gridsOf(doc)[0]!)).toEqual([['a', 'b', 'c'], ['d', '', ''], ['e', 'f', '']]);
  });

  it('put a caption before its grid as a paragraph', async () => {
    const doc = await read('<table><caption>表3 收到和处理申请情况</caption><tr><td>a</td><td>1</td></tr></table>');
    expect(doc.blocks.map((b) => b.kind)).toEqual(['paragraph', 'grid']);
    expect(paragraphsOf(doc)[0]!.text).toBe('表3 收到和处理申请情况');
  });
});

describe('layout tables and nesting', () => {
  it('emit the data tables inside a layout table, and the layout cells as paragraphs', async () => {
    const doc = await read(
      '<div id="zoom"><table width="100%"><tr><td>政务公开</td></tr><tr><td><p>一、总体情况</p>' +
        '<table border="1"><tr><td>规章</td><td>0</td></tr><tr><td>行政规范性文件</td><td>3</td></tr></table><p>二、其他</p></td></tr></table></div>',
    );
    expect(doc.blocks.map((b) => (b.kind === 'grid' ? 'grid' : b.text))).toEqual(['政务公开', '一、总体情况', 'grid', '二、其他']);
    expect(textsOf(gridsOf(doc)[0]!)).toEqual([['规章', '0'], ['行政规范性文件', '3']]);
  });

  it('read a one-column table and a table with a long running-text cell as text', async () => {
    const long = '本机关严格落实政府信息公开条例，'.repeat(50);
    const doc = await read(`<div id="zoom"><table><tr><td>附件说明</td></tr><tr><td>见下文</td></tr></table><table><tr><td>正文</td><td><p>${long}</p></td></tr></table></div>`);
    expect(gridsOf(doc)).toEqual([]);
    expect(paragraphsOf(doc).map((p) => p.text)).toEqual(['附件说明', '见下文', '正文', long]);
  });

  it('survive 500 nested tables and read the innermost data table', async () => {
    const html = '<table><tbody><tr><td>'.repeat(500) + '<table><tr><td>自然人</td><td>总计</td></tr><tr><td>26</td><td>26</td></tr></table>' + '</td></tr></tbody></table>'.repeat(500);
    const doc = await read(page(html));
    expect(gridsOf(doc).map(textsOf)).toEqual([[['自然人', '总计'], ['26', '26']]]);
  });

  it('survive 500 nested tables left unclosed', async () => {
    const doc = await read('<table><tr><td>'.repeat(500) + '<p>最里层</p>');
    expect(paragraphsOf(doc).map((p) => p.text)).toEqual(['最里层']);
  });
});

describe('scripts', () => {
  it('never run or read <script>; a table it would write does not exist, while <noscript> is read', async () => {
    const doc = await read(
      page(
        '<div id="zoom"><p>三、收到和处理政府信息公开申请情况</p>' +
          `<script>document.write('<table><tr><td>本年新收</td><td>999</td></tr></table>');</script>` +
          '<noscript><table><tr><td>本年新收</td><td>12</td></tr></table></noscript><template><p>模板</p></template></div>',
      ),
    );
    expect(gridsOf(doc).map(textsOf)).toEqual([[['本年新收', '12']]]);
    expect(JSON.stringify(doc)).not.toContain('999');
    expect(JSON.stringify(doc)).not.toContain('模板');
  });

  it('skip hidden elements', async () => {
    const doc = await read('<p>看得见</p><p style="display: none">看不见</p><div hidden><p>也看不见</p></div>');
    expect(paragraphsOf(doc).map((p) => p.text)).toEqual(['看得见']);
  });
});

describe('page chrome inside the content root', () => {
  it('drops breadcrumbs, share bars, button rows and lists of links, keeps the report text', async () => {
    const body =
      '<div class="main"><div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/gk">政务公开</a></div>' +
      '<p>您的位置：首页 &gt; 年报</p>' +
      '<h1>某局2023年政府信息公开工作年度报告</h1>' +
      '<p>一、总体情况。本局2023年主动公开政府信息120条，全年收到政府信息公开申请15件，均按时办结。</p>'.repeat(6) +
      '<div class="bdsharebuttonbox">分享到：<a>微信</a><a>微博</a></div><p>【打印本页】 【关闭窗口】</p>' +
      '<ul><li><a href="/a">某局2022年政府信息公开工作年度报告</a></li><li><a href="/b">某局2021年政府信息公开工作年度报告</a></li></ul>' +
      '<nav><a href="/">返回首页</a></nav></div>';
    const doc = await read(page(body));
    const text = paragraphsOf(doc).map((p) => p.text);
    expect(text[0]).toBe('某局2023年政府信息公开工作年度报告');
    expect(text.slice(1)).toEqual(Array(6).fill('一、总体情况。本局2023年主动公开政府信息120条，全年收到政府信息公开申请15件，均按时办结。'));
  });
});
