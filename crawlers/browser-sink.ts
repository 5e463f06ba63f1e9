/**
 * The only proxy Chromium knows during a crawl: a local socket that answers every connection with
 * 403 and records what it was asked for. Every request a rendered page makes over HTTP(S) is
 * intercepted and answered by the polite fetcher (handlers/render.ts) before it reaches the
 * network; what slips past interception — a WebSocket (from the page or from a Worker), a service
 * worker's script and its own fetches, a preconnect — goes to the proxy, and so goes nowhere.
 * Loopback is proxied too (Playwright's `<-loopback>`), so a page cannot reach 127.0.0.1 either.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { NianbaoError } from '../errors.ts';

/**
 * What reached the sink: a page's WebSocket from a Worker, a service worker's fetch, or Chromium's
 * own background traffic (it cannot be told apart here, so it is recorded for the crawl, not as
 * an error of a site).
 */
export class BrowserRefusedError extends NianbaoError {
  override readonly kind = 'browser-refused';
  constructor(request: string, renderingSites: string[]) {
    super(request, `refused: Chromium tried to reach this around the polite fetcher${renderingSites.length ? ` while rendering pages of ${renderingSites.join(', ')}` : ''}; nothing was sent`);
  }
}

/** What a rendered page tried to reach around the polite fetcher. */
export interface SinkAttempt {
  /** `CONNECT host:port` (WebSocket, HTTPS) or `GET http://…` (plain HTTP). */
  request: string;
  at: Date;
}

/** Header bytes read from a connection before it is answered. */
const MAX_HEADER_BYTES = 8192;

export class BrowserSink {
  private server: Server | null = null;
  private listening: Promise<number> | null = null;
  private readonly sockets = new Set<Socket>();
  readonly attempts: SinkAttempt[] = [];

  constructor(private readonly onAttempt?: (a: SinkAttempt) => void) {}

  /** Starts the sink (once) and resolves with its port. */
  port(): Promise<number> {
    this.listening ??= new Promise<number>((resolve, reject) => {
      const server = createServer((socket) => this.answer(socket));
      this.server = server;
      server.on('error', reject);
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
    return this.listening;
  }

  /** The proxy setting for Chromium: everything, loopback included, through the sink. */
  async proxy(): Promise<{ server: string; bypass: string }> {
    return { server: `http://127.0.0.1:${await this.port()}`, bypass: '' };
  }

  private answer(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    let head = '';
    let done = false;
    socket.on('data', (d: Buffer) => {
      if (done) return;
      head += d.toString('latin1');
      if (!head.includes('\r\n\r\n') && head.length < MAX_HEADER_BYTES) return;
      done = true;
      const attempt = { request: head.split('\r\n', 1)[0]!.replace(/\s+HTTP\/[\d.]+$/, '').slice(0, 500), at: new Date() };
      this.attempts.push(attempt);
      this.onAttempt?.(attempt);
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    });
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = null;
    this.listening = null;
  }
}
