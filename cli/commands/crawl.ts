/**
 * `nianbao crawl [--config FILE] [--data-dir DIR] [--site ID]... [--json] [--wait]`: finds the
 * yearly reports on the configured sites and stores their documents in DATA/raw. Live progress on
 * stderr; the summary table (or, with --json, the summary as JSON) on stdout. The data directory
 * is created if needed, checked writable before any request and locked for the crawl. Exit
 * status: see crawl-status.ts.
 */
import { setMaxListeners } from 'node:events';
import { loadConfig } from '../../config/load.ts';
import { crawl } from '../../crawlers/index.ts';
import { ProgressDisplay, summaryTable } from '../../crawlers/progress-display.ts';
import { takeDataDir } from '../data-dir.ts';
import { InFlight } from '../../crawlers/in-flight.ts';
import { logHeartbeatMs, note, stampLog } from '../log.ts';
import type { WriterOptions } from '../main.ts';
import { crawlExitStatus, requireSites } from './crawl-status.ts';

export interface CrawlCommandOptions extends WriterOptions {
  site?: string[];
  json?: boolean;
}

export default async function crawlCommand(opts: CrawlCommandOptions): Promise<number> {
  stampLog(opts);
  const heartbeatMs = logHeartbeatMs();
  const config = await loadConfig({ config: opts.config, dataDir: opts.dataDir });
  requireSites(config, opts.config);
  const lock = await takeDataDir(config.paths.dataDir, { command: 'crawl', creates: true, init: opts.init, wait: opts.wait, log: note });
  const inFlight = new InFlight();
  const display = new ProgressDisplay(process.stderr, heartbeatMs, inFlight);
  const controller = new AbortController();
  // Every request in flight and every pause listens for the abort: more than Node's default 10.
  setMaxListeners(0, controller.signal);
  // Ctrl-C stops the crawl; what is stored stays, and the next run resumes.
  const onSigint = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onSigint);
  try {
    const summary = await crawl(config, { sites: opts.site, signal: controller.signal, inFlight, onProgress: (p) => display.update(p) });
    display.close();
    process.stdout.write(opts.json ? `${JSON.stringify(summary, null, 2)}\n` : `${summaryTable(summary)}\n`);
    return crawlExitStatus(summary);
  } finally {
    display.close();
    process.off('SIGINT', onSigint);
    lock.release();
  }
}
