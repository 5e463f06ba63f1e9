import { describe, expect, it } from 'vitest';
import { cellText, displayWidth, renderTable } from '../../load/text-table.ts';

describe('renderTable', () => {
  it('pads by display width, so Chinese columns line up', () => {
    const text = renderTable(['agency', 'received'], [['洪泽区人民政府', 21], ['X1', 1234]]);
    const lines = text.split('\n');
    expect(lines).toEqual([
      'agency          received',
      '──────────────  ────────',
      '洪泽区人民政府        21',
      'X1                  1234',
    ]);
    expect(new Set(lines.map(displayWidth))).toEqual(new Set([24]));
  });

  it('shows NULL as — and cuts long cells', () => {
    expect(cellText(null)).toBe('—');
    expect(cellText(0.190476)).toBe('0.1905');
    const text = renderTable(['detail'], [['一二三四五六七八九十']], { maxCellWidth: 9 });
    expect(text.split('\n')[2]).toBe('一二三四…');
  });
});
