/**
 * `nianbao load`: extract what the raw store holds and the warehouse does not (with this parser
 * version), load it, record every document that could not be extracted, print a summary.
 *
 * The data directory must exist (`--init` creates it) and is locked for the load (cli/lock.ts).
 * When another process holds the DuckDB file — a notebook reading it counts: DuckDB lets no writer
 * in while any other process has the file open — the load retries for `--db-wait` seconds, then
 * fails with status 3, naming the cause and saying that nothing is lost.
 */
import { loadConfig } from '../../config/load.ts';
import { DEFAULT_EXTRACT, type PipelineConfig } from '../../config/schema.ts';
import { RawStore } from '../../crawlers/raw-store.ts';
import { EXIT, LockedError } from '../../errors.ts';
import { Database } from '../../load/db.ts';
import { loadStore, type LoadSummary } from '../../load/loader.ts';
import { formatLoadSummary } from '../../load/load-summary.ts';
import { databasePath, rawStoreDir } from '../../load/paths.ts';
import { ProgressLine } from '../../load/progress-line.ts';
import { takeDataDir } from '../data-dir.ts';
import { logHeartbeatMs, note, stampLog } from '../log.ts';
import type { WriterOptions } from '../main.ts';

export interface LoadCommandOptions extends WriterOptions {
  json?: boolean;
  /** Seconds to retry opening a DuckDB file another process holds. */
  dbWait?: number;
  /** Documents read at once (`--jobs`), over the configuration's `extract.jobs`. */
  jobs?: number;
}

/** Default `--db-wait`: how long a load retries a database another process holds. */
export const DEFAULT_DB_WAIT_SECONDS = 120;
/** Pause between two attempts to open a held database. */
const DB_RETRY_MS = 1000;

export interface WarehouseOpenOptions {
  /** How long to keep retrying while another process holds the file. */
  waitMs?: number;
  log?: (line: string) => void;
}

/**
 * Opens the warehouse for writing, retrying while another process holds the file. After `waitMs`
 * throws a LockedError naming the cause and what becomes of the crawl's documents.
 */
export async function openWarehouse(dataDir: string, opts: WarehouseOpenOptions = {}): Promise<Database> {
  const path = databasePath(dataDir);
  const waitMs = opts.waitMs ?? DEFAULT_DB_WAIT_SECONDS * 1000;
  const until = Date.now() + waitMs;
  let said = false;
  for (;;) {
    try {
      return await Database.open(path);
    } catch (err) {
      if (!(err instanceof LockedError)) throw err;
      if (Date.now() >= until) {
        const cause = err.cause instanceof Error ? err.cause.message : err.reason;
        throw new LockedError(
          path,
          `cannot load: another process has the database open (${cause}). A reader blocks the load too: ` +
            `DuckDB admits no writer while any other process has the file open, even read-only (a notebook, \`duckdb\`, \`nianbao query\`). ` +
            `Gave up after ${Math.round(waitMs / 1000)} s (--db-wait). Nothing is lost: the crawled documents stay in ${rawStoreDir(dataDir)}, ` +
            'and the next `nianbao load` (or `run`) loads them.',
          { cause: err },
        );
      }
      if (!said) opts.log?.(`nianbao: ${path} is held by another process; retrying for up to ${Math.round(waitMs / 1000)} s (--db-wait)`);
      said = true;
      await new Promise((r) => setTimeout(r, Math.min(DB_RETRY_MS, Math.max(0, until - Date.now()))));
    }
  }
}

/** The configuration with `--jobs` over its `extract.jobs`. */
export function withJobs(config: PipelineConfig, jobs: number | undefined): PipelineConfig {
  return jobs ? { ...config, extract: { ...(config.extract ?? DEFAULT_EXTRACT), jobs } } : config;
}

/** Loads the configuration's raw store into its warehouse with a progress line on stderr. */
export async function loadWithProgress(config: PipelineConfig, reextract: boolean, open: WarehouseOpenOptions = {}): Promise<LoadSummary> {
  const progress = new ProgressLine(process.stderr, undefined, logHeartbeatMs());
  const db = await openWarehouse(config.paths.dataDir, open);
  try {
    return await loadStore(db, new RawStore(rawStoreDir(config.paths.dataDir)), {
      config,
      reextract,
      onProgress: (p) => progress.update(`${reextract ? 're-extract' : 'extract'} + load: ${p.done}/${p.total} report versions, ${p.committed} batches committed`),
    });
  } finally {
    progress.done();
    db.close();
  }
}

export async function loadCommand(opts: LoadCommandOptions, reextract: boolean): Promise<number> {
  stampLog(opts);
  const config = withJobs(await loadConfig(opts), opts.jobs);
  const lock = await takeDataDir(config.paths.dataDir, { command: reextract ? 'reextract' : 'load', creates: false, init: opts.init, wait: opts.wait, log: note });
  try {
    const summary = await loadWithProgress(config, reextract, { waitMs: (opts.dbWait ?? DEFAULT_DB_WAIT_SECONDS) * 1000, log: note });
    console.log(opts.json ? JSON.stringify(summary, null, 2) : formatLoadSummary(summary));
    // some input failed when a report version got no figures from any of its documents
    return summary.withoutRecord > 0 ? EXIT.someFailed : EXIT.ok;
  } finally {
    lock.release();
  }
}

export default function load(opts: LoadCommandOptions): Promise<number> {
  return loadCommand(opts, false);
}
