/**
 * The polite fetcher: every request nianbao makes goes through `PoliteFetcher.fetch` (crawlee's
 * HttpCrawler through its httpClient, the browser through request interception, the detail
 * handler for attachments). It keeps the site's scope (never an off-host URL, a mirror included),
 * obeys robots.txt, waits for the host's slot, follows at most `maxRedirects` redirects (HTTP,
 * `location.replace`, meta refresh) inside the scope, sends conditional headers, retries 429, 5xx,
 * resets and timeouts with exponential backoff and jitter (Retry-After honoured), detects anti-bot
 * challenges (the host is stopped, never retried) and 200 「访问过于频繁」 pages (backed off).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { ChallengeError, FetchError, OffHostError, RobotsDisallowedError } from '../../errors.ts';
import type { LimitsConfig, PolitenessConfig } from '../../config/schema.ts';
import { MAX_RETRY_AFTER_MS, parseRetryAfter, retryDelayMs, sleep } from '../politeness/backoff.ts';
import type { HostScheduler } from '../politeness/host-scheduler.ts';
import { RobotsRules } from '../politeness/robots.ts';
import type { RobotsCache } from '../state/robots-cache.ts';
import { hostOf, type HostScope } from '../url.ts';
import { ExchangeError, exchange, type ExchangeResponse } from './exchange.ts';
import type { InFlight } from '../in-flight.ts';
import { challengeVendor, isBlockPage, softRedirectTarget } from './page-signals.ts';

/** robots.txt beyond this is not read (RFC 9309 §2.5: a crawler parses at least the first 500 KiB). */
export const ROBOTS_MAX_BYTES = 500 * 1024;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Validators of a stored copy, sent as If-None-Match / If-Modified-Since. */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export interface FetchRequest {
  url: string;
  /** The hosts this fetch may touch, redirects included. */
  scope: HostScope;
  method?: 'GET' | 'POST';
  /** Form body for POST (jcms dataproxy). */
  body?: string;
  /** Extra headers: Referer, X-Requested-With, Content-Type. */
  headers?: Record<string, string>;
  /** Makes the request conditional; a 304 comes back as `notModified`. */
  validators?: Validators | null;
  /** Follow `location.replace` / meta refresh shells (default true). */
  followSoftRedirects?: boolean;
  maxBytes?: number;
  /** Keep the first `maxBytes` of a longer body instead of failing (robots.txt). */
  truncate?: boolean;
  signal?: AbortSignal;
  /** Names the requester in `onExchange` (the site id). */
  tag?: string;
}

export interface FetchResult {
  url: string;
  finalUrl: string;
  status: number;
  headers: IncomingHttpHeaders;
  /** The Content-Type header as served (null when the server sent none). */
  contentType: string | null;
  bytes: Buffer;
  notModified: boolean;
  /** Every URL redirected to, in order (HTTP and soft redirects). */
  redirects: string[];
}

/** One HTTP exchange, reported as it happens (request counting, robots in the fetch log). */
export interface ExchangeEvent {
  tag: string | undefined;
  url: string;
  method: string;
  status: number;
  headers: IncomingHttpHeaders | null;
  bytes: number;
  error?: string;
  robots?: boolean;
  /** When the request went out (ms since epoch); absent when it never did (a refused connection). */
  sentAt?: number;
}

export interface PoliteFetcherOptions {
  politeness: PolitenessConfig;
  limits: LimitsConfig;
  scheduler: HostScheduler;
  onExchange?: (e: ExchangeEvent) => void;
  /** robots.txt files kept across runs (a day); without it every run asks every host. */
  robotsCache?: RobotsCache;
  /** Jitter source (tests pass a fixed one). */
  random?: () => number;
  /**
   * Called before every exchange (each retry, redirect hop and robots.txt included) with the
   * request's tag; throws to refuse it (a site's request budget, budget.ts).
   */
  admit?: (tag: string | undefined, url: string) => void;
  /** Where the URLs being fetched are registered (the progress line names the slow ones). */
  inFlight?: InFlight;
}

const header = (h: IncomingHttpHeaders, name: string): string | null => {
  const v = h[name];
  return (Array.isArray(v) ? v[0] : v) ?? null;
};

export class PoliteFetcher {
  private readonly robots = new Map<string, Promise<RobotsRules>>();

  constructor(private readonly opts: PoliteFetcherOptions) {}

  get scheduler(): HostScheduler {
    return this.opts.scheduler;
  }

