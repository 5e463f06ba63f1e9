/**
 * Text extraction throughput: every text document of test/fixtures/corpus, bytes already in memory,
 * through extractBytes (sniff → text reader → mapper → checks). Median of several runs.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { extractBytes } from '../../extract/index.ts';
import { median, timeRuns, type BenchRow } from './harness.ts';
import { CORPUS_DIR, corpusFolders } from '../support/corpus.ts';

const corpus = CORPUS_DIR;
const ROUNDS = 50;

export async function bench(): Promise<BenchRow[]> {
  const docs = corpusFolders().flatMap((d) =>
    readdirSync(corpus + d)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => ({ uri: f, bytes: new Uint8Array(readFileSync(`${corpus}${d}/${f}`)) })),
  );
  const times = await timeRuns(async () => {
    for (let i = 0; i < ROUNDS; i++) for (const d of docs) await extractBytes(d.bytes, { uri: d.uri });
  }, 7, 2);
  const perSecond = (docs.length * ROUNDS) / (median(times) / 1000);
  return [{ name: 'text extraction', value: perSecond, unit: 'docs/s', target: '≥ 1000', note: `${docs.length} corpus texts × ${ROUNDS}, median of 7 runs` }];
}
