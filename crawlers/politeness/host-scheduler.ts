/**
 * One gate per host: at most `perHostConcurrency` requests in flight, a pause of `delayMs` after
 * each response before the next request starts, at most `maxRequestsPerMinute` starts a minute,
 * host-wide pauses (Retry-After, a 「访问过于频繁」 page) and a full stop (an anti-bot challenge).
 * A host that rate-limits us gets a longer delay from then on (doubled per 429, eased back
 * slowly by successes), so a crawl configured too fast for a host settles at the host's pace.
 * Every HTTP exchange the crawler makes, the browser's included, passes through here, so politeness
 * holds whichever crawler, handler or retry asks.
 */
import { ChallengeError } from '../../errors.ts';

/** The smallest added delay after a rate limit, for a crawl configured with no delay at all. */
export const MIN_SLOWDOWN_MS = 250;
/** The largest added delay a rate-limiting host can earn. */
export const MAX_SLOWDOWN_MS = 60_000;
/** Each success keeps this share of the added delay. */
const SLOWDOWN_DECAY = 0.9;

export interface HostSchedulerOptions {
  perHostConcurrency: number;
  delayMs: number;
  /** 0 = no cap beyond delayMs. */
  maxRequestsPerMinute: number;
}

/**
 * A granted slot. `sent()` when the request has gone out (its bytes handed to the socket), so the
 * pace between starts is measured between sends, as the host sees them, not between grants:
 * a request can leave later than it was granted (a busy event loop, a connect), and the next one
 * must still wait its full interval after it. `release()` when the response is read (or failed).
 * Both idempotent.
 */
export interface Lease {
  sent(at?: number): void;
  release(): void;
}

interface Waiter {
  resolve(lease: Lease): void;
  reject(err: unknown): void;
}

interface HostState {
  active: number;
  /** When the last request was granted or, once it reported so, sent / the last response ended (ms since epoch). */
  lastStart: number;
  lastEnd: number;
  pausedUntil: number;
  /** Delay added after the host rate-limited us. */
  slowdown: number;
  stopped: ChallengeError | null;
  waiters: Waiter[];
  timer: NodeJS.Timeout | null;
}

export class HostScheduler {
  private readonly hosts = new Map<string, HostState>();
  private readonly startInterval: number;

  constructor(private readonly opts: HostSchedulerOptions) {
    this.startInterval = opts.maxRequestsPerMinute > 0 ? 60_000 / opts.maxRequestsPerMinute : 0;
  }

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (!s) {
      s = { active: 0, lastStart: -Infinity, lastEnd: -Infinity, pausedUntil: 0, slowdown: 0, stopped: null, waiters: [], timer: null };
      this.hosts.set(host, s);
    }
    return s;
  }

  /** The earliest time a new request to `host` may start, ignoring the in-flight limit. */
  private nextStart(s: HostState): number {
    return Math.max(s.pausedUntil, s.lastStart + this.startInterval, s.lastEnd + this.opts.delayMs + s.slowdown);
  }

  /**
   * Waits for a slot on `host`. A `retry` goes ahead of new requests (it already waited its
   * backoff). Rejects with the host's ChallengeError once it is stopped, or on abort.
   */
  acquire(host: string, signal?: AbortSignal, retry = false): Promise<Lease> {
    const s = this.state(host);
    if (s.stopped) return Promise.reject(s.stopped);
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<Lease>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject };
      if (signal) {
        const onAbort = () => {
          const i = s.waiters.indexOf(waiter);
          if (i >= 0) s.waiters.splice(i, 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        waiter.resolve = (lease) => {
          signal.removeEventListener('abort', onAbort);
          resolve(lease);
        };
      }
      if (retry) s.waiters.unshift(waiter);
      else s.waiters.push(waiter);
      this.pump(host, s);
    });
  }

  /** True when a request to `host` would be granted now without waiting. */
  isReady(host: string, now = Date.now()): boolean {
    const s = this.hosts.get(host);
    if (!s) return true;
    return !s.stopped && s.waiters.length === 0 && s.active < this.opts.perHostConcurrency && now >= this.nextStart(s);
  }

  /** Holds every request to `host` until `ms` from now (Retry-After, a block page). */
  pause(host: string, ms: number): void {
    const s = this.state(host);
    s.pausedUntil = Math.max(s.pausedUntil, Date.now() + ms);
  }

  /** The host rate-limited us: lengthen its delay from now on. */
  slowDown(host: string): void {
    const s = this.state(host);
    s.slowdown = Math.min(MAX_SLOWDOWN_MS, Math.max(MIN_SLOWDOWN_MS, s.slowdown * 2, this.opts.delayMs));
  }

  /** A request succeeded: ease the host's added delay back a little. */
  succeeded(host: string): void {
    const s = this.hosts.get(host);
    if (s && s.slowdown) s.slowdown = s.slowdown * SLOWDOWN_DECAY < 1 ? 0 : s.slowdown * SLOWDOWN_DECAY;
  }

  /** Stops `host` for the rest of the run: waiting and future requests fail with `reason`. */
  stop(host: string, reason: ChallengeError): void {
    const s = this.state(host);
    if (s.stopped) return;
    s.stopped = reason;
    if (s.timer) clearTimeout(s.timer);
    s.timer = null;
    for (const w of s.waiters.splice(0)) w.reject(reason);
  }

  /** The challenge that stopped `host`, if any. */
  stoppedBy(host: string): ChallengeError | null {
    return this.hosts.get(host)?.stopped ?? null;
  }

  /** Cancels pending timers (end of a crawl). */
  close(): void {
    for (const s of this.hosts.values()) {
      if (s.timer) clearTimeout(s.timer);
      s.timer = null;
    }
  }

  private pump(host: string, s: HostState): void {
    if (s.timer || s.stopped) return;
    while (s.waiters.length && s.active < this.opts.perHostConcurrency) {
      const now = Date.now();
      const at = this.nextStart(s);
      if (now < at) {
        s.timer = setTimeout(() => {
          s.timer = null;
          this.pump(host, s);
        }, at - now);
        return;
      }
      const waiter = s.waiters.shift()!;
      s.active++;
      s.lastStart = now;
      let released = false;
      waiter.resolve({
        sent: (at = Date.now()) => {
          // A later send pushes the next start back; the pending timer re-checks when it fires.
          if (!released && at > s.lastStart) s.lastStart = at;
        },
        release: () => {
          if (released) return;
          released = true;
          s.active--;
          s.lastEnd = Date.now();
          this.pump(host, s);
        },
      });
    }
  }
}
