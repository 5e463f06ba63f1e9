/**
 * The raw store: the hand-off between crawl and extract, and the only thing re-extraction reads.
 * Crawlee-free on purpose, so extract and load can use it without pulling in a crawler.
 *
 * Layout under `DATA/raw/`:
 *   objects/ab/abcdef…            every fetched document's bytes, once, named by SHA-256
 *   fetch-log.jsonl               one line per HTTP fetch (FetchLogEntry)
 *   reports.jsonl                 one line per report version found (ReportEntry)
 *   runs.jsonl                    one line per site per crawl: its outcome (crawlers/index.ts RunLine)
 *
 * Crash safety: an object is written to a temporary file and renamed into place, so a reader
 * never sees half an object; a log line is appended only after its object exists, in one
 * `write` call, and a torn last line (kill -9 mid-write) is skipped when reading.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync, appendFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DocumentFormat } from '../extract/document.ts';

/** One HTTP exchange as the crawler saw it. */
export interface FetchLogEntry {
  site_id: string;
  url: string;
  final_url: string;
  /** HTTP status; 304 for a conditional request that found the document unchanged; 0 when no response. */
  status: number;
  content_type: string | null;
  /** Charset the text was decoded with (html/text only). */
  encoding: string | null;
  etag: string | null;
  last_modified: string | null;
  /** SHA-256 of the stored body; null when nothing was stored (304, error, non-document page). */
  sha256: string | null;
  bytes: number;
  fetched_at: string;
  /** Why nothing usable came back: 'robots', 'js-challenge', 'soft-404', 'too-large', a network error. */
  error?: string;
}

/** One document of a report: the HTML body page or an attachment. */
export interface ReportDocument {
  url: string;
  sha256: string;
  format: DocumentFormat | 'other';
  role: 'body' | 'attachment';
}

/**
 * One version of one yearly report, as found by the crawler. A report is identified by
 * (site_id, agency, year); `version` counts its distinct contents in the order found, so a
 * corrected re-publication is version 2 and the same content seen again is not a new line.
 */
export interface ReportEntry {
  site_id: string;
  agency: string;
  region?: string | null;
  level?: string | null;
  /** The year reported on (not the year of publication). */
  year: number;
  title: string;
  /** The detail page (or the direct document URL for 汇总 pages linking PDFs). */
  url: string;
  /** ISO date the site shows as published, when it shows one. */
  published: string | null;
  documents: ReportDocument[];
  version: number;
  /** SHA-256 over the sorted document hashes: what makes two versions different. */
  content_sha256: string;
  found_at: string;
  /** 'high' when the content confirmed the report (template tables), 'low' when only the title did. */
  confidence: 'high' | 'low';
  /**
   * The content key of each document (an attachment's SHA-256; for an HTML body, the SHA-256 of
   * its article text), so a later crawl recognises a copy of this version under another URL.
   * Optional: written by the crawler, not needed by the loader.
   */
  fingerprints?: string[];
}

/** `DATA/raw/runs.jsonl`: one line per site per crawl run (crawlers/index.ts RunLine). */
export const runsPath = (dataDir: string): string => join(dataDir, 'raw', 'runs.jsonl');

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Reads a JSON-lines file, skipping a torn or malformed line (a crash mid-append). */
export function readJsonLines<T>(path: string): T[] {
  if (!existsSync(path)) return [];
  const out: T[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // a line cut short by kill -9: its object (if any) is still stored and will be found again
    }
  }
  return out;
}

/** Appends one JSON line durably (fsync), so a later crash cannot lose it. */
export function appendJsonLine(path: string, value: unknown): void {
  appendJsonLines(path, [value]);
}

/** Appends several JSON lines in one write and one fsync (a batch of fetches, say). */
export function appendJsonLines(path: string, values: unknown[]): void {
  if (!values.length) return;
  const fd = openSync(path, 'a');
  try {
    appendFileSync(fd, values.map((v) => JSON.stringify(v) + '\n').join(''));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export class RawStore {
  readonly objectsDir: string;
  readonly fetchLogPath: string;
  readonly reportsPath: string;

  constructor(readonly dir: string) {
    this.objectsDir = join(dir, 'objects');
    this.fetchLogPath = join(dir, 'fetch-log.jsonl');
    this.reportsPath = join(dir, 'reports.jsonl');
    mkdirSync(this.objectsDir, { recursive: true });
  }

  /** Path of a stored object. `sha` must be 64 hex characters (never a scraped string). */
  pathOf(sha: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error(`not a SHA-256: ${JSON.stringify(sha)}`);
    return join(this.objectsDir, sha.slice(0, 2), sha);
  }

  has(sha: string): boolean {
    return existsSync(this.pathOf(sha));
  }

  /** Stores bytes once; returns their SHA-256. Storing the same bytes again writes nothing. */
  put(bytes: Uint8Array): string {
    const sha = sha256Hex(bytes);
    const path = this.pathOf(sha);
    if (existsSync(path)) return sha;
    mkdirSync(join(this.objectsDir, sha.slice(0, 2)), { recursive: true });
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
    return sha;
  }

  async get(sha: string): Promise<Buffer> {
    return readFile(this.pathOf(sha));
  }

  logFetch(entry: FetchLogEntry): void {
    appendJsonLine(this.fetchLogPath, entry);
  }

  /** Logs several fetches in one write (the crawler batches them: one fsync per batch, not per page). */
  logFetches(entries: FetchLogEntry[]): void {
    appendJsonLines(this.fetchLogPath, entries);
  }

  fetchLog(): FetchLogEntry[] {
    return readJsonLines<FetchLogEntry>(this.fetchLogPath);
  }

  addReport(entry: ReportEntry): void {
    appendJsonLine(this.reportsPath, entry);
  }

  /** Adds several report versions in one write (a site's reports, committed together). */
  addReports(entries: ReportEntry[]): void {
    appendJsonLines(this.reportsPath, entries);
  }

  reports(): ReportEntry[] {
    return readJsonLines<ReportEntry>(this.reportsPath);
  }

  /** The crawl runs' site outcomes (runs.jsonl; crawlers/index.ts RunLine). */
  runs<T = Record<string, unknown>>(): T[] {
    return readJsonLines<T>(join(this.dir, 'runs.jsonl'));
  }
}
