/**
 * The services every handler uses during one crawl: the polite fetcher (built here, so every
 * exchange is counted for its site and robots.txt fetches are logged), the persistent state
 * (raw store, incremental state, failure log), the frontiers to queue requests, and the sites in
 * progress. `fetchPage` is for list and navigation pages (always fetched again, never stored);
 * `fetchDocument` is for report documents (stored once by SHA-256, reused while fresh, then
 * revalidated with ETag / Last-Modified).
 */
import type { PipelineConfig } from '../config/schema.ts';
import { ChallengeError, FetchError, NianbaoError, NotAReportError, RobotsDisallowedError, asNianbaoError } from '../errors.ts';
import { decodeBytes } from '../text/decode.ts';
import { BudgetExceededError, REQUEST_BUDGET, mayQueue, takeExchange } from './budget.ts';
import type { CrawlData } from './crawl-data.ts';
import type { HostFrontier } from './frontier.ts';
import { dispositionFileName } from './http/disposition.ts';
import type { InFlight } from './in-flight.ts';
import { PoliteFetcher, type ExchangeEvent, type FetchResult } from './http/fetcher.ts';
import type { HostScheduler } from './politeness/host-scheduler.ts';
import type { SiteRun } from './site-run.ts';
import type { CrawlState } from './state/crawl-state.ts';
import type { DocumentFactsCache } from './state/document-facts.ts';
import { hostOf, urlKey } from './url.ts';

/** A fetched page or document, decoded when it is text. */
export interface Fetched {
  url: string;
  finalUrl: string;
  status: number;
  /** Content-Type as served (null: none sent). */
  contentType: string | null;
  bytes: Buffer;
  redirects: string[];
}

/** A report document, stored, with its hash (status 304 when the stored copy served). */
export interface FetchedDocument extends Fetched {
  sha256: string;
  /** The file name its Content-Disposition gave (download endpoints), decoded; absent when served from the store. */
  fileName?: string | null;
}

export interface FetchOptions {
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
}

const decoded = new WeakMap<Uint8Array, { text: string; encoding: string }>();

/** Text of a fetched page: its charset from header, meta tag or detection (GBK read as GB18030). Decoded once. */
export function pageText(f: Pick<Fetched, 'bytes' | 'contentType'>): { text: string; encoding: string } {
  let d = decoded.get(f.bytes);
  if (!d) {
    const r = decodeBytes(f.bytes, { contentType: f.contentType });
    d = { text: r.text, encoding: r.encoding };
    decoded.set(f.bytes, d);
  }
  return d;
}

const isTextType = (ct: string | null) => !ct || /text|html|xml|json|javascript/i.test(ct);

export class CrawlContext {
  readonly sites = new Map<string, SiteRun>();
  readonly fetcher: PoliteFetcher;

  constructor(
    readonly config: PipelineConfig,
    readonly state: CrawlState,
    scheduler: HostScheduler,
    /** `http` holds pages, APIs, articles and documents; `browser` the lists to render. */
    readonly frontiers: { http: HostFrontier; browser: HostFrontier },
    readonly signal?: AbortSignal,
    private readonly exchangeListener?: (e: ExchangeEvent) => void,
    inFlight?: InFlight,
  ) {
    this.fetcher = new PoliteFetcher({
      politeness: config.politeness,
      limits: config.limits,
      scheduler,
      robotsCache: state.robots,
      onExchange: (e) => this.onExchange(e),
      admit: (tag, url) => this.admitExchange(tag, url),
      inFlight,
    });
  }

  /** Refuses an exchange beyond its site's budget (the site then stops: its queued requests are dropped). */
  private admitExchange(tag: string | undefined, url: string): void {
    const site = tag ? this.sites.get(tag) : undefined;
    if (!site || takeExchange(site, this.config.limits)) return;
    this.stopSite(site, 'exchanges');
    throw new BudgetExceededError(url, REQUEST_BUDGET, this.config.limits.maxRequestsPerSite);
  }

