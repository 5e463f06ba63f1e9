/**
 * A page's operator list → ruling edges in the upright frame, and the number of images painted.
 * Table borders arrive as stroked lines, stroked rectangles, thin filled rectangles (LibreOffice,
 * Chromium), filled frames (WPS fills an outer and an inner rectangle even-odd) or coloured
 * cell backgrounds; each becomes edges, as pdfplumber derives `edges` from `lines` and `rects`.
 * A white fill draws nothing on a white page (WPS paints a white box behind every line of
 * text), so it is no border. Path coordinates are in user space, so the current transformation
 * matrix and fill colour are tracked through save/restore, `cm` and form XObjects.
 */
import type { LayoutSettings } from '../../layout/settings.ts';
import type { Edge } from './page-content.ts';
import { apply, multiply, type Matrix } from './upright-frame.ts';

/** The operator codes used here (pdf.js OPS, stable across 5.x). */
export interface PdfOps {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  beginGroup: number;
  endGroup: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
  paintImageXObject: number;
  paintInlineImageXObject: number;
  paintImageMaskXObject: number;
  paintImageXObjectRepeat: number;
  paintImageMaskXObjectGroup: number;
  paintInlineImageXObjectGroup: number;
  setFillRGBColor: number;
  setFillGray: number;
  setFillCMYKColor: number;
}

/** pdf.js DrawOPS: the opcodes inside a constructPath's path data. */
const MOVE_TO = 0;
const LINE_TO = 1;
const CURVE_TO = 2;
const QUADRATIC_CURVE_TO = 3;
const CLOSE_PATH = 4;

/** Two coordinates this close are the same for deciding whether a segment is axis-aligned. */
const AXIS_TOLERANCE = 0.5;

export interface OperatorList {
  fnArray: number[];
  argsArray: unknown[];
}

export interface PageGraphics {
  edges: Edge[];
  images: number;
}

/**
 * Edges and image count of one page. `frame` maps user space to the upright frame; `area` is the
 * page's area (a filled rectangle covering more than `maxBackgroundShare` of it is a background).
 */
