/**
 * One progress line on stderr for the long commands (run, load, reextract): rewritten in place
 * on a terminal, printed at most every few seconds otherwise (cron mail and CI logs stay short).
 */

/** Pause between two progress lines when stderr is not a terminal. */
export const DEFAULT_LOG_INTERVAL_MS = 5000;

export class ProgressLine {
  private last = 0;
  private shown = false;

  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly logIntervalMs = DEFAULT_LOG_INTERVAL_MS,
  ) {}

  update(text: string): void {
    if (this.out.isTTY) {
      const width = this.out.columns ?? 100;
      this.out.write(`\r\x1b[K${text.length > width - 1 ? `${text.slice(0, width - 2)}…` : text}`);
      this.shown = true;
      return;
    }
    const now = Date.now();
    if (now - this.last < this.logIntervalMs) return;
    this.last = now;
    this.out.write(`${text}\n`);
  }

  /** Clears the line (on a terminal) so that the summary starts on a clean line. */
  done(): void {
    if (this.out.isTTY && this.shown) this.out.write('\r\x1b[K');
    this.shown = false;
  }
}
