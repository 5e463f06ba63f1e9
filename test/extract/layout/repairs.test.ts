import { describe, expect, it } from 'vitest';
import { grid, gridOfStrings, paragraph, type Grid, type GridCell } from '../../../extract/document.ts';
import { joinSplitTables } from '../../../extract/layout/repairs.ts';

const texts = (g: Grid) => g.rows.map((r) => r.map((c) => c.text));
const cell = (text: string, extra: Partial<GridCell> = {}): GridCell => ({ text, ...extra });

/** The header table of table 3 as the HTML reader expands it (10 columns, 3 rows). */
function headerTable(): Grid {
  const corner = (r: number, c: number) => cell('勾稽关系', r + c === 0 ? {} : { spanned: true, originRow: 0, originCol: 0 });
  return grid(
    [
      [corner(0, 0), corner(0, 1), corner(0, 2), cell('申请人情况'), ...Array.from({ length: 6 }, () => cell('申请人情况', { spanned: true, originRow: 0, originCol: 3 }))],
      [corner(1, 0), corner(1, 1), corner(1, 2), cell('自然人'), cell('法人或其他组织'), ...Array.from({ length: 4 }, () => cell('法人或其他组织', { spanned: true, originRow: 1, originCol: 4 })), cell('总计')],
      [corner(2, 0), corner(2, 1), corner(2, 2), cell('自然人', { spanned: true, originRow: 1, originCol: 3 }), cell('商业企业'), cell('科研机构'), cell('社会公益组织'), cell('法律服务机构'), cell('其他'), cell('总计', { spanned: true, originRow: 1, originCol: 9 })],
    ],
    true,
    { at: 'table 3' },
  );
}

describe('joinSplitTables', () => {
  it('joins consecutive grids with the same columns and says so in notes', () => {
    const a = { ...gridOfStrings([['规章', '0', '0', '0']], true), at: 'table 1' };
    const b = { ...gridOfStrings([['行政规范性文件', '3', '1', '25'], ['行政许可', '5', '5', '5']], true), at: 'table 2' };
    const [joined, ...rest] = joinSplitTables([a, b]);
    expect(rest).toEqual([]);
    expect(texts(joined as Grid)).toEqual([['规章', '0', '0', '0'], ['行政规范性文件', '3', '1', '25'], ['行政许可', '5', '5', '5']]);
    expect((joined as Grid).notes).toEqual(['joined table 1 and table 2 into one table: consecutive, nothing between them, same 4 columns']);
  });

  it('moves the origins of spanned copies with their rows', () => {
    const a = gridOfStrings([['x', 'y']], true);
    const b = grid([[cell('三、本年度办理结果'), cell('1')], [cell('三、本年度办理结果', { spanned: true, originRow: 0, originCol: 0 }), cell('2')]], true);
    const joined = joinSplitTables([a, b])[0] as Grid;
    expect(joined.rows[2]![0]).toMatchObject({ spanned: true, originRow: 1, originCol: 0 });
  });

  it('never joins across a paragraph or heading, nor tables of different widths', () => {
    const t2 = gridOfStrings([['规章', '0', '0', '0']], true);
    const t3 = gridOfStrings([['本年新收', '1', '0', '0', '0', '0', '0', '1', '', '']], true);
    const t3again = gridOfStrings([['本年新收', '1', '0', '0', '0', '0', '0', '1', '', '']], true);
    const blocks = [t2, t3, paragraph('四、政府信息公开行政复议、行政诉讼情况', { heading: 2 }), t3again];
    expect(joinSplitTables(blocks)).toEqual(blocks);
  });

  it('spreads a later table over the distinct cells of the former last row (header table, then body)', () => {
    const body = grid([[cell('一、本年新收'), ...['26', '', '', '', '', '', '26'].map((t) => cell(t))]], true, { at: 'table 4' });
    const joined = joinSplitTables([headerTable(), body])[0] as Grid;
    expect(joined.rows).toHaveLength(4);
    expect(texts(joined)[3]).toEqual(['一、本年新收', '一、本年新收', '一、本年新收', '26', '', '', '', '', '', '26']);
    expect(joined.rows[3]![2]).toMatchObject({ spanned: true, originRow: 3, originCol: 0 });
    expect(joined.notes).toEqual(["joined table 3 and table 4 into one table: table 4's 8 columns continue the 8 cells of the last row of table 3"]);
  });

  it('joins text grids (not positional) of equal width but never a text grid with an HTML one', () => {
    const a = gridOfStrings([['a', '1']], false);
    const b = gridOfStrings([['b', '2']], false);
    expect(joinSplitTables([a, b])).toHaveLength(1);
    expect(joinSplitTables([a, gridOfStrings([['b', '2']], true)])).toHaveLength(2);
  });
});
