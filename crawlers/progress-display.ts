/**
 * How a crawl shows itself on the terminal: a live line per site being crawled (pages, reports
 * found, errors) redrawn in place on stderr when it is a TTY, one plain line per finished site
 * otherwise; and the summary table at the end. Used by `nianbao crawl` and `nianbao run`.
 */
import type { CrawlSummary, SiteProgress, SiteSummary } from './index.ts';
import { count } from '../plural.ts';
import type { InFlight } from './in-flight.ts';

/** Terminal width when the terminal does not say. */
const DEFAULT_COLUMNS = 100;
/** Redraws at most this often: a fast crawl reports hundreds of pages a second. */
const REDRAW_MS = 100;
/** In a log (not a terminal), a progress line at least this often, naming the URLs in flight for as long: a stalled URL shows. */
export const LOG_HEARTBEAT_MS = 30_000;

export interface ProgressStream {
  write(s: string): boolean;
  isTTY?: boolean;
  columns?: number;
}

const line = (p: SiteProgress) => `${p.siteId}: ${p.state}, ${count(p.pages, 'page')}, ${count(p.reportsFound, 'report')}, ${count(p.errors, 'error')}`;

export class ProgressDisplay {
  private readonly sites = new Map<string, SiteProgress>();
  private drawn = 0;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly out: ProgressStream = process.stderr,
    private readonly heartbeatMs = LOG_HEARTBEAT_MS,
    /** The crawl's URLs in flight (crawl()'s `inFlight`). */
    private readonly inFlight?: InFlight,
  ) {}

  private get live(): boolean {
    return !!this.out.isTTY;
  }

  /** Takes one site's progress (crawl()'s onProgress). */
  update(p: SiteProgress): void {
    if (this.closed) return;
    const prev = this.sites.get(p.siteId);
    this.sites.set(p.siteId, p);
    if (!this.live) {
      if ((p.state === 'done' || p.state === 'skipped') && prev?.state !== p.state) this.out.write(`${line(p)}\n`);
      this.heartbeat ??= setInterval(() => this.out.write(`${this.totals()}; crawling ${this.crawlingList()}${this.inFlight?.describeStalled(this.heartbeatMs) ?? ''}\n`), this.heartbeatMs).unref();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.draw();
    }, REDRAW_MS);
  }

  private totals(): string {
    const all = [...this.sites.values()];
    const finished = all.filter((p) => p.state === 'done' || p.state === 'skipped').length;
    return `crawl: ${finished}/${all.length} sites done, ${count(all.reduce((n, p) => n + p.pages, 0), 'page')}, ${count(all.reduce((n, p) => n + p.reportsFound, 0), 'report')}, ${count(all.reduce((n, p) => n + p.errors, 0), 'error')}`;
  }

  /** The sites being crawled with their page counts (a count that stays put in the log is a stalled site). */
  private crawlingList(): string {
    const crawling = [...this.sites.values()].filter((p) => p.state === 'crawling');
    if (!crawling.length) return 'no site';
    const listed = crawling.slice(0, 10).map((p) => `${p.siteId} (${p.pages} pages)`).join(', ');
    return crawling.length > 10 ? `${listed} and ${crawling.length - 10} more` : listed;
  }

  private draw(): void {
    const crawling = [...this.sites.values()].filter((p) => p.state === 'crawling');
    const width = Math.max(20, (this.out.columns || DEFAULT_COLUMNS) - 1);
    const rows = [
      ...crawling.map((p) => `  ${line(p)}`.slice(0, width)),
      this.totals().slice(0, width),
    ];
    // Move up over the previous frame and clear it, then draw this one.
    const clear = this.drawn ? `\x1b[${this.drawn}A\x1b[J` : '';
    this.out.write(`${clear}${rows.join('\n')}\n`);
    this.drawn = rows.length;
  }

  /** Draws the last frame (TTY) and stops; later calls do nothing. */
  close(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.closed) return;
    this.closed = true;
    if (this.live && this.sites.size) this.draw();
  }
}

