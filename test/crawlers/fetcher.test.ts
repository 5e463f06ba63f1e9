import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, DEFAULT_POLITENESS } from '../../config/schema.ts';
import { ChallengeError, FetchError, OffHostError, RobotsDisallowedError } from '../../errors.ts';
import { PoliteFetcher, type ExchangeEvent } from '../../crawlers/http/fetcher.ts';
import { HostScheduler } from '../../crawlers/politeness/host-scheduler.ts';
import { HostScope } from '../../crawlers/url.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, hits: number) => void;

/** A tiny server on 127.0.0.1: path → handler, with a hit count per path. */
async function serve(routes: Record<string, Handler>): Promise<{ url: (p: string) => string; host: string; hits: Map<string, number>; close: () => Promise<void> }> {
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    const n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    const route = routes[path.split('?')[0]!];
    if (route) route(req, res, n);
    else {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: (p) => `http://127.0.0.1:${port}${p}`,
    host: `127.0.0.1:${port}`,
    hits,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

const html = (res: ServerResponse, body: string, status = 200, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', ...headers });
  res.end(body);
};

function fetcherFor(events: ExchangeEvent[] = [], limits: Partial<typeof DEFAULT_LIMITS> = {}) {
  const politeness = { ...DEFAULT_POLITENESS, delayMs: 0, maxRequestsPerMinute: 0 };
  return new PoliteFetcher({
    politeness,
    limits: { ...DEFAULT_LIMITS, retryBaseMs: 10, maxRetries: 3, readTimeoutMs: 2000, connectTimeoutMs: 2000, maxDocumentBytes: 1000, ...limits },
    scheduler: new HostScheduler(politeness),
    onExchange: (e) => events.push(e),
    random: () => 0,
  });
}

describe('PoliteFetcher', () => {
  let web: Awaited<ReturnType<typeof serve>>;
  let other: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    other = await serve({ '/mirror': (_q, res) => html(res, 'mirror copy') });
    web = await serve({
      '/robots.txt': (_q, res) => html(res, 'User-agent: *\nDisallow: /private/\n', 200, { 'Content-Type': 'text/plain' }),
      '/private/x': (_q, res) => html(res, 'secret'),
      '/flaky429': (_q, res, n) => (n === 1 ? html(res, '<h1>429</h1>', 429, { 'Retry-After': '1' }) : html(res, 'ok after 429')),
      '/flaky500': (_q, res, n) => (n <= 2 ? html(res, 'busy', 500) : html(res, 'ok after 500')),
      '/always503': (_q, res) => html(res, 'busy', 503),
      '/reset': (req, res, n) => (n === 1 ? req.socket.destroy() : html(res, 'ok after reset')),
      '/block': (_q, res, n) => (n === 1 ? html(res, '<p>您的访问过于频繁，请稍后再试</p>') : html(res, 'ok after block page')),
      '/long-retry-after': (_q, res) => html(res, 'later', 429, { 'Retry-After': '86400' }),
      '/to-mirror': (_q, res) => html(res, '', 302, { Location: other.url('/mirror') }),
      '/loop1': (_q, res) => html(res, '', 301, { Location: '/loop2' }),
      '/loop2': (_q, res) => html(res, '', 301, { Location: '/loop3' }),
      '/loop3': (_q, res) => html(res, '', 301, { Location: '/loop4' }),
      '/loop4': (_q, res) => html(res, '', 301, { Location: '/loop5' }),
      '/loop5': (_q, res) => html(res, '', 301, { Location: '/loop6' }),
      '/loop6': (_q, res) => html(res, '', 301, { Location: '/target' }),
      '/downfile.jsp': (_q, res) => html(res, '', 302, { Location: '/attach/0/a.pdf' }),
      '/attach/0/a.pdf': (_q, res) => { res.writeHead(200, { 'Content-Type': 'application/pdf' }); res.end('%PDF-1.4 tiny'); },
      '/shell': (_q, res) => html(res, '<html><head><script>location.replace("/target");</script></head><body></body></html>'),
      '/meta': (_q, res) => html(res, '<html><head><meta http-equiv="refresh" content="0;url=/target"></head></html>'),
      '/target': (_q, res) => html(res, 'the target'),
      '/big-declared': (_q, res) => { res.writeHead(200, { 'Content-Length': '5000' }); res.end('x'.repeat(5000)); },
      '/big-chunked': (_q, res) => { res.writeHead(200); for (let i = 0; i < 10; i++) res.write('y'.repeat(500)); res.end(); },
      '/stall': (_q, res) => { res.writeHead(200); res.write('<html>'); },
      '/etag': (req, res) => {
        if (req.headers['if-none-match'] === '"v1"') { res.writeHead(304, { ETag: '"v1"' }); res.end(); return; }
        html(res, 'versioned', 200, { ETag: '"v1"' });
      },
      '/no-type': (_q, res) => { res.writeHead(200); res.end('<html><body>no content type</body></html>'); },
    });
  });
  afterAll(async () => {
    await web.close();
    await other.close();
  });
  const scope = () => new HostScope([web.host]);

  it('retries a 429, honouring Retry-After, and recovers', async () => {
    const t0 = Date.now();
    const r = await fetcherFor().fetch({ url: web.url('/flaky429'), scope: scope() });
    expect(r.bytes.toString()).toBe('ok after 429');
    expect(web.hits.get('/flaky429')).toBe(2);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
  });

  it('retries 5xx, resets and 200 block pages with backoff, and recovers', async () => {
    const f = fetcherFor();
    expect((await f.fetch({ url: web.url('/flaky500'), scope: scope() })).bytes.toString()).toBe('ok after 500');
    expect((await f.fetch({ url: web.url('/reset'), scope: scope() })).bytes.toString()).toBe('ok after reset');
    expect((await f.fetch({ url: web.url('/block'), scope: scope() })).bytes.toString()).toBe('ok after block page');
    expect(web.hits.get('/flaky500')).toBe(3);
  });

  it('gives up after maxRetries, and on a Retry-After too long to wait', async () => {
    await expect(fetcherFor([], { maxRetries: 2 }).fetch({ url: web.url('/always503'), scope: scope() })).rejects.toThrow(/HTTP 503: server error after 3 attempts/);
    expect(web.hits.get('/always503')).toBe(3);
    await expect(fetcherFor().fetch({ url: web.url('/long-retry-after'), scope: scope() })).rejects.toThrow(/Retry-After 86400 s/);
    expect(web.hits.get('/long-retry-after')).toBe(1);
  });

  it('never leaves the scope, redirects included', async () => {
    await expect(fetcherFor().fetch({ url: other.url('/mirror'), scope: scope() })).rejects.toBeInstanceOf(OffHostError);
    await expect(fetcherFor().fetch({ url: web.url('/to-mirror'), scope: scope() })).rejects.toBeInstanceOf(OffHostError);
    expect(other.hits.get('/mirror')).toBeUndefined();
  });

  it('follows at most maxRedirects, HTTP and redirect shells alike', async () => {
    await expect(fetcherFor().fetch({ url: web.url('/loop1'), scope: scope() })).rejects.toThrow(/more than 5 redirects/);
    const viaShell = await fetcherFor().fetch({ url: web.url('/shell'), scope: scope() });
    expect(viaShell.finalUrl).toBe(web.url('/target'));
    expect((await fetcherFor().fetch({ url: web.url('/meta'), scope: scope() })).bytes.toString()).toBe('the target');
    const download = await fetcherFor().fetch({ url: web.url('/downfile.jsp?filename=a.pdf'), scope: scope() });
    expect(download.finalUrl).toBe(web.url('/attach/0/a.pdf'));
    expect(download.redirects).toEqual([web.url('/attach/0/a.pdf')]);
  });

  it('obeys robots.txt without asking for the disallowed URL', async () => {
    await expect(fetcherFor().fetch({ url: web.url('/private/x'), scope: scope() })).rejects.toBeInstanceOf(RobotsDisallowedError);
    expect(web.hits.get('/private/x')).toBeUndefined();
  });

  it('caps the size, declared or streamed, and records the partial download as a failure', async () => {
    await expect(fetcherFor().fetch({ url: web.url('/big-declared'), scope: scope() })).rejects.toThrow(/too-large: Content-Length 5000/);
    await expect(fetcherFor().fetch({ url: web.url('/big-chunked'), scope: scope() })).rejects.toThrow(/too-large: body exceeds the 1000-byte limit/);
    expect(web.hits.get('/big-chunked')).toBe(1);
  });

  it('ends a stalled response at the read timeout, retrying it like a reset', async () => {
    await expect(fetcherFor([], { readTimeoutMs: 150, maxRetries: 1 }).fetch({ url: web.url('/stall'), scope: scope() })).rejects.toThrow(/read-timeout.*2 attempts/);
  });

  it('sends validators and reports a 304 as not modified', async () => {
    const f = fetcherFor();
    const first = await f.fetch({ url: web.url('/etag'), scope: scope() });
    expect(first.headers.etag).toBe('"v1"');
    const again = await f.fetch({ url: web.url('/etag'), scope: scope(), validators: { etag: '"v1"', lastModified: null } });
    expect(again.notModified).toBe(true);
    expect(again.bytes.length).toBe(0);
  });

  it('passes a response without Content-Type through for the caller to sniff', async () => {
    const r = await fetcherFor().fetch({ url: web.url('/no-type'), scope: scope() });
    expect(r.contentType).toBeNull();
    expect(r.bytes.toString()).toContain('no content type');
  });
});