  /**
   * Stops a site at its budget: nothing more is queued for it; when its exchanges ran out, its
   * queued requests are dropped too. Said once, in its summary's errors and `stoppedBy`.
   */
  stopSite(site: SiteRun, what: 'queued' | 'exchanges'): void {
    const first = site.stoppedBy === null;
    site.stoppedBy = REQUEST_BUDGET;
    const dropped = what === 'exchanges' ? this.frontiers.http.dropSite(site.id) + this.frontiers.browser.dropSite(site.id) : 0;
    if (!first && !dropped) return;
    const limit = this.config.limits.maxRequestsPerSite;
    const reason = what === 'queued'
      ? `site stopped: ${limit} requests queued, the limits.${REQUEST_BUDGET} budget of one run; further links not followed`
      : `site stopped: ${limit} HTTP exchanges made, the limits.${REQUEST_BUDGET} budget of one run; ${dropped} queued request(s) dropped`;
    site.error(site.config.startUrls[0] ?? site.id, reason);
  }

  /** What attachments say about themselves (read once per SHA-256). */
  get facts(): DocumentFactsCache {
    return this.state.facts;
  }

  /** Counts every exchange for its site; logs robots.txt fetches (pages and documents are logged when used). */
  private onExchange(e: ExchangeEvent): void {
    this.exchangeListener?.(e);
    const site = e.tag ? this.sites.get(e.tag) : undefined;
    if (site) site.requests++;
    if (!e.robots) return;
    this.state.fetchLog.append({
      site_id: e.tag ?? '', url: e.url, final_url: e.url, status: e.status, content_type: (e.headers?.['content-type'] as string | undefined) ?? null,
      encoding: null, etag: null, last_modified: null, sha256: null, bytes: e.bytes, fetched_at: new Date().toISOString(), ...(e.error ? { error: e.error } : {}),
    });
  }

  site(id: string): SiteRun {
    const s = this.sites.get(id);
    if (!s) throw new Error(`unknown site ${id}`);
    return s;
  }

  /**
   * Queues a request for a site unless it is outside the site's hosts or was queued already this
   * run (same method, URL key and body). Returns true when queued.
   */
  enqueue(site: SiteRun, url: string, data: Omit<CrawlData, 'siteId'>, opts: FetchOptions = {}): boolean {
    if (!site.scope.allows(url)) return false;
    if (!mayQueue(site, this.config.limits)) {
      if (site.stoppedBy === null) this.stopSite(site, 'queued');
      return false;
    }
    const method = opts.method ?? 'GET';
    // A URL is read once as a page, at most once as a document (a folder URL holding an article) and once in the browser.
    const as = data.kind === 'detail' || data.kind === 'document' ? 'doc' : data.kind === 'render' ? (data.renderAs === 'detail' ? 'render-detail' : 'render') : 'page';
    const frontier = data.kind === 'render' ? this.frontiers.browser : this.frontiers.http;
    const queued = frontier.enqueue({
      url,
      method,
      payload: opts.body,
      headers: opts.headers,
      uniqueKey: `${site.id} ${as} ${method} ${urlKey(url)} ${opts.body ?? ''}`,
      label: data.kind,
      userData: { ...data, siteId: site.id },
    });
    if (queued) site.queued++;
    return queued;
  }

  /** Records a failure: in the site's summary, in failures.jsonl, and for fetch failures in the fetch log. */
  fail(site: SiteRun, url: string, err: unknown): NianbaoError {
    const e = asNianbaoError(err, url);
    const heldBack = isHeldBack(e);
    // a page held back on purpose (not a report, a soft 404) is no error of the crawl: counted apart
    if (heldBack) site.heldBack++;
    else site.error(e.source, e.reason);
    this.state.failures.add(e, { heldBack });
    if (e instanceof FetchError || e instanceof ChallengeError || e instanceof RobotsDisallowedError) {
      this.state.fetchLog.append({
        site_id: site.id, url, final_url: e.source, status: e instanceof FetchError ? (e.status ?? 0) : 0, content_type: null, encoding: null,
        etag: null, last_modified: null, sha256: null, bytes: 0, fetched_at: new Date().toISOString(), error: `${e.kind}: ${e.reason}`,
      });
    }
    if (e instanceof ChallengeError && site.config.startUrls.some((u) => hostOf(u) === hostOf(e.source))) site.status = 'js-challenge';
    return e;
  }

  private async get(site: SiteRun, url: string, opts: FetchOptions, validators: { etag: string | null; lastModified: string | null } | null): Promise<FetchResult> {
    return this.fetcher.fetch({
      url, scope: site.scope, method: opts.method, body: opts.body, headers: opts.headers, validators, signal: this.signal, tag: site.id,
    });
  }

