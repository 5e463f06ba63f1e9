import { describe, expect, it } from 'vitest';
import { cellNote, isValueCell, parseCell } from '../../../extract/mapper/numbers.ts';

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

  it.each(['规章', '1.属于国家秘密', '5.', '2021年', '(七) 总计', '（三）', '三、', '(2)', '3.其他'])('%j is text', (text) => {
    expect(parseCell(text).kind).toBe('text');
  });

  it.each([
    ['一百', 100],
    ['三', 3],
    ['十五', 15],
    ['一百零五', 105],
    ['两千', 2000],
    ['一千零十', 1010],
    ['一万二千', 12000],
    ['二〇二一', 2021],
    ['〇', 0],
    ['三件', 3],
  ])('plain Chinese numerals: %s → %s, marked as such', (text, value) => {
    expect(parseCell(text)).toMatchObject({ kind: 'number', value, chinese: true });
    expect(cellNote(text)).toBe(`'${text}' read as ${value} (Chinese numerals)`);
  });

  it.each(['x', 'X', '1,23', '1O', '12a', '?', '约100', '2\ufffd6', '一二百'])('%j stands where a number stands but is none: junk, read as null with a note', (text) => {
    expect(parseCell(text).kind).toBe('junk');
    expect(isValueCell(text)).toBe(true);
    expect(cellNote(text)).toBe(`'${text}' is not a number, read as null`);
  });
});