describe('anti-bot challenges', () => {
  it('classifies 412 $_ts and 521 __jsluid pages, stops the host, and never retries', async () => {
    const rs = await serve({ '/': (_q, res) => html(res, '<html><head><script>$_ts=window[\'$_ts\'];if(!$_ts)$_ts={};$_ts.nsd=67433;</script></head></html>', 412), '/robots.txt': (_q, res) => html(res, '', 404) });
    const jsl = await serve({ '/': (_q, res) => html(res, "<script>document.cookie=('_')+('_')+('j')</script>", 521, { 'Set-Cookie': '__jsluid_h=5a3c; path=/' }), '/robots.txt': (_q, res) => html(res, '', 404) });
    const acw = await serve({ '/': (_q, res) => html(res, '<script>var arg1="x";document.cookie="acw_sc__v2="+x;</script>'), '/robots.txt': (_q, res) => html(res, '', 404) });
    try {
      for (const [site, vendor] of [[rs, /瑞数/], [jsl, /加速乐/], [acw, /acw_sc__v2/]] as const) {
        const f = fetcherFor([], { maxRetries: 3 });
        const s = new HostScope([site.host]);
        const err = await f.fetch({ url: site.url('/'), scope: s }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ChallengeError);
        expect((err as ChallengeError).message).toMatch(vendor);
        await expect(f.fetch({ url: site.url('/other'), scope: s })).rejects.toBeInstanceOf(ChallengeError);
        expect(site.hits.get('/')).toBe(1);
        expect(site.hits.get('/other')).toBeUndefined();
      }
    } finally {
      await Promise.all([rs.close(), jsl.close(), acw.close()]);
    }
  });

  it('fails a robots.txt that cannot be read, rather than assuming anything', async () => {
    const down = await serve({ '/robots.txt': (_q, res) => html(res, 'down', 503) });
    try {
      await expect(fetcherFor([], { maxRetries: 1 }).fetch({ url: down.url('/'), scope: new HostScope([down.host]) })).rejects.toBeInstanceOf(FetchError);
      expect(down.hits.get('/')).toBeUndefined();
    } finally {
      await down.close();
    }
  });
});

