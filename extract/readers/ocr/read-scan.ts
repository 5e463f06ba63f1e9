/**
 * The OCR reader: an image-only PDF (a scan) → the document model, through the PDF reader's own
 * layout steps. Each page is rasterised in grey by pdftoppm, its skew measured and undone, its
 * ruling lines found in the image (ocr/rulings.ts) and given to the PDF reader as ruling edges,
 * the rulings inside tables erased, and the page read by one tesseract run (Chinese model, TSV
 * word boxes) whose words become the PDF reader's text fragments. The PDF steps then build
 * tables from the rulings (cells claim the words inside them), paragraphs from the rest and
 * join tables across pages; a page without rulings gives paragraphs and unruled tables.
 *
 * Number cells are read a second time, each cell image alone as one line of digits (tesseract
 * `--psm 7`, a digit whitelist, all cells of a page in one run): the whole-page pass misses
 * lone digits and mistakes digits for look-alike letters. Every grid cell keeps its page box.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NeedsOcrError } from '../../../errors.ts';
import type { Block, Document, GridCell } from '../../document.ts';
import type { LayoutSettings } from '../../layout/settings.ts';
import { edgesToTables } from '../pdf/edges-to-cells.ts';
import { joinPages } from '../pdf/join-pages.ts';
import type { Edge, Fragment, PageContent } from '../pdf/page-content.ts';
import { findFurniture } from '../pdf/page-furniture.ts';
import { pageToBlocks } from '../pdf/page-to-blocks.ts';
import { binarize, crop, estimateSkew, grayImage, inkMask, otsuThreshold, parsePgm, rotate, writePgm, type Gray } from './raster.ts';
import { eraseRulings, findRulings } from './rulings.ts';
import { MissingToolError, ocrTimeoutMs, pdftoppmBinary, run, tesseractStatus, tesseractTsv, type TsvWord } from './tesseract.ts';

/** Resolution pages are rasterised at for OCR (dots per inch); chosen by `scripts/scans/score-scans.ts`. */
export const OCR_DPI = 300;
/** Skews below this (degrees) are left alone: rotating costs time and blurs. */
const MIN_SKEW_DEGREES = 0.05;
/** Shortest ruling line, in points: longer than any stroke of body text. */
const MIN_RULING_PT = 12;
/** A ruling at least this long (points) stands alone; a shorter one must meet a long one (a table's border). */
const LONG_RULING_PT = 40;
/** How near (points) a short ruling must come to a long one to meet it. */
const RULING_TOUCH_PT = 2;
/** Thickest ruling line, in points (a scanned 1 pt line spreads). */
const MAX_RULING_PT = 3;
/** Longest gap inside a ruling line, in points (noise, JPEG blocks, a light scan). */
const MAX_RULING_GAP_PT = 0.8;
/** White painted around an erased ruling, in points. */
const ERASE_PAD_PT = 0.6;
/** Inset of a cell's image from its borders when it is read alone, in points. */
const CELL_INSET_PT = 1.2;
/** Ink (square points) a cell must hold to be read again: a printed 1 has more, specks less. */
const MIN_INK_PT2 = 1.5;
/** White margin around a cell image given to tesseract alone, in pixels. */
const CELL_MARGIN_PX = 12;

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
/** A number as a cell prints it. */
const NUMBER = /^\d+(\.\d+)?$/;

export interface OcrSummary {
  pages: number;
  /** Number cells whose reading came from the digit pass. */
  numberCells: number;
  /** Number cells the digit pass read differently from the page pass. */
  corrected: number;
}

/** One page as OCR saw it: the upright image in black and white, rulings erased, and the pixels per point. */
interface PageImage {
  number: number;
  image: Gray;
  scale: number;
}

/**
 * Reads a scanned PDF of `pageCount` pages. Throws NeedsOcrError naming the package when
 * tesseract (or its Chinese model) is missing, and an error naming the step when pdftoppm or
 * tesseract fails or runs past the time limit.
 */
