/**
 * Grey page images as plain arrays: PGM (P5) in and out, a threshold, skew estimation and
 * rotation. pdftoppm writes PGM with `-gray`; tesseract reads it; nothing else is needed.
 */

/** An 8-bit grey image, row-major, 0 black … 255 white. */
export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

export function grayImage(width: number, height: number, fill = 255): Gray {
  return { width, height, data: new Uint8Array(width * height).fill(fill) };
}

/** A binary PGM (P5, maxval 255) → Gray. Throws on anything else. */
export function parsePgm(bytes: Uint8Array): Gray {
  let i = 0;
  const token = (): string => {
    for (;;) {
      while (i < bytes.length && /\s/.test(String.fromCharCode(bytes[i]!))) i++;
      if (bytes[i] === 0x23) {
        while (i < bytes.length && bytes[i] !== 0x0a) i++;
        continue;
      }
      break;
    }
    let t = '';
    while (i < bytes.length && !/\s/.test(String.fromCharCode(bytes[i]!))) t += String.fromCharCode(bytes[i++]!);
    return t;
  };
  const magic = token();
  const width = Number(token());
  const height = Number(token());
  const max = Number(token());
  i++; // the single white-space byte after maxval
  if (magic !== 'P5' || !(width > 0) || !(height > 0) || max !== 255 || bytes.length - i < width * height) {
    throw new Error(`not an 8-bit binary PGM (${magic} ${width}x${height} max ${max})`);
  }
  return { width, height, data: bytes.slice(i, i + width * height) };
}

export function writePgm(img: Gray): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${img.width} ${img.height}\n255\n`, 'latin1'), Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength)]);
}

/** Otsu's threshold: the grey level that best splits ink from paper. */
export function otsuThreshold(img: Gray): number {
  const hist = new Float64Array(256);
  for (const v of img.data) hist[v]!++;
  const total = img.data.length;
  let sum = 0;
  for (let t = 0; t < 256; t++) sum += t * hist[t]!;
  let [sumB, wB, best, bestVar] = [0, 0, 128, -1];
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (!wB) continue;
    const wF = total - wB;
    if (!wF) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > bestVar) [bestVar, best] = [between, t];
  }
  return best;
}

/** Ink mask: 1 where darker than `threshold`. */
export function inkMask(img: Gray, threshold: number): Uint8Array {
  const m = new Uint8Array(img.data.length);
  for (let k = 0; k < m.length; k++) m[k] = img.data[k]! <= threshold ? 1 : 0;
  return m;
}

/**
 * The page's skew in radians (positive: content turned clockwise, as y grows downwards), from
 * the sharpness of the row profile of ink when sheared by candidate angles: text lines and
 * ruling lines give the sharpest profile when level. Searched within ±`maxDegrees`.
 */
export function estimateSkew(img: Gray, mask: Uint8Array, maxDegrees = 4): number {
  // Sample ink on a coarse lattice: enough points for the profile, few enough to be quick.
  const step = Math.max(1, Math.round(Math.min(img.width, img.height) / 800));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < img.height; y += step) {
    for (let x = 0; x < img.width; x += step) if (mask[y * img.width + x]) (xs.push(x), ys.push(y));
  }
  if (xs.length < 100) return 0;
  const bins = new Float64Array(Math.ceil(img.height / step) + Math.ceil(img.width / step) + 4);
  const score = (deg: number) => {
    const t = Math.tan((deg * Math.PI) / 180);
    bins.fill(0);
    const off = img.width * Math.abs(t) + step;
    for (let k = 0; k < xs.length; k++) {
      const b = Math.round((ys[k]! - xs[k]! * t + off) / step);
      if (b >= 0 && b < bins.length) bins[b]!++;
    }
    let s = 0;
    for (const v of bins) s += v * v;
    return s;
  };
  let best = 0;
  let bestScore = score(0);
  for (let d = -maxDegrees; d <= maxDegrees + 1e-9; d += 0.2) {
    const s = score(d);
    if (s > bestScore) [best, bestScore] = [d, s];
  }
  const coarse = best;
  for (let d = coarse - 0.2; d <= coarse + 0.2 + 1e-9; d += 0.02) {
    const s = score(d);
    if (s > bestScore) [best, bestScore] = [d, s];
  }
  return (best * Math.PI) / 180;
}

/**
 * `img` turned by `-angle` about its centre (undoing a skew of `angle` as estimateSkew measures
 * it), bilinear, the uncovered corners filled with `fill`.
 */
export function rotate(img: Gray, angle: number, fill = 255): Gray {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(w * h);
  const [c, s] = [Math.cos(angle), Math.sin(angle)];
  const [cx, cy] = [(w - 1) / 2, (h - 1) / 2];
  for (let y = 0; y < h; y++) {
    const dy = y - cy;
    for (let x = 0; x < w; x++) {
      const dx = x - cx;
      // Where this output pixel comes from in the skewed image.
      const sx = c * dx - s * dy + cx;
      const sy = s * dx + c * dy + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h) {
        out[y * w + x] = fill;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * w + x0;
      const top = data[i]! + (data[i + 1]! - data[i]!) * fx;
      const bottom = data[i + w]! + (data[i + w + 1]! - data[i + w]!) * fx;
      out[y * w + x] = Math.round(top + (bottom - top) * fy);
    }
  }
  return { width: w, height: h, data: out };
}

/** The rectangle [x0, y0, x1, y1) of `img`, clipped to it. */
export function crop(img: Gray, x0: number, y0: number, x1: number, y1: number): Gray {
  [x0, y0] = [Math.max(0, Math.floor(x0)), Math.max(0, Math.floor(y0))];
  [x1, y1] = [Math.min(img.width, Math.ceil(x1)), Math.min(img.height, Math.ceil(y1))];
  const w = Math.max(1, x1 - x0);
  const h = Math.max(1, y1 - y0);
  const out = grayImage(w, h);
  for (let y = 0; y < h && y0 + y < img.height; y++) out.data.set(img.data.subarray((y0 + y) * img.width + x0, (y0 + y) * img.width + x0 + Math.min(w, img.width - x0)), y * w);
  return out;
}

/**
 * Black ink on white paper: pixels darker than `threshold` black, the rest white, and ink
 * pixels with fewer than `minNeighbours` ink neighbours (specks of scanner noise) white too.
 * Tesseract reads a clean binary image far better than grey paper with noise.
 */
export function binarize(img: Gray, threshold: number, minNeighbours = 2): Gray {
  const { width: w, height: h } = img;
  const mask = inkMask(img, threshold);
  const out = new Uint8Array(w * h).fill(255);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!mask[i]) continue;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if ((dx || dy) && xx >= 0 && xx < w && mask[yy * w + xx]) n++;
        }
      }
      if (n >= minNeighbours) out[i] = 0;
    }
  }
  return { width: w, height: h, data: out };
}
