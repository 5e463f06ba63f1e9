/**
 * Issue 11: extraction throughput with 1 and 2 worker threads (extract/pool/), and the PDF
 * reader against the tools people compare it with, all on the same PDFs (test/fixtures/corpus/real
 * and test/fixtures/docs/generated), medians of several runs:
 *
 * - nianbao's full extraction (reader, tables, mapper, checks) in the main thread, and through the
 *   pool with `jobs` 1 and 2 (the pool started and warmed before timing, as in a long load);
 * - pdfminer.six (Debian's python3-pdfminer; `bash scripts/setup-system.sh --bench` installs it):
 *   `extract_pages` with layout analysis, every text box's position and text — what pdfplumber
 *   builds on — timed inside one Python process;
 * - poppler's `pdftotext -layout`, one process per PDF (its start-up included);
 * - HTML extraction with 1 and 2 workers (the corpus page and the HTML fixtures, many rounds);
 * - the peak RSS of a process whose two workers read the 201-page PDF at once.
 *
 * Pages/s count PDF pages; the ratios are nianbao ÷ pdfminer.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_EXTRACT } from '../../config/schema.ts';
import { extractBytes } from '../../extract/index.ts';
import { feedInOrder } from '../../extract/pool/feed.ts';
import { ExtractPool } from '../../extract/pool/pool.ts';
import { corpusDir, corpusFolders } from '../support/corpus.ts';
import { longPdf } from './extract-pdf.bench.ts';
import { median, timeRuns, type BenchRow } from './harness.ts';

const RUNS = Number(process.env.NIANBAO_BENCH_RUNS ?? 5);
/** Passes over the HTML pages in one timed run (they are small). */
const HTML_ROUNDS = 10;
const PYTHON = process.env.NIANBAO_PYTHON ?? '/usr/bin/python3';
const generated = fileURLToPath(new URL('../fixtures/docs/generated/', import.meta.url));
const htmlFixtures = fileURLToPath(new URL('../fixtures/docs/html/', import.meta.url));

interface Doc {
  path: string;
  uri: string;
  bytes: Uint8Array;
  pages: number;
}

const pageCount = (path: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1] ?? 0);

function docsIn(dir: string, ext: string): Doc[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => ({ path: join(dir, f), uri: f, bytes: new Uint8Array(readFileSync(join(dir, f))), pages: ext === '.pdf' ? pageCount(join(dir, f)) : 1 }));
}

/** ms of each run extracting `docs` (× rounds) in the main thread, one after another. */
const inThread = (docs: Doc[], rounds = 1) =>
  timeRuns(async () => {
    for (let r = 0; r < rounds; r++) for (const d of docs) await extractBytes(d.bytes, { uri: d.uri }).catch(() => null);
  }, RUNS, 1);

/** ms of each run extracting `docs` (× rounds) through a pool of `jobs` workers, in order as `load` does. */
async function pooled(docs: Doc[], jobs: number, rounds = 1): Promise<number[]> {
  const pool = new ExtractPool({ jobs, workerHeapMb: DEFAULT_EXTRACT.workerHeapMb, documentTimeoutMs: 600_000 });
  try {
    const all = Array.from({ length: rounds }, () => docs).flat();
    return await timeRuns(() => feedInOrder(all, (d) => pool.extract({ bytes: d.bytes.slice(), uri: d.uri }).catch(() => null), () => {}, { concurrency: jobs }), RUNS, 1);
  } finally {
    await pool.close();
  }
}

const PDFMINER = `
import sys, time, statistics
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTTextContainer
runs = int(sys.argv[1]); paths = sys.argv[2:]
times = []
for r in range(runs + 1):
    t = time.perf_counter()
    for p in paths:
        for page in extract_pages(p, laparams=LAParams()):
            for el in page:
                if isinstance(el, LTTextContainer):
                    el.bbox; el.get_text()
    if r > 0: times.append((time.perf_counter() - t) * 1000)
print(statistics.median(times))
`;

/** Median ms of pdfminer.six over `docs`, or null when it is not installed. */
function pdfminer(docs: Doc[]): number | null {
  try {
    execFileSync(PYTHON, ['-c', 'import pdfminer'], { stdio: 'ignore' });
  } catch {
    process.stderr.write(`bench: pdfminer.six not found for ${PYTHON} (bash scripts/setup-system.sh --bench installs python3-pdfminer); its rows are left out\n`);
    return null;
  }
  return Number(execFileSync(PYTHON, ['-c', PDFMINER, String(RUNS), ...docs.map((d) => d.path)], { encoding: 'utf8', maxBuffer: 1 << 24 }).trim());
}

