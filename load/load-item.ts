/**
 * What the writer loads: one version of one report, its documents (each with the record
 * extracted from it or the error that stopped it) and which document is primary. Built from the
 * raw store by `store-items.ts`, or from records already in hand by `recordItem`.
 */
import { createHash } from 'node:crypto';
import { PARSER_VERSION, type ReportRecord } from '../extract/record.ts';

/** The report as the crawler identified it: (site_id, agency, year) plus its version. */
export interface ReportMeta {
  site_id: string;
  agency: string;
  year: number;
  version: number;
  title: string | null;
  url: string | null;
  /** ISO date the site shows as published. */
  published: string | null;
  /** ISO timestamp the crawler found this version. */
  found_at: string | null;
  content_sha256: string | null;
  confidence: 'high' | 'low' | null;
  /** Level and region as the crawler guessed them (the configuration's win; see agencies). */
  level: string | null;
  region: string | null;
}

/** One document of the report and what extraction made of it. */
export interface DocumentOutcome {
  sha256: string;
  url: string;
  role: 'body' | 'attachment';
  format: string;
  fetched_at: string | null;
  bytes: number | null;
  /** The record extracted from this document, or null when extraction failed. */
  record: ReportRecord | null;
  /** Why extraction failed (`kind` is the NianbaoError kind). */
  error: { kind: string; reason: string } | null;
}

export interface LoadItem {
  report: ReportMeta;
  documents: DocumentOutcome[];
  /** Index of the primary document in `documents` (the figures come from its record), or null when none yielded a record. */
  primary: number | null;
  parserVersion: number;
  /** What the loader itself noticed (record year differs from the crawler's, an invalid date…). */
  loaderWarnings: string[];
}

/**
 * The warehouse id of a report version: the first 53 bits of SHA-256 over (site, agency, year,
 * version). Deterministic, so loading the same store into two files gives the same ids, and a
 * safe integer, so JSON output and JavaScript keep it exact.
 */
/** 64 − 53 bits dropped from the digest's first eight bytes. */
const REPORT_ID_SHIFT = 11n;

export function reportId(report: Pick<ReportMeta, 'site_id' | 'agency' | 'year' | 'version'>): bigint {
  const digest = createHash('sha256').update(`${report.site_id}\u0000${report.agency}\u0000${report.year}\u0000${report.version}`).digest();
  return digest.readBigUInt64BE(0) >> REPORT_ID_SHIFT;
}

/**
 * A load item for a record already extracted (tests, the synthetic database, records from
 * elsewhere): one body document holding the record. `meta` fills or overrides the report fields
 * the record cannot give (site, version, published…).
 */
export function recordItem(record: ReportRecord, meta: Partial<ReportMeta> & { site_id: string }): LoadItem {
  const sha = record.source.sha256 ?? createHash('sha256').update(record.source.uri).digest('hex');
  return {
    report: {
      agency: record.agency ?? '(unknown agency)',
      year: record.year ?? 0,
      version: 1,
      title: record.title,
      url: record.source.uri,
      published: record.published ?? null,
      found_at: null,
      content_sha256: sha,
      confidence: null,
      level: null,
      region: null,
      ...meta,
    },
    documents: [{ sha256: sha, url: record.source.uri, role: 'body', format: record.source.format, fetched_at: null, bytes: null, record, error: null }],
    primary: 0,
    parserVersion: PARSER_VERSION,
    loaderWarnings: [],
  };
}
