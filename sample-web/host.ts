/**
 * One host of the sample web: an HTTP server on 127.0.0.1 with its own port, serving a table of
 * pre-rendered resources and a few handlers. It does what every real host does to a crawler:
 * ETag/Last-Modified with 304s, a per-client rate limit (429 + Retry-After), latency, and the
 * deterministic transient faults of docs/SITES.md §4 (the first N requests to a path fail).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createHash } from 'node:crypto';
import type { RequestLogEntry } from './types.ts';

/** Last-Modified of every resource of the first phase: a fixed date, so runs are reproducible. */
export const BASE_LAST_MODIFIED = Date.UTC(2024, 3, 1);

/** A body given as bytes, or rendered on first request (synthetic sites: 1,000 sites render lazily). */
export type Body = Uint8Array | (() => Uint8Array);

export interface StaticResource {
  body: Body;
  /** null: send no Content-Type header at all. */
  contentType: string | null;
  status?: number;
  headers?: Record<string, string>;
}

export interface HandlerContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The request body (POST forms). */
  body: string;
  /** Sends a resource with validators and 304 handling. */
  send(resource: StaticResource): void;
}

export type Handler = (ctx: HandlerContext) => void | Promise<void>;

/** A path that fails its first `failures` requests with `status` (0: the connection is reset), then serves normally. */
export interface FaultRule {
  status: 0 | 429 | 500 | 502 | 503;
  failures: number;
  retryAfterSeconds?: number;
}

/** An alternative rendering: `pick` names the variant a request gets (or null), `convert` makes its bytes. */
export interface PageVariant {
  pick(req: IncomingMessage, resource: StaticResource): string | null;
  convert(bytes: Uint8Array): Uint8Array;
}

export interface HostOptions {
  latencyMs: number;
  rateLimitPerSecond: number;
  log: RequestLogEntry[];
}

interface Cached {
  resource: StaticResource;
  bytes: Uint8Array;
  etag: string;
  lastModified: number;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Request bodies beyond this are refused: the only POSTs are small jcms forms. */
const MAX_REQUEST_BODY = 64 * 1024;

export class SampleHost {
  readonly server: Server;
  port = 0;
  private resources = new Map<string, StaticResource>();
  private handlers = new Map<string, Handler>();
  private prefixHandlers: { prefix: string; handler: Handler }[] = [];
  private cache = new Map<string, Cached>();
  private faults = new Map<string, FaultRule & { seen: number }>();
  private sockets = new Set<Socket>();
  private bucket: { tokens: number; at: number };
  private variant?: PageVariant;
  private variantOf = new WeakMap<StaticResource, StaticResource>();

