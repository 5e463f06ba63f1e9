/**
 * Golden records: every document in each folder of test/fixtures/corpus that has a <name>.expected.json is
 * extracted and compared with it by docs/RECORD.md's rules. A new document needs no code.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../extract/index.ts';
import type { ReportRecord } from '../extract/record.ts';
import { compareRecord } from './support/compare-record.ts';
import { CORPUS_DIR, corpusFolders } from './support/corpus.ts';

const corpus = CORPUS_DIR;

/** Every (document, golden) pair of a corpus folder. */
export function goldenPairs(dir: string): { doc: string; golden: string }[] {
  const names = readdirSync(dir);
  return names
    .filter((n) => n.endsWith('.expected.json'))
    .map((g) => {
      const stem = g.slice(0, -'.expected.json'.length);
      const doc = names.find((n) => n !== g && !n.endsWith('.json') && n.replace(/\.[^.]+$/, '') === stem);
      return { doc: doc ? join(dir, doc) : '', golden: join(dir, g) };
    })
    .filter((p) => p.doc);
}

const folders = existsSync(corpus) ? corpusFolders() : [];

describe('golden records of test/fixtures/corpus', () => {
  it('finds the corpus', () => {
    expect(folders.length).toBeGreaterThan(0);
  });
  for (const folder of folders) {
    for (const { doc, golden } of goldenPairs(join(corpus, folder))) {
      it(`${folder}/${doc.split('/').pop()}`, async () => {
        const want = JSON.parse(readFileSync(golden, 'utf8')) as ReportRecord;
        const got = await extractFile(doc);
        expect(compareRecord(want, got)).toEqual([]);
      });
    }
  }
});
