/**
 * The crawl frontier: crawlee's `IRequestManager`, holding one FIFO queue per host and handing
 * the crawler only requests whose host has a free slot now. Crawlee's own RequestQueue is one
 * FIFO for everything: with one request at a time per host, workers would queue up behind the
 * busiest host (a site's 200 detail pages) while other hosts sit idle. It also de-duplicates
 * across runs, which would hide changed pages on the next night; this one lives for one run only,
 * and incremental state is kept apart (crawl-state/).
 */
import { Request, type IRequestManager, type RequestOptions, type RequestsLike, type Source } from '@crawlee/core';
import type { HostScheduler } from './politeness/host-scheduler.ts';
import { hostOf } from './url.ts';

/** Tracks work outside any one frontier (queued sites, the other crawler's requests) so neither stops early. */
export interface WorkTracker {
  /** True when nothing is queued, running or pending anywhere. */
  idle(): boolean;
}

export interface FrontierHooks {
  /** Called when the last pending or running request of a site is done. */
  onSiteIdle?(siteId: string): void;
}

interface SiteCount {
  pending: number;
  running: number;
}

export class HostFrontier implements IRequestManager {
  private readonly queues = new Map<string, Request[]>();
  /** Round-robin order of hosts with queued requests. */
  private hostOrder: string[] = [];
  private cursor = 0;
  private readonly seen = new Set<string>();
  private readonly sites = new Map<string, SiteCount>();
  private pendingCount = 0;
  private runningCount = 0;
  private handled = 0;
  private total = 0;
  tracker: WorkTracker | null = null;

  constructor(
    private readonly scheduler: HostScheduler,
    private readonly hooks: FrontierHooks = {},
  ) {}

  /**
   * Queues a request unless one with the same uniqueKey was queued this run. Returns false for a
   * duplicate. `siteId` is read from `userData.siteId`.
   */
  enqueue(options: RequestOptions | Request): boolean {
    // Check the key before building a Request: crawlee validates every one it builds.
    if (options.uniqueKey && this.seen.has(options.uniqueKey)) return false;
    const request = options instanceof Request ? options : new Request(options);
    if (this.seen.has(request.uniqueKey)) return false;
    this.seen.add(request.uniqueKey);
    this.push(request, false);
    this.total++;
    return true;
  }

  private siteOf(request: Request): SiteCount {
    const id = String(request.userData.siteId ?? '');
    let c = this.sites.get(id);
    if (!c) {
      c = { pending: 0, running: 0 };
      this.sites.set(id, c);
    }
    return c;
  }

  private push(request: Request, front: boolean): void {
    const host = hostOf(request.url);
    let q = this.queues.get(host);
    if (!q) {
      q = [];
      this.queues.set(host, q);
      this.hostOrder.push(host);
    }
    if (front) q.unshift(request);
    else q.push(request);
    this.pendingCount++;
    this.siteOf(request).pending++;
  }

  /** True when some host has a queued request and a free slot now. */
  private hasReady(): boolean {
    const now = Date.now();
    return this.hostOrder.some((h) => this.scheduler.isReady(h, now));
  }

  /** Requests queued or running for one site. */
  siteBusy(siteId: string): boolean {
    const c = this.sites.get(siteId);
    return !!c && c.pending + c.running > 0;
  }

  /**
   * Drops every queued (not running) request of a site: a site stopped by its budget. Returns how
   * many were dropped; the site becomes idle once its running requests are done.
   */
  dropSite(siteId: string): number {
    let dropped = 0;
    for (const [host, q] of this.queues) {
      const keep = q.filter((r) => String(r.userData.siteId ?? '') !== siteId);
      if (keep.length === q.length) continue;
      dropped += q.length - keep.length;
      if (keep.length) this.queues.set(host, keep);
      else {
        this.queues.delete(host);
        this.hostOrder = this.hostOrder.filter((h) => h !== host);
      }
    }
    if (!dropped) return 0;
    this.cursor = this.hostOrder.length ? this.cursor % this.hostOrder.length : 0;
    this.pendingCount -= dropped;
    const c = this.sites.get(siteId)!;
    c.pending -= dropped;
    if (c.pending + c.running === 0) this.hooks.onSiteIdle?.(siteId);
    return dropped;
  }

  get busy(): boolean {
    return this.pendingCount + this.runningCount > 0;
  }

  // ---- IRequestManager

  async isFinished(): Promise<boolean> {
    return !this.busy && (this.tracker?.idle() ?? true);
  }

  /** "Empty" means nothing can start now: the pool then polls again instead of blocking a worker on a busy host. */
  async isEmpty(): Promise<boolean> {
    return !this.hasReady();
  }

  async handledCount(): Promise<number> {
    return this.handled;
  }

  getTotalCount(): number {
    return this.total;
  }

  getPendingCount(): number {
    return this.pendingCount;
  }

  async fetchNextRequest<T extends object = object>(): Promise<Request<T> | null> {
    const now = Date.now();
    for (let i = 0; i < this.hostOrder.length; i++) {
      const idx = (this.cursor + i) % this.hostOrder.length;
      const host = this.hostOrder[idx]!;
      if (!this.scheduler.isReady(host, now)) continue;
      const q = this.queues.get(host)!;
      const request = q.shift()!;
      if (q.length === 0) {
        this.queues.delete(host);
        this.hostOrder.splice(idx, 1);
        this.cursor = this.hostOrder.length ? idx % this.hostOrder.length : 0;
      } else {
        this.cursor = (idx + 1) % this.hostOrder.length;
      }
      this.pendingCount--;
      this.runningCount++;
      const c = this.siteOf(request);
      c.pending--;
      c.running++;
      return request as unknown as Request<T>;
    }
    return null;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Request> {
    for (;;) {
      const r = await this.fetchNextRequest();
      if (!r) return;
      yield r;
    }
  }

  async markRequestHandled(request: Request): Promise<null> {
    this.runningCount--;
    this.handled++;
    const c = this.siteOf(request);
    c.running--;
    if (c.pending + c.running === 0) this.hooks.onSiteIdle?.(String(request.userData.siteId ?? ''));
    return null;
  }

  async reclaimRequest(request: Request): Promise<null> {
    this.runningCount--;
    this.siteOf(request).running--;
    this.push(request, true);
    return null;
  }

  async addRequest(source: Source): Promise<{ wasAlreadyPresent: boolean; wasAlreadyHandled: boolean; requestId: string; uniqueKey: string; forefront: boolean }> {
    const request = source instanceof Request ? source : new Request(source as RequestOptions);
    const added = this.enqueue(request);
    return { wasAlreadyPresent: !added, wasAlreadyHandled: false, requestId: request.uniqueKey, uniqueKey: request.uniqueKey, forefront: false };
  }

  async addRequestsBatched(requests: RequestsLike): Promise<{ addedRequests: { uniqueKey: string; requestId: string; wasAlreadyPresent: boolean; wasAlreadyHandled: boolean; forefront: boolean }[]; waitForAllRequestsToBeAdded: Promise<never[]> }> {
    const addedRequests = [];
    for await (const r of requests as AsyncIterable<Source | string>) {
      addedRequests.push(await this.addRequest(typeof r === 'string' ? { url: r } : r));
    }
    return { addedRequests, waitForAllRequestsToBeAdded: Promise.resolve([]) };
  }
}
