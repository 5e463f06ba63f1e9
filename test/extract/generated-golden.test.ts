/**
 * Golden records of the generated fixtures (test/fixtures/docs/generated, made by
 * scripts/make-fixtures.ts): every PDF, DOCX, DOC and WPS made from a corpus report is extracted
 * and must match its source's golden record by docs/RECORD.md's rules.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../../extract/index.ts';
import type { ReportRecord } from '../../extract/record.ts';
import { compareRecord } from '../support/compare-record.ts';

const dir = fileURLToPath(new URL('../fixtures/docs/generated/', import.meta.url));
const names = readdirSync(dir);
const fixtures = names.filter((n) => /\.(pdf|docx|doc|wps)$/.test(n) && names.includes(n.replace(/\.[^.]+$/, '.expected.json')));

describe('generated fixtures match their golden records', () => {
  it('has fixtures of every format', () => {
    const formats = new Set(fixtures.map((n) => n.split('.').pop()));
    expect([...formats].sort()).toEqual(['doc', 'docx', 'pdf', 'wps']);
  });
  for (const name of fixtures) {
    it(name, async () => {
      const want = JSON.parse(readFileSync(join(dir, name.replace(/\.[^.]+$/, '.expected.json')), 'utf8')) as ReportRecord;
      const got = await extractFile(join(dir, name));
      expect(compareRecord(want, got)).toEqual([]);
    });
  }
});
