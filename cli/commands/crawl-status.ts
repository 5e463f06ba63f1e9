/**
 * What a crawl's outcome means for the exit status and for the command line, shared by `crawl`
 * and `run`: 130 interrupted, 4 nothing could be crawled, 1 some sites failed, else 0; and the
 * configuration check they share (a configuration without sites says how to add them).
 */
import type { PipelineConfig } from '../../config/schema.ts';
import type { CrawlSummary, SiteSummary } from '../../crawlers/index.ts';
import { ConfigError, EXIT } from '../../errors.ts';

/** Site outcomes that crawled nothing. */
const BLOCKED = new Set(['robots', 'js-challenge', 'failed', 'nothing-found']);

/** A site that gave nothing: blocked, failed, or reached without a report found. */
export const gaveNothing = (s: SiteSummary): boolean => BLOCKED.has(s.status) || (s.status === 'ok' && s.reportsFound === 0);

/** The exit status of a crawl: 130 interrupted; 4 every site blocked, failed or nothing found; 1 some failed or had errors; 0. */
export function crawlExitStatus(summary: CrawlSummary): number {
  if (summary.interrupted || summary.sites.some((s) => s.status === 'interrupted')) return EXIT.interrupted;
  if (summary.sites.length > 0 && summary.sites.every(gaveNothing)) return EXIT.nothingCrawled;
  if (summary.sites.some((s) => s.status !== 'ok' || s.errors.length > 0)) return EXIT.someFailed;
  return EXIT.ok;
}

/** A crawl needs sites: without any, say how to configure them (status 2). */
export function requireSites(config: PipelineConfig, configFile: string | undefined): void {
  if (config.sites.length > 0) return;
  throw new ConfigError(
    configFile ?? 'pipeline.config.ts',
    'sites',
    'no sites configured, so there is nothing to crawl. Copy pipeline.config.ts, list your sites in `sites` ' +
      "(e.g. { id: 'qinghe', agency: '清河县人民政府', level: 'county', startUrls: ['http://www.qinghe.gov.cn/'] }) " +
      'and pass the copy with --config my.config.ts (README: Configuration)',
  );
}
