/**
 * Every failure kind nianbao reports, one class each. Each carries `source` (a file path or a
 * URL) and the facts a person needs to act on it; the library's error, when there is one, is the
 * `cause`. Only `cli/main.ts` prints these and turns them into exit codes; the stages catch them
 * at one boundary, record them (`failures.jsonl`, `extract_errors`) and go on.
 */

/** The base of every nianbao error: `kind` is stable (it lands in the database), `source` names the input. */
export class NianbaoError extends Error {
  readonly kind: string = 'error';
  constructor(
    readonly source: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${source}: ${message}`, options);
    this.name = new.target.name;
  }
  /** The reason alone, without the source prefix. */
  get reason(): string {
    return this.message.startsWith(`${this.source}: `) ? this.message.slice(this.source.length + 2) : this.message;
  }
}

/** The bytes are not a format nianbao reads (binary junk, an image, an archive that is not a DOCX). */
export class UnsupportedFormatError extends NianbaoError {
  override readonly kind = 'unsupported-format';
  constructor(source: string, readonly sniffed: string, detail?: string) {
    super(source, `unsupported format (${sniffed})${detail ? `: ${detail}` : ''}`);
  }
}

/** The format is known but the document cannot be read: empty, truncated, encrypted, corrupt, too large. */
export class UnreadableDocumentError extends NianbaoError {
  override readonly kind = 'unreadable';
  constructor(source: string, reason: string, options?: { cause?: unknown }) {
    super(source, reason, options);
  }
}

/** The document reads fine but holds no report: no template tables and no report figures in its text. */
export class NotAReportError extends NianbaoError {
  override readonly kind = 'not-a-report';
  constructor(source: string, reason = 'no report tables and no report figures in its text') {
    super(source, reason);
  }
}

/** A PDF with no text layer (scanned pages) that cannot be read by OCR here: `why` says what is missing (tesseract not installed). */
export class NeedsOcrError extends NianbaoError {
  override readonly kind = 'needs-ocr';
  constructor(source: string, pages: number, why?: string) {
    super(source, `image-only PDF, no text layer on any of its ${pages} page(s): needs OCR${why ? `, and ${why}` : ''}`);
  }
}

/** A converter nianbao relies on (LibreOffice for DOC/WPS) is not installed or failed. */
export class ConverterError extends NianbaoError {
  override readonly kind = 'converter';
  constructor(source: string, reason: string, options?: { cause?: unknown }) {
    super(source, reason, options);
  }
}

/** Bytes could not be decoded as text in the charset the page declared or we detected. */
export class DecodeError extends NianbaoError {
  override readonly kind = 'decode';
  constructor(source: string, readonly charset: string, options?: { cause?: unknown }) {
    super(source, `cannot decode as ${charset}`, options);
  }
}

/** An HTTP fetch failed for good (after retries where retrying could help). */
export class FetchError extends NianbaoError {
  override readonly kind = 'fetch';
  constructor(source: string, readonly status: number | null, reason: string, options?: { cause?: unknown }) {
    super(source, status === null ? reason : `HTTP ${status}: ${reason}`, options);
  }
}

/** A link points outside the site's allowed hosts; it is never fetched. */
export class OffHostError extends NianbaoError {
  override readonly kind = 'off-host';
  constructor(source: string) {
    super(source, 'outside the allowed hosts; not fetched');
  }
}

/** The host answers with an anti-bot JavaScript challenge (瑞数 412, 加速乐 521, acw_sc__v2); nianbao does not bypass it. */
export class ChallengeError extends NianbaoError {
  override readonly kind = 'js-challenge';
  constructor(source: string, readonly vendor: string) {
    super(source, `anti-bot JavaScript challenge (${vendor}); host skipped, not bypassed`);
  }
}

/** robots.txt forbids the URL. */
export class RobotsDisallowedError extends NianbaoError {
  override readonly kind = 'robots';
  constructor(source: string) {
    super(source, 'disallowed by robots.txt; skipped');
  }
}

/** A configuration file is missing, malformed, or has a key of the wrong type or an unknown key. */
export class ConfigError extends NianbaoError {
  override readonly kind = 'config';
  constructor(source: string, readonly key: string | null, reason: string) {
    super(source, key ? `${key}: ${reason}` : reason);
  }
}

/** Wrong command-line use: names the argument and what was expected. */
export class UsageError extends NianbaoError {
  override readonly kind = 'usage';
  constructor(message: string) {
    super('nianbao', message);
  }
}

/**
 * The data directory cannot be used: it does not exist (and the command does not create one), or
 * it (or a file in it) cannot be written. Exit status 3 when unwritable, 2 when missing (a mistyped
 * `--data-dir` is a usage error).
 */
export class DataDirError extends NianbaoError {
  override readonly kind = 'data-dir';
  constructor(source: string, reason: string, readonly missing = false, options?: { cause?: unknown }) {
    super(source, reason, options);
  }
}

/**
 * Another process owns what this one needs: the data directory's lock file (another crawl, load,
 * run or reextract), or the DuckDB file (a reader such as a notebook, or a writer). Exit status 3.
 */
export class LockedError extends NianbaoError {
  override readonly kind = 'locked';
  constructor(source: string, reason: string, options?: { cause?: unknown }) {
    super(source, reason, options);
  }
}

/**
 * Exit statuses, for cron wrappers (README "Exit status"): every command ends with one of these.
 */
export const EXIT = {
  /** All went well. */
  ok: 0,
  /** Some inputs failed (documents not extracted, sites with fetch errors); the rest were processed. */
  someFailed: 1,
  /** Usage or configuration error: unknown command or option, bad option value, missing argument, bad config. */
  usage: 2,
  /** The data directory is locked by another writer, or the database by another process, or cannot be written. */
  locked: 3,
  /** Nothing could be crawled: every site blocked, failed or nothing found. */
  nothingCrawled: 4,
  /** Internal error: a bug in nianbao. */
  internal: 70,
  /** Interrupted (SIGINT / Ctrl-C); what was stored is kept. */
  interrupted: 130,
} as const;

/** The exit status an error thrown out of a command ends the process with. */
export function exitStatusOf(err: unknown): number {
  if (err instanceof UsageError || err instanceof ConfigError) return EXIT.usage;
  if (err instanceof DataDirError) return err.missing ? EXIT.usage : EXIT.locked;
  if (err instanceof LockedError) return EXIT.locked;
  if (err instanceof NianbaoError) return EXIT.someFailed;
  return EXIT.internal;
}

/** Turns anything thrown into a NianbaoError naming `source`, keeping the original as `cause`. */
export function asNianbaoError(err: unknown, source: string): NianbaoError {
  if (err instanceof NianbaoError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new UnreadableDocumentError(source, message, { cause: err });
}
