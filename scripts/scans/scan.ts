/**
 * Makes a scan of a PDF: every page rasterised in grey at 150 or 200 dpi (pdftoppm), turned by
 * a slight angle, on grey paper, with noise and specks, JPEG-compressed (pdftoppm -jpeg of the
 * degraded page), and written as an image-only PDF (scans/image-pdf.ts). Seeded: the same seed
 * gives the same settings and the same noise.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parsePgm, rotate } from '../../extract/readers/ocr/raster.ts';
import { rng } from '../layout-variants/random.ts';
import { imagePdf } from './image-pdf.ts';

const exec = promisify(execFile);

export interface ScanSettings {
  dpi: 150 | 200;
  /** Rotation in degrees (positive: clockwise). */
  angle: number;
  /** Paper grey level (255 white). */
  paper: number;
  /** Standard deviation of the grey noise. */
  noise: number;
  /** Dark specks per page. */
  specks: number;
  /** JPEG quality, 0-100. */
  quality: number;
}

/** The settings `seed` picks. */
export function scanSettings(seed: string): ScanSettings {
  const r = rng(`scan:${seed}`);
  return {
    dpi: r.pick([150, 200] as const),
    angle: Math.round((r.next() * 3 - 1.5) * 100) / 100,
    paper: r.int(205, 245),
    noise: r.int(4, 14),
    specks: r.int(0, 300),
    quality: r.int(35, 80),
  };
}

/** Numbered page files pdftoppm wrote under `prefix`, in page order. */
async function pageFiles(dir: string, ext: string): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => f.startsWith('p-') && f.endsWith(ext));
  return files.sort((a, b) => parseInt(a.slice(2), 10) - parseInt(b.slice(2), 10)).map((f) => join(dir, f));
}

/** The image-only PDF scan of `pdf` (bytes) under `settings`, noise seeded by `seed`. */
export async function scanPdf(pdf: Uint8Array, settings: ScanSettings, seed: string): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'nianbao-scan-'));
  try {
    await writeFile(join(dir, 'in.pdf'), pdf);
    await exec('pdftoppm', ['-gray', '-r', String(settings.dpi), join(dir, 'in.pdf'), join(dir, 'p')]);
    const r = rng(`noise:${seed}`);
    // Box-Muller normal deviates from the seeded generator.
    const normal = () => Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
    const degraded = [];
    for (const f of await pageFiles(dir, '.pgm')) {
      const page = rotate(parsePgm(await readFile(f)), (-settings.angle * Math.PI) / 180);
      const d = page.data;
      const scale = settings.paper / 255;
      for (let k = 0; k < d.length; k++) d[k] = Math.max(0, Math.min(255, Math.round(d[k]! * scale + normal() * settings.noise)));
      for (let s = 0; s < settings.specks; s++) {
        const [x, y, size] = [r.int(0, page.width - 4), r.int(0, page.height - 4), r.int(1, 3)];
        for (let dy = 0; dy < size; dy++) for (let dx = 0; dx < size; dx++) d[(y + dy) * page.width + x + dx] = r.int(20, 90);
      }
      degraded.push({ width: page.width, height: page.height, dpi: settings.dpi, gray: d });
    }
    // JPEG by pdftoppm: the degraded pages as a lossless PDF, rasterised again at the same resolution.
    await writeFile(join(dir, 'raw.pdf'), imagePdf(degraded));
    await exec('pdftoppm', ['-gray', '-jpeg', '-jpegopt', `quality=${settings.quality}`, '-r', String(settings.dpi), join(dir, 'raw.pdf'), join(dir, 'p')]);
    const jpegs = await pageFiles(dir, '.jpg');
    const pages = await Promise.all(jpegs.map(async (f) => {
      const jpeg = await readFile(f);
      return { ...jpegSize(jpeg), dpi: settings.dpi, jpeg };
    }));
    return imagePdf(pages);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Width and height of a JPEG, from its start-of-frame marker. */
function jpegSize(b: Buffer): { width: number; height: number; components: number } {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) throw new Error('JPEG: marker expected');
    const marker = b[i + 1]!;
    const length = b.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc3) return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7), components: b[i + 9]! };
    i += 2 + length;
  }
  throw new Error('JPEG: no frame header');
}