describe('a robots.txt over 500 KiB (issue 16)', () => {
  // 600 KiB of comment lines; the rule before them is read, the one after them is past 500 KiB.
  const padding = '# padding padding padding padding padding padding padding padding padding\n'.repeat(Math.ceil((600 * 1024) / 74));
  const robots = `User-agent: *\nDisallow: /early/\n${padding}Disallow: /late/\n`;
  it('reads the first 500 KiB, as RFC 9309 asks, instead of failing the site (declared or streamed length)', async () => {
    const site = await serve({
      '/robots.txt': (_q, res) => html(res, robots, 200, { 'Content-Type': 'text/plain', 'Content-Length': String(Buffer.byteLength(robots)) }),
      '/early/x': (_q, res) => html(res, 'early'),
      '/late/x': (_q, res) => html(res, 'late'),
    });
    const streamed = await serve({
      '/robots.txt': (_q, res) => {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        for (let i = 0; i < robots.length; i += 64 * 1024) res.write(robots.slice(i, i + 64 * 1024));
        res.end();
      },
      '/early/x': (_q, res) => html(res, 'early'),
      '/late/x': (_q, res) => html(res, 'late'),
    });
    try {
      for (const s of [site, streamed]) {
        const f = fetcherFor([], { maxDocumentBytes: 1_000_000 });
        const scope = new HostScope([s.host]);
        await expect(f.fetch({ url: s.url('/early/x'), scope })).rejects.toBeInstanceOf(RobotsDisallowedError);
        expect((await f.fetch({ url: s.url('/late/x'), scope })).bytes.toString()).toBe('late');
        expect(s.hits.get('/early/x')).toBeUndefined();
      }
    } finally {
      await Promise.all([site.close(), streamed.close()]);
    }
  });
});
