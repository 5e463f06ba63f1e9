/**
 * Issue 16 item 3: a rendered list page must not reach beyond the polite fetcher. The hostile
 * page (built here) opens WebSockets to a listener outside the allowed hosts and to its own host,
 * one from a Worker and one from a blob Worker, sends STUN through RTCPeerConnection (its own and
 * an iframe's) to a UDP socket, and registers a service worker (directly and through an iframe)
 * whose script would fetch from the listener. A control run in a bare Chromium shows the page
 * does all that; crawled, the TCP listener, the UDP socket and the site's WebSocket endpoint
 * receive nothing, the service worker's script is never asked for, the WebSocket is recorded
 * as refused, and the list is still read.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/schema.ts';
import { browserLaunchOptions } from '../../crawlers/browser.ts';
import { crawl, type CrawlSummary } from '../../crawlers/index.ts';
import { startListener, type Listener } from './support/listener.ts';
import { html, reportArticle, startHostileSite, type HostileSite } from './support/hostile-site.ts';

const TIMEOUT_MS = 600_000;
const AGENCY = '好县人民政府';

let tcp: Listener;
let udp: UdpSocket;
let udpPort = 0;
const datagrams: string[] = [];
let site: HostileSite;
let dataDir: string;
let summary: CrawlSummary;
/** What the control run left: counts before the crawl. */
let before = { tcp: 0, udp: 0, requests: 0, upgrades: 0 };
let control = { tcp: [] as string[], udp: 0, swScript: false, upgrades: 0 };

function hostilePage(tcpPort: number): string {
  const ws = (path: string) => `ws://127.0.0.1:${tcpPort}${path}`;
  const script = `
    const tryIt = (f) => { try { f(); } catch (e) {} };
    tryIt(() => new WebSocket(${JSON.stringify(ws('/page-ws'))}));
    tryIt(() => new WebSocket('ws://' + location.host + '/own-ws'));
    tryIt(() => new Worker('/worker.js'));
    tryIt(() => new Worker(URL.createObjectURL(new Blob([${JSON.stringify(`new WebSocket(${JSON.stringify(ws('/blob-worker-ws'))});`)}], { type: 'text/javascript' }))));
    const stun = (PC) => { const pc = new PC({ iceServers: [{ urls: 'stun:127.0.0.1:${udpPort}' }] }); pc.createDataChannel('x'); pc.createOffer().then((o) => pc.setLocalDescription(o)); };
    tryIt(() => stun(RTCPeerConnection));
    const frame = document.createElement('iframe');
    document.body.appendChild(frame);
    tryIt(() => stun(frame.contentWindow.RTCPeerConnection));
    tryIt(() => navigator.serviceWorker.register('/sw.js').catch(() => {}));
    tryIt(() => frame.contentWindow.navigator.serviceWorker.register('/sw.js').catch(() => {}));
    document.getElementById('list').innerHTML = '<ul><li><a href="/xxgk/zfxxgknb/t20240120_1.html">${AGENCY}2023年政府信息公开工作年度报告</a></li></ul>';
  `;
  return html('政府信息公开年报', `<div id="list"></div><script>${script}</script>`);
}

beforeAll(async () => {
  tcp = await startListener();
  udp = createSocket('udp4');
  udp.on('message', (m) => datagrams.push(m.toString('hex').slice(0, 40)));
  await new Promise<void>((r) => udp.bind(0, '127.0.0.1', r));
  udpPort = udp.address().port;
  site = await startHostileSite((path) => {
    if (path === '/') return { body: html('好县人民政府', '<a href="/xxgk/zfxxgknb/">政府信息公开年报</a>') };
    if (path === '/xxgk/zfxxgknb/') return { body: hostilePage(tcp.port) };
    if (path === '/worker.js') return { type: 'text/javascript', body: `new WebSocket('ws://127.0.0.1:${tcp.port}/worker-ws'); fetch('http://127.0.0.1:${tcp.port}/worker-fetch').catch(() => {});` };
    if (path === '/sw.js') return { type: 'text/javascript', body: `fetch('http://127.0.0.1:${tcp.port}/sw-fetch').catch(() => {}); self.addEventListener('install', () => {});` };
    if (path === '/xxgk/zfxxgknb/t20240120_1.html') return { body: reportArticle(AGENCY, 2023) };
    return null;
  });

  // Control: a bare Chromium on the same page reaches every listener.
  const browser = await chromium.launch(browserLaunchOptions());
  try {
    const page = await browser.newPage();
    await page.goto(`${site.origin}/xxgk/zfxxgknb/`);
    // Until the page has done all it tries (or a minute has passed: the control test then fails).
    const reached = () => tcp.received.length > 0 && datagrams.length > 0 && site.requests.includes('GET /sw.js') && site.upgrades.length > 0;
    for (let waited = 0; !reached() && waited < 60_000; waited += 200) await new Promise((r) => setTimeout(r, 200));
  } finally {
    await browser.close();
  }
  control = { tcp: [...tcp.received], udp: datagrams.length, swScript: site.requests.includes('GET /sw.js'), upgrades: site.upgrades.length };
  before = { tcp: tcp.received.length, udp: datagrams.length, requests: site.requests.length, upgrades: site.upgrades.length };

  dataDir = mkdtempSync(join(tmpdir(), 'nianbao-browser-escape-'));
  const config = resolveConfig(
    {
      sites: [{ id: 'hostile-render', agency: AGENCY, startUrls: [`${site.origin}/`], render: 'browser' }],
      politeness: { delayMs: 0, maxRequestsPerMinute: 0 },
      limits: { maxRetries: 0, readTimeoutMs: 10_000 },
      paths: { dataDir },
    },
    'browser escape',
  );
  summary = await crawl(config);
}, TIMEOUT_MS);

afterAll(async () => {
  await site?.close();
  await tcp?.close();
  udp?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a rendered page stays inside the polite fetcher', () => {
  it('control: in a bare Chromium the page reaches the TCP listener, the UDP socket and registers the service worker', () => {
    expect(control.tcp.some((r) => r.startsWith('GET /page-ws'))).toBe(true);
    expect(control.udp).toBeGreaterThan(0);
    expect(control.swScript).toBe(true);
    expect(control.upgrades).toBeGreaterThan(0);
  });

  it('crawled: no WebSocket (page, Worker, blob Worker, own host), no STUN packet, no service worker script', () => {
    expect(tcp.received.slice(before.tcp)).toEqual([]);
    expect(datagrams.length - before.udp).toBe(0);
    expect(site.upgrades.slice(before.upgrades)).toEqual([]);
    expect(site.requests.slice(before.requests)).not.toContain('GET /sw.js');
  });

  it('records the refused WebSocket, and still reads the rendered list', () => {
    const s = summary.sites[0]!;
    expect(s.errors.some((e) => e.url === `ws://127.0.0.1:${tcp.port}/page-ws` && /WebSocket opened by a rendered page; refused/.test(e.reason))).toBe(true);
    // The Workers' WebSockets, which interception does not see, reached the sink: recorded for the crawl.
    const failures = readFileSync(join(dataDir, 'failures.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; source: string; message: string });
    expect(failures.filter((f) => f.kind === 'browser-refused' && f.source === `CONNECT 127.0.0.1:${tcp.port}`).length).toBeGreaterThan(0);
    expect(s.reportsFound).toBe(1);
    expect(site.requests.slice(before.requests)).toContain('GET /xxgk/zfxxgknb/t20240120_1.html');
  });
});
