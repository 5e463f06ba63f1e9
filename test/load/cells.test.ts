/**
 * The warehouse's `cells` table (issue 12): one row per number with provenance, its value the
 * record's, loaded and replaced with the report like every other report table.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RawStore } from '../../crawlers/raw-store.ts';
import { extractFile } from '../../extract/index.ts';
import { Database } from '../../load/db.ts';
import { loadStore } from '../../load/loader.ts';
import { corpusDir } from '../support/corpus.ts';
import { addJsonReport, jsonExtract, tempDir } from './helpers.ts';

describe('cells', () => {
  it('holds every number of a record with its page and box (PDF) or line (text), and its value', async () => {
    const pdf = await extractFile(join(corpusDir('real'), 'hongze-2024.pdf'));
    const txt = await extractFile(join(corpusDir('seeds'), '001_c779024abbc6666e.txt'));
    const store = new RawStore(join(tempDir('cells'), 'raw'));
    addJsonReport(store, { site_id: 'b', agency: '洪泽区人民政府', year: 2024, level: 'county' }, [{ content: pdf, url: 'http://b.test/a.pdf' }]);
    addJsonReport(store, { site_id: 'a', agency: txt.agency!, year: txt.year! }, [{ content: txt, url: 'http://a.test/b.txt' }]);
    const db = await Database.open(':memory:');
    try {
      await loadStore(db, store, { extract: jsonExtract });
      const counts = await db.all<{ agency: string; n: number }>(`SELECT r.agency, count(*)::INTEGER AS n FROM cells c JOIN reports r USING (report_id) GROUP BY 1 ORDER BY 1`);
      expect(counts).toEqual(
        [
          { agency: '洪泽区人民政府', n: Object.keys(pdf.provenance!).length },
          { agency: txt.agency!, n: Object.keys(txt.provenance!).length },
        ].sort((a, b) => (a.agency < b.agency ? -1 : 1)),
      );
      const row = await db.all<Record<string, unknown>>(
        `SELECT value, page, x0, y0, x1, y1, table_no, row_no, col_no, line_no, source_text FROM cells c JOIN reports r USING (report_id)
         WHERE r.agency = '洪泽区人民政府' AND key = 'applications.new_received[6]'`,
      );
      const p = pdf.provenance!['applications.new_received[6]']!;
      expect(row).toEqual([{ value: pdf.applications!.new_received![6], page: p.page, x0: p.box![0], y0: p.box![1], x1: p.box![2], y1: p.box![3], table_no: p.table, row_no: p.row, col_no: p.col, line_no: null, source_text: p.text }]);
      // Every value agrees with the long tables.
      const disagree = await db.value<number>(`
        SELECT count(*) FROM cells c JOIN applications a ON a.report_id = c.report_id
          AND c.key = 'applications.' || a.row_key || '[' || (list_position(['natural_person','commercial','research','social_org','legal_service','other','total'], a.applicant_type) - 1) || ']'
        WHERE c.value IS DISTINCT FROM a.count`);
      expect(disagree).toBe(0);
      const lines = await db.value<number>(`SELECT count(*) FROM cells c JOIN reports r USING (report_id) WHERE r.agency <> '洪泽区人民政府' AND line_no IS NULL`);
      expect(lines).toBe(0);
      // Re-extraction replaces the rows, it does not add to them.
      const before = await db.value<number>('SELECT count(*) FROM cells');
      await loadStore(db, store, { extract: jsonExtract, reextract: true });
      expect(await db.value<number>('SELECT count(*) FROM cells')).toBe(before);
    } finally {
      db.close();
    }
  });
});
