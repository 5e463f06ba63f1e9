/**
 * The URLs being fetched right now and since when, so that a log can name the one a crawl is
 * stuck on. The polite fetcher registers a URL once its host has given it a slot (waiting for
 * the slot is not being stuck) and removes it when the fetch of that URL ends, retries included.
 */

export interface InFlightUrl {
  url: string;
  /** The requester (site id). */
  tag: string | undefined;
  /** How long it has been in flight, in ms. */
  ms: number;
}

/** URLs named on one progress line at most. */
const seconds = (ms: number) => (ms < 10_000 ? (ms / 1000).toFixed(1) : String(Math.round(ms / 1000)));

const LISTED = 5;

export class InFlight {
  private readonly entries = new Map<number, { url: string; tag: string | undefined; since: number }>();
  private next = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Registers `url`; call the returned function when its fetch ends. */
  begin(url: string, tag: string | undefined): () => void {
    const id = this.next++;
    this.entries.set(id, { url, tag, since: this.now() });
    return () => {
      this.entries.delete(id);
    };
  }

  /** URLs in flight for at least `ms`, longest first. */
  longerThan(ms: number): InFlightUrl[] {
    const now = this.now();
    return [...this.entries.values()]
      .map((e) => ({ url: e.url, tag: e.tag, ms: now - e.since }))
      .filter((e) => e.ms >= ms)
      .sort((a, b) => b.ms - a.ms);
  }

  /** `; waiting on URL (site, 42 s), …` for the URLs in flight for at least `ms`; '' when none. */
  describeStalled(ms: number): string {
    const slow = this.longerThan(ms);
    if (!slow.length) return '';
    const listed = slow.slice(0, LISTED).map((e) => `${e.url} (${e.tag ? `${e.tag}, ` : ''}${seconds(e.ms)} s)`).join(', ');
    return `; waiting on ${listed}${slow.length > LISTED ? ` and ${slow.length - LISTED} more` : ''}`;
  }
}
