/**
 * The raw store → load items: reads `reports.jsonl`, extracts every document of a report
 * version from the stored bytes with the current parser, and picks the primary one. A document
 * that cannot be read is recorded with its reason and never stops the others.
 */
import { asNianbaoError } from '../errors.ts';
import type { RawStore, ReportEntry, FetchLogEntry } from '../crawlers/raw-store.ts';
import { PARSER_VERSION, type ReportRecord } from '../extract/record.ts';
import type { DocumentOutcome, LoadItem } from './load-item.ts';
import { choosePrimary } from './primary.ts';

/** The extract stage's entry (extract/index.ts `extractBytes`), injectable for tests. */
export type ExtractFn = (bytes: Uint8Array, opts: { uri: string; name?: string }) => Promise<ReportRecord>;

export const defaultExtract: ExtractFn = async (bytes, opts) => {
  // Imported on first use: the readers and mapper are only needed when there is something to extract.
  const { extractBytes } = await import('../extract/index.ts');
  return extractBytes(bytes, opts);
};

export interface StoreEntries {
  /** Distinct report versions, in the order the crawler found them. */
  entries: ReportEntry[];
  /** Lines that could not be used, each naming the line and why. */
  rejected: string[];
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Why a reports.jsonl line cannot be loaded, or null when it can. */
function entryProblem(e: ReportEntry): string | null {
  if (!isText(e.site_id)) return 'no site_id';
  if (!isText(e.agency)) return 'no agency';
  if (!Number.isInteger(e.year)) return 'year is not a whole number';
  if (!Number.isInteger(e.version) || e.version < 1) return 'version is not a positive whole number';
  if (!Array.isArray(e.documents)) return 'no documents list';
  return null;
}

/**
 * Report versions from the store's manifest, one per (site, agency, year, version): the crawler
 * writes a line per version found, and a line seen twice (or a second line claiming the same
 * version with other content) is kept once, the first, and the conflict reported.
 */
export function storeEntries(store: RawStore): StoreEntries {
  const entries: ReportEntry[] = [];
  const rejected: string[] = [];
  const seen = new Map<string, ReportEntry>();
  store.reports().forEach((e, i) => {
    const where = `${store.reportsPath} entry ${i + 1}`;
    const problem = entryProblem(e);
    if (problem) {
      rejected.push(`${where}: ${problem}; skipped`);
      return;
    }
    const key = `${e.site_id}\u0000${e.agency}\u0000${e.year}\u0000${e.version}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, e);
      entries.push(e);
    } else if (first.content_sha256 !== e.content_sha256) {
      rejected.push(`${where}: ${e.agency} ${e.year} version ${e.version} on ${e.site_id} listed again with other content; the first listing is kept`);
    }
  });
  return { entries, rejected };
}

/** First fetch time and size of each stored object, from the fetch log. */
export function fetchIndex(log: readonly FetchLogEntry[]): Map<string, { fetched_at: string; bytes: number }> {
  const index = new Map<string, { fetched_at: string; bytes: number }>();
  for (const e of log) {
    if (!e.sha256) continue;
    const known = index.get(e.sha256);
    if (!known || e.fetched_at < known.fetched_at) index.set(e.sha256, { fetched_at: e.fetched_at, bytes: e.bytes });
  }
  return index;
}

/** Extracts every document of one report version and builds its load item. */
export async function entryToItem(
  store: RawStore,
  entry: ReportEntry,
  fetched: Map<string, { fetched_at: string; bytes: number }>,
  extract: ExtractFn = defaultExtract,
): Promise<LoadItem> {
  const documents: DocumentOutcome[] = [];
  for (const doc of entry.documents) {
    const outcome: DocumentOutcome = {
      sha256: doc.sha256,
      url: doc.url,
      role: doc.role === 'attachment' ? 'attachment' : 'body',
      format: doc.format,
      fetched_at: fetched.get(doc.sha256)?.fetched_at ?? null,
      bytes: fetched.get(doc.sha256)?.bytes ?? null,
      record: null,
      error: null,
    };
    try {
      if (!store.has(doc.sha256)) {
        outcome.error = { kind: 'missing-object', reason: `not in the raw store (${doc.sha256})` };
      } else {
        const bytes = await store.get(doc.sha256);
        outcome.bytes ??= bytes.length;
        // the URL without query or fragment names the file for the format tie-break (…/a.pdf?id=1)
        outcome.record = await extract(bytes, { uri: doc.url, name: doc.url.split(/[?#]/)[0] });
      }
    } catch (err) {
      const e = asNianbaoError(err, doc.url);
      outcome.error = { kind: e.kind, reason: e.reason };
    }
    documents.push(outcome);
  }
  return {
    report: {
      site_id: entry.site_id,
      agency: entry.agency,
      year: entry.year,
      version: entry.version,
      title: entry.title ?? null,
      url: entry.url ?? null,
      published: entry.published ?? null,
      found_at: entry.found_at ?? null,
      content_sha256: entry.content_sha256 ?? null,
      confidence: entry.confidence ?? null,
      level: entry.level ?? null,
      region: entry.region ?? null,
    },
    documents,
    primary: choosePrimary(documents),
    parserVersion: PARSER_VERSION,
    loaderWarnings: [],
  };
}
