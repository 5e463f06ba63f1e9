/**
 * OCR speed (issue 14): a 10-page scanned report — the two 5-page Hongze reports of the corpus
 * joined by pdfunite (poppler-utils), scanned by scripts/scans at 200 dpi with a fixed seed —
 * read into the document model (readDocument: pdftoppm, deskew, rulings, tesseract page pass and
 * cell re-reads). Wall time is a median of RUNS runs; CPU time counts this process and its
 * children (tesseract, pdftoppm: /proc/self/stat cutime+cstime), since the machine is shared.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDocument } from '../../extract/index.ts';
import { scanPdf, scanSettings } from '../../scripts/scans/scan.ts';
import { corpusDir } from '../support/corpus.ts';
import { median, type BenchRow } from './harness.ts';

const RUNS = 3;

/** CPU seconds of this process and its waited-for children so far (Linux). */
function cpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  // After the command: state is field 3; utime 14, stime 15, cutime 16, cstime 17 (1-based), in clock ticks.
  const ticks = [11, 12, 13, 14].reduce((s, i) => s + Number(fields[i]), 0);
  return ticks / 100;
}

export async function bench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-ocr-bench-'));
  try {
    const real = corpusDir('real');
    const joined = join(dir, 'joined.pdf');
    execFileSync('pdfunite', [join(real, 'hongze-2023.pdf'), join(real, 'hongze-2024.pdf'), joined]);
    const settings = { ...scanSettings('bench'), dpi: 200 as const };
    const scan = new Uint8Array(await scanPdf(readFileSync(joined), settings, 'bench'));
    const pages = 10;
    const walls: number[] = [];
    const cpus: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const [t0, c0] = [performance.now(), cpuSeconds()];
      await readDocument(scan, 'scan.pdf');
      walls.push((performance.now() - t0) / 1000);
      cpus.push(cpuSeconds() - c0);
    }
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    return [
      { name: 'OCR, 10-page scan, wall', value: median(walls), unit: 's', target: '< 30 on one core', note: `median of ${RUNS}; load average ${load}` },
      { name: 'OCR, 10-page scan, CPU (with tesseract)', value: median(cpus), unit: 's', target: '< 30', note: `median of ${RUNS}; this process + child processes` },
      { name: 'OCR pages per CPU second', value: pages / median(cpus), unit: 'pages/s', note: '200 dpi scan, read at 300 dpi' },
      { name: 'OCR pages per wall second', value: pages / median(walls), unit: 'pages/s', note: `load average ${load}` },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
