import { describe, expect, it } from 'vitest';
import { parseCell } from '../../../extract/mapper/numbers.ts';

describe('numbers', () => {
  it.each([
    ['1,234', 1234],
    ['１２３', 123],
    ['5953.02496', 5953.02496],
    ['+12', 12],
    ['-3', -3],
    ['－3', -3],
    ['251000元', 251000],
    [' 49 ', 49],
    ['1 234', 1234],
    ['0.00', 0],
  ])('%s → %s', (text, value) => {
    expect(parseCell(text)).toMatchObject({ kind: 'number', value });
  });

  it('keeps the unit printed in a cell', () => {
    expect(parseCell('251000元')).toEqual({ kind: 'number', value: 251000, unit: '元' });
    expect(parseCell('12.5万元')).toEqual({ kind: 'number', value: 12.5, unit: '万元' });
  });

  it.each(['', '/', '—', '－', '-', '——', '无', '\u00a0'])('%j is an intentional blank (null)', (text) => {
    expect(parseCell(text).kind).toBe('blank');
  });

  it.each(['规章', '1.属于国家秘密', '5.', '2021年', '(七) 总计', '1,23'])('%j is text', (text) => {
    expect(parseCell(text).kind).toBe('text');
  });
});
