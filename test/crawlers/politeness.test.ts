import { describe, expect, it } from 'vitest';
import { ChallengeError } from '../../errors.ts';
import { backoffMs, MAX_RETRY_AFTER_MS, parseRetryAfter, retryDelayMs } from '../../crawlers/politeness/backoff.ts';
import { HostScheduler, MIN_SLOWDOWN_MS } from '../../crawlers/politeness/host-scheduler.ts';
import { RobotsRules } from '../../crawlers/politeness/robots.ts';

describe('backoff and Retry-After', () => {
  it('doubles from the base, plus a jitter below the base', () => {
    expect([0, 1, 2].map((r) => backoffMs(r, 1000, () => 0))).toEqual([1000, 2000, 4000]);
    expect(backoffMs(0, 1000, () => 0.999)).toBe(1999);
  });
  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.UTC(2024, 0, 1, 0, 0, 0);
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 31 Dec 2023 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(['5', '9'], now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(MAX_RETRY_AFTER_MS).toBeGreaterThanOrEqual(60_000);
  });
  it('never waits less than Retry-After', () => {
    expect(retryDelayMs(0, 100, 5000, () => 0)).toBe(5000);
    expect(retryDelayMs(3, 100, 50, () => 0)).toBe(800);
  });
});

describe('robots.txt', () => {
  const ua = 'nianbao/0.1 (+https://example.org; research)';
  it('obeys Disallow: / and a disallowed folder', () => {
    expect(RobotsRules.parse('User-agent: *\nDisallow: /\n').isAllowed('http://a.gov.cn/zwgk/', ua)).toBe(false);
    const r = RobotsRules.parse('User-agent: *\nDisallow: /module/\n');
    expect(r.isAllowed('http://a.gov.cn/module/xxgk/xxgkAnnualReport.jsp?area=1', ua)).toBe(false);
    expect(r.isAllowed('http://a.gov.cn/modules/x', ua)).toBe(true);
    expect(r.isAllowed('http://a.gov.cn/robots.txt', ua)).toBe(true);
  });
  it('lets the longest rule win, Allow on a tie, and reads * and $', () => {
    const r = RobotsRules.parse('User-agent: *\nDisallow: /zwgk/\nAllow: /zwgk/zfxxgknb/\nDisallow: /*.pdf$\nDisallow: /search\n');
    expect(r.isAllowed('http://a.gov.cn/zwgk/zfxxgknb/index.html', ua)).toBe(true);
    expect(r.isAllowed('http://a.gov.cn/zwgk/zfxxgkzn/', ua)).toBe(false);
    expect(r.isAllowed('http://a.gov.cn/x/a.pdf', ua)).toBe(false);
    expect(r.isAllowed('http://a.gov.cn/x/a.pdf?x=1', ua)).toBe(true);
    expect(r.isAllowed('http://a.gov.cn/search?q=年报', ua)).toBe(false);
  });
  it("uses the group naming our product token, else *, and reads an empty Disallow as allow-all", () => {
    const r = RobotsRules.parse('User-agent: Baiduspider\nDisallow:\n\nUser-agent: nianbao\nDisallow: /private/\n\nUser-agent: *\nDisallow: /\n');
    expect(r.isAllowed('http://a.gov.cn/zwgk/', ua)).toBe(true);
    expect(r.isAllowed('http://a.gov.cn/private/x', ua)).toBe(false);
    expect(r.isAllowed('http://a.gov.cn/zwgk/', 'OtherBot/1.0')).toBe(false);
    expect(RobotsRules.parse('User-agent: *\nDisallow:\n').isAllowed('http://a.gov.cn/x', ua)).toBe(true);
  });
});

