/**
 * Playwright's launch options for the system Chromium (Debian `chromium`; no browser download
 * here). `NIANBAO_CHROMIUM` points at another binary. The flags keep a headless run quiet and
 * offline: no sandbox (containers, root), no GPU, no background updates or sync.
 *
 * A crawl's Chromium is walled in further (issue 16): only HTTP(S) to the site's allowed hosts,
 * answered by the polite fetcher through request interception (handlers/render.ts), may leave a
 * rendering. Its only proxy is a sink that refuses everything (browser-sink.ts), loopback
 * included, so what interception does not see — WebSockets from the page or a Worker, service
 * worker scripts and their fetches — reaches nobody; service workers are blocked in the context;
 * WebRTC may not use UDP (and finds no RTCPeerConnection), QUIC is off; WebSockets the page opens
 * are refused and recorded.
 */
import { chromium } from 'playwright-core';
import type { LaunchOptions, Page } from 'playwright-core';

/** Where Chromium is when `NIANBAO_CHROMIUM` is not set. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.NIANBAO_CHROMIUM || DEFAULT_CHROMIUM;
}

export function browserLaunchOptions(env: NodeJS.ProcessEnv = process.env): LaunchOptions {
  return { executablePath: chromiumPath(env), args: CHROMIUM_ARGS, headless: true };
}

/** What a crawl's Chromium must not do: WebRTC over UDP (STUN, peer connections), QUIC. */
export const CRAWL_GUARD_ARGS = [
  '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
  '--webrtc-ip-handling-policy=disable_non_proxied_udp',
  '--disable-quic',
];

/**
 * The `launchContext` PlaywrightCrawler takes: playwright-core's chromium (there is no
 * `playwright` package), with service workers blocked. The profile folder (browser-leftovers.ts)
 * and the proxy (the sink) are set just before each launch (crawlee-runners.ts).
 */
export function launchContext(env: NodeJS.ProcessEnv = process.env) {
  const launchOptions: LaunchOptions & { serviceWorkers: 'block' } = {
    ...browserLaunchOptions(env),
    args: [...CHROMIUM_ARGS, ...CRAWL_GUARD_ARGS],
    serviceWorkers: 'block',
  };
  return { launcher: chromium, launchOptions };
}

/**
 * Runs in every frame before the page's own scripts: no peer connections, no WebTransport, no
 * service worker registration (the context blocks them too; the flags and the sink hold if a page
 * finds a way around this).
 */
export const PAGE_GUARD_SCRIPT = `(() => {
  const names = ['RTCPeerConnection', 'webkitRTCPeerConnection', 'RTCDataChannel', 'RTCIceTransport', 'WebTransport'];
  for (const name of names) {
    try { Object.defineProperty(globalThis, name, { value: undefined, writable: false, configurable: false }); } catch (e) {}
  }
  try {
    if (globalThis.ServiceWorkerContainer) {
      Object.defineProperty(ServiceWorkerContainer.prototype, 'register', { value: () => Promise.reject(new DOMException('service workers are blocked', 'SecurityError')), writable: false, configurable: false });
    }
  } catch (e) {}
})();`;

/**
 * Walls in one rendered page: the guard script in every frame, and every WebSocket it opens
 * refused (closed before it connects) and reported to `onRefused`.
 */
export async function guardPage(page: Page, onRefused: (url: string, what: string) => void): Promise<void> {
  await page.addInitScript(PAGE_GUARD_SCRIPT);
  await page.routeWebSocket(() => true, (ws) => {
    onRefused(ws.url(), 'WebSocket');
    ws.close({ code: 1008, reason: 'refused: a rendering may not open WebSockets' });
  });
}