  /**
   * Fetches `req.url`. Resolves for 2xx and 304; throws OffHostError, RobotsDisallowedError,
   * ChallengeError or FetchError (status ≥ 400 after retries, network failure, too large, too many
   * redirects), each naming the URL.
   */
  async fetch(req: FetchRequest): Promise<FetchResult> {
    const result = await this.follow(req, true);
    if (result.status >= 400) throw new FetchError(result.finalUrl, result.status, `answered ${result.status}`);
    return result;
  }

  /** Is `url` allowed by its host's robots.txt? Fetches robots.txt once per origin. */
  async allowedByRobots(url: string, scope: HostScope, tag?: string, signal?: AbortSignal): Promise<boolean> {
    if (!this.opts.politeness.respectRobotsTxt) return true;
    const origin = new URL(url).origin;
    let rules = this.robots.get(origin);
    if (!rules) {
      rules = this.loadRobots(origin, scope, tag, signal);
      this.robots.set(origin, rules);
    }
    return (await rules).isAllowed(url, this.opts.politeness.userAgent);
  }

  private async loadRobots(origin: string, scope: HostScope, tag: string | undefined, signal?: AbortSignal): Promise<RobotsRules> {
    const cached = this.opts.robotsCache?.get(origin);
    if (cached) return cached.status === 'rules' ? RobotsRules.parse(cached.text) : RobotsRules.allowAll();
    const res = await this.follow({ url: `${origin}/robots.txt`, scope, maxBytes: ROBOTS_MAX_BYTES, truncate: true, signal, tag, followSoftRedirects: false }, false, true);
    const fetchedAt = new Date().toISOString();
    if (res.status >= 200 && res.status < 300) {
      // A longer file is read up to its last whole line within the first 500 KiB (RFC 9309 §2.5).
      const bytes = res.bytes.length >= ROBOTS_MAX_BYTES ? res.bytes.subarray(0, res.bytes.lastIndexOf(0x0a) + 1) : res.bytes;
      const text = bytes.toString('utf8');
      this.opts.robotsCache?.put({ origin, status: 'rules', text, fetched_at: fetchedAt });
      return RobotsRules.parse(text);
    }
    // RFC 9309 §2.3.1: 4xx means no rules; a server error means "assume complete disallow".
    if (res.status >= 400 && res.status < 500) {
      this.opts.robotsCache?.put({ origin, status: 'allow-all', text: '', fetched_at: fetchedAt });
      return RobotsRules.allowAll();
    }
    return RobotsRules.disallowAll();
  }

