/**
 * `nianbao explain` (issue 12): a report's figures in template order, each with its provenance,
 * the source URL and the stored document, read from a warehouse the real pipeline loaded.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../load/db.ts';
import { explainReport, explainTarget, explainText } from '../../load/explain.ts';
import { databasePath, rawStoreDir } from '../../load/paths.ts';
import { UsageError } from '../../errors.ts';
import { corpusDir } from '../support/corpus.ts';
import { buildWarehouse } from '../support/explain-warehouse.ts';
import { tempDir } from './helpers.ts';

const dir = tempDir('explain');
let db: Database;

beforeAll(async () => {
  await buildWarehouse(dir, [
    { path: join(corpusDir('real'), 'hongze-2024.pdf'), site_id: 'hz', agency: '洪泽区人民政府', year: 2024, level: 'county', url: 'http://hz.test/2024.pdf', format: 'pdf' },
    { path: join(corpusDir('seeds'), '001_c779024abbc6666e.txt'), site_id: 'zb', agency: '淄博高新技术产业开发区', year: 2021, url: 'http://zb.test/a.txt', format: 'txt' },
  ]);
  db = await Database.open(databasePath(dir), { readOnly: true });
});
afterAll(() => db?.close());

describe('explain', () => {
  it('reads its arguments as a report id or an agency and a year', () => {
    expect(explainTarget(['123'])).toEqual({ reportId: '123' });
    expect(explainTarget(['洪泽区', '2024'])).toEqual({ agency: '洪泽区', year: 2024 });
    expect(() => explainTarget(['洪泽区'])).toThrow(UsageError);
  });

  it('lays out a PDF report with the page and box of every number, the source URL and the stored file', async () => {
    const e = await explainReport(db, { agency: '洪泽区', year: 2024 }, rawStoreDir(dir));
    expect(e.agency).toBe('洪泽区人民政府');
    expect(e.source_url).toBe('http://hz.test/2024.pdf');
    expect(readFileSync(e.stored_path!)).toEqual(readFileSync(join(corpusDir('real'), 'hongze-2024.pdf')));
    const received = e.cells.find((c) => c.key === 'applications.new_received[6]')!;
    expect(received).toMatchObject({ table: 3, row: '本年新收政府信息公开申请数量', column: '总计', value: 95, page: 3, source_text: '95' });
    expect(received.box).toHaveLength(4);
    // Template order: table 2, then 3, then 4; table 3 row by row, columns in printed order.
    expect(e.cells.map((c) => c.table)).toEqual([...e.cells.map((c) => c.table)].sort());
    const t3 = e.cells.filter((c) => c.table === 3);
    expect(t3.slice(0, 7).map((c) => c.key)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `applications.new_received[${i}]`));
    expect(t3.at(-1)!.key).toBe('applications.carried_forward[6]');
    // Every printed number has its place.
    expect(e.cells.filter((c) => c.value !== null && c.page === null)).toEqual([]);
    const text = explainText(e);
    expect(text).toContain(`stored:   ${e.stored_path}`);
    expect(text).toMatch(/总计\s+95\s+page 3 \(\d+,\d+\)-\(\d+,\d+\) table 2 row 4 col 10\s+'95'/);
  });

  it('names the line of a text report, and finds a report by its id', async () => {
    const byName = await explainReport(db, { agency: '淄博高新技术产业开发区', year: 2021 }, rawStoreDir(dir));
    const e = await explainReport(db, { reportId: String(byName.report_id) }, rawStoreDir(dir));
    expect(e.report_id).toBe(byName.report_id);
    const c = e.cells.find((x) => x.key === 'applications.new_received[6]')!;
    expect(c).toMatchObject({ value: 49, line_no: 88, source_text: '49' });
    expect(explainText(e)).toMatch(/总计\s+49\s+line 88/);
    expect(existsSync(e.stored_path!)).toBe(true);
  });

  it('says clearly when nothing or several agencies match', async () => {
    await expect(explainReport(db, { agency: '不存在', year: 2024 }, rawStoreDir(dir))).rejects.toThrow(/no report of 不存在 for 2024/);
    await expect(explainReport(db, { reportId: '42' }, rawStoreDir(dir))).rejects.toThrow(/no report 42/);
  });
});
