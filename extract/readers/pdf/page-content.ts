/**
 * What the PDF steps work on: a page's text runs and ruling edges, in one upright coordinate
 * system (top-left origin, y growing downwards, the page's dominant text reading left to right),
 * as pdfplumber keeps `chars` and `edges` as plain lists.
 */

/** A run of text on one baseline, from one pdf.js text item (split at spaces). */
export interface Fragment {
  text: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  /** Font size, in points: the unit of the `…Em` tolerances. */
  size: number;
  /** Written top to bottom (a vertical font): one character per line when read across. */
  vertical: boolean;
}

/** A ruling line: horizontal (`top === bottom`) or vertical (`x0 === x1`). */
export interface Edge {
  orientation: 'h' | 'v';
  x0: number;
  x1: number;
  top: number;
  bottom: number;
}

/** An axis-aligned box. */
export interface Box {
  x0: number;
  x1: number;
  top: number;
  bottom: number;
}

/** One page, read. */
export interface PageContent {
  /** 1-based page number. */
  number: number;
  width: number;
  height: number;
  fragments: Fragment[];
  edges: Edge[];
  /** Images painted on the page (a page of images and no text is a scan). */
  images: number;
}

/** The centre of a box. */
export const centreX = (b: Box) => (b.x0 + b.x1) / 2;
export const centreY = (b: Box) => (b.top + b.bottom) / 2;

/** True when point (x, y) lies inside `b`, widened by `tol`. */
export const contains = (b: Box, x: number, y: number, tol = 0) => x >= b.x0 - tol && x <= b.x1 + tol && y >= b.top - tol && y <= b.bottom + tol;
