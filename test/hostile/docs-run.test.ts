/**
 * Issue 16 items 2 and 4 through the whole pipeline: two local sites, crawled and loaded.
 * Site A links the million-row DOCX (185 KB; it took every nightly `run` down with it) and the
 * DOCX that makes LibreOffice fetch a picture from a listener outside the allowed hosts; site B
 * links a good report. The crawl reads both documents (to learn their titles and years) and the
 * load extracts them again: the listener receives nothing, the bomb is one row of extract_errors
 * with its reason, and every other report is in the warehouse with its figures.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/schema.ts';
import { crawl } from '../../crawlers/index.ts';
import { RawStore } from '../../crawlers/raw-store.ts';
import { Database } from '../../load/db.ts';
import { loadStore } from '../../load/loader.ts';
import { databasePath, rawStoreDir } from '../../load/paths.ts';
import { tempDir } from '../load/helpers.ts';
import { docxWithExternalImage, GENERATED_DIR, millionRowDocx, REAL_HTML } from './support/hostile-docs.ts';
import { startListener, type Listener } from './support/listener.ts';

const AGENCY_A = '高新技术产业开发区管理办公室';
const AGENCY_B = '沭阳县发展和改革局';
const TIMEOUT_MS = 600_000;

let listener: Listener;
let server: Server;
let db: Database;
let origin = '';

const list = (links: [string, string][]) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body><ul>${links.map(([href, t]) => `<li><a href="${href}">${t}</a><span>2024-01-20</span></li>`).join('')}</ul></body></html>`;

beforeAll(async () => {
  listener = await startListener();
  const files: Record<string, [string, Uint8Array | string]> = {
    '/a/': ['text/html; charset=utf-8', list([
      ['/a/2021.docx', `${AGENCY_A}2021年政府信息公开工作年度报告`],
      ['/a/2022.docx', `${AGENCY_A}2022年政府信息公开工作年度报告`],
    ])],
    '/a/2021.docx': ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', docxWithExternalImage(`${listener.origin}/x.png`)],
    '/a/2022.docx': ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', millionRowDocx()],
    '/b/': ['text/html; charset=utf-8', list([['/b/2023.html', `${AGENCY_B}2023年政府信息公开年度报告`]])],
    '/b/2023.html': ['text/html; charset=utf-8', readFileSync(REAL_HTML)],
  };
  server = createServer((req, res) => {
    const f = files[req.url ?? ''];
    if (!f) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': f[0] }).end(f[1]);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const dataDir = tempDir('hostile-run');
  const config = resolveConfig(
    {
      sites: [
        { id: 'a', agency: AGENCY_A, startUrls: [`${origin}/a/`] },
        { id: 'b', agency: AGENCY_B, startUrls: [`${origin}/b/`] },
      ],
      politeness: { delayMs: 0, maxRequestsPerMinute: 0 },
      limits: { maxRetries: 0 },
      paths: { dataDir },
    },
    'hostile run',
  );
  await crawl(config);
  db = await Database.open(databasePath(dataDir));
  await loadStore(db, new RawStore(rawStoreDir(dataDir)), { config });
}, TIMEOUT_MS);

afterAll(async () => {
  db?.close();
  await new Promise<void>((r) => {
    server?.closeAllConnections();
    server?.close(() => r());
  });
  await listener?.close();
});

describe('crawl and load with a DOCX bomb and a DOCX that links outside', () => {
  it('no request reached the host outside the allowed hosts, neither while crawling nor while loading', () => {
    expect(listener.received).toEqual([]);
  });

  it('the bomb is one document that failed, with its reason', async () => {
    const rows = await db.all<{ url: string; kind: string; reason: string }>('SELECT url, kind, reason FROM extract_errors');
    expect(rows).toEqual([{ url: `${origin}/a/2022.docx`, kind: 'unreadable', reason: 'DOCX too large to read safely: more than 20000 table rows (by word/document.xml); not parsed' }]);
  });

  it('every other report is loaded with its figures: the other site’s, and the converted one', async () => {
    const golden = JSON.parse(readFileSync(`${GENERATED_DIR}000-writer.expected.json`, 'utf8'));
    const rows = await db.all<{ site_id: string; agency: string; year: number; received: number }>(
      "SELECT r.site_id, r.agency, r.year, a.count AS received FROM reports r JOIN applications a USING (report_id) WHERE a.row_key = 'new_received' AND a.applicant_type = 'total' ORDER BY r.site_id, r.year",
    );
    expect(rows).toEqual([
      { site_id: 'a', agency: AGENCY_A, year: 2021, received: golden.applications.new_received[6] },
      { site_id: 'b', agency: AGENCY_B, year: 2023, received: 26 },
    ]);
    const warned = await db.all<{ message: string }>("SELECT message FROM warnings WHERE message LIKE 'LibreOffice:%'");
    expect(warned).toEqual([{ message: `LibreOffice: 1 external link(s) removed before conversion (${listener.origin}/x.png); never fetched` }]);
  });
});

