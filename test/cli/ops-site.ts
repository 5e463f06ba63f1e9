/**
 * A one-site government web for the operations tests (lock, exit statuses, logs, Ctrl-C): a
 * home page, a 政府信息公开年报 column listing one real report (the corpus's 沭阳县发展和改革局
 * 2023 page) with its date printed beside the link, a link to a page that is gone (soft 404),
 * optionally a broken link (404). The report page can be held back until the test releases it
 * (`gate`), so a crawl is surely in progress while the test acts. Every request is counted.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const REPORT = readFileSync(fileURLToPath(new URL('../fixtures/corpus/real/shuyang-fgj-2023.html', import.meta.url)));

export interface OpsSite {
  url: string;
  /** Paths requested, in order. */
  requests: string[];
  /** Resolves when the report page has been asked for (and is being held, when gated). */
  reportAsked: Promise<void>;
  /** Lets a held report page answer. */
  release(): void;
  close(): Promise<void>;
}

export interface OpsSiteOptions {
  /** Hold the report page until release(). */
  gate?: boolean;
  /** robots.txt forbids everything. */
  forbidAll?: boolean;
  /** The list also links a page that answers 404. */
  brokenLink?: boolean;
  /** Print the date beside the link in the list (default true). */
  listDate?: string | null;
}

const page = (title: string, body: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

export async function startOpsSite(opts: OpsSiteOptions = {}): Promise<OpsSite> {
  const requests: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  if (!opts.gate) release();
  let asked!: () => void;
  const reportAsked = new Promise<void>((r) => (asked = r));
  const listDate = opts.listDate === undefined ? '2024-01-17' : opts.listDate;
  const routes: Record<string, (res: ServerResponse) => void | Promise<void>> = {
    '/robots.txt': (res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(opts.forbidAll ? 'User-agent: *\nDisallow: /\n' : 'User-agent: *\nDisallow:\n');
    },
    '/': (res) => html(res, page('沭阳县人民政府', '<a href="/zwgk/">政务公开</a> <a href="/zfxxgknb/">政府信息公开年报</a>')),
    '/zwgk/': (res) => html(res, page('政务公开', '<a href="/zfxxgknb/">政府信息公开年报</a>')),
    '/zfxxgknb/': (res) =>
      html(
        res,
        page(
          '政府信息公开年报',
          `<ul>
            <li><a href="/zfxxgknb/t1.html">沭阳县发展和改革局2023年政府信息公开工作年度报告</a>${listDate ? `<span class="date">${listDate}</span>` : ''}</li>
            <li><a href="/zfxxgknb/gone.html">沭阳县人民政府2022年政府信息公开工作年度报告</a><span class="date">2023-03-01</span></li>
            ${opts.brokenLink ? '<li><a href="/zfxxgknb/missing.html">沭阳县人民政府2021年政府信息公开工作年度报告</a><span class="date">2022-03-01</span></li>' : ''}
          </ul>`,
        ),
      ),
    '/zfxxgknb/gone.html': (res) => html(res, page('页面不存在', '<p>对不起，您访问的页面不存在或已被删除！</p>')),
    '/zfxxgknb/t1.html': async (res) => {
      asked();
      await released;
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(REPORT);
    },
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    const route = routes[path];
    if (!route) {
      res.writeHead(404, { 'Content-Type': 'text/html' });
      res.end('<h1>404 Not Found</h1>');
      return;
    }
    void route(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    reportAsked,
    release,
    close: () => {
      release();
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

function html(res: ServerResponse, body: string): void {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(body);
}

/** A configuration for the site: the county with its department, no politeness delay, no retries. */
export function opsConfig(url: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    expectedYears: [2022, 2023],
    sites: [{ id: 'shuyang', agency: '沭阳县人民政府', level: 'county', startUrls: [url], agencies: [{ name: '沭阳县发展和改革局', level: 'department' }] }],
    politeness: { delayMs: 0, maxRequestsPerMinute: 0 },
    limits: { maxRetries: 0, retryBaseMs: 10, connectTimeoutMs: 2000, readTimeoutMs: 60_000 },
    ...extra,
  };
}
