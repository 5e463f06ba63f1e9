import { describe, expect, it } from 'vitest';
import { resolveLayoutSettings } from '../../../../extract/layout/settings.ts';
import { fragmentsToLines } from '../../../../extract/readers/pdf/fragments-to-lines.ts';
import { linesToUnruledTables } from '../../../../extract/readers/pdf/lines-to-unruled-tables.ts';
import type { Fragment } from '../../../../extract/readers/pdf/page-content.ts';

const settings = resolveLayoutSettings();
const frag = (text: string, x0: number, top: number, width = text.length * 10): Fragment => ({ text, x0, x1: x0 + width, top, bottom: top + 10, size: 10, vertical: false });

describe('tables without ruling lines', () => {
  it('reads rows, joins a number split into touching runs and keeps apart numbers in two columns', () => {
    const frags = [
      frag('规章', 50, 100), frag('1', 200, 100, 5), frag('2', 205, 100, 5), frag('3', 300, 100, 5), frag('4', 400, 100, 5),
      frag('行政规范性文件', 50, 120), frag('5', 200, 120, 5), frag('6', 300, 120, 5), frag('7', 400, 120, 5),
    ];
    const { tables, rest } = linesToUnruledTables(fragmentsToLines(frags, settings), settings, 1);
    expect(rest).toEqual([]);
    expect(tables).toHaveLength(1);
    expect(tables[0]!.grid.positional).toBe(false);
    expect(tables[0]!.grid.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['规章', '12', '3', '4'],
      ['行政规范性文件', '5', '6', '7'],
    ]);
  });

  it('folds a label wrapped onto the next line into its row', () => {
    const frags = [
      frag('一、本年新收', 50, 100), frag('3', 300, 103, 5), frag('3', 400, 103, 5),
      frag('申请数量', 50, 111),
      frag('二、上年结转申请数量', 50, 130), frag('0', 300, 130, 5), frag('0', 400, 130, 5),
    ];
    const { tables } = linesToUnruledTables(fragmentsToLines(frags, settings), settings, 1);
    expect(tables[0]!.grid.rows.map((r) => r[0]!.text)).toEqual(['一、本年新收申请数量', '二、上年结转申请数量']);
  });

  it('leaves running text alone', () => {
    const frags = [frag('2023年共收到政府信息公开申请21件，均已按时答复。', 50, 100, 400), frag('第二段落。', 70, 120)];
    const { tables, rest } = linesToUnruledTables(fragmentsToLines(frags, settings), settings, 1);
    expect(tables).toEqual([]);
    expect(rest).toHaveLength(2);
  });
});
