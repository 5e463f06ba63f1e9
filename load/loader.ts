/**
 * The load stage's entry: raw store → records → warehouse. Loads what the store holds and the
 * warehouse does not yet hold with this parser version (the key is the report version's content
 * hash plus PARSER_VERSION), in batches of one transaction each, so loading twice changes nothing
 * and a killed load resumes where its last committed batch ended.
 */
import type { PipelineConfig } from '../config/schema.ts';
import type { RawStore } from '../crawlers/raw-store.ts';
import { PARSER_VERSION } from '../extract/record.ts';
import { syncConfig } from './agencies.ts';
import { syncCrawlLog } from './crawl-log.ts';
import { syncCrawlRuns } from './crawl-runs.ts';
import type { Database } from './db.ts';
import { reportId, type LoadItem } from './load-item.ts';
import { defaultExtract, entryToItem, fetchIndex, storeEntries, type ExtractFn } from './store-items.ts';
import { writeItems, type WriteOptions, type WriteStats } from './writer.ts';
import { DEFAULT_EXTRACT } from '../config/schema.ts';
import { feedInOrder } from '../extract/pool/feed.ts';
import { ExtractPool } from '../extract/pool/pool.ts';

/**
 * A batch (one transaction) closes at this many report versions or after this much extraction
 * time, whichever comes first: large batches keep commits cheap (the writer does ~300k rows/s at
 * 50 reports a batch, ~900k at 1000), the time limit keeps what a kill can lose to seconds of
 * extraction work.
 */
export const DEFAULT_BATCH_SIZE = 1000;
export const DEFAULT_BATCH_MS = 2000;

export interface LoadOptions {
  /** Re-extract and reload every report version in the store, whatever parser loaded it. */
  reextract?: boolean;
  /**
   * When given and it lists sites, `sites` and `agencies` are rewritten from it first. A
   * configuration without sites (the default pipeline.config.ts, e.g. `nianbao load` run without
   * `--config` after a `run --config my.config.ts`) leaves the ones already stored in place.
   */
  config?: PipelineConfig | null;
  batchSize?: number;
  /** Extraction time after which a batch is committed even if it is not full. */
  batchMs?: number;
  /**
   * Stands in for the extract stage (tests). Without it, documents are read in a pool of worker
   * threads (extract/pool/) set by the configuration's `extract` section.
   */
  extract?: ExtractFn;
  /** Report versions extracted at once (default: `config.extract.jobs`, or 1 with an `extract` function). */
  jobs?: number;
  onProgress?: (p: LoadProgress) => void;
  /** Called inside each batch's transaction just before COMMIT, with the 1-based batch number (see WriteOptions). */
  beforeCommit?: (batch: number, items: readonly LoadItem[]) => Promise<void>;
}

export interface LoadProgress {
  /** Report versions extracted so far in this run, of `total` to do. */
  done: number;
  total: number;
  /** Batches committed. */
  committed: number;
}

export interface DocumentFailure {
  agency: string;
  year: number;
  url: string;
  kind: string;
  reason: string;
  /** Whether the report still got its figures from another document (an HTML body that only links the PDF fails, harmlessly). */
  reportHasFigures: boolean;
}

export interface LoadSummary {
  parserVersion: number;
  /** Distinct report versions in the store. */
  inStore: number;
  /** Already in the warehouse with the same content and parser version: left alone. */
  upToDate: number;
  /** Written in this run. */
  loaded: number;
  /** Written without figures: none of their documents yielded a record. */
  withoutRecord: number;
  documents: number;
  /** Documents that could not be extracted in this run (each is in extract_errors). */
  failures: DocumentFailure[];
  rows: number;
  crawlLogLines: number;
  /** Site outcomes of crawl runs newly loaded into crawl_runs. */
  crawlRuns: number;
  /** Manifest lines that could not be used. */
  rejected: string[];
  ms: number;
}

/** The same report without its figures: each document that gave a record is marked with why it could not be stored. */
function withoutFigures(item: LoadItem, reason: string): LoadItem {
  const error = { kind: 'load', reason: `the warehouse refused the record: ${reason}` };
  return {
    ...item,
    primary: null,
    documents: item.documents.map((d) => (d.record ? { ...d, record: null, error } : d)),
    loaderWarnings: [...item.loaderWarnings, `loaded without figures: ${reason}`],
  };
}

/**
 * Writes a batch; if it is refused (a record the writer or DuckDB cannot take), writes its
 * reports one at a time, and a report refused on its own is written without figures — or, if
 * even that is refused, left out — and reported, so that one bad record never stops the load.
 */
