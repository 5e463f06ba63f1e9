/**
 * The upright frame of a page: the transform from PDF user space to the coordinates every later
 * step uses (top-left origin, y downwards, the page's dominant text reading left to right).
 * A landscape table is often printed on a portrait page turned by /Rotate, or as text drawn at
 * 90° on an unrotated page; either way the frame turns it upright, so the table steps never see
 * a rotation.
 */

/** An affine transform `[a, b, c, d, e, f]`: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** `m1 ∘ m2`: apply m2 first, then m1 (pdf.js's Util.transform order). */
export function multiply(m1: readonly number[], m2: readonly number[]): Matrix {
  return [
    m1[0]! * m2[0]! + m1[2]! * m2[1]!,
    m1[1]! * m2[0]! + m1[3]! * m2[1]!,
    m1[0]! * m2[2]! + m1[2]! * m2[3]!,
    m1[1]! * m2[2]! + m1[3]! * m2[3]!,
    m1[0]! * m2[4]! + m1[2]! * m2[5]! + m1[4]!,
    m1[1]! * m2[4]! + m1[3]! * m2[5]! + m1[5]!,
  ];
}

export function apply(m: readonly number[], x: number, y: number): [number, number] {
  return [m[0]! * x + m[2]! * y + m[4]!, m[1]! * x + m[3]! * y + m[5]!];
}

/** Quarter turns of a direction vector: 0 = rightwards, 1 = downwards, 2 = leftwards, 3 = upwards (y down). */
export function quarterTurns(dx: number, dy: number): 0 | 1 | 2 | 3 {
  return ((Math.round(Math.atan2(dy, dx) / (Math.PI / 2)) % 4) + 4) % 4 as 0 | 1 | 2 | 3;
}

export interface UprightFrame {
  /** PDF user space → upright coordinates. */
  matrix: Matrix;
  width: number;
  height: number;
  /** Quarter turns applied after the viewport (0 for an ordinary page). */
  turns: 0 | 1 | 2 | 3;
}

/**
 * The frame for a page whose viewport (after /Rotate) maps user space by `viewport` onto a
 * `width`×`height` view, and whose dominant text runs `turns` quarter turns from rightwards there.
 */
export function uprightFrame(viewport: readonly number[], width: number, height: number, turns: 0 | 1 | 2 | 3): UprightFrame {
  // Each rotation maps the dominant reading direction back to rightwards, keeping y downwards.
  const rotations: Record<0 | 1 | 2 | 3, Matrix> = {
    0: IDENTITY,
    1: [0, -1, 1, 0, 0, width],
    2: [-1, 0, 0, -1, width, height],
    3: [0, 1, -1, 0, height, 0],
  };
  const odd = turns % 2 === 1;
  return { matrix: multiply(rotations[turns], viewport), width: odd ? height : width, height: odd ? width : height, turns };
}
