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
