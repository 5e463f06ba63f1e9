/**
 * Output of the long commands (crawl, load, run, reextract) in a log file: when a stream is not a
 * terminal (cron's `>> run.log 2>&1`, a CI log), every line it gets starts with a UTC timestamp,
 * `2026-12-04T03:15:02Z `. A terminal gets the lines as they are; so does JSON on stdout (`--json`),
 * which a program reads.
 */
import { UsageError } from '../errors.ts';

/** The stamp at the start of a log line. */
export function logStamp(at = new Date()): string {
  return `${at.toISOString().slice(0, 19)}Z`;
}

type Write = NodeJS.WriteStream['write'];

/** Makes `stream` start every line with a timestamp (`now` for tests). Returns a function that undoes it. */
export function stampLines(stream: NodeJS.WritableStream & { write: Write }, now: () => Date = () => new Date()): () => void {
  const original = stream.write;
  let atStart = true;
  const stamped = function (this: unknown, chunk: unknown, encoding?: unknown, cb?: unknown): boolean {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString(typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
    let out = '';
    for (const piece of text.split(/(?<=\n)/)) {
      if (!piece) continue;
      if (atStart) out += `${logStamp(now())} `;
      out += piece;
      atStart = piece.endsWith('\n');
    }
    const callback = typeof encoding === 'function' ? encoding : cb;
    return (original as (s: string, cb?: unknown) => boolean).call(stream, out, callback);
  };
  stream.write = stamped as Write;
  return () => {
    stream.write = original;
  };
}

/** Stamps stdout (unless it carries JSON) and stderr where they are not terminals. */
export function stampLog(opts: { json?: boolean } = {}): void {
  if (!process.stdout.isTTY && !opts.json) stampLines(process.stdout);
  if (!process.stderr.isTTY) stampLines(process.stderr);
}

/** A line on stderr (lock messages, load retries). */
export function note(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Seconds between two progress lines in a log at most (stalled URLs are named); the environment variable that changes it. */
export const PROGRESS_SECONDS_ENV = 'NIANBAO_PROGRESS_SECONDS';
const DEFAULT_PROGRESS_SECONDS = 30;

/** The log's progress heartbeat in ms: NIANBAO_PROGRESS_SECONDS (a positive number, fractions allowed) or 30 s. */
export function logHeartbeatMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[PROGRESS_SECONDS_ENV];
  if (raw === undefined || raw === '') return DEFAULT_PROGRESS_SECONDS * 1000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`${PROGRESS_SECONDS_ENV}=${raw}: expected a positive number of seconds`);
  return Math.max(1, Math.round(seconds * 1000));
}
