/**
 * Records → report pages → records. Generated records (both templates, small and large figures)
 * are rendered as the HTML real sites publish (clean cells, and Word-exported markup with labels
 * split across spans) and must extract to the same numbers.
 */
import { describe, expect, it } from 'vitest';
import { extractBytes } from '../../extract/index.ts';
import type { ReportRecord } from '../../extract/record.ts';
import { generateRecord } from '../../sample-web/record-generator.ts';
import { renderReportDocument } from '../../sample-web/render-report.ts';
import { compareRecord } from '../support/compare-record.ts';

const CASES = [
  { agency: '清河县农业农村局', year: 2023, size: 'small' as const },
  { agency: '平山市人民政府', year: 2022, size: 'large' as const },
  { agency: '南山市人民政府办公室', year: 2020, size: 'large' as const },
  { agency: '下河镇人民政府', year: 2019, size: 'small' as const },
];

describe('rendered reports extract to their records', () => {
  for (const c of CASES) {
    for (const style of ['plain', 'word'] as const) {
      for (const seed of ['a', 'b', 'c']) {
        it(`${c.agency} ${c.year} (${style}, seed ${seed})`, async () => {
          const title = `${c.agency}${c.year}年政府信息公开工作年度报告`;
          const record = generateRecord(`${c.agency}-${c.year}-${seed}`, { ...c, title, uri: 'r.html', format: 'html' });
          const html = renderReportDocument(record, { style });
          const got = await extractBytes(new TextEncoder().encode(html), { uri: 'r.html' });
          expect(compareRecord(record as unknown as ReportRecord, got)).toEqual([]);
        });
      }
    }
  }
});