export async function readScannedPdf(bytes: Uint8Array, source: string, pageCount: number, layout: LayoutSettings, dpi = OCR_DPI): Promise<Document & { ocr: OcrSummary }> {
  const status = await tesseractStatus();
  if (status !== true) throw new NeedsOcrError(source, pageCount, status);
  const dir = await mkdtemp(join(tmpdir(), 'nianbao-ocr-'));
  try {
    await writeFile(join(dir, 'input.pdf'), bytes);
    const r = await run(pdftoppmBinary(), ['-gray', '-r', String(dpi), join(dir, 'input.pdf'), join(dir, 'page')]);
    if (r.missing) throw new NeedsOcrError(source, pageCount, `pdftoppm (${pdftoppmBinary()}) is not installed; install the Debian package poppler-utils`);
    if (r.timedOut) throw new Error(`pdftoppm did not rasterise it within ${ocrTimeoutMs()} ms; stopped`);
    if (r.code !== 0) throw new Error(`pdftoppm could not rasterise it (exit status ${r.code}): ${r.stderr.trim().slice(-300)}`);
    const files = (await readdir(dir)).filter((f) => /^page-\d+\.pgm$/.test(f)).sort((a, b) => parseInt(a.slice(5), 10) - parseInt(b.slice(5), 10));
    const pages: PageContent[] = [];
    const images: PageImage[] = [];
    const warnings: string[] = [];
    for (const [i, f] of files.entries()) {
      const read = await readPage(join(dir, f), i + 1, dpi / 72, layout, dir);
      pages.push(read.content);
      images.push(read.image);
      if (read.skew) warnings.push(`page ${i + 1}: scan turned by ${read.skew.toFixed(2)}°, straightened before OCR`);
    }
    const furniture = findFurniture(pages, layout);
    const joined = joinPages(pages.map((p) => pageToBlocks(p, furniture, layout)), layout);
    const summary = await rereadCells(joined.blocks, images, dir);
    summary.pages = pages.length;
    warnings.push(...joined.warnings);
    return { format: 'pdf', blocks: joined.blocks, meta: {}, warnings, ocr: summary };
  } catch (err) {
    if (err instanceof MissingToolError) throw new NeedsOcrError(source, pageCount, err.message);
    throw err;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One page image → PageContent (in points), and the straightened image for re-reads. */
async function readPage(file: string, number: number, scale: number, layout: LayoutSettings, dir: string): Promise<{ content: PageContent; image: PageImage; skew: number }> {
  let image = parsePgm(await readFile(file));
  let threshold = otsuThreshold(image);
  let mask = inkMask(image, threshold);
  const skew = estimateSkew(image, mask);
  const skewDegrees = (skew * 180) / Math.PI;
  if (Math.abs(skewDegrees) >= MIN_SKEW_DEGREES) {
    image = rotate(image, skew, 255);
    threshold = otsuThreshold(image);
    mask = inkMask(image, threshold);
  }
  const rulings = findRulings(image, mask, {
    minLength: Math.round(MIN_RULING_PT * scale),
    maxGap: Math.round(MAX_RULING_GAP_PT * scale),
    maxThickness: Math.round(MAX_RULING_PT * scale),
    longLength: Math.round(LONG_RULING_PT * scale),
    touch: Math.round(RULING_TOUCH_PT * scale),
  });
  const edges: Edge[] = rulings.map((r) =>
    r.orientation === 'h'
      ? { orientation: 'h', x0: r.x0 / scale, x1: (r.x1 + 1) / scale, top: (r.y0 + r.y1 + 1) / 2 / scale, bottom: (r.y0 + r.y1 + 1) / 2 / scale }
      : { orientation: 'v', x0: (r.x0 + r.x1 + 1) / 2 / scale, x1: (r.x0 + r.x1 + 1) / 2 / scale, top: r.y0 / scale, bottom: (r.y1 + 1) / scale },
  );
  // Erase the rulings of tables only: a long stroke of a large title character is no ruling.
  const tables = edgesToTables(edges, layout).map((cells) => ({
    x0: Math.min(...cells.map((c) => c.x0)) * scale, x1: Math.max(...cells.map((c) => c.x1)) * scale,
    top: Math.min(...cells.map((c) => c.top)) * scale, bottom: Math.max(...cells.map((c) => c.bottom)) * scale,
  }));
  const tol = 2 * scale;
  const inTable = rulings.filter((r) => tables.some((t) => r.x0 <= t.x1 + tol && r.x1 >= t.x0 - tol && r.y0 <= t.bottom + tol && r.y1 >= t.top - tol));
  const clean = binarize(eraseRulings(image, inTable, Math.round(ERASE_PAD_PT * scale)), threshold);
  const pagePath = join(dir, `clean-${number}.pgm`);
  await writeFile(pagePath, writePgm(clean));
  const words = await tesseractTsv(pagePath, ['-l', 'chi_sim', '--psm', '11', '--dpi', String(Math.round(scale * 72))]);
  const fragments = wordsToFragments(words, scale);
  return {
    content: { number, width: image.width / scale, height: image.height / scale, fragments, edges, images: 1 },
    image: { number, image: clean, scale },
    skew: Math.abs(skewDegrees) >= MIN_SKEW_DEGREES ? skewDegrees : 0,
  };
}

/** Tesseract's words → fragments in points; a word's size is its line's tallest word. */
function wordsToFragments(words: readonly TsvWord[], scale: number): Fragment[] {
  const lineHeight = new Map<string, number>();
  const key = (w: TsvWord) => `${w.block}/${w.par}/${w.line}`;
  for (const w of words) lineHeight.set(key(w), Math.max(lineHeight.get(key(w)) ?? 0, w.height));
  return words
    .filter((w) => w.conf >= 0)
    .map((w) => ({
      text: w.text,
      x0: w.left / scale,
      x1: (w.left + w.width) / scale,
      top: w.top / scale,
      bottom: (w.top + w.height) / scale,
      size: lineHeight.get(key(w))! / scale,
      vertical: false,
    }));
}

/** A cell image cut out for a second reading, and the cells (a span's copies) its text goes to. */
interface CellJob {
  cells: GridCell[];
  file: string;
}

/**
 * Grid cells read again one by one, each cell's image alone: cells that hold a number, or ink
 * the page pass read as no text or as something else than Chinese, as one line of digits (a
 * reading that is a number replaces the page pass's); cells with Chinese text as a block of
 * Chinese (a label whose reading is not empty replaces the page pass's: alone, a label is read
 * without its neighbours' noise). All cells of a kind go to one tesseract run.
 */
async function rereadCells(blocks: readonly Block[], images: readonly PageImage[], dir: string): Promise<OcrSummary> {
  const summary: OcrSummary = { pages: images.length, numberCells: 0, corrected: 0 };
  const numbers: CellJob[] = [];
  const labels: CellJob[] = [];
  let n = 0;
  for (const b of blocks) {
    if (b.kind !== 'grid') continue;
    const origins = new Map<string, GridCell[]>();
    b.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        const k = cell.spanned ? `${cell.originRow},${cell.originCol}` : `${r},${c}`;
        origins.set(k, [...(origins.get(k) ?? []), cell]);
      }),
    );
    for (const cells of origins.values()) {
      const cell = cells[0]!;
      if (!cell.pos?.box || !cell.pos.page) continue;
      const page = images[cell.pos.page - 1];
      if (!page) continue;
      const [x0, top, x1, bottom] = cell.pos.box.map((v) => v * page.scale) as [number, number, number, number];
      const inset = CELL_INSET_PT * page.scale;
      const img = crop(page.image, x0 + inset, top + inset, x1 - inset, bottom - inset);
      const ink = img.data.reduce((s, v) => s + (v === 0 ? 1 : 0), 0);
      if (ink < MIN_INK_PT2 * page.scale * page.scale) continue;
      const padded = grayImage(img.width + 2 * CELL_MARGIN_PX, img.height + 2 * CELL_MARGIN_PX);
      for (let y = 0; y < img.height; y++) padded.data.set(img.data.subarray(y * img.width, (y + 1) * img.width), (y + CELL_MARGIN_PX) * padded.width + CELL_MARGIN_PX);
      const file = join(dir, `cell-${n++}.pgm`);
      await writeFile(file, writePgm(padded));
      (CJK.test(cell.text) ? labels : numbers).push({ cells, file });
    }
  }
  const dpi = String(Math.round((images[0]?.scale ?? OCR_DPI / 72) * 72));
  const readAll = async (jobs: CellJob[], name: string, args: string[]): Promise<string[]> => {
    if (!jobs.length) return [];
    const list = join(dir, `${name}.txt`);
    await writeFile(list, jobs.map((j) => j.file).join('\n') + '\n');
    const texts: string[][] = jobs.map(() => []);
    for (const w of await tesseractTsv(list, [...args, '--dpi', dpi])) texts[w.page - 1]?.push(w.text);
    return texts.map((t) => t.join(' '));
  };
  const whitelist = ['-c', 'tessedit_char_whitelist=0123456789.-/'];
  const digits = await readAll(numbers, 'numbers', ['-l', 'eng', '--psm', '7', ...whitelist]);
  // A lone digit (a thin 1) often gives no line at all: those cells are read as one character.
  const missed = numbers.flatMap((job, i) => (digits[i]!.trim() ? [] : [i]));
  const single = await readAll(missed.map((i) => numbers[i]!), 'single', ['-l', 'eng', '--psm', '10', ...whitelist]);
  missed.forEach((i, k) => (digits[i] = single[k]!));
  numbers.forEach((job, i) => {
    const read = digits[i]!.replace(/\s+/g, '');
    if (!NUMBER.test(read)) return;
    summary.numberCells++;
    if (read !== job.cells[0]!.text) summary.corrected++;
    for (const c of job.cells) c.text = read;
  });
  const words = await readAll(labels, 'labels', ['-l', 'chi_sim', '--psm', '6']);
  labels.forEach((job, i) => {
    const read = chineseText(words[i]!);
    if (CJK.test(read)) for (const c of job.cells) c.text = read;
  });
  return summary;
}

/** Tesseract's Chinese model spaces out Chinese characters; a Chinese text has no spaces between them. */
function chineseText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])/g, '')
    .trim()
    // A label's numbering is in round brackets; OCR takes them for the angle and square ones.
    .replace(/^[《〈【「(]([一二三四五六七八九十]{1,3})[》〉】」)]+/, '（$1）');
}
