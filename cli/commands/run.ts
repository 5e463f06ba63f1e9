/**
 * `nianbao run`: crawl → extract → load in one go, with one progress line and a final summary.
 * This is what the nightly cron runs; Ctrl-C stops the crawl and still loads what was stored.
 */
import { setMaxListeners } from 'node:events';
import { loadConfig } from '../../config/load.ts';
import type { PipelineConfig } from '../../config/schema.ts';
import type { CrawlSummary, SiteProgress } from '../../crawlers/index.ts';
import type { LoadSummary } from '../../load/loader.ts';
import { formatLoadSummary } from '../../load/load-summary.ts';
import { ProgressLine } from '../../load/progress-line.ts';
import { renderTable } from '../../load/text-table.ts';
import { count } from '../../plural.ts';
import type { CommonOptions } from '../main.ts';
import { loadWithProgress } from './load.ts';

/** Listeners the crawl may hang on the Ctrl-C signal at once (requests and pauses in flight). */
const SIGNAL_LISTENERS = 1000;

export interface RunOptions extends CommonOptions {
  site?: string[];
  json?: boolean;
}

export interface PipelineResult {
  crawl: CrawlSummary;
  load: LoadSummary;
}

/** Crawls, then loads what the raw store holds; progress on one stderr line. */
export async function runPipeline(config: PipelineConfig, sites?: string[]): Promise<PipelineResult> {
  const { crawl } = await import('../../crawlers/index.ts');
  const progress = new ProgressLine();
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
  return { crawl: crawlSummary, load: await loadWithProgress(config, false) };
}

export function formatCrawlSummary(s: CrawlSummary): string {
  const seconds = (Date.parse(s.finishedAt) - Date.parse(s.startedAt)) / 1000;
  const rows = s.sites.map((x) => [x.siteId, x.status, x.pages, x.requests, x.reportsFound, x.newReports, x.newVersions, x.documentsFetched, x.notModified, x.errors.length]);
  const lines = [
    `crawl: ${s.sites.length} sites in ${seconds.toFixed(1)} s`,
    renderTable(['site', 'status', 'pages', 'requests', 'reports found', 'new', 'new versions', 'documents', 'not modified', 'errors'], rows),
  ];
  return lines.join('\n');
}

export default async function run(opts: RunOptions): Promise<number> {
  const config = await loadConfig(opts);
  const result = await runPipeline(config, opts.site);
  console.log(opts.json ? JSON.stringify(result, null, 2) : `${formatCrawlSummary(result.crawl)}\n\n${formatLoadSummary(result.load)}`);
  const failedSites = result.crawl.sites.filter((s) => s.status === 'failed').length;
  return failedSites > 0 || result.load.withoutRecord > 0 ? 1 : 0;
}
