/**
 * The warehouse's display labels (load/dimensions.ts) are for people; the keys they name must be
 * exactly the mapper's (extract/mapper/labels.ts), in the same order, so the two cannot drift.
 */
import { describe, expect, it } from 'vitest';
import { TABLE3_ROWS, TABLE3_BY_KEY } from '../../extract/mapper/labels.ts';
import { APPLICATION_ROW_LABELS } from '../../load/dimensions.ts';

describe('dimension labels', () => {
  it('name every table-3 key of the mapper, in template order', () => {
    expect(APPLICATION_ROW_LABELS.map((r) => r.key)).toEqual(TABLE3_ROWS.map((r) => r.key));
  });
  it('put every grouped row in its mapper group', () => {
    for (const r of APPLICATION_ROW_LABELS) {
      const group = TABLE3_BY_KEY.get(r.key)!.group;
      if (group && group !== 'results') expect(r.group_key, r.key).toBe(group);
    }
  });
});
