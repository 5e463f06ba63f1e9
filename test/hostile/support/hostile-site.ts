/**
 * A hostile web site on 127.0.0.1, built by the test from a function of the request path: every
 * request it receives is recorded (method and path), so a test can count what a crawl asked of
 * it. One server per site, so each site is a host of its own.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { REPORT_TABLE_MARKERS } from '../../../extract/mapper/labels.ts';

export interface SiteAnswer {
  status?: number;
  type?: string;
  body: string | Uint8Array;
}

export interface HostileSite {
  origin: string;
  port: number;
  /** `GET /path?query` of every request received, in order. */
  requests: string[];
  /** WebSocket upgrade requests received (`/path`). */
  upgrades: string[];
  close(): Promise<void>;
}

export async function startHostileSite(answer: (path: string, req: IncomingMessage) => SiteAnswer | null): Promise<HostileSite> {
  const requests: string[] = [];
  const upgrades: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(`${req.method} ${req.url}`);
    const a = answer(req.url ?? '/', req);
    if (!a) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(a.status ?? 200, { 'content-type': a.type ?? 'text/html; charset=utf-8' }).end(a.body);
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    upgrades.push(req.url ?? '/');
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    upgrades,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export const html = (title: string, body: string) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

/** A list page of links `[href, text]`. */
export const listPage = (title: string, links: [string, string][], extra = '') =>
  html(title, `<div class="list"><ul>${links.map(([h, t]) => `<li><a href="${h}">${t}</a><span>2024-01-20</span></li>`).join('')}</ul></div>${extra}`);

/** An article that the crawler confirms as a yearly report (its body carries the template's table markers). */
export const reportArticle = (agency: string, year: number) =>
  html(
    `${agency}${year}年政府信息公开工作年度报告`,
    `<h1>${agency}${year}年政府信息公开工作年度报告</h1><div id="zoom"><p>本报告统计期限自${year}年1月1日起至${year}年12月31日止。</p>` +
      `<table><tr><td>${REPORT_TABLE_MARKERS[2]}</td><td>12</td></tr><tr><td>${REPORT_TABLE_MARKERS[1]}</td><td>0</td></tr></table></div>`,
  );

/** Issue 16 item 5: a 下一页 chain that never ends, every page's URL holding the column slug (`/xxgk/zfxxgknb/index_N.html`). */
export function startEndlessPager(): Promise<HostileSite> {
  return startHostileSite((path) => {
    const m = /^\/xxgk\/zfxxgknb\/index(?:_(\d+))?\.html$/.exec(path);
    if (!m) return null;
    const n = Number(m[1] ?? 0);
    return { body: listPage('政府信息公开年报', [[`/xxgk/zfxxgknb/t2024012${n % 10}_${n}.html`, '关于开展政务公开工作的通知']], `<div class="page"><a href="/xxgk/zfxxgknb/index_${n + 1}.html">下一页</a></div>`) };
  });
}
export const ENDLESS_PAGER_START = '/xxgk/zfxxgknb/index.html';

/** Issue 16 item 5: 100 year sub-columns on every list page, each a list page of the same kind, deeper. */
export function startSubColumnFanout(): Promise<HostileSite> {
  return startHostileSite((path) => {
    if (!path.startsWith('/xxgk/zfxxgknb/') || !path.endsWith('/')) return null;
    const links: [string, string][] = Array.from({ length: 100 }, (_, i) => [`${path}y${i}/`, `${2000 + i}年`]);
    return { body: listPage('政府信息公开年报', links) };
  });
}

/** Issue 16 item 5: one list page of `n` report links (80,000: about 9 MB), each answered 404. */
export function startHugeList(n: number): Promise<HostileSite> {
  const page = listPage(
    '政府信息公开年报',
    Array.from({ length: n }, (_, i): [string, string] => [`/xxgk/zfxxgknb/t20220120_${i}.html`, `某某县第${i}局${2001 + (i % 20)}年政府信息公开工作年度报告`]),
  );
  return startHostileSite((path) => (path === '/xxgk/zfxxgknb/' ? { body: page } : null));
}
