import { describe, expect, it } from 'vitest';
import { resolveLayoutSettings } from '../../../../extract/layout/settings.ts';
import { edgesToTables, mergeEdges, snapEdges } from '../../../../extract/readers/pdf/edges-to-cells.ts';
import type { Edge } from '../../../../extract/readers/pdf/page-content.ts';

const settings = resolveLayoutSettings();
const h = (x0: number, x1: number, y: number): Edge => ({ orientation: 'h', x0, x1, top: y, bottom: y });
const v = (x: number, top: number, bottom: number): Edge => ({ orientation: 'v', x0: x, x1: x, top, bottom });

/** A ruled grid: column borders xs, row borders ys, every line drawn. */
const ruled = (xs: number[], ys: number[]) => [...ys.map((y) => h(xs[0]!, xs[xs.length - 1]!, y)), ...xs.map((x) => v(x, ys[0]!, ys[ys.length - 1]!))];

describe('edges → cells', () => {
  it('finds every cell of a ruled grid', () => {
    const tables = edgesToTables(ruled([0, 50, 100, 150], [0, 20, 40]), settings);
    expect(tables).toHaveLength(1);
    expect(tables[0]).toHaveLength(6);
  });

  it('snaps lines drawn twice a point apart and joins pieces of one line', () => {
    const snapped = snapEdges([h(0, 50, 10), h(50, 100, 11), v(0, 0, 20)], 3);
    const merged = mergeEdges(snapped, 3, 3).filter((e) => e.orientation === 'h');
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ x0: 0, x1: 100, top: 10.5 });
  });

  it('does not let a run of lines 2 pt apart drift into one position', () => {
    const snapped = snapEdges([v(100, 0, 10), v(102, 0, 10), v(104, 0, 10), v(106, 0, 10)], 3);
    expect(new Set(snapped.map((e) => e.x0)).size).toBeGreaterThan(1);
  });

  it('closes an outer border a producer left out (hongze-2023.pdf p.3: no top border over the first cell)', () => {
    const edges = ruled([0, 50, 150], [0, 20, 40]).filter((e) => !(e.orientation === 'h' && e.top === 0));
    edges.push(h(50, 150, 0));
    const cells = edgesToTables(edges, settings)[0]!;
    expect(cells).toContainEqual({ x0: 0, x1: 50, top: 0, bottom: 20 });
  });

  it('closes the last row before a page break, whose bottom border is not drawn but whose verticals run on', () => {
    const edges = [...[0, 20, 40].map((y) => h(0, 150, y)), ...[0, 50, 150].map((x) => v(x, 0, 60))];
    const cells = edgesToTables(edges, settings)[0]!;
    expect(cells.filter((c) => c.top === 40 && c.bottom === 60)).toHaveLength(2);
  });

  it('keeps two tables apart', () => {
    const tables = edgesToTables([...ruled([0, 50, 100], [0, 20, 40]), ...ruled([0, 30, 100], [100, 120, 140])], settings);
    expect(tables).toHaveLength(2);
    expect(tables[1]!.every((c) => c.top >= 100)).toBe(true);
  });
});