/** ms of each run of `pdftotext -layout` over `docs`. */
const pdftotext = (docs: Doc[]) =>
  timeRuns(() => {
    for (const d of docs) execFileSync('pdftotext', ['-layout', d.path, '-'], { maxBuffer: 1 << 26 });
  }, RUNS, 1);

/** Peak RSS (MB) of a fresh process whose pool of two workers reads `path` twice at once. */
export function peakRssTwoWorkers(path: string): number {
  const pool = pathToFileURL(fileURLToPath(new URL('../../extract/pool/pool.ts', import.meta.url))).href;
  const script = `const { ExtractPool } = await import(${JSON.stringify(pool)});
const { readFileSync } = await import('node:fs');
const pool = new ExtractPool({ jobs: 2, workerHeapMb: ${DEFAULT_EXTRACT.workerHeapMb}, documentTimeoutMs: 600000 });
const outcome = await Promise.allSettled([0, 1].map(() => pool.extract({ path: ${JSON.stringify(path)} })));
await pool.close();
const hwm = /VmHWM:\\s+(\\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
console.log(JSON.stringify({ outcome: outcome.map((o) => o.status), peakKb: Number(hwm[1]) }));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  return (JSON.parse(out.trim().split('\n').pop()!) as { peakKb: number }).peakKb / 1024;
}

export async function bench(): Promise<BenchRow[]> {
  const pdfs = [...docsIn(corpusDir('real'), '.pdf'), ...docsIn(generated, '.pdf')];
  const pages = pdfs.reduce((n, d) => n + d.pages, 0);
  const html = [...corpusFolders().flatMap((f) => docsIn(`${corpusDir(f as 'real')}`, '.html')), ...docsIn(htmlFixtures, '.html')];
  const perSecond = (units: number, ms: number) => (units * 1000) / ms;
  const how = `${pdfs.length} PDFs, ${pages} pages, median of ${RUNS}`;

  const pdfMain = median(await inThread(pdfs));
  const pdf1 = median(await pooled(pdfs, 1));
  const pdf2 = median(await pooled(pdfs, 2));
  const miner = pdfminer(pdfs);
  const poppler = median(await pdftotext(pdfs));
  const htmlUnits = html.length * HTML_ROUNDS;
  const html1 = median(await pooled(html, 1, HTML_ROUNDS));
  const html2 = median(await pooled(html, 2, HTML_ROUNDS));

  const rows: BenchRow[] = [
    { name: 'PDF extraction, main thread', value: perSecond(pages, pdfMain), unit: 'pages/s', note: how },
    { name: 'PDF extraction, 1 worker', value: perSecond(pages, pdf1), unit: 'pages/s', note: how },
    { name: 'PDF extraction, 2 workers', value: perSecond(pages, pdf2), unit: 'pages/s', note: how },
    { name: 'PDF speed-up, 2 workers ÷ 1', value: pdf1 / pdf2, unit: '×', target: '≥ 1.7', note: 'on 2 cores' },
    { name: 'pdftotext -layout (poppler)', value: perSecond(pages, poppler), unit: 'pages/s', note: `${how}; one process per PDF` },
  ];
  if (miner !== null) {
    rows.push(
      { name: 'pdfminer.six text + positions', value: perSecond(pages, miner), unit: 'pages/s', note: `${how}; extract_pages, LAParams defaults, one Python process` },
      { name: 'nianbao ÷ pdfminer, 1 worker', value: miner / pdf1, unit: '×', target: '≥ 1.0', note: 'tables included vs text only' },
      { name: 'nianbao ÷ pdfminer, 2 workers', value: miner / pdf2, unit: '×', target: '≥ 1.7' },
    );
  }
  rows.push(
    { name: 'HTML extraction, 1 worker', value: perSecond(htmlUnits, html1), unit: 'pages/s', note: `${html.length} pages × ${HTML_ROUNDS}, median of ${RUNS}` },
    { name: 'HTML extraction, 2 workers', value: perSecond(htmlUnits, html2), unit: 'pages/s', note: `${html.length} pages × ${HTML_ROUNDS}, median of ${RUNS}` },
    { name: 'HTML speed-up, 2 workers ÷ 1', value: html1 / html2, unit: '×', target: '≥ 1.7', note: 'on 2 cores' },
  );
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-throughput-'));
  try {
    const long = longPdf(dir, pdfs.map((d) => ({ uri: d.uri, bytes: d.bytes, pages: d.pages })));
    rows.push({ name: `peak RSS, 2 workers reading the ${long.pages}-page PDF at once`, value: peakRssTwoWorkers(long.path), unit: 'MB', target: '< 1000', note: `fresh process, workerHeapMb ${DEFAULT_EXTRACT.workerHeapMb} (the default)` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