  /** The redirect loop: HTTP 3xx and redirect shells, each hop checked against scope and robots. */
  private async follow(req: FetchRequest, checkRobots: boolean, isRobots = false): Promise<FetchResult> {
    const redirects: string[] = [];
    let url = req.url;
    let method: 'GET' | 'POST' = req.method ?? 'GET';
    let body = req.body;
    for (let hop = 0; ; hop++) {
      if (!req.scope.allows(url)) throw new OffHostError(hop === 0 ? url : `${url} (redirected from ${req.url})`);
      if (checkRobots && !(await this.allowedByRobots(url, req.scope, req.tag, req.signal))) throw new RobotsDisallowedError(url);
      const res = await this.withRetries(url, method, body, req, isRobots);
      const location = REDIRECT_STATUSES.has(res.status) ? header(res.headers, 'location') : null;
      const soft = res.status === 200 && req.followSoftRedirects !== false && !location ? softRedirectTarget(res.body) : null;
      const target = location ?? soft;
      if (!target) {
        return {
          url: req.url,
          finalUrl: url,
          status: res.status,
          headers: res.headers,
          contentType: header(res.headers, 'content-type'),
          bytes: res.body,
          notModified: res.status === 304,
          redirects,
        };
      }
      const next = new URL(target, url).href;
      if (hop + 1 > this.opts.limits.maxRedirects) {
        throw new FetchError(req.url, res.status, `more than ${this.opts.limits.maxRedirects} redirects (last to ${next})`);
      }
      if (redirects.includes(next) || next === req.url) throw new FetchError(req.url, res.status, `redirect loop at ${next}`);
      redirects.push(next);
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST') || soft) {
        method = 'GET';
        body = undefined;
      }
      url = next;
    }
  }

  /** One URL, with retries on 429, 5xx, block pages, resets and timeouts; in flight (inFlight) from the first slot its host gives it until it ends. */
  private async withRetries(url: string, method: 'GET' | 'POST', body: string | undefined, req: FetchRequest, isRobots: boolean): Promise<ExchangeResponse> {
    let ended: (() => void) | undefined;
    try {
      return await this.attempts(url, method, body, req, isRobots, () => (ended ??= this.opts.inFlight?.begin(url, req.tag)));
    } finally {
      ended?.();
    }
  }

  private async attempts(url: string, method: 'GET' | 'POST', body: string | undefined, req: FetchRequest, isRobots: boolean, onSlot: () => void): Promise<ExchangeResponse> {
    const { limits, politeness, scheduler } = this.opts;
    const host = hostOf(url);
    const headers: Record<string, string> = {
      'User-Agent': politeness.userAgent,
      Accept: isRobots ? 'text/plain,*/*;q=0.5' : 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.5',
      'Accept-Encoding': 'gzip, deflate, br',
      ...(req.headers ?? {}),
    };
    if (req.validators?.etag) headers['If-None-Match'] = req.validators.etag;
    if (req.validators?.lastModified) headers['If-Modified-Since'] = req.validators.lastModified;
    if (body !== undefined) headers['Content-Type'] ??= 'application/x-www-form-urlencoded; charset=UTF-8';

    for (let attempt = 0; ; attempt++) {
      this.opts.admit?.(req.tag, url);
      const lease = await scheduler.acquire(host, req.signal, attempt > 0);
      onSlot();
      let sentAt: number | undefined;
      let res: ExchangeResponse;
      try {
        res = await exchange({
          url,
          method,
          headers,
          body,
          connectTimeoutMs: limits.connectTimeoutMs,
          readTimeoutMs: limits.readTimeoutMs,
          maxBytes: req.maxBytes ?? limits.maxDocumentBytes,
          truncate: req.truncate,
          signal: req.signal,
          onSent: () => {
            sentAt = Date.now();
            lease.sent(sentAt);
          },
        });
      } catch (err) {
        lease.release();
        const e = err instanceof ExchangeError ? err : new ExchangeError('protocol', String(err), 0, { cause: err });
        this.opts.onExchange?.({ tag: req.tag, url, method, status: 0, headers: null, bytes: e.receivedBytes, error: e.failure, robots: isRobots, sentAt });
        if (e.failure === 'aborted') throw req.signal?.reason ?? e;
        if (e.retryable && attempt < limits.maxRetries) {
          await sleep(retryDelayMs(attempt, limits.retryBaseMs, null, this.opts.random), req.signal);
          continue;
        }
        const tries = attempt + 1;
        throw new FetchError(url, null, `${e.failure}: ${e.message}${e.retryable ? ` (${tries} attempt${tries > 1 ? 's' : ''})` : ''}`, { cause: e });
      }
      lease.release();
      this.opts.onExchange?.({ tag: req.tag, url, method, status: res.status, headers: res.headers, bytes: res.body.length, robots: isRobots, sentAt });

      const vendor = challengeVendor(res.status, res.headers, res.body);
      if (vendor) {
        const err = new ChallengeError(url, vendor);
        scheduler.stop(host, err);
        throw err;
      }
      const blocked = res.status === 200 && isBlockPage(res.body);
      if (res.status === 429 || res.status >= 500 || blocked) {
        const retryAfter = parseRetryAfter(res.headers['retry-after']);
        // FetchError already names the status; say what kind of answer it was.
        const what = blocked ? 'a rate-limit page (访问过于频繁)' : res.status === 429 ? 'rate limited' : 'server error';
        if (retryAfter !== null && retryAfter > MAX_RETRY_AFTER_MS) {
          throw new FetchError(url, res.status, `${what} with Retry-After ${Math.round(retryAfter / 1000)} s, longer than the ${MAX_RETRY_AFTER_MS / 1000} s we wait`);
        }
        if (attempt < limits.maxRetries) {
          const delay = retryDelayMs(attempt, limits.retryBaseMs, retryAfter, this.opts.random);
          // A rate limit is the host's, not this URL's: hold every request to it, and go slower after.
          if (res.status === 429 || blocked) scheduler.slowDown(host);
          if (res.status === 429 || blocked || retryAfter !== null) scheduler.pause(host, delay);
          await sleep(delay, req.signal);
          continue;
        }
        throw new FetchError(url, blocked ? 200 : res.status, `${what} after ${attempt + 1} attempts`);
      }
      scheduler.succeeded(host);
      return res;
    }
  }
}
