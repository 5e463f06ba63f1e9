/**
 * Ruling edges → table cells, pdfplumber's "lines" strategy in four named steps:
 * snapEdges (near-equal positions become one), mergeEdges (collinear pieces become one edge),
 * edgesToIntersections (where horizontal and vertical edges cross) and intersectionsToCells
 * (the smallest rectangles whose four sides are drawn); cellsToTables groups cells that share
 * corners into tables.
 */
import type { LayoutSettings } from '../../layout/settings.ts';
import type { Box, Edge } from './page-content.ts';

/** Edges whose positions (y of horizontal, x of vertical ones) lie within `tol` take their cluster's mean. */
export function snapEdges(edges: readonly Edge[], tol: number): Edge[] {
  const snap = (list: Edge[], pos: (e: Edge) => number, set: (e: Edge, v: number) => Edge): Edge[] => {
    const sorted = [...list].sort((a, b) => pos(a) - pos(b));
    const out: Edge[] = [];
    let cluster: Edge[] = [];
    const flush = () => {
      if (!cluster.length) return;
      const mean = cluster.reduce((s, e) => s + pos(e), 0) / cluster.length;
      for (const e of cluster) out.push(set(e, mean));
      cluster = [];
    };
    for (const e of sorted) {
      // Measured from the cluster's first edge, not the last: chaining would let a run of lines
      // each 2 pt apart drift into one.
      if (cluster.length && pos(e) - pos(cluster[0]!) > tol) flush();
      cluster.push(e);
    }
    flush();
    return out;
  };
  const h = snap(edges.filter((e) => e.orientation === 'h'), (e) => e.top, (e, y) => ({ ...e, top: y, bottom: y }));
  const v = snap(edges.filter((e) => e.orientation === 'v'), (e) => e.x0, (e, x) => ({ ...e, x0: x, x1: x }));
  return [...h, ...v];
}

/** Collinear edges that overlap or are less than `tol` apart become one; edges shorter than `minLength` go. */
export function mergeEdges(edges: readonly Edge[], tol: number, minLength: number): Edge[] {
  const out: Edge[] = [];
  const groups = new Map<string, Edge[]>();
  for (const e of edges) {
    const key = e.orientation === 'h' ? `h${e.top}` : `v${e.x0}`;
    const g = groups.get(key);
    if (g) g.push(e);
    else groups.set(key, [e]);
  }
  for (const g of groups.values()) {
    const horizontal = g[0]!.orientation === 'h';
    const start = (e: Edge) => (horizontal ? e.x0 : e.top);
    const end = (e: Edge) => (horizontal ? e.x1 : e.bottom);
    g.sort((a, b) => start(a) - start(b));
    let cur = { ...g[0]! };
    for (const e of g.slice(1)) {
      if (start(e) <= end(cur) + tol) {
        if (horizontal) cur.x1 = Math.max(cur.x1, e.x1);
        else cur.bottom = Math.max(cur.bottom, e.bottom);
      } else {
        out.push(cur);
        cur = { ...e };
      }
    }
    out.push(cur);
  }
  return out.filter((e) => (e.orientation === 'h' ? e.x1 - e.x0 : e.bottom - e.top) >= minLength);
}

/** A crossing of edges: its position and the edges through it. */
export interface Intersection {
  x: number;
  y: number;
  h: Set<Edge>;
  v: Set<Edge>;
}

/** Every point where a vertical and a horizontal edge cross (within `tol`), keyed by "x,y". */
export function edgesToIntersections(edges: readonly Edge[], tol: number): Map<string, Intersection> {
  const out = new Map<string, Intersection>();
  const hs = edges.filter((e) => e.orientation === 'h');
  for (const v of edges) {
    if (v.orientation !== 'v') continue;
    for (const h of hs) {
      if (h.top < v.top - tol || h.top > v.bottom + tol || v.x0 < h.x0 - tol || v.x0 > h.x1 + tol) continue;
      const key = `${v.x0},${h.top}`;
      let p = out.get(key);
      if (!p) out.set(key, (p = { x: v.x0, y: h.top, h: new Set(), v: new Set() }));
      p.h.add(h);
      p.v.add(v);
    }
  }
  return out;
}

const shares = (a: Set<Edge>, b: Set<Edge>) => {
  for (const e of a) if (b.has(e)) return true;
  return false;
};

/**
 * The cells: for each intersection, the smallest rectangle to its right and below whose four
 * corners are intersections joined by drawn edges.
 */
