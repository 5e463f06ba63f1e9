/**
 * The extracted record of `docs/RECORD.md`: what `nianbao extract` writes, what the
 * golden files hold and what the loader puts in DuckDB. Field names are the canonical keys of
 * docs/REPORT_FORMAT.md verbatim.
 */
import type { DocumentFormat } from './document.ts';

export const RECORD_SCHEMA = 'govreport/1';

/** Bumped whenever a change to readers or mapper can change a record; the loader re-extracts older ones. */
export const PARSER_VERSION = 5;

export type Template = '2021' | '2019' | 'freeform';

/** A table-2 row: field → number (or `amount_unit`, the one string). */
export type DisclosureRow = { [field: string]: number | string | null };

/** Seven numbers: natural_person, commercial, research, social_org, legal_service, other, total. */
export type ApplicantRow = (number | null)[];

export interface ReviewGroup {
  upheld: number | null;
  corrected: number | null;
  other: number | null;
  pending: number | null;
  total: number | null;
}

export interface Check {
  id: string;
  /** true / false, or null when every operand is null or the record is freeform (not run). */
  ok: boolean | null;
  detail?: string;
}

/**
 * Where one number of a record was read (docs/RECORD.md, "provenance"). `text` is the printed
 * cell text (or the sentence, for a figure stated in prose). PDF: `page` (1-based) and `box`
 * [x0, top, x1, bottom] in PDF points, origin at the upright page's top-left corner. Grids of
 * every format: `table` (1-based index among the document's tables), `row` and `col` (1-based,
 * in the expanded grid, spans repeated). Text: `line` (1-based).
 */
export interface Provenance {
  text: string;
  page?: number;
  box?: [number, number, number, number];
  table?: number;
  row?: number;
  col?: number;
  line?: number;
}

export interface RecordSource {
  uri: string;
  format: DocumentFormat;
  sha256?: string;
}

export interface ReportRecord {
  schema: typeof RECORD_SCHEMA;
  source: RecordSource;
  title: string | null;
  agency: string | null;
  year: number | null;
  template: Template;
  /** Published date (ISO) where the document states it; not part of the golden comparison. */
  published?: string | null;
  active_disclosure: { [rowKey: string]: DisclosureRow } | null;
  applications: { [rowKey: string]: ApplicantRow } | null;
  review_litigation: {
    review: ReviewGroup;
    litigation_direct: ReviewGroup;
    litigation_after_review: ReviewGroup;
  } | null;
  checks: Check[];
  warnings: string[];
  /**
   * Optional, after `warnings`: where each number was read, keyed like the scorer's cells
   * (`applications.new_received[6]`, `active_disclosure.regulations.issued`,
   * `review_litigation.review.total`). Readers of govreport/1 that do not know it ignore it.
   */
  provenance?: { [cellKey: string]: Provenance };
  /**
   * Optional: how far the numbers can be trusted as read (docs/RECORD.md). `exact`: every table
   * read by one literal reading; `chosen`: a reading was chosen because the template's checks hold
   * under it (a warning names the choice); `partial`: cells are missing; `ocr`: some numbers were
   * read from an image by OCR (a warning says which). Absent in records written before it existed.
   */
  confidence?: ReadingConfidence;
}

export type ReadingConfidence = 'exact' | 'chosen' | 'partial' | 'ocr';

/** The applicant columns of table 3, in printed order. */
export const APPLICANT_COLUMNS = ['natural_person', 'commercial', 'research', 'social_org', 'legal_service', 'other', 'total'] as const;
export type ApplicantColumn = (typeof APPLICANT_COLUMNS)[number];

export const REVIEW_GROUPS = ['review', 'litigation_direct', 'litigation_after_review'] as const;
export const REVIEW_FIELDS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;

/** The record as the JSON line / file nianbao writes: fixed key order, two-space indent for files. */
export function recordToJson(record: ReportRecord, pretty = true): string {
  const ordered: ReportRecord = {
    schema: record.schema,
    source: record.source,
    title: record.title,
    agency: record.agency,
    year: record.year,
    template: record.template,
    ...(record.published !== undefined ? { published: record.published } : {}),
    active_disclosure: record.active_disclosure,
    applications: record.applications,
    review_litigation: record.review_litigation,
    checks: record.checks,
    warnings: record.warnings,
    ...(record.provenance !== undefined ? { provenance: record.provenance } : {}),
    ...(record.confidence !== undefined ? { confidence: record.confidence } : {}),
  };
  return pretty ? JSON.stringify(ordered, null, 2) : JSON.stringify(ordered);
}
