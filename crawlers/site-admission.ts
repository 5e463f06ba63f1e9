/**
 * Sites enter the crawl `globalConcurrency` at a time, each from its start URLs or, within a week
 * of its last full walk, from the list pages where its reports were found. A site is done when
 * neither frontier holds a request of it: its candidates are committed as report versions and its
 * entry points kept for the next run; the next queued site is admitted.
 */
import type { CrawlContext } from './crawl-context.ts';
import type { SiteRun } from './site-run.ts';

export class SiteAdmission {
  private readonly queued: SiteRun[];
  private active = 0;

  constructor(
    private readonly ctx: CrawlContext,
    runs: SiteRun[],
    private readonly progress: (site: SiteRun) => void,
  ) {
    this.queued = [...runs];
  }

  /** True while some site waits to be admitted. */
  get waiting(): boolean {
    return this.queued.length > 0;
  }

  /** Admits sites up to the configured number crawled at once. */
  admit(): void {
    const { ctx } = this;
    while (this.active < ctx.config.politeness.globalConcurrency && this.queued.length) {
      const site = this.queued.shift()!;
      this.active++;
      site.state = 'crawling';
      site.startedAt = new Date();
      let any = false;
      const entries = ctx.state.sites.entryPoints(site.id, site.config.startUrls);
      if (entries) {
        site.discoveredAt = new Date(ctx.state.sites.discoveredAt(site.id)!);
        for (const e of entries) {
          if (e.kind === 'api' && e.column) site.apiColumns.add(e.column);
          const data = { kind: e.kind, role: 'list' as const, depth: e.depth, column: e.column, fragment: e.fragment, summary: e.summary, start: true };
          any = ctx.enqueue(site, e.url, data, { method: e.method, body: e.body, headers: e.headers }) || any;
        }
      } else {
        for (const url of site.config.startUrls) any = ctx.enqueue(site, url, { kind: 'page', role: 'nav', depth: 0, start: true }) || any;
      }
      this.progress(site);
      if (!any) {
        site.status = 'failed';
        site.error(site.config.startUrls.join(' '), 'no start URL inside the allowed hosts');
        this.finish(site);
      }
    }
  }

  /** Finishes a site whose requests are all done (no-op while any is queued or running). */
  finish(site: SiteRun): void {
    const { ctx } = this;
    if (site.state !== 'crawling' || ctx.frontiers.http.siteBusy(site.id) || ctx.frontiers.browser.siteBusy(site.id)) return;
    const committed = ctx.state.book.commit(site.candidates);
    site.newReports = committed.newReports;
    site.newVersions = committed.newVersions;
    // Committed: the candidates' documents lists are not needed any more (1,000 sites add up).
    site.candidates.length = 0;
    if (site.startsOk === 0 && site.status === 'ok') site.status = 'failed';
    // Reached, walked (rendering tried where static reading found nothing), and no report: say so, not 'ok'.
    // A site stopped by its budget before any report did not finish looking: that is no finding
    // about its agencies ('failed', hence 'site-blocked' in missing_reports), not 'nothing-found'.
    if (site.status === 'ok' && site.found.size === 0 && !ctx.signal?.aborted) site.status = site.stoppedBy ? 'failed' : 'nothing-found';
    // An interrupted site has seen only part of its lists: the next run walks it from the start.
    if (site.status === 'ok' && !ctx.signal?.aborted) ctx.state.sites.put(site.id, site.config.startUrls, [...site.entries.values()], site.discoveredAt);
    site.finishedAt = new Date();
    site.state = site.status === 'robots' || site.status === 'js-challenge' ? 'skipped' : 'done';
    this.active--;
    this.progress(site);
    this.admit();
  }
}
