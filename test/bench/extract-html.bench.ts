/**
 * HTML throughput: the corpus HTML page(s) of test/fixtures/corpus and the HTML fixtures of
 * test/fixtures/docs/html, bytes already in memory. Reader only (readHtml: decode → parse →
 * content root → blocks → meta) and full extraction (extractBytes: sniff → reader → mapper →
 * checks). Plus the time to read one 20 MB page. Medians of several runs, one process.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractBytes } from '../../extract/index.ts';
import { readHtml } from '../../extract/readers/html.ts';
import { median, timeRuns, type BenchRow } from './harness.ts';
import { CORPUS_DIR, corpusFolders } from '../support/corpus.ts';

const corpus = CORPUS_DIR;
const fixtures = fileURLToPath(new URL('../fixtures/docs/html/', import.meta.url));
/** Passes over the documents in one timed run. */
const ROUNDS = 40;
const RUNS = 7;
const BIG_PAGE_RUNS = 3;

interface Doc {
  uri: string;
  bytes: Uint8Array;
}

const htmlIn = (dir: string): Doc[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .map((f) => ({ uri: f, bytes: new Uint8Array(readFileSync(`${dir}/${f}`)) }));

/** Pages per second over `docs`, median of RUNS runs of ROUNDS passes. */
async function pagesPerSecond(docs: Doc[], read: (d: Doc) => Promise<unknown>): Promise<number> {
  const times = await timeRuns(async () => {
    for (let i = 0; i < ROUNDS; i++) for (const d of docs) await read(d);
  }, RUNS, 2);
  return (docs.length * ROUNDS) / (median(times) / 1000);
}

/** A 20 MB report page: a long body of Word-style paragraphs, then a huge table. */
function bigPage(): Uint8Array {
  const half = 10 * 1024 * 1024;
  const paragraph = '<p><span>本机关2023年主动公开政府信息</span><span>1</span><span>20条，收到政府信息公开申请15件。</span></p>\n';
  const row = '<tr><td>行政许可</td><td><span>1</span><span>2</span></td><td>&nbsp;</td><td colspan="2">3</td></tr>\n';
  const body = paragraph.repeat(Math.ceil(half / Buffer.byteLength(paragraph))) + `<table>${row.repeat(Math.ceil(half / row.length))}</table>`;
  return Buffer.from(`<html><head><meta charset="utf-8"><title>大页面</title></head><body><div id="zoom">${body}</div></body></html>`);
}

export async function bench(): Promise<BenchRow[]> {
  const real = corpusFolders().flatMap((d) => htmlIn(`${corpus}${d}`));
  const all = [...real, ...htmlIn(fixtures)];
  const readOnly = (d: Doc) => readHtml(d.bytes, d.uri);
  const extract = (d: Doc) => extractBytes(d.bytes, { uri: d.uri });
  const how = (docs: Doc[]) => `${docs.map((d) => d.uri).join(', ')} × ${ROUNDS}, median of ${RUNS} runs`;
  const rows: BenchRow[] = [
    { name: 'HTML reader, corpus page', value: await pagesPerSecond(real, readOnly), unit: 'pages/s', note: how(real) },
    { name: 'HTML reader, corpus + fixtures', value: await pagesPerSecond(all, readOnly), unit: 'pages/s', note: `${all.length} pages × ${ROUNDS}, median of ${RUNS} runs` },
    { name: 'HTML extraction, corpus page', value: await pagesPerSecond(real, extract), unit: 'pages/s', target: '≥ 300', note: how(real) },
    { name: 'HTML extraction, corpus + fixtures', value: await pagesPerSecond(all, extract), unit: 'pages/s', target: '≥ 300', note: `${all.length} pages × ${ROUNDS}, median of ${RUNS} runs` },
  ];
  // Last: the big page's garbage would slow the small-page runs after it.
  const big = bigPage();
  const bigTimes = await timeRuns(() => readHtml(big, '20mb.html'), BIG_PAGE_RUNS, 0);
  rows.push({ name: 'HTML reader, one 20 MB page', value: median(bigTimes), unit: 'ms', note: `${(big.length / 1024 / 1024).toFixed(1)} MB, median of ${BIG_PAGE_RUNS} runs` });
  return rows;
}
