/**
 * `nianbao crawl [--config FILE] [--data-dir DIR] [--site ID]... [--json]`: finds the yearly
 * reports on the configured sites and stores their documents in DATA/raw. Live progress on stderr;
 * the summary table (or, with --json, the summary as JSON) on stdout. Exit status 1 when a site
 * could not be crawled at all (status 'failed'), else 0.
 */
import { setMaxListeners } from 'node:events';
import { loadConfig } from '../../config/load.ts';
import { crawl } from '../../crawlers/index.ts';
import { ProgressDisplay, summaryTable } from '../../crawlers/progress-display.ts';

export interface CrawlCommandOptions {
  config?: string;
  dataDir?: string;
  site?: string[];
  json?: boolean;
}

export default async function crawlCommand(opts: CrawlCommandOptions): Promise<number> {
  const config = await loadConfig({ config: opts.config, dataDir: opts.dataDir });
  const display = new ProgressDisplay(process.stderr);
  const controller = new AbortController();
  // Every request in flight and every pause listens for the abort: more than Node's default 10.
  setMaxListeners(0, controller.signal);
  // Ctrl-C stops the crawl; what is stored stays, and the next run resumes.
  const onSigint = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onSigint);
  try {
    const summary = await crawl(config, { sites: opts.site, signal: controller.signal, onProgress: (p) => display.update(p) });
    display.close();
    process.stdout.write(opts.json ? `${JSON.stringify(summary, null, 2)}\n` : `${summaryTable(summary)}\n`);
    return summary.sites.some((s) => s.status === 'failed') ? 1 : 0;
  } finally {
    display.close();
    process.off('SIGINT', onSigint);
  }
}