describe('HostScheduler', () => {
  const host = '127.0.0.1:1';
  it('grants one request at a time per host, and waits delayMs after each response', async () => {
    const s = new HostScheduler({ perHostConcurrency: 1, delayMs: 40, maxRequestsPerMinute: 0 });
    const events: { start: number; end: number }[] = [];
    await Promise.all([0, 1, 2].map(async () => {
      const lease = await s.acquire(host);
      const start = Date.now();
      await new Promise((r) => setTimeout(r, 10));
      events.push({ start, end: Date.now() });
      lease.release();
    }));
    events.sort((a, b) => a.start - b.start);
    for (let i = 1; i < events.length; i++) {
      // Never overlapping, and a pause of at least delayMs after the previous response.
      expect(events[i]!.start - events[i - 1]!.end).toBeGreaterThanOrEqual(39);
    }
    s.close();
  });
  it('spaces starts from when each request was sent, not when it was granted', async () => {
    const s = new HostScheduler({ perHostConcurrency: 2, delayMs: 0, maxRequestsPerMinute: 60_000 / 50 });
    const first = await s.acquire(host);
    const granted = Date.now();
    // The request leaves 30 ms after its grant (a busy event loop, a slow connect).
    await new Promise((r) => setTimeout(r, 30));
    const sentAt = Date.now();
    first.sent(sentAt);
    first.release();
    await s.acquire(host);
    const next = Date.now();
    expect(next - sentAt).toBeGreaterThanOrEqual(50);
    expect(next - granted).toBeGreaterThanOrEqual(80);
    s.close();
  });
  it('ignores a send reported after release, and an earlier one', async () => {
    const s = new HostScheduler({ perHostConcurrency: 1, delayMs: 0, maxRequestsPerMinute: 60_000 / 20 });
    const lease = await s.acquire(host);
    const granted = Date.now();
    lease.sent(granted - 1000);
    lease.release();
    lease.sent(granted + 10_000);
    await s.acquire(host);
    expect(Date.now() - granted).toBeLessThan(1000);
    s.close();
  });
  it('keeps other hosts independent', async () => {
    const s = new HostScheduler({ perHostConcurrency: 1, delayMs: 10_000, maxRequestsPerMinute: 0 });
    const a = await s.acquire('a:1');
    const b = await s.acquire('b:1');
    expect(s.isReady('a:1')).toBe(false);
    a.release();
    b.release();
    expect(s.isReady('c:1')).toBe(true);
    s.close();
  });
  it('stops a host: waiting and later requests fail with its challenge', async () => {
    const s = new HostScheduler({ perHostConcurrency: 1, delayMs: 0, maxRequestsPerMinute: 0 });
    const first = await s.acquire(host);
    const waiting = s.acquire(host);
    const challenge = new ChallengeError('http://127.0.0.1:1/', 'test');
    s.stop(host, challenge);
    await expect(waiting).rejects.toBe(challenge);
    await expect(s.acquire(host)).rejects.toBe(challenge);
    first.release();
    expect(s.stoppedBy(host)).toBe(challenge);
  });
  it('slows down a host that rate-limits, and eases back on success', () => {
    const s = new HostScheduler({ perHostConcurrency: 1, delayMs: 0, maxRequestsPerMinute: 0 });
    s.slowDown(host);
    s.slowDown(host);
    const state = (s as unknown as { hosts: Map<string, { slowdown: number }> }).hosts.get(host)!;
    expect(state.slowdown).toBe(2 * MIN_SLOWDOWN_MS);
    s.succeeded(host);
    expect(state.slowdown).toBeLessThan(2 * MIN_SLOWDOWN_MS);
  });
  it('puts a retry ahead of new requests', async () => {
    const s = new HostScheduler({ perHostConcurrency: 1, delayMs: 0, maxRequestsPerMinute: 0 });
    const held = await s.acquire(host);
    const order: string[] = [];
    const fresh = s.acquire(host).then((l) => { order.push('new'); l.release(); });
    const retry = s.acquire(host, undefined, true).then((l) => { order.push('retry'); l.release(); });
    held.release();
    await Promise.all([fresh, retry]);
    expect(order).toEqual(['retry', 'new']);
  });
});