const STATUS_COLUMNS: [string, (s: SiteSummary) => string | number][] = [
  ['site', (s) => s.siteId],
  // A site stopped by its budget (limits.maxRequestsPerSite) did not finish: say so where it shows.
  ['status', (s) => (s.stoppedBy ? `${s.status}, stopped by ${s.stoppedBy}` : s.status)],
  ['pages', (s) => s.pages],
  ['requests', (s) => s.requests],
  ['rendered', (s) => s.rendered ?? 0],
  ['reports', (s) => s.reportsFound],
  ['new', (s) => s.newReports],
  ['new versions', (s) => s.newVersions],
  ['downloaded', (s) => s.documentsFetched],
  ['unchanged', (s) => s.notModified],
  ['errors', (s) => s.errors.length],
  ['held back', (s) => s.heldBack ?? 0],
];

/** Reasons listed under the summary. */
export const TOP_REASONS = 5;

/**
 * The end of a crawl summary: this run's failures by kind, the most frequent reasons with an
 * example URL, the pages held back (not errors), and the file that holds every failure.
 */
export function failureFooter(summary: CrawlSummary): string {
  const counts = summary.failures ?? [];
  const errors = counts.filter((c) => !c.heldBack);
  const held = counts.filter((c) => c.heldBack).reduce((n, c) => n + c.count, 0);
  const lines: string[] = [];
  for (const site of summary.sites) for (const w of site.warnings ?? []) lines.push(`warning: ${w}`);
  lines.push(...renderLines(summary));
  if (errors.length) {
    const byKind = new Map<string, number>();
    for (const c of errors) byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + c.count);
    const total = [...byKind.values()].reduce((a, b) => a + b, 0);
    lines.push(`failures: ${total} (${[...byKind].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}); most frequent:`);
    for (const c of errors.slice(0, TOP_REASONS)) lines.push(`  ${String(c.count).padStart(4)}  ${c.kind}: ${c.reason}  (e.g. ${c.example})`);
    if (errors.length > TOP_REASONS) lines.push(`  … and ${errors.length - TOP_REASONS} other reasons`);
  } else {
    lines.push('failures: none');
  }
  if (held) lines.push(`held back (pages that are not reports, soft 404s; not errors): ${held}`);
  if (summary.failuresPath && counts.length) lines.push(`every failure, one line per URL and reason: ${summary.failuresPath}`);
  return lines.join('\n');
}

/** One line per site that had pages rendered in Chromium: how many, and why they were queued. */
export function renderLines(summary: CrawlSummary): string[] {
  return summary.sites.filter((s) => s.rendered || s.renderReasons).map((s) => {
    const why = Object.entries(s.renderReasons ?? {}).sort((a, b) => b[1] - a[1]).map(([reason, n]) => `${n} ${reason}`).join(', ');
    return `rendered in Chromium: ${s.siteId} ${count(s.rendered ?? 0, 'page')}${why ? ` (queued: ${why})` : ''}`;
  });
}

/** The summary table: one row per site and a total. */
export function summaryTable(summary: CrawlSummary): string {
  const rows = summary.sites.map((s) => STATUS_COLUMNS.map(([, f]) => String(f(s))));
  const numeric = STATUS_COLUMNS.slice(2).map((_, i) => summary.sites.reduce((n, s) => n + Number(STATUS_COLUMNS[i + 2]![1](s)), 0));
  const total = ['total', `${summary.sites.filter((s) => s.status === 'ok').length}/${summary.sites.length} ok`, ...numeric.map(String)];
  const table = [STATUS_COLUMNS.map(([h]) => h), ...rows, total];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => [...r[i]!].length)));
  const fmt = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const ms = Date.parse(summary.finishedAt) - Date.parse(summary.startedAt);
  return [
    fmt(table[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...table.slice(1, -1).map(fmt), widths.map((w) => '-'.repeat(w)).join('  '), fmt(total),
    `(${(ms / 1000).toFixed(1)} s${summary.interrupted ? '; interrupted' : ''})`,
    failureFooter(summary),
  ].join('\n');
}