  private log(site: SiteRun, r: FetchResult, sha: string | null, encoding: string | null): void {
    this.state.fetchLog.append({
      site_id: site.id,
      url: r.url,
      final_url: r.finalUrl,
      status: r.status,
      content_type: r.contentType,
      encoding,
      etag: (r.headers.etag as string | undefined) ?? null,
      last_modified: (r.headers['last-modified'] as string | undefined) ?? null,
      sha256: sha,
      bytes: r.bytes.length,
      fetched_at: new Date().toISOString(),
    });
  }

  /** Fetches a list, navigation or API page (never stored; logged). */
  async fetchPage(site: SiteRun, url: string, opts: FetchOptions = {}): Promise<Fetched> {
    const r = await this.get(site, url, opts, null);
    site.pages++;
    this.log(site, r, null, isTextType(r.contentType) ? pageText(r).encoding : null);
    return { url, finalUrl: r.finalUrl, status: r.status, contentType: r.contentType, bytes: r.bytes, redirects: r.redirects };
  }

  /**
   * Fetches a document, storing it once by SHA-256. A URL stored in an earlier run is served from
   * the store without a request while fresh, then revalidated (If-None-Match / If-Modified-Since;
   * a 304 serves the stored copy), or fetched again when its server gave no validators. A URL that
   * failed recently is not asked again before the next run.
   */
  async fetchDocument(site: SiteRun, url: string, opts: FetchOptions = {}): Promise<FetchedDocument> {
    const known = this.state.documents.get(url);
    if (known && this.state.store.has(known.sha256)) {
      if (this.state.documents.isFresh(known)) {
        site.notModified++;
        return this.fromStore(known.sha256, url, known.final_url, known.content_type);
      }
      if (known.etag || known.last_modified) {
        const r = await this.remembering(url, () => this.get(site, url, opts, { etag: known.etag, lastModified: known.last_modified }));
        if (r.notModified) {
          site.pages++;
          site.notModified++;
          this.log(site, r, null, null);
          this.state.documents.confirm(known);
          return this.fromStore(known.sha256, url, r.finalUrl, known.content_type);
        }
        return this.keep(site, r);
      }
    }
    const failed = this.state.documents.recentFailure(url);
    // the same reason as when it failed, so failures.jsonl keeps one row for it (its `at` and count
    // updated); the URL is asked again on a later run
    if (failed) throw new FetchError(url, null, failed.reason);
    return this.keep(site, await this.remembering(url, () => this.get(site, url, opts, null)));
  }

  /** Runs a document fetch; a fetch that fails for good is remembered so the next run within a day skips it. */
  private async remembering(url: string, fetch: () => Promise<FetchResult>): Promise<FetchResult> {
    try {
      return await fetch();
    } catch (err) {
      if (err instanceof FetchError) this.state.documents.fail(url, err.kind, err.reason);
      throw err;
    }
  }

  private async fromStore(sha256: string, url: string, finalUrl: string, contentType: string | null): Promise<FetchedDocument> {
    const bytes = await this.state.store.get(sha256);
    return { url, finalUrl, status: 304, contentType, bytes, redirects: finalUrl === url ? [] : [finalUrl], sha256 };
  }

  /** Stores a freshly downloaded document, remembers its validators, logs the fetch. */
  private keep(site: SiteRun, r: FetchResult): FetchedDocument {
    site.pages++;
    site.documentsFetched++;
    const sha256 = this.state.store.put(r.bytes);
    const encoding = isTextType(r.contentType) ? pageText(r).encoding : null;
    this.log(site, r, sha256, encoding);
    this.state.documents.put({
      url: r.url,
      final_url: r.finalUrl,
      sha256,
      etag: (r.headers.etag as string | undefined) ?? null,
      last_modified: (r.headers['last-modified'] as string | undefined) ?? null,
      content_type: r.contentType,
      encoding,
      fetched_at: new Date().toISOString(),
    });
    return { url: r.url, finalUrl: r.finalUrl, status: r.status, contentType: r.contentType, bytes: r.bytes, redirects: r.redirects, sha256, fileName: dispositionFileName(r.headers['content-disposition']) };
  }
}

/** Pages the crawl holds back on purpose: pages that are no report (work summaries, notices, pages without a year) and soft 404s. */
export function isHeldBack(e: NianbaoError): boolean {
  return e instanceof NotAReportError || (e instanceof FetchError && e.status === 200 && e.reason.includes('soft 404'));
}
