/**
 * Narrative checks (issue 12): the figures a report states in prose against its tables. Reports
 * of the corpus get planted statements — true ones, contradictions and ambiguous ones — and the
 * corpus as it is raises no alarm.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractBytes, extractFile } from '../../extract/index.ts';
import type { ReportRecord } from '../../extract/record.ts';
import { corpusDir } from '../support/corpus.ts';

const SEED = join(corpusDir('seeds'), '000_3e089bbee027005d.txt');
/** Seed 000's figures: new_received 3, carried_over 0, total_processed 3, normative documents 0/0/0, reviews 0. */
const golden = JSON.parse(readFileSync(SEED.replace(/\.txt$/, '.expected.json'), 'utf8')) as ReportRecord;

/** Seed 000 with `prose` as a paragraph right after its 总体情况 heading. */
async function withProse(prose: string): Promise<ReportRecord> {
  const text = readFileSync(SEED, 'utf8');
  const at = text.indexOf('\n', text.indexOf('总体情况')) + 1;
  expect(at).toBeGreaterThan(0);
  const planted = `${text.slice(0, at)}\n${prose}\n\n${text.slice(at)}`;
  return extractBytes(Buffer.from(planted), { uri: 'planted.txt' });
}

const narrative = (r: ReportRecord) => r.checks.filter((c) => c.id.startsWith('narrative.'));

describe('narrative checks', () => {
  it('agrees where the prose states the table figures', async () => {
    const n = golden.applications!.new_received![6]!;
    const r = await withProse(`本年度共受理政府信息公开申请${n}件，办结${golden.applications!.total_processed![6]}件。现行有效规范性文件${golden.active_disclosure!.normative_documents!.in_force}件。`);
    expect(narrative(r).map((c) => [c.id, c.ok])).toEqual([
      ['narrative.new_received', true],
      ['narrative.total_processed', true],
      ['narrative.normative_documents_in_force', true],
    ]);
  });

  it('finds planted contradictions, with both numbers and both places', async () => {
    const r = await withProse('全年共受理政府信息公开申请17件，均已按期答复。本机关现行有效规范性文件393件。全年发生行政复议2件。');
    const checks = narrative(r);
    expect(checks.map((c) => [c.id, c.ok])).toEqual([
      ['narrative.new_received', false],
      ['narrative.normative_documents_in_force', false],
      ['narrative.review', false],
    ]);
    const received = checks[0]!.detail!;
    expect(received).toContain('the text says 17');
    expect(received).toContain(`the table says ${golden.applications!.new_received![6]}`);
    expect(received).toMatch(/line \d+: '全年共受理政府信息公开申请17件'/);
    expect(received).toMatch(/applications\.new_received\[6\] line \d+ table \d+ row \d+ col \d+/);
    expect(checks[1]!.detail).toContain('the text says 393');
    expect(checks[2]!.detail).toMatch(/the text says 2 .*the table says 0/);
  });

  it('does not compare statements it cannot tie to one cell, and says why', async () => {
    const r = await withProse('其中自然人申请17件。全年受理政府信息公开申请约40件。现行有效规范性文件10至20件。上年受理政府信息公开申请9件。');
    const checks = narrative(r);
    expect(checks.map((c) => [c.id, c.ok])).toEqual([
      ['narrative.new_received', null],
      ['narrative.normative_documents_in_force', null],
    ]);
    expect(checks[0]!.detail).toMatch(/^not compared: .* is (an approximation|a subset or another scope)/);
    expect(checks[1]!.detail).toMatch(/a range/);
  });

  it('does not compare a figure the text states twice with different numbers', async () => {
    const r = await withProse('全年共受理政府信息公开申请5件。全年共受理政府信息公开申请7件。');
    expect(narrative(r)).toEqual([{ id: 'narrative.new_received', ok: null, detail: expect.stringMatching(/states new applications received as 5 and 7/) }]);
  });

  it('reads 受理 as new and carried over together where that is what the table adds up to', async () => {
    const sum = golden.applications!.new_received![6]! + golden.applications!.carried_over![6]! + 0;
    const r = await withProse(`全年共受理政府信息公开申请${sum}件。`);
    expect(narrative(r)[0]!.ok).toBe(true);
  });

  it('raises no false alarm on the corpus, except the one real contradiction (洪泽区 2024: text 17, table 95)', async () => {
    const failed: string[] = [];
    for (const folder of ['seeds', 'real'] as const) {
      for (const name of readdirSync(corpusDir(folder)).filter((n) => /\.(txt|html|pdf)$/.test(n))) {
        const r = await extractFile(join(corpusDir(folder), name));
        for (const c of narrative(r)) if (c.ok === false) failed.push(`${name} ${c.id}: ${c.detail}`);
      }
    }
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(/^hongze-2024\.pdf narrative\.new_received: .*the text says 17 \(page 1 .*the table says 95 \(applications\.new_received\[6\] page 3/);
  });
});
