/**
 * How long to wait before retrying: exponential backoff with jitter (docs/SITES.md §4: 1 s, 2 s, 4 s
 * plus jitter), never less than the server's Retry-After.
 */

/** A Retry-After longer than this is not waited for: the fetch fails and the run goes on. */
export const MAX_RETRY_AFTER_MS = 120_000;

/**
 * The wait before retry number `retry` (0 = the first retry): `baseMs · 2^retry` plus a random
 * jitter of up to `baseMs`, so that many clients (or many of our requests) do not retry in step.
 */
export function backoffMs(retry: number, baseMs: number, random: () => number = Math.random): number {
  return baseMs * 2 ** retry + Math.floor(random() * baseMs);
}

/**
 * Retry-After in ms from now: delta-seconds ("120") or an HTTP date. Null when absent or
 * unparsable; 0 for a date in the past.
 */
export function parseRetryAfter(value: string | string[] | undefined | null, now = Date.now()): number | null {
  const v = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!v) return null;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

/** The wait before retry `retry`: the backoff, or the Retry-After when that is longer. */
export function retryDelayMs(retry: number, baseMs: number, retryAfterMs: number | null, random?: () => number): number {
  return Math.max(backoffMs(retry, baseMs, random), retryAfterMs ?? 0);
}

/** Resolves after `ms`, or rejects when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