export function operatorsToEdges(ol: OperatorList, ops: PdfOps, frame: Matrix, area: number, settings: LayoutSettings): PageGraphics {
  const edges: Edge[] = [];
  const stack: { ctm: Matrix; white: boolean }[] = [];
  let ctm: Matrix = frame;
  // The initial fill colour is black.
  let white = false;
  let images = 0;
  const strokes = new Set([ops.stroke, ops.closeStroke, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const fills = new Set([ops.fill, ops.eoFill, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const imageOps = new Set([ops.paintImageXObject, ops.paintInlineImageXObject, ops.paintImageMaskXObject, ops.paintImageXObjectRepeat, ops.paintImageMaskXObjectGroup, ops.paintInlineImageXObjectGroup]);

  for (let i = 0; i < ol.fnArray.length; i++) {
    const fn = ol.fnArray[i]!;
    const args = ol.argsArray[i] as unknown[] | null;
    if (fn === ops.save) stack.push({ ctm, white });
    else if (fn === ops.restore || fn === ops.paintFormXObjectEnd || fn === ops.endGroup) ({ ctm, white } = stack.pop() ?? { ctm, white });
    else if (fn === ops.transform) ctm = multiply(ctm, args as number[]);
    else if (fn === ops.paintFormXObjectBegin || fn === ops.beginGroup) {
      stack.push({ ctm, white });
      const m = fn === ops.paintFormXObjectBegin ? (args?.[0] as number[] | null) : (args?.[0] as { matrix?: number[] } | null)?.matrix;
      if (m && m.length === 6) ctm = multiply(ctm, m);
    } else if (fn === ops.setFillRGBColor) white = isWhite(args?.[0]);
    else if (fn === ops.setFillGray) white = args?.[0] === 1;
    else if (fn === ops.setFillCMYKColor) white = (args ?? []).every((v) => v === 0);
    else if (imageOps.has(fn)) images++;
    else if (fn === ops.constructPath && args) {
      const paint = args[0] as number;
      const stroked = strokes.has(paint);
      const filled = fills.has(paint) && !white;
      if (!stroked && !filled) continue; // a clip path or an unpainted path
      const data = (args[1] as ArrayLike<number>[] | null)?.[0];
      if (data) pathToEdges(data, ctm, stroked, filled, area, settings, edges);
    }
  }
  return { edges, images };
}

/** One path's subpaths → edges: every axis-aligned segment when stroked; rectangles when filled. */
function pathToEdges(data: ArrayLike<number>, ctm: Matrix, stroked: boolean, filled: boolean, area: number, settings: LayoutSettings, out: Edge[]): void {
  let sub: [number, number][] = [];
  let curved = false;
  const flush = () => {
    if (sub.length >= 2) subpathToEdges(sub, curved, stroked, filled, area, settings, out);
    sub = [];
    curved = false;
  };
  for (let k = 0; k < data.length; ) {
    const op = data[k]!;
    if (op === MOVE_TO) {
      flush();
      sub.push(apply(ctm, data[k + 1]!, data[k + 2]!));
      k += 3;
    } else if (op === LINE_TO) {
      sub.push(apply(ctm, data[k + 1]!, data[k + 2]!));
      k += 3;
    } else if (op === CURVE_TO) {
      curved = true;
      sub.push(apply(ctm, data[k + 5]!, data[k + 6]!));
      k += 7;
    } else if (op === QUADRATIC_CURVE_TO) {
      curved = true;
      sub.push(apply(ctm, data[k + 3]!, data[k + 4]!));
      k += 5;
    } else if (op === CLOSE_PATH) {
      if (sub.length) sub.push(sub[0]!);
      k += 1;
    } else break; // unknown opcode: stop rather than misread the rest
  }
  flush();
}

function subpathToEdges(points: [number, number][], curved: boolean, stroked: boolean, filled: boolean, area: number, settings: LayoutSettings, out: Edge[]): void {
  const rect = curved ? null : asRectangle(points);
  if (filled && rect) {
    const w = rect.x1 - rect.x0;
    const h = rect.bottom - rect.top;
    if (Math.min(w, h) <= settings.thinRectMax) {
      // A thin filled rectangle is a ruling line drawn as a fill.
      if (w >= h) out.push(hEdge(rect.x0, rect.x1, (rect.top + rect.bottom) / 2));
      else out.push(vEdge((rect.x0 + rect.x1) / 2, rect.top, rect.bottom));
      return;
    }
    if (w * h > settings.maxBackgroundShare * area) return;
    out.push(hEdge(rect.x0, rect.x1, rect.top), hEdge(rect.x0, rect.x1, rect.bottom), vEdge(rect.x0, rect.top, rect.bottom), vEdge(rect.x1, rect.top, rect.bottom));
    return;
  }
  if (!stroked) return;
  for (let i = 1; i < points.length; i++) {
    const [ax, ay] = points[i - 1]!;
    const [bx, by] = points[i]!;
    if (Math.abs(ay - by) <= AXIS_TOLERANCE && Math.abs(ax - bx) > AXIS_TOLERANCE) out.push(hEdge(Math.min(ax, bx), Math.max(ax, bx), (ay + by) / 2));
    else if (Math.abs(ax - bx) <= AXIS_TOLERANCE && Math.abs(ay - by) > AXIS_TOLERANCE) out.push(vEdge((ax + bx) / 2, Math.min(ay, by), Math.max(ay, by)));
  }
}

/** The box of a closed four-corner axis-aligned subpath, or null. */
function asRectangle(points: [number, number][]): { x0: number; x1: number; top: number; bottom: number } | null {
  const pts = points.slice();
  // Only the closing repeat of the first corner goes: a hairline (a 0.45 pt high rule at a small
  // print scale) has its last corner within AXIS_TOLERANCE of the first, and is still a rectangle.
  while (pts.length > 1 && closingPoint(pts[pts.length - 1]!, pts[0]!)) pts.pop();
  if (pts.length !== 4) return null;
  // Every side must be axis-aligned.
  for (let i = 0; i < 4; i++) {
    const [a, b] = [pts[i]!, pts[(i + 1) % 4]!];
    if (Math.abs(a[0] - b[0]) > AXIS_TOLERANCE && Math.abs(a[1] - b[1]) > AXIS_TOLERANCE) return null;
  }
  const px = pts.map((p) => p[0]);
  const py = pts.map((p) => p[1]);
  return { x0: Math.min(...px), x1: Math.max(...px), top: Math.min(...py), bottom: Math.max(...py) };
}

/** pdf.js passes RGB fill colours as "#rrggbb" strings (or byte arrays in some paths). */
function isWhite(c: unknown): boolean {
  if (typeof c === 'string') return c.toLowerCase() === '#ffffff';
  if (c && typeof c === 'object' && 'length' in c) return Array.from(c as ArrayLike<number>).every((v) => v === 255);
  return false;
}

/** The point a closed subpath ends on: the first one again (a float's noise apart). */
const closingPoint = (a: [number, number], b: [number, number]) => Math.abs(a[0] - b[0]) <= 1e-3 && Math.abs(a[1] - b[1]) <= 1e-3;
const hEdge = (x0: number, x1: number, y: number): Edge => ({ orientation: 'h', x0, x1, top: y, bottom: y });
const vEdge = (x: number, top: number, bottom: number): Edge => ({ orientation: 'v', x0: x, x1: x, top, bottom });
