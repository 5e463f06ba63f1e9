/**
 * One progress line on stderr for the long commands (run, load, reextract): rewritten in place
 * on a terminal; in a log, printed at most every few seconds (cron mail and CI logs stay short)
 * and at least every `heartbeatMs` (30 s) even when nothing moved, with how long it has not, so
 * that a stalled document or URL shows in the log (`detail` names the URLs in flight that long).
 */

/** Pause between two progress lines when stderr is not a terminal. */
export const DEFAULT_LOG_INTERVAL_MS = 5000;
/** In a log, a line at least this often. */
export const HEARTBEAT_MS = 30_000;

export class ProgressLine {
  private last = 0;
  private shown = false;
  private text = '';
  private changedAt = Date.now();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly logIntervalMs = DEFAULT_LOG_INTERVAL_MS,
    private readonly heartbeatMs = HEARTBEAT_MS,
    /** Appended to the heartbeat's line (the crawl's stalled URLs). */
    private readonly detail: (heartbeatMs: number) => string = () => '',
  ) {}

  update(text: string): void {
    if (this.out.isTTY) {
      const width = this.out.columns ?? 100;
      this.out.write(`\r\x1b[K${text.length > width - 1 ? `${text.slice(0, width - 2)}…` : text}`);
      this.shown = true;
      return;
    }
    if (text !== this.text) this.changedAt = Date.now();
    this.text = text;
    this.timer ??= setInterval(() => this.beat(), Math.max(1, Math.min(this.heartbeatMs, 5000))).unref();
    const now = Date.now();
    if (now - this.last < this.logIntervalMs) return;
    this.print(text);
  }

  private print(text: string): void {
    this.last = Date.now();
    this.out.write(`${text}\n`);
  }

  private beat(): void {
    if (Date.now() - this.last < this.heartbeatMs || !this.text) return;
    const still = Math.round((Date.now() - this.changedAt) / 1000);
    this.print(`${still >= this.heartbeatMs / 1000 ? `${this.text} (no change for ${still} s)` : this.text}${this.detail(this.heartbeatMs)}`);
  }

  /** Clears the line (on a terminal) so that the summary starts on a clean line; stops the heartbeat. */
  done(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.out.isTTY && this.shown) this.out.write('\r\x1b[K');
    this.shown = false;
  }
}
