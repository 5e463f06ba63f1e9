/**
 * Which of a report's documents its figures come from. A report often comes as an HTML body and
 * a PDF (or DOCX) of the same text, and the two extractions can differ: a PDF whose table crossed
 * a page break may lose cells, a body may be only a viewer for the PDF. The rule, in order:
 *
 * 1. the record with the most table cells filled (numbers in tables 2, 3 and 4): the most complete reading wins;
 * 2. then the one with the most checks passing: of two equally complete readings, the one whose figures add up;
 * 3. then the HTML body over an attachment: the page is what the agency published as the report;
 * 4. then the first in the crawler's order.
 *
 * Documents that yielded no record are never primary; every document stays in `documents`.
 */
import type { ReportRecord } from '../extract/record.ts';
import type { DocumentOutcome } from './load-item.ts';

/** Numbers present in the record's tables (null cells and text fields do not count). */
export function cellsFilled(record: ReportRecord): number {
  let n = 0;
  for (const row of Object.values(record.active_disclosure ?? {})) {
    for (const value of Object.values(row ?? {})) if (typeof value === 'number') n++;
  }
  for (const row of Object.values(record.applications ?? {})) {
    if (Array.isArray(row)) for (const value of row) if (typeof value === 'number') n++;
  }
  for (const group of Object.values(record.review_litigation ?? {})) {
    for (const value of Object.values(group ?? {})) if (typeof value === 'number') n++;
  }
  return n;
}

export function checksPassed(record: ReportRecord): number {
  return (record.checks ?? []).filter((c) => c.ok === true).length;
}

function lexicographic(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
  return 0;
}

/** Index of the primary document, or null when no document yielded a record. */
export function choosePrimary(documents: readonly DocumentOutcome[]): number | null {
  let best: number | null = null;
  let bestKey: number[] = [];
  documents.forEach((doc, i) => {
    if (!doc.record) return;
    const key = [cellsFilled(doc.record), checksPassed(doc.record), doc.role === 'body' ? 1 : 0];
    if (best === null || lexicographic(key, bestKey) > 0) {
      best = i;
      bestKey = key;
    }
  });
  return best;
}