export function intersectionsToCells(points: Map<string, Intersection>): Box[] {
  const byX = new Map<number, Intersection[]>();
  const byY = new Map<number, Intersection[]>();
  for (const p of points.values()) {
    (byX.get(p.x) ?? byX.set(p.x, []).get(p.x)!).push(p);
    (byY.get(p.y) ?? byY.set(p.y, []).get(p.y)!).push(p);
  }
  for (const l of byX.values()) l.sort((a, b) => a.y - b.y);
  for (const l of byY.values()) l.sort((a, b) => a.x - b.x);
  const cells: Box[] = [];
  for (const p of points.values()) {
    const below = byX.get(p.x)!.filter((q) => q.y > p.y && shares(p.v, q.v));
    const right = byY.get(p.y)!.filter((q) => q.x > p.x && shares(p.h, q.h));
    search: for (const b of below) {
      for (const r of right) {
        const corner = points.get(`${r.x},${b.y}`);
        if (corner && shares(corner.v, r.v) && shares(corner.h, b.h)) {
          cells.push({ x0: p.x, top: p.y, x1: r.x, bottom: b.y });
          break search;
        }
      }
    }
  }
  return cells;
}

/** Cells grouped into tables: cells that share a corner belong to one table. Tables top to bottom. */
export function cellsToTables(cells: readonly Box[]): Box[][] {
  const parent = cells.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const owner = new Map<string, number>();
  cells.forEach((c, i) => {
    for (const k of [`${c.x0},${c.top}`, `${c.x1},${c.top}`, `${c.x0},${c.bottom}`, `${c.x1},${c.bottom}`]) {
      const j = owner.get(k);
      if (j === undefined) owner.set(k, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, Box[]>();
  cells.forEach((c, i) => {
    const r = find(i);
    (groups.get(r) ?? groups.set(r, []).get(r)!).push(c);
  });
  return [...groups.values()].sort((a, b) => Math.min(...a.map((c) => c.top)) - Math.min(...b.map((c) => c.top)));
}

/** The box around a group of cells. */
export function boundsOf(cells: readonly Box[]): Box {
  return {
    x0: Math.min(...cells.map((c) => c.x0)),
    x1: Math.max(...cells.map((c) => c.x1)),
    top: Math.min(...cells.map((c) => c.top)),
    bottom: Math.max(...cells.map((c) => c.bottom)),
  };
}

/**
 * A table's box grown to where its rulings end: a vertical ruling of the table that runs on
 * below (or above) its last closed row marks a row whose bottom (top) border was not drawn.
 */
function reachOf(cells: readonly Box[], edges: readonly Edge[], tol: number): Box {
  const b = boundsOf(cells);
  const xs = new Set(cells.flatMap((c) => [c.x0, c.x1]));
  const ys = new Set(cells.flatMap((c) => [c.top, c.bottom]));
  const out = { ...b };
  // Only rulings that run on by more than the tolerance open a side: a line overshooting a
  // corner by a point is how producers draw joints, not a missing border.
  for (const e of edges) {
    if (e.orientation === 'v' && xs.has(e.x0) && e.top <= b.bottom + tol && e.bottom >= b.top - tol) {
      if (e.top < b.top - tol) out.top = Math.min(out.top, e.top);
      if (e.bottom > b.bottom + tol) out.bottom = Math.max(out.bottom, e.bottom);
    } else if (e.orientation === 'h' && ys.has(e.top) && e.x0 <= b.x1 + tol && e.x1 >= b.x0 - tol) {
      if (e.x0 < b.x0 - tol) out.x0 = Math.min(out.x0, e.x0);
      if (e.x1 > b.x1 + tol) out.x1 = Math.max(out.x1, e.x1);
    }
  }
  return out;
}

/**
 * The whole chain: edges → tables of cells, with the tolerances of `settings`. A table's outer
 * border is closed before cells are read, out to where its rulings reach: producers leave out a
 * piece of it (hongze-2023.pdf p.3: the continued table 2 has no top border over its first cell;
 * table 3's last row before the page break has no bottom border), which would lose those cells.
 */
export function edgesToTables(edges: readonly Edge[], settings: LayoutSettings): Box[][] {
  const snapped = snapEdges(edges, settings.snapTolerance);
  const merged = mergeEdges(snapped, settings.joinTolerance, settings.minEdgeLength);
  const first = cellsToTables(intersectionsToCells(edgesToIntersections(merged, settings.intersectionTolerance)));
  const frames = first.filter((t) => t.length > 1).flatMap((t) => {
    const b = reachOf(t, merged, settings.intersectionTolerance);
    return [
      { orientation: 'h', x0: b.x0, x1: b.x1, top: b.top, bottom: b.top },
      { orientation: 'h', x0: b.x0, x1: b.x1, top: b.bottom, bottom: b.bottom },
      { orientation: 'v', x0: b.x0, x1: b.x0, top: b.top, bottom: b.bottom },
      { orientation: 'v', x0: b.x1, x1: b.x1, top: b.top, bottom: b.bottom },
    ] satisfies Edge[];
  });
  if (!frames.length) return first;
  // The frames lie on positions already snapped: adding them must not move the other edges.
  const closed = mergeEdges([...merged, ...frames], settings.joinTolerance, settings.minEdgeLength);
  return cellsToTables(intersectionsToCells(edgesToIntersections(closed, settings.intersectionTolerance)));
}
