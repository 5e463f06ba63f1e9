/**
 * Issue 16 item 12: a PNG, a program and a JSON file behind links titled as reports (and an empty
 * file, and a PNG attachment of a good report) were stored and loaded as reports for their years,
 * with no figures. A candidate whose bytes are no document format is not a report: the crawl
 * records why, the warehouse holds only the real report, and the real one keeps only its
 * documents. The bytes are made here; the server lies about their type.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/schema.ts';
import { crawl, type CrawlSummary } from '../../crawlers/index.ts';
import { RawStore } from '../../crawlers/raw-store.ts';
import { UnsupportedFormatError } from '../../errors.ts';
import { Database } from '../../load/db.ts';
import { loadStore } from '../../load/loader.ts';
import { databasePath, rawStoreDir } from '../../load/paths.ts';
import { sniffFormat } from '../../extract/sniff.ts';
import { tempDir } from '../load/helpers.ts';
import { REAL_HTML } from './support/hostile-docs.ts';
import { html, listPage, startHostileSite, type HostileSite } from './support/hostile-site.ts';

const AGENCY = '沭阳县发展和改革局';
const TIMEOUT_MS = 300_000;

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2000, 7)]);
/** The start of a Windows program: MZ, its DOS header (zeros), "This program cannot be run in DOS mode". */
const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.from('This program cannot be run in DOS mode.\r\n'), Buffer.alloc(4000, 0x90)]);
const json = Buffer.from(JSON.stringify({ code: 0, data: { title: `${AGENCY}2018年政府信息公开工作年度报告`, rows: [1, 2, 3] } }));

let site: HostileSite;
let summary: CrawlSummary;
let db: Database;
let dataDir: string;

beforeAll(async () => {
  const body: Record<string, [string, Uint8Array | string]> = {
    '/xxgk/zfxxgknb/': ['text/html; charset=utf-8', listPage('政府信息公开年报', [
      ['/xxgk/zfxxgknb/t20220120_1.html', `${AGENCY}2021年政府信息公开工作年度报告`],
      ['/xxgk/zfxxgknb/P020210120_2.pdf', `${AGENCY}2020年政府信息公开工作年度报告`],
      ['/xxgk/zfxxgknb/t20190120_3.html', `${AGENCY}2018年政府信息公开工作年度报告`],
      ['/xxgk/zfxxgknb/P020200120_4.docx', `${AGENCY}2019年政府信息公开工作年度报告`],
      ['/xxgk/zfxxgknb/t20240120_5.html', `${AGENCY}2023年政府信息公开年度报告`],
    ])],
    '/xxgk/zfxxgknb/t20220120_1.html': ['text/html', png],
    '/xxgk/zfxxgknb/P020210120_2.pdf': ['application/pdf', exe],
    '/xxgk/zfxxgknb/t20190120_3.html': ['text/html; charset=utf-8', json],
    '/xxgk/zfxxgknb/P020200120_4.docx': ['application/octet-stream', Buffer.alloc(0)],
    // The real report, with a picture attached as if it were its PDF.
    '/xxgk/zfxxgknb/t20240120_5.html': ['text/html; charset=utf-8', readFileSync(REAL_HTML, 'utf8').replace('</body>', '<p><a href="/xxgk/zfxxgknb/P020240120_6.pdf">附件：2023年政府信息公开年度报告.pdf</a></p></body>')],
    '/xxgk/zfxxgknb/P020240120_6.pdf': ['application/pdf', png],
  };
  site = await startHostileSite((path) => {
    const f = body[path];
    return f ? { type: f[0], body: f[1] } : null;
  });
  dataDir = tempDir('hostile-non-documents');
  const config = resolveConfig(
    {
      sites: [{ id: 'liar', agency: AGENCY, startUrls: [`${site.origin}/xxgk/zfxxgknb/`] }],
      politeness: { delayMs: 0, maxRequestsPerMinute: 0 },
      limits: { maxRetries: 0 },
      paths: { dataDir },
    },
    'non-documents',
  );
  summary = await crawl(config);
  db = await Database.open(databasePath(dataDir));
  await loadStore(db, new RawStore(rawStoreDir(dataDir)), { config });
}, TIMEOUT_MS);

afterAll(async () => {
  db?.close();
  await site?.close();
});

describe('bytes that are no document behind links titled as reports', () => {
  it('sniffing names a program and JSON for what they are', () => {
    const kind = (b: Uint8Array) => {
      try {
        return sniffFormat(b, 'x');
      } catch (e) {
        return e instanceof UnsupportedFormatError ? e.sniffed : String(e);
      }
    };
    expect([kind(png), kind(exe), kind(json)]).toEqual(['image', 'executable', 'json']);
    // Text that merely starts with a bracket is still text.
    expect(kind(Buffer.from('[2023年] 本机关政府信息公开工作年度报告\n一、总体情况\n'))).toBe('txt');
  });

  it('none of them is stored as a report; each is recorded with its reason', () => {
    const reports = new RawStore(join(dataDir, 'raw')).reports();
    expect(reports.map((r) => r.year)).toEqual([2023]);
    // The picture attached to the real report is not one of its documents.
    expect(reports[0]!.documents.map((d) => d.url)).toEqual([`${site.origin}/xxgk/zfxxgknb/t20240120_5.html`]);
    const failures = readFileSync(join(dataDir, 'failures.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { source: string; message: string });
    const reasonOf = (path: string) => failures.find((f) => f.source === `${site.origin}${path}`)?.message ?? '';
    expect(reasonOf('/xxgk/zfxxgknb/t20220120_1.html')).toMatch(/not a report: its bytes are no document \(unsupported format \(image\)/);
    expect(reasonOf('/xxgk/zfxxgknb/P020210120_2.pdf')).toMatch(/no document \(unsupported format \(executable\): a program/);
    expect(reasonOf('/xxgk/zfxxgknb/t20190120_3.html')).toMatch(/no document \(unsupported format \(json\)/);
    expect(reasonOf('/xxgk/zfxxgknb/P020200120_4.docx')).toMatch(/no document \(empty file/);
    expect(summary.sites[0]!.reportsFound).toBe(1);
  });

  it('the warehouse holds the real report only, with its figures', async () => {
    const rows = await db.all<{ year: number; received: number }>(
      "SELECT r.year, a.count AS received FROM reports r JOIN applications a USING (report_id) WHERE a.row_key = 'new_received' AND a.applicant_type = 'total'",
    );
    expect(rows).toEqual([{ year: 2023, received: 26 }]);
    expect(await db.all('SELECT url FROM extract_errors')).toEqual([]);
  });
});