  constructor(readonly label: string, private readonly opts: HostOptions) {
    this.bucket = { tokens: this.burst, at: Date.now() };
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`sample web: ${String(err)}`);
      });
    });
    this.server.keepAliveTimeout = 5_000;
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  private get burst(): number {
    return Math.max(2, this.opts.rateLimitPerSecond * 2);
  }

  async listen(port = 0): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const addr = this.server.address();
    if (addr && typeof addr === 'object') this.port = addr.port;
  }

  /** `127.0.0.1:PORT`, what URL.host gives and what allowedHosts lists. */
  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  get origin(): string {
    return `http://${this.host}`;
  }

  url(path: string): string {
    return this.origin + path;
  }

  /**
   * Replaces every resource and handler (a phase change rebuilds the site). A resource whose
   * bytes did not change keeps its ETag and Last-Modified, so a second crawl is answered with 304s;
   * one that changed gets the current time as Last-Modified.
   */
  reset(): void {
    this.resources.clear();
    this.handlers.clear();
    this.prefixHandlers = [];
  }

  /** Serves `resource` at `pathAndQuery` (a query string, when given, must match exactly). */
  put(pathAndQuery: string, resource: StaticResource): void {
    this.resources.set(pathAndQuery, resource);
  }

  html(path: string, html: string, contentType: string | null = 'text/html; charset=utf-8'): void {
    this.put(path, { body: utf8(html), contentType });
  }

  on(path: string, handler: Handler): void {
    this.handlers.set(path, handler);
  }

  onPrefix(prefix: string, handler: Handler): void {
    this.prefixHandlers.push({ prefix, handler });
  }

  /** Serves an alternative rendering of text resources to some requests (jcms 繁體 by cookie). */
  setVariant(variant: PageVariant): void {
    this.variant = variant;
  }

  fault(path: string, rule: FaultRule): void {
    this.faults.set(path, { ...rule, seen: 0 });
  }

  clearFaults(): void {
    this.faults.clear();
  }

  has(pathAndQuery: string): boolean {
    return this.resources.has(pathAndQuery) || this.handlers.has(pathAndQuery);
  }

  async close(): Promise<void> {
    // Stalled and keep-alive connections would hold server.close() open forever.
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private takeToken(): boolean {
    const rate = this.opts.rateLimitPerSecond;
    if (rate <= 0) return true;
    const now = Date.now();
    this.bucket.tokens = Math.min(this.burst, this.bucket.tokens + ((now - this.bucket.at) / 1000) * rate);
    this.bucket.at = now;
    if (this.bucket.tokens < 1) return false;
    this.bucket.tokens -= 1;
    return true;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const entry: RequestLogEntry = {
      time: Date.now(),
      host: this.host,
      method: req.method ?? 'GET',
      path: url.pathname + url.search,
      status: 0,
      ...(header(req, 'if-none-match') ? { ifNoneMatch: header(req, 'if-none-match') } : {}),
      ...(header(req, 'if-modified-since') ? { ifModifiedSince: header(req, 'if-modified-since') } : {}),
      ...(header(req, 'referer') ? { referer: header(req, 'referer') } : {}),
      ...(header(req, 'user-agent') ? { userAgent: header(req, 'user-agent') } : {}),
    };
    this.opts.log.push(entry);
    // Stalled responses never finish: their entry keeps status 0 until the socket is destroyed.
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
    const body = await readBody(req);
    if (this.opts.latencyMs > 0) await new Promise((r) => setTimeout(r, this.opts.latencyMs));

    if (!this.takeToken()) {
      res.writeHead(429, { 'Retry-After': '1', 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<html><body><h1>429 访问过于频繁，请稍后再试</h1></body></html>');
      return;
    }
    const fault = this.faults.get(url.pathname + url.search) ?? this.faults.get(url.pathname);
    if (fault && fault.seen < fault.failures) {
      fault.seen++;
      if (fault.status === 0) {
        req.socket.destroy();
        return;
      }
      const headers: Record<string, string> = { 'Content-Type': 'text/html; charset=utf-8' };
      if (fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds);
      res.writeHead(fault.status, headers);
      res.end(`<html><body><h1>${fault.status}</h1><p>服务器繁忙，请稍后再试</p></body></html>`);
      return;
    }

    const key = url.pathname + url.search;
    const send = (resource: StaticResource) => this.send(req, res, key, resource);
    const ctx: HandlerContext = { req, res, url, body, send };
    const handler = this.handlers.get(url.pathname);
    if (handler) return handler(ctx);
    const matched = this.resources.has(key) ? key : url.pathname;
    const resource = this.resources.get(matched);
    const variant = resource && this.variant?.pick(req, resource);
    if (resource && variant) return this.send(req, res, `${matched}#${variant}`, this.variantResource(resource));
    if (resource) return this.send(req, res, matched, resource);
    const prefixed = this.prefixHandlers.find((p) => url.pathname.startsWith(p.prefix));
    if (prefixed) return prefixed.handler(ctx);
    send(notFound());
  }

  private send(req: IncomingMessage, res: ServerResponse, key: string, resource: StaticResource): void {
    const cached = this.validate(key, resource);
    const status = resource.status ?? 200;
    const headers: Record<string, string> = {
      ETag: cached.etag,
      'Last-Modified': new Date(cached.lastModified).toUTCString(),
      ...(resource.headers ?? {}),
    };
    if (resource.contentType) headers['Content-Type'] = resource.contentType;
    if (status === 200 && isNotModified(req, cached)) {
      res.writeHead(304, { ETag: cached.etag, 'Last-Modified': headers['Last-Modified']! });
      res.end();
      return;
    }
    headers['Content-Length'] = String(cached.bytes.byteLength);
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : cached.bytes);
  }

  private variantResource(resource: StaticResource): StaticResource {
    let alt = this.variantOf.get(resource);
    if (!alt) {
      const convert = this.variant!.convert;
      alt = { ...resource, body: () => convert(typeof resource.body === 'function' ? resource.body() : resource.body) };
      this.variantOf.set(resource, alt);
    }
    return alt;
  }

  /** The bytes, ETag and Last-Modified of a resource; unchanged bytes keep their validators across resets. */
  private validate(key: string, resource: StaticResource): Cached {
    const prev = this.cache.get(key);
    if (prev?.resource === resource) return prev;
    const bytes = typeof resource.body === 'function' ? resource.body() : resource.body;
    if (prev && prev.bytes.byteLength === bytes.byteLength && Buffer.from(prev.bytes).equals(bytes)) {
      Object.assign(prev, { resource, bytes });
      return prev;
    }
    const etag = `"${createHash('sha1').update(bytes).digest('hex').slice(0, 20)}"`;
    // HTTP dates have whole seconds; a changed resource must compare newer than its old copy.
    const lastModified = prev ? Math.max(Date.now(), prev.lastModified + 1000) : BASE_LAST_MODIFIED;
    const next = { resource, bytes, etag, lastModified: Math.floor(lastModified / 1000) * 1000 };
    this.cache.set(key, next);
    return next;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

function isNotModified(req: IncomingMessage, cached: Cached): boolean {
  const inm = header(req, 'if-none-match');
  if (inm !== undefined) return inm.split(',').some((t) => t.trim() === cached.etag || t.trim() === `W/${cached.etag}` || t.trim() === '*');
  const ims = header(req, 'if-modified-since');
  if (ims !== undefined) {
    const since = Date.parse(ims);
    return Number.isFinite(since) && cached.lastModified <= since;
  }
  return false;
}

async function readBody(req: IncomingMessage): Promise<string> {
  if (req.method !== 'POST' && req.method !== 'PUT') return '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BODY) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The plain 404 every host answers for an unknown path. */
export function notFound(): StaticResource {
  return { status: 404, contentType: 'text/html; charset=utf-8', body: utf8('<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>') };
}

export { utf8 };

/** A redirect resource (301 folder fixes, dead columns, redirect chains). */
export function redirect(location: string, status: 301 | 302 = 301): StaticResource {
  return { status, contentType: 'text/html; charset=utf-8', headers: { Location: location }, body: utf8(`<html><body>Moved: <a href="${location}">${location}</a></body></html>`) };
}
