/**
 * One gate per host: at most `perHostConcurrency` requests in flight, a pause of `delayMs` after
 * each response before the next request starts, at most `maxRequestsPerMinute` starts a minute,
 * host-wide pauses (Retry-After, a 「访问过于频繁」 page) and a full stop (an anti-bot challenge).
 * A host that rate-limits us gets a longer delay from then on (doubled per 429, eased back
 * slowly by successes), so a crawl configured too fast for a host settles at the host's pace.
 * Every HTTP exchange the crawler makes, the browser's included, passes through here, so politeness
 * holds whichever crawler, handler or retry asks.
 *
 * Each host's waiting requests are a p-queue: its `concurrency` is the in-flight limit, its
 * priority puts retries ahead of new requests, `interval`/`intervalCap` (sliding window) caps the
 * starts a minute, and `pause()`/`start()` hold the queue until the host may be asked again
 * (Retry-After, the delay after a response). What p-queue has no notion of stays here: the delay
 * counted from the end of the previous response, the pace counted from when a request actually
 * left (`Lease.sent`), the adaptive slowdown, and stopping a host with its challenge.
 */
import PQueue from 'p-queue';
import { ChallengeError } from '../../errors.ts';

/** The smallest added delay after a rate limit, for a crawl configured with no delay at all. */
export const MIN_SLOWDOWN_MS = 250;
/** The largest added delay a rate-limiting host can earn. */
export const MAX_SLOWDOWN_MS = 60_000;
/** Each success keeps this share of the added delay. */
const SLOWDOWN_DECAY = 0.9;
/** p-queue priorities: a retry (it already waited its backoff) before a new request. */
const RETRY_PRIORITY = 1;

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

/** An acquire() not yet granted: queued, or admitted and waiting for the host's next start. */
interface Waiter {
  settled: boolean;
  resolve(lease: Lease): void;
  reject(err: unknown): void;
}

interface HostState {
  queue: PQueue;
  /** When the last request was granted or, once it reported so, sent / the last response ended (ms since epoch). */
  lastStart: number;
  lastEnd: number;
  pausedUntil: number;
  /** Delay added after the host rate-limited us. */
  slowdown: number;
  stopped: ChallengeError | null;
  waiters: Set<Waiter>;
  /** Restarts the paused queue at the host's next start. */
  timer: NodeJS.Timeout | null;
  /** Admitted requests sleeping until the next start; woken early by stop() and close(). */
  sleepers: Set<() => void>;
}

export class HostScheduler {
  private readonly hosts = new Map<string, HostState>();
  private readonly startInterval: number;
  private closed = false;

  constructor(private readonly opts: HostSchedulerOptions) {
    this.startInterval = opts.maxRequestsPerMinute > 0 ? 60_000 / opts.maxRequestsPerMinute : 0;
  }

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (!s) {
      const pace = this.startInterval > 0 ? { interval: this.startInterval, intervalCap: 1, strict: true } : {};
      s = {
        queue: new PQueue({ concurrency: this.opts.perHostConcurrency, ...pace }),
        lastStart: -Infinity, lastEnd: -Infinity, pausedUntil: 0, slowdown: 0, stopped: null,
        waiters: new Set(), timer: null, sleepers: new Set(),
      };
      this.hosts.set(host, s);
    }
    return s;
  }

  /** The earliest time a new request to `host` may start, ignoring the in-flight limit. */
  private nextStart(s: HostState): number {
    return Math.max(s.pausedUntil, s.lastStart + this.startInterval, s.lastEnd + this.opts.delayMs + s.slowdown);
  }

  /** Pauses the host's queue until its next start (or starts it when that has come). */
  private hold(s: HostState): void {
    if (s.timer) clearTimeout(s.timer);
    s.timer = null;
    if (s.stopped) return;
    const wait = this.nextStart(s) - Date.now();
    if (wait <= 0) {
      s.queue.start();
      return;
    }
    s.queue.pause();
    s.timer = setTimeout(() => {
      s.timer = null;
      this.hold(s);
    }, wait);
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
      const onAbort = () => waiter.reject(signal!.reason);
      const waiter: Waiter = {
        settled: false,
        resolve: (lease) => {
          if (waiter.settled) return;
          waiter.settled = true;
          s.waiters.delete(waiter);
          signal?.removeEventListener('abort', onAbort);
          resolve(lease);
        },
        reject: (err) => {
          if (waiter.settled) return;
          waiter.settled = true;
          s.waiters.delete(waiter);
          signal?.removeEventListener('abort', onAbort);
          reject(err);
          for (const wake of s.sleepers) wake();
        },
      };
      s.waiters.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
      // the task holds its slot of the queue's concurrency from its grant until the lease is released
      s.queue
        .add(() => this.grant(s, waiter), { priority: retry ? RETRY_PRIORITY : 0, signal })
        .catch(() => {}); // an abort while queued: the waiter was rejected with the signal's reason
    });
  }

  /** The queue admitted a waiter: wait for the host's next start, grant, hold the slot until release. */
  private async grant(s: HostState, waiter: Waiter): Promise<void> {
    for (;;) {
      if (waiter.settled || this.closed) return;
      if (s.stopped) return waiter.reject(s.stopped);
      const wait = this.nextStart(s) - Date.now();
      if (wait <= 0) break;
      // two slots admitted at once, or a send reported after the queue restarted
      await new Promise<void>((wake) => {
        const timer = setTimeout(done, wait);
        function done() {
          clearTimeout(timer);
          s.sleepers.delete(done);
          wake();
        }
        s.sleepers.add(done);
      });
    }
    s.lastStart = Date.now();
    let released = false;
    await new Promise<void>((end) => {
      waiter.resolve({
        sent: (at = Date.now()) => {
          // A later send pushes the next start back; the queue is held again until then.
          if (!released && at > s.lastStart) {
            s.lastStart = at;
            this.hold(s);
          }
        },
        release: () => {
          if (released) return;
          released = true;
          s.lastEnd = Date.now();
          this.hold(s);
          end();
        },
      });
    });
  }

  /** True when a request to `host` would be granted now without waiting. */
  isReady(host: string, now = Date.now()): boolean {
    const s = this.hosts.get(host);
    if (!s) return true;
    return !s.stopped && s.waiters.size === 0 && s.queue.pending < this.opts.perHostConcurrency && now >= this.nextStart(s);
  }

  /** Holds every request to `host` until `ms` from now (Retry-After, a block page). */
  pause(host: string, ms: number): void {
    const s = this.state(host);
    s.pausedUntil = Math.max(s.pausedUntil, Date.now() + ms);
    this.hold(s);
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
    s.queue.clear();
    for (const w of [...s.waiters]) w.reject(reason);
  }

  /** The challenge that stopped `host`, if any. */
  stoppedBy(host: string): ChallengeError | null {
    return this.hosts.get(host)?.stopped ?? null;
  }

  /** Cancels pending timers (end of a crawl). */
  close(): void {
    this.closed = true;
    for (const s of this.hosts.values()) {
      if (s.timer) clearTimeout(s.timer);
      s.timer = null;
      s.queue.pause();
      s.queue.clear();
      for (const wake of s.sleepers) wake();
    }
  }
}
