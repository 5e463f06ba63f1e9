/**
 * Shared by the load tests: the golden records of test/fixtures/corpus, two hand-written records
 * (a 2019-template one and a freeform one, from docs/RECORD.md), a raw store whose objects are record
 * JSON (so the loader can be tested without the readers), and a content hash per table.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NotAReportError } from '../../errors.ts';
import { RawStore, sha256Hex, type ReportEntry } from '../../crawlers/raw-store.ts';
import type { ReportRecord } from '../../extract/record.ts';
import type { Database } from '../../load/db.ts';
import type { ExtractFn } from '../../load/store-items.ts';
import { quotedIdentifier } from '../../load/sql.ts';
import { REPORT_TABLES, TABLES } from '../../load/tables.ts';
import { CORPUS_DIR } from '../support/corpus.ts';

export const CORPUS = CORPUS_DIR;

/** Every golden record of the corpus, by file name without `.expected.json`. */
export function goldenRecords(): Map<string, ReportRecord> {
  const out = new Map<string, ReportRecord>();
  for (const dir of ['seeds', 'real']) {
    for (const f of readdirSync(join(CORPUS, dir)).filter((f) => f.endsWith('.expected.json')).sort()) {
      out.set(f.replace(/\.expected\.json$/, ''), JSON.parse(readFileSync(join(CORPUS, dir, f), 'utf8')) as ReportRecord);
    }
  }
  return out;
}

export function fixtureRecord(name: 'record-2019' | 'record-freeform'): ReportRecord {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as ReportRecord;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `nianbao-${prefix}-`));
}

/**
 * Stands in for extract: the stored bytes are a record's JSON. `{"not_a_report": "…"}` throws
 * NotAReportError the way a real page without tables would.
 */
export const jsonExtract: ExtractFn = async (bytes, opts) => {
  const value = JSON.parse(Buffer.from(bytes).toString('utf8')) as ReportRecord & { not_a_report?: string };
  if (value.not_a_report) throw new NotAReportError(opts.uri, value.not_a_report);
  return { ...value, source: { ...value.source, uri: opts.uri } };
};

export interface StoredDocument {
  /** A record (stored as JSON), or a reason the "document" is not a report. */
  content: ReportRecord | { not_a_report: string };
  url: string;
  role?: 'body' | 'attachment';
}

/** Adds one report version to a raw store, its documents stored as JSON; returns the entry. */
export function addJsonReport(
  store: RawStore,
  report: { site_id: string; agency: string; year: number; version?: number; published?: string | null; level?: string | null; found_at?: string },
  documents: StoredDocument[],
): ReportEntry {
  const docs = documents.map((d) => {
    const sha = store.put(Buffer.from(JSON.stringify(d.content)));
    store.logFetch({
      site_id: report.site_id, url: d.url, final_url: d.url, status: 200, content_type: 'application/json', encoding: null,
      etag: null, last_modified: null, sha256: sha, bytes: JSON.stringify(d.content).length, fetched_at: report.found_at ?? '2025-01-02T03:04:05.000Z',
    });
    return { url: d.url, sha256: sha, format: 'html' as const, role: d.role ?? 'body' };
  });
  const entry: ReportEntry = {
    site_id: report.site_id,
    agency: report.agency,
    level: report.level ?? null,
    year: report.year,
    title: `${report.agency}${report.year}年政府信息公开工作年度报告`,
    url: documents[0]!.url,
    published: report.published ?? null,
    documents: docs,
    version: report.version ?? 1,
    content_sha256: sha256Hex(Buffer.from(docs.map((d) => d.sha256).sort().join('\n'))),
    found_at: report.found_at ?? '2025-01-02T03:04:05.000Z',
    confidence: 'high',
  };
  store.addReport(entry);
  return entry;
}

/** count and an order-independent MD5 over every row of every table (the content of the warehouse). */
export async function tableHashes(db: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of TABLES) {
    const name = quotedIdentifier(t.name);
    const [row] = await db.all<{ n: number; h: string | null }>(`SELECT count(*) AS n, md5(string_agg(x::VARCHAR, chr(10) ORDER BY x::VARCHAR)) AS h FROM ${name} AS x`);
    out[t.name] = `${row!.n}:${row!.h}`;
  }
  return out;
}

/**
 * Rows per report and table, `report_id → table → count`: two warehouses hold the same reports
 * whole when these agree for every report of the smaller one.
 */
export async function rowsPerReport(db: Database): Promise<Map<number, Record<string, number>>> {
  const out = new Map<number, Record<string, number>>();
  for (const table of REPORT_TABLES) {
    const rows = await db.all<{ report_id: number; n: number }>(`SELECT report_id, count(*) AS n FROM ${quotedIdentifier(table)} GROUP BY report_id`);
    for (const { report_id, n } of rows) {
      const entry = out.get(report_id) ?? {};
      entry[table] = n;
      out.set(report_id, entry);
    }
  }
  return out;
}

/** Rows whose report is not in `reports` (what a half-written batch would leave), per table. */
export async function orphanRows(db: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of REPORT_TABLES.filter((t) => t !== 'reports')) {
    out[table] = (await db.value<number>(`SELECT count(*) FROM ${quotedIdentifier(table)} WHERE report_id NOT IN (SELECT report_id FROM reports)`)) ?? 0;
  }
  return out;
}

const CHILD = fileURLToPath(new URL('./kill-child.ts', import.meta.url));

/** Runs kill-child.ts until it is inside its second transaction, then kill -9. */
export function loadAndKill(dbPath: string, rawDir: string, args: string[] = []): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbPath, rawDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('in-transaction')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`child exited with ${code} before the kill: ${out}${err}`));
    });
  });
}