async function writeOrSplit(db: Database, items: LoadItem[], writeOpts: WriteOptions, onRefused: (item: LoadItem, reason: string) => void): Promise<WriteStats> {
  try {
    return await writeItems(db, items, writeOpts);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    if (items.length > 1) {
      const total: WriteStats = { reports: 0, rows: 0 };
      for (const item of items) {
        const stats = await writeOrSplit(db, [item], writeOpts, onRefused);
        total.reports += stats.reports;
        total.rows += stats.rows;
      }
      return total;
    }
    onRefused(items[0]!, reason);
    if (items[0]!.primary === null) return { reports: 0, rows: 0 };
    return writeOrSplit(db, [withoutFigures(items[0]!, reason)], writeOpts, onRefused);
  }
}

/** Loads the raw store into the warehouse. */
export async function loadStore(db: Database, store: RawStore, opts: LoadOptions = {}): Promise<LoadSummary> {
  const started = performance.now();
  const batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  const batchMs = opts.batchMs ?? DEFAULT_BATCH_MS;
  if (opts.config && opts.config.sites.length > 0) await syncConfig(db, opts.config);
  const log = store.fetchLog();
  const crawlLogLines = await syncCrawlLog(db, log);
  const crawlRuns = await syncCrawlRuns(db, store.runs());
  const fetched = fetchIndex(log);
  const { entries, rejected } = storeEntries(store);

  const loaded = new Map<number, { content_sha256: string | null; parser_version: number }>();
  for (const row of await db.all<{ report_id: number; content_sha256: string | null; parser_version: number }>('SELECT report_id, content_sha256, parser_version FROM reports')) {
    loaded.set(row.report_id, row);
  }
  const pending = entries.filter((e) => {
    if (opts.reextract) return true;
    const have = loaded.get(Number(reportId(e)));
    return !have || have.content_sha256 !== (e.content_sha256 ?? null) || have.parser_version !== PARSER_VERSION;
  });

  const summary: LoadSummary = {
    parserVersion: PARSER_VERSION,
    inStore: entries.length,
    upToDate: entries.length - pending.length,
    loaded: 0,
    withoutRecord: 0,
    documents: 0,
    failures: [],
    rows: 0,
    crawlLogLines,
    crawlRuns,
    rejected,
    ms: 0,
  };
  let batch: LoadItem[] = [];
  let batchStarted = performance.now();
  let committed = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const number = committed + 1;
    const writeOpts: WriteOptions = { beforeCommit: opts.beforeCommit && ((items) => opts.beforeCommit!(number, items)) };
    const stats = await writeOrSplit(db, batch, writeOpts, (item, reason) => {
      summary.withoutRecord += item.primary === null ? 0 : 1;
      const { agency, year } = item.report;
      summary.failures.push({ agency, year, url: item.report.url ?? '', kind: 'load', reason, reportHasFigures: false });
    });
    committed = number;
    summary.loaded += stats.reports;
    summary.rows += stats.rows;
    batch = [];
    batchStarted = performance.now();
  };
  // Documents are read `jobs` report versions at a time (in worker threads unless an extract
  // function is given); items reach the batch, and so the database, in the store's order.
  const pool = opts.extract || pending.length === 0 ? null : new ExtractPool({ ...(opts.config?.extract ?? DEFAULT_EXTRACT), ...(opts.jobs ? { jobs: opts.jobs } : {}) });
  const extract: ExtractFn = pool ? (bytes, o) => pool.extract({ bytes, uri: o.uri, name: o.name }) : (opts.extract ?? defaultExtract);
  const consume = async (item: LoadItem, entry: (typeof pending)[number], i: number) => {
    summary.documents += item.documents.length;
    if (item.primary === null) summary.withoutRecord++;
    for (const d of item.documents) {
      if (d.error) summary.failures.push({ agency: entry.agency, year: entry.year, url: d.url, kind: d.error.kind, reason: d.error.reason, reportHasFigures: item.primary !== null });
    }
    batch.push(item);
    if (batch.length >= batchSize || performance.now() - batchStarted >= batchMs) await flush();
    opts.onProgress?.({ done: i + 1, total: pending.length, committed });
  };
  try {
    await feedInOrder(pending, (entry) => entryToItem(store, entry, fetched, extract), consume, { concurrency: pool?.jobs ?? opts.jobs ?? 1 });
  } finally {
    await pool?.close();
  }
  await flush();
  summary.ms = performance.now() - started;
  return summary;
}
