/**
 * PDF and Word throughput: every PDF of test/fixtures/corpus/real and test/fixtures/docs/generated
 * (bytes in memory) read into the document model, tables reconstructed (readDocument), in
 * pages per second; the generated DOCX files in documents per second (mammoth → HTML reader);
 * and the peak memory of a separate process reading a 200-page PDF, made here with pdfunite
 * (poppler-utils) from the generated reports, since a committed one would weigh megabytes.
 * Medians of several runs, one process.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readDocument } from '../../extract/index.ts';
import { median, timeRuns, type BenchRow } from './harness.ts';
import { corpusDir } from '../support/corpus.ts';

const real = corpusDir('real');
const generated = fileURLToPath(new URL('../fixtures/docs/generated/', import.meta.url));
const RUNS = 5;
/** Pages in the memory test's document. */
const LONG_PAGES = 200;

interface Doc {
  uri: string;
  bytes: Uint8Array;
  pages: number;
}

const pageCount = (path: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1] ?? 0);

const docsIn = (dir: string, ext: string, withPages: boolean): Doc[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .map((f) => ({ uri: f, bytes: new Uint8Array(readFileSync(join(dir, f))), pages: withPages ? pageCount(join(dir, f)) : 1 }));

/** Units per second over `docs`: median of RUNS runs over all of them. */
async function rate(docs: Doc[]): Promise<{ perSecond: number; units: number }> {
  const units = docs.reduce((s, d) => s + d.pages, 0);
  const times = await timeRuns(async () => {
    for (const d of docs) await readDocument(d.bytes, d.uri);
  }, RUNS);
  return { perSecond: (units * 1000) / median(times), units };
}

/** Builds a PDF of at least LONG_PAGES pages by joining generated reports; returns its path and page count. */
export function longPdf(dir: string, docs: Doc[]): { path: string; pages: number } {
  const chromium = docs.filter((d) => d.uri.endsWith('-chromium.pdf'));
  const parts: string[] = [];
  let pages = 0;
  for (let i = 0; pages < LONG_PAGES; i++) {
    const d = chromium[i % chromium.length]!;
    parts.push(join(generated, d.uri));
    pages += d.pages;
  }
  const path = join(dir, 'long.pdf');
  execFileSync('pdfunite', [...parts, path]);
  return { path, pages };
}

/** A V8 old-space cap that shows the reader's live memory: uncapped, V8 grows its heap long before it collects. */
const CAPPED_HEAP_MB = 256;

/** Peak RSS (MB) of a fresh process that reads `path` with the PDF reader, with extra Node flags. */
function peakRssReading(path: string, nodeFlags: string[] = []): number {
  const reader = pathToFileURL(fileURLToPath(new URL('../../extract/readers/pdf.ts', import.meta.url))).href;
  const script = `const { readPdf } = await import(${JSON.stringify(reader)});
const { readFileSync } = await import('node:fs');
const doc = await readPdf(new Uint8Array(readFileSync(${JSON.stringify(path)})), 'long.pdf');
const hwm = /VmHWM:\\s+(\\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
console.log(JSON.stringify({ blocks: doc.blocks.length, peakKb: Number(hwm[1]) }));`;
  const out = execFileSync(process.execPath, [...nodeFlags, '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  return (JSON.parse(out.trim().split('\n').pop()!) as { peakKb: number }).peakKb / 1024;
}

export async function bench(): Promise<BenchRow[]> {
  const pdfs = [...docsIn(real, '.pdf', true), ...docsIn(generated, '.pdf', true)];
  const docx = docsIn(generated, '.docx', false);
  const pdf = await rate(pdfs);
  const word = await rate(docx);
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-pdf-'));
  try {
    const long = longPdf(dir, pdfs);
    const peak = peakRssReading(long.path);
    const capped = peakRssReading(long.path, [`--max-old-space-size=${CAPPED_HEAP_MB}`]);
    return [
      { name: 'PDF reading + table reconstruction', value: pdf.perSecond, unit: 'pages/s', target: '≥ 100', note: `${pdfs.length} PDFs, ${pdf.units} pages, median of ${RUNS}` },
      { name: 'DOCX reading (mammoth → HTML reader)', value: word.perSecond, unit: 'docs/s', note: `${docx.length} DOCX, median of ${RUNS}` },
      { name: `peak RSS reading a ${long.pages}-page PDF`, value: peak, unit: 'MB', target: '< 500', note: 'fresh process, default heap; pdfunite of generated reports' },
      { name: `peak RSS, same PDF, heap capped`, value: capped, unit: 'MB', target: '< 500', note: `node --max-old-space-size=${CAPPED_HEAP_MB}: the live set fits` },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
