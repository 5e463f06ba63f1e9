import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT_SETTINGS, resolveLayoutSettings } from '../../../extract/layout/settings.ts';

describe('resolveLayoutSettings', () => {
  it('fills in the defaults', () => {
    expect(resolveLayoutSettings()).toEqual(DEFAULT_LAYOUT_SETTINGS);
    expect(resolveLayoutSettings({ snapTolerance: 5 })).toEqual({ ...DEFAULT_LAYOUT_SETTINGS, snapTolerance: 5 });
  });
  it('names an unknown setting', () => {
    expect(() => resolveLayoutSettings({ snapTolerence: 5 } as never)).toThrow(/snapTolerence: unknown/);
  });
  it('refuses values that are not positive finite numbers', () => {
    expect(() => resolveLayoutSettings({ wordGapEm: -1 })).toThrow(/wordGapEm: must be a positive finite number/);
    expect(() => resolveLayoutSettings({ wordGapEm: Number.NaN })).toThrow(/wordGapEm/);
    expect(() => resolveLayoutSettings({ joinTolerance: '3' as never })).toThrow(/joinTolerance/);
  });
  it('refuses a share above 1 and a fractional count', () => {
    expect(() => resolveLayoutSettings({ marginShare: 1.5 })).toThrow(/marginShare: a share/);
    expect(() => resolveLayoutSettings({ minUnruledRows: 2.5 })).toThrow(/minUnruledRows: a count/);
  });
});
