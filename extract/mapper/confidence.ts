/**
 * The record's reading confidence (docs/RECORD.md, "confidence"): how far its numbers can be
 * trusted as read, for a journalist who wants to restrict to literal readings.
 *
 * - `partial`: cells are missing — a template table not found, a row of the template not read, a
 *   cell without a number (printed blank or not read), or a free-form record (figures from
 *   sentences, no tables).
 * - `chosen`: every cell is there, but some table admitted several readings and one was kept —
 *   the one under which the template's checks hold, or the most literal one when the checks
 *   decide none (a warning names each choice).
 * - `exact`: every cell is there and every table was read by one literal reading; its checks
 *   hold, or fail as the agency printed them.
 *
 * (`ocr`, some number read from an image, is set after the mapper by the OCR reader's flag.)
 */
import { APPLICANT_COLUMNS, REVIEW_FIELDS, REVIEW_GROUPS, type ReadingConfidence, type ReportRecord } from '../record.ts';
import { TABLE2_ROWS, TABLE3_ROWS } from './labels.ts';

type Tables = Pick<ReportRecord, 'template' | 'active_disclosure' | 'applications' | 'review_litigation'>;

/** The cells of the template the record has no number for (keys like the scorer's), at most `limit`. */
export function missingCells(rec: Tables, limit = Infinity): string[] {
  const out: string[] = [];
  const miss = (k: string) => {
    if (out.length < limit) out.push(k);
  };
  if (rec.template === 'freeform') return ['tables'];
  const t2 = rec.active_disclosure;
  if (!t2) miss('active_disclosure');
  else
    for (const row of TABLE2_ROWS) {
      const fields = rec.template === '2021' ? row.fields2021 : row.fields2019;
      for (const f of fields ?? []) if (t2[row.key]?.[f] === null || t2[row.key]?.[f] === undefined) miss(`active_disclosure.${row.key}.${f}`);
    }
  const t3 = rec.applications;
  if (!t3) miss('applications');
  else {
    // （六）其他处理 is printed either as one row or as three sub-rows.
    const subRows = Object.keys(t3).some((k) => k.startsWith('other_'));
    for (const row of TABLE3_ROWS) {
      if (subRows ? row.key === 'other' : row.key.startsWith('other_')) continue;
      APPLICANT_COLUMNS.forEach((_, i) => {
        const v = t3[row.key]?.[i];
        if (v === null || v === undefined) miss(`applications.${row.key}[${i}]`);
      });
    }
  }
  const t4 = rec.review_litigation;
  if (!t4) miss('review_litigation');
  else for (const g of REVIEW_GROUPS) for (const f of REVIEW_FIELDS) if (t4[g]?.[f] === null || t4[g]?.[f] === undefined) miss(`review_litigation.${g}.${f}`);
  return out;
}

/** `choices`: how many times a reading was kept among several (check-guided or most literal). */
export function readingConfidence(rec: Tables, choices: number): Exclude<ReadingConfidence, 'ocr'> {
  if (missingCells(rec, 1).length) return 'partial';
  return choices > 0 ? 'chosen' : 'exact';
}
