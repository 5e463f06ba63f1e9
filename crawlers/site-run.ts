/**
 * One site during a crawl: its configuration and scope, its counters for the progress line and
 * the summary, the errors it met, and the report candidates it yielded (committed to the raw
 * store when the site is done).
 */
import type { AgencyLevel, SiteConfig } from '../config/schema.ts';
import type { BudgetCounters } from './budget.ts';
import type { ReportCandidate } from './state/report-book.ts';
import type { EntryPoint } from './state/site-state.ts';
import { siteScope, type HostScope } from './url.ts';

/** Per-site progress, as `crawl()`'s onProgress receives it. */
export interface SiteProgress {
  siteId: string;
  pages: number;
  reportsFound: number;
  errors: number;
  state: 'queued' | 'crawling' | 'done' | 'skipped';
}

/** The outcome of one site. */
export interface SiteSummary {
  siteId: string;
  /**
   * 'nothing-found': the site was reached (rendering tried where static reading found nothing) but
   * yielded no report; 'interrupted': Ctrl-C (SIGINT) came before the site finished (or started).
   */
  status: 'ok' | 'nothing-found' | 'robots' | 'js-challenge' | 'failed' | 'interrupted';
  pages: number;
  /** HTTP exchanges, retries, redirects and robots.txt included. */
  requests: number;
  reportsFound: number;
  newReports: number;
  newVersions: number;
  /** Documents downloaded (200 with a body stored). */
  documentsFetched: number;
  /** Documents known from an earlier run: answered 304, or known URL reused without asking. */
  notModified: number;
  /** The budget that stopped the site before it was done (`maxRequestsPerSite`); absent when none did. */
  stoppedBy?: string;
  errors: { url: string; reason: string }[];
  /** Pages deliberately held back, not errors: not reports (work summaries, notices), soft 404s. In failures.jsonl too. */
  heldBack?: number;
  /** What the operator should check: a configured agency never seen while the reports name others. */
  warnings?: string[];
  /** When the site was admitted to the crawl and when it finished (ISO); absent for a site never started. */
  startedAt?: string;
  finishedAt?: string;
  /** Pages rendered in Chromium. */
  rendered?: number;
  /** Why pages were queued for Chromium: reason → pages (absent when none were). */
  renderReasons?: Record<string, number>;
}

/** The agencies a site is expected to hold: the site's own and its configured units. */
export function configuredAgencies(site: SiteConfig): string[] {
  return [site.agency, ...(site.agencies ?? []).map((a) => a.name)];
}

export class SiteRun implements BudgetCounters {
  readonly scope: HostScope;
  readonly agencies: string[];
  state: SiteProgress['state'] = 'queued';
  status: SiteSummary['status'] = 'ok';
  pages = 0;
  requests = 0;
  documentsFetched = 0;
  notModified = 0;
  newReports = 0;
  newVersions = 0;
  readonly errors: { url: string; reason: string }[] = [];
  heldBack = 0;
  startedAt: Date | null = null;
  finishedAt: Date | null = null;
  readonly candidates: ReportCandidate[] = [];
  /** Report identities named by candidates so far (progress). */
  readonly found = new Set<string>();
  /** Start URLs that could be fetched. */
  startsOk = 0;
  startsDone = 0;
  /** Pages fetched per report column (maxListPages). */
  readonly columnPages = new Map<string, number>();
  /** Pages of a list asked for by a form whose state changes from page to page (column + ListRequest.key). */
  readonly listKeys = new Set<string>();
  /** The list pages and list API calls fetched: where the next run starts (by request key). */
  readonly entries = new Map<string, EntryPoint>();
  /** Report columns whose list API is known: their JS shells need no browser. */
  readonly apiColumns = new Set<string>();
  /** Requests queued and exchanges begun this run, against limits.maxRequestsPerSite (budget.ts). */
  queued = 0;
  exchanges = 0;
  stoppedBy: string | null = null;
  /** Pages rendered in Chromium, and render requests queued (limits.maxRenderedPages). */
  rendered = 0;
  renderQueued = 0;
  /** Why pages were rendered: reason → count (the summary says it). */
  readonly renderReasons = new Map<string, number>();
  /** When the site was last walked from its start URLs (now, unless this run started from entries). */
  discoveredAt = new Date();

  constructor(readonly config: SiteConfig) {
    this.scope = siteScope(config);
    this.agencies = configuredAgencies(config);
  }

  get id(): string {
    return this.config.id;
  }

  /** The level recorded for a report of `agency`: the configured one, else the site's for its own. */
  levelOf(agency: string): AgencyLevel | null {
    if (agency === this.config.agency) return this.config.level ?? null;
    return this.config.agencies?.find((a) => a.name === agency)?.level ?? null;
  }

  addCandidate(c: ReportCandidate): void {
    this.candidates.push(c);
    this.found.add(`${c.agency}\u0000${c.year}`);
  }

  /**
   * Configuration mistakes the crawl reveals: reports were found, none of them by a configured
   * agency (星河县 configured, every report by 昇河镇): a warning naming the agencies found.
   */
  warnings(): string[] {
    if (this.found.size === 0) return [];
    const byAgency = new Map<string, number>();
    for (const key of this.found) {
      const agency = key.slice(0, key.indexOf('\u0000'));
      byAgency.set(agency, (byAgency.get(agency) ?? 0) + 1);
    }
    if (this.agencies.some((a) => byAgency.has(a))) return [];
    const names = [...byAgency].sort((a, b) => b[1] - a[1]).map(([a, n]) => `${a} (${n} report${n === 1 ? '' : 's'})`);
    return [
      `configured agency ${this.agencies.join(', ')} never appears on site ${this.id}; its reports name ${names.join(', ')}: check the site's \`agency\` and \`agencies\` in the configuration`,
    ];
  }

  /** Counts a page queued for Chromium under `why` (the summary says why pages were rendered). */
  renderQueuedFor(why: string): void {
    this.renderReasons.set(why, (this.renderReasons.get(why) ?? 0) + 1);
  }

  error(url: string, reason: string): void {
    this.errors.push({ url, reason });
  }

  progress(): SiteProgress {
    return { siteId: this.id, pages: this.pages, reportsFound: this.found.size, errors: this.errors.length, state: this.state };
  }

  summary(): SiteSummary {
    return {
      siteId: this.id,
      status: this.status,
      pages: this.pages,
      requests: this.requests,
      reportsFound: this.found.size,
      newReports: this.newReports,
      newVersions: this.newVersions,
      documentsFetched: this.documentsFetched,
      notModified: this.notModified,
      ...(this.stoppedBy ? { stoppedBy: this.stoppedBy } : {}),
      errors: this.errors,
      heldBack: this.heldBack,
      warnings: this.warnings(),
      ...(this.startedAt ? { startedAt: this.startedAt.toISOString() } : {}),
      ...(this.finishedAt ? { finishedAt: this.finishedAt.toISOString() } : {}),
      rendered: this.rendered,
      ...(this.renderReasons.size ? { renderReasons: Object.fromEntries(this.renderReasons) } : {}),
    };
  }
}
