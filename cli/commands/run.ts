/**
 * `nianbao run`: crawl → extract → load in one go, with one progress line and a final summary.
 * This is what the nightly cron runs; Ctrl-C stops the crawl, still loads what was stored and
 * exits with 130. The data directory is created if needed, checked writable before any request,
 * and locked for the whole run. When the database is held by another process past `--db-wait`,
 * the crawl's summary is printed all the same, with why the load failed (the crawl is kept in the
 * raw store for the next load), and the status is 3.
 */
import { setMaxListeners } from 'node:events';
import { loadConfig } from '../../config/load.ts';
import type { PipelineConfig } from '../../config/schema.ts';
import type { CrawlSummary, SiteProgress } from '../../crawlers/index.ts';
import { failureFooter } from '../../crawlers/progress-display.ts';
import { EXIT, LockedError } from '../../errors.ts';
import type { LoadSummary } from '../../load/loader.ts';
import { formatLoadSummary } from '../../load/load-summary.ts';
import { ProgressLine } from '../../load/progress-line.ts';
import { renderTable } from '../../load/text-table.ts';
import { count } from '../../plural.ts';
import { takeDataDir } from '../data-dir.ts';
import { InFlight } from '../../crawlers/in-flight.ts';
import { logHeartbeatMs, note, stampLog } from '../log.ts';
import type { WriterOptions } from '../main.ts';
import { crawlExitStatus, requireSites } from './crawl-status.ts';
import { DEFAULT_DB_WAIT_SECONDS, loadWithProgress, withJobs, type WarehouseOpenOptions } from './load.ts';

/** Listeners the crawl may hang on the Ctrl-C signal at once (requests and pauses in flight). */
const SIGNAL_LISTENERS = 1000;

export interface RunOptions extends WriterOptions {
  site?: string[];
  json?: boolean;
  dbWait?: number;
  jobs?: number;
}

export interface PipelineResult {
  crawl: CrawlSummary;
  /** Null when the load could not run (the database held by another process): see loadError. */
  load: LoadSummary | null;
  loadError?: string;
}

/** Crawls, then loads what the raw store holds; progress on one stderr line. A held database is reported in `loadError`, not thrown. */
export async function runPipeline(config: PipelineConfig, sites?: string[], open: WarehouseOpenOptions = {}): Promise<PipelineResult> {
  const { crawl } = await import('../../crawlers/index.ts');
  const inFlight = new InFlight();
  const progress = new ProgressLine(process.stderr, undefined, logHeartbeatMs(), (ms) => inFlight.describeStalled(ms));
  const seen = new Map<string, SiteProgress>();
  const total = sites?.length || config.sites.length;
  const controller = new AbortController();
  // every request in flight (and every pause between requests) listens for the abort: far more
  // than Node's default of 10 listeners before it warns of a leak
  setMaxListeners(SIGNAL_LISTENERS, controller.signal);
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  let crawlSummary: CrawlSummary;
  try {
    crawlSummary = await crawl(config, {
      sites,
      signal: controller.signal,
      inFlight,
      onProgress: (p) => {
        seen.set(p.siteId, p);
        const all = [...seen.values()];
        const finished = all.filter((s) => s.state === 'done' || s.state === 'skipped').length;
        const sum = (k: 'pages' | 'reportsFound' | 'errors') => all.reduce((n, s) => n + s[k], 0);
        progress.update(`crawl: ${finished}/${total} sites done · ${count(sum('pages'), 'page')} · ${count(sum('reportsFound'), 'report')} found · ${count(sum('errors'), 'error')}`);
      },
    });
  } finally {
    process.removeListener('SIGINT', stop);
    progress.done();
  }
  try {
    return { crawl: crawlSummary, load: await loadWithProgress(config, false, open) };
  } catch (err) {
    if (err instanceof LockedError) return { crawl: crawlSummary, load: null, loadError: err.message };
    throw err;
  }
}

export function formatCrawlSummary(s: CrawlSummary): string {
  const seconds = (Date.parse(s.finishedAt) - Date.parse(s.startedAt)) / 1000;
  const rows = s.sites.map((x) => [x.siteId, x.status, x.pages, x.requests, x.reportsFound, x.newReports, x.newVersions, x.documentsFetched, x.notModified, x.errors.length, x.heldBack ?? 0]);
  const lines = [
    `crawl: ${count(s.sites.length, 'site')} in ${seconds.toFixed(1)} s${s.interrupted ? ' (interrupted)' : ''}`,
    renderTable(['site', 'status', 'pages', 'requests', 'reports found', 'new', 'new versions', 'documents', 'not modified', 'errors', 'held back'], rows),
    failureFooter(s),
  ];
  return lines.join('\n');
}

/** The run's summary as people read it: the crawl's, then the load's or why it could not run. */
export function formatRunSummary(result: PipelineResult): string {
  const load = result.load ? formatLoadSummary(result.load) : `load: not done: ${result.loadError}`;
  return `${formatCrawlSummary(result.crawl)}\n\n${load}`;
}

/** The exit status of a run: 130 interrupted, 3 database held, 4 nothing crawled, 1 some input failed, 0. */
export function runExitStatus(result: PipelineResult): number {
  const crawl = crawlExitStatus(result.crawl);
  if (crawl === EXIT.interrupted) return crawl;
  if (!result.load) return EXIT.locked;
  if (crawl !== EXIT.ok) return crawl;
  return result.load.withoutRecord > 0 ? EXIT.someFailed : EXIT.ok;
}

export default async function run(opts: RunOptions): Promise<number> {
  stampLog(opts);
  const config = withJobs(await loadConfig(opts), opts.jobs);
  requireSites(config, opts.config);
  const lock = await takeDataDir(config.paths.dataDir, { command: 'run', creates: true, init: opts.init, wait: opts.wait, log: note });
  try {
    const result = await runPipeline(config, opts.site, { waitMs: (opts.dbWait ?? DEFAULT_DB_WAIT_SECONDS) * 1000, log: note });
    console.log(opts.json ? JSON.stringify(result, null, 2) : formatRunSummary(result));
    if (result.loadError) console.error(`nianbao: ${result.loadError}`);
    return runExitStatus(result);
  } finally {
    lock.release();
  }
}
