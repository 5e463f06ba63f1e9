/**
 * 繁體 pages (the Hanweb 简/繁 switch converts every page character by character) extract to the
 * same numbers as the simplified original.
 */
import { readFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js/cn2t';
import { describe, expect, it } from 'vitest';
import { documentToRecord } from '../../extract/mapper/index.ts';
import { textToDocument } from '../../extract/readers/text.ts';
import type { ReportRecord } from '../../extract/record.ts';
import { corpusDir } from '../support/corpus.ts';

const seeds = corpusDir('seeds');
const toTraditional = OpenCC.Converter({ from: 'cn', to: 't' });

describe('traditional characters', () => {
  for (const name of ['000_3e089bbee027005d', '004_e6ee48d9f5f3b505']) {
    it(`${name} converted to 繁體 gives the golden numbers`, () => {
      const text = toTraditional(readFileSync(`${seeds}${name}.txt`, 'utf8'));
      expect(text).toContain('政府信息公開');
      const golden = JSON.parse(readFileSync(`${seeds}${name}.expected.json`, 'utf8')) as ReportRecord;
      const got = documentToRecord(textToDocument(text), { uri: `${name}.txt`, format: 'txt' });
      expect(got.year).toBe(golden.year);
      expect(got.template).toBe(golden.template);
      expect(got.active_disclosure).toEqual(golden.active_disclosure);
      expect(got.applications).toEqual(golden.applications);
      expect(got.review_litigation).toEqual(golden.review_litigation);
    });
  }
});
