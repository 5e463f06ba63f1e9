import { describe, expect, it } from 'vitest';
import { isoDate, isoTimestamp } from '../../load/dates.ts';

describe('dates from crawled metadata', () => {
  it('keeps real calendar dates, cut to the day', () => {
    expect(isoDate('2024-01-18 09:30')).toBe('2024-01-18');
    expect(isoDate('2024-2-9')).toBe('2024-02-09');
    expect(isoDate('2024-02-29')).toBe('2024-02-29');
  });

  it('turns impossible or foreign dates into null', () => {
    for (const bad of ['2023-02-29', '2024-13-01', '18/01/2024', '', null, 20240118]) expect(isoDate(bad)).toBeNull();
  });

  it('normalises timestamps to UTC and refuses what DuckDB would', () => {
    expect(isoTimestamp('2024-01-18T09:30:00+08:00')).toBe('2024-01-18T01:30:00.000Z');
    expect(isoTimestamp('9999-12-31T24:00:00Z')).toBeNull();
    expect(isoTimestamp('yesterday')).toBeNull();
  });
});
