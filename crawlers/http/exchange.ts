/**
 * One HTTP request and its whole response, with the limits a crawler needs and fetch() lacks:
 * a connect timeout, a read deadline that ends drip-fed and stalled responses, a byte cap checked
 * on the decompressed body as it arrives (and on Content-Length before it does), no automatic
 * redirects. Retrying, politeness and scope are the fetcher's job, not this one's.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';

export interface ExchangeRequest {
  url: string;
  method: 'GET' | 'POST' | 'HEAD';
  headers: Record<string, string>;
  body?: string;
  connectTimeoutMs: number;
  /** The whole response, headers and body, must arrive within this many ms of connecting. */
  readTimeoutMs: number;
  maxBytes: number;
  /** Keep the first `maxBytes` of a longer body instead of failing (robots.txt: RFC 9309 §2.5). */
  truncate?: boolean;
  signal?: AbortSignal;
  /** Called once when the whole request has been handed to the socket (its time on the wire). */
  onSent?: () => void;
}

export interface ExchangeResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** True when the body was cut at `maxBytes` (only with `truncate`). */
  truncated?: boolean;
}

/** Why an exchange failed; `retryable` is true for what a later attempt may not meet again. */
export type ExchangeFailure = 'connect-timeout' | 'read-timeout' | 'reset' | 'refused' | 'dns' | 'tls' | 'too-large' | 'aborted' | 'protocol';

export class ExchangeError extends Error {
  constructor(
    readonly failure: ExchangeFailure,
    message: string,
    /** Bytes received before the failure (a partial download). */
    readonly receivedBytes = 0,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ExchangeError';
  }

  get retryable(): boolean {
    return this.failure === 'connect-timeout' || this.failure === 'read-timeout' || this.failure === 'reset' || this.failure === 'refused';
  }
}

/** Keep-alive agents: the crawler talks to each host many times in a row. */
const AGENTS = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64, keepAliveMsecs: 1000 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64, keepAliveMsecs: 1000 }),
};

function classify(err: NodeJS.ErrnoException): ExchangeFailure {
  switch (err.code) {
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
    case 'UND_ERR_SOCKET':
      return 'reset';
    case 'ECONNREFUSED':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'dns';
    default:
      if (/CERT|SSL|TLS/i.test(err.code ?? '') || /certificate|ssl|tls/i.test(err.message)) return 'tls';
      return 'protocol';
  }
}

function decoder(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

/** Performs one exchange. Resolves with any HTTP status; rejects with ExchangeError. */
export function exchange(req: ExchangeRequest): Promise<ExchangeResponse> {
  return new Promise<ExchangeResponse>((resolve, reject) => {
    const u = new URL(req.url);
    const lib = u.protocol === 'https:' ? https : http;
    let settled = false;
    let received = 0;
    let connectTimer: NodeJS.Timeout | null = null;
    let readTimer: NodeJS.Timeout | null = null;
    const clear = () => {
      if (connectTimer) clearTimeout(connectTimer);
      if (readTimer) clearTimeout(readTimer);
      req.signal?.removeEventListener('abort', onAbort);
    };
    const fail = (err: ExchangeError) => {
      if (settled) return;
      settled = true;
      clear();
      request.destroy();
      reject(err);
    };
    const onAbort = () => fail(new ExchangeError('aborted', 'aborted', received, { cause: req.signal?.reason }));
    const startRead = () => {
      if (connectTimer) clearTimeout(connectTimer);
      connectTimer = null;
      readTimer ??= setTimeout(
        () => fail(new ExchangeError('read-timeout', `no complete response within ${req.readTimeoutMs} ms`, received)),
        req.readTimeoutMs,
      );
    };

    const body = req.body === undefined ? undefined : Buffer.from(req.body, 'utf8');
    const request = lib.request(
      u,
      {
        method: req.method,
        agent: AGENTS[u.protocol as 'http:' | 'https:'],
        headers: { ...req.headers, ...(body ? { 'Content-Length': String(body.length) } : {}) },
      },
      (res) => {
        startRead();
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > req.maxBytes && !res.headers['content-encoding'] && !req.truncate) {
          fail(new ExchangeError('too-large', `Content-Length ${declared} exceeds the ${req.maxBytes}-byte limit`, 0));
          res.destroy();
          return;
        }
        const unzip = decoder(res.headers['content-encoding'] as string | undefined);
        const stream: Readable = unzip ? res.pipe(unzip) : res;
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > req.maxBytes && req.truncate) {
            if (settled) return;
            chunks.push(chunk.subarray(0, chunk.length - (received - req.maxBytes)));
            settled = true;
            clear();
            res.destroy();
            request.destroy();
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), truncated: true });
            return;
          }
          if (received > req.maxBytes) {
            fail(new ExchangeError('too-large', `body exceeds the ${req.maxBytes}-byte limit (partial download of ${received} bytes discarded)`, received));
            res.destroy();
            return;
          }
          chunks.push(chunk);
        });
        stream.on('end', () => {
          if (settled) return;
          if (!res.complete) {
            fail(new ExchangeError('reset', `connection closed after ${received} bytes, before the response was complete`, received));
            return;
          }
          settled = true;
          clear();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
        });
        const onStreamError = (err: NodeJS.ErrnoException) =>
          fail(new ExchangeError(err.code === 'Z_DATA_ERROR' ? 'protocol' : classify(err), `while reading the body: ${err.message}`, received, { cause: err }));
        stream.on('error', onStreamError);
        if (unzip) res.on('error', onStreamError);
        res.on('aborted', () => fail(new ExchangeError('reset', `response aborted after ${received} bytes`, received)));
      },
    );
    connectTimer = setTimeout(() => fail(new ExchangeError('connect-timeout', `no connection within ${req.connectTimeoutMs} ms`)), req.connectTimeoutMs);
    request.on('socket', (socket) => {
      // A reused keep-alive socket is already connected.
      if (!socket.connecting) startRead();
      else socket.once('connect', startRead);
    });
    request.on('error', (err: NodeJS.ErrnoException) => fail(new ExchangeError(classify(err), err.message, received, { cause: err })));
    if (req.onSent) request.once('finish', req.onSent);
    req.signal?.addEventListener('abort', onAbort, { once: true });
    if (req.signal?.aborted) return onAbort();
    request.end(body);
  });
}
