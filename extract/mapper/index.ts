/**
 * The template mapper: any Document (from any reader) → a ReportRecord. Finds tables 2, 3 and 4
 * by their labels, decides the template, reads title/agency/year, falls back to the figures
 * stated in sentences for reports without tables, and runs the template's checks.
 */
import { NotAReportError } from '../../errors.ts';
import { runChecks } from '../checks.ts';
import { narrativeChecks } from '../narrative.ts';
import { plausibilityWarnings } from '../plausibility.ts';
import type { Document } from '../document.ts';
import { RECORD_SCHEMA, type Provenance, type RecordSource, type ReportRecord } from '../record.ts';
import { readingConfidence } from './confidence.ts';
import { freeformFigures } from './freeform.ts';
import { agencyFromTitle, chooseTitle, findYear, yearFromBody } from './meta.ts';
import { documentToSections } from './rows.ts';
import { itemsToTable2, table2ToDisclosure } from './table2.ts';
import { itemsToTable3 } from './table3.ts';
import { itemsToTable4 } from './table4.ts';
import { decideTemplate } from './template.ts';

/**
 * Maps a document to a record. Throws NotAReportError (naming `errorSource`, the file path or
 * URL, by default `source.uri`) when the document has neither report tables nor report figures.
 */
export function documentToRecord(doc: Document, source: RecordSource, errorSource = source.uri): ReportRecord {
  const warnings = [...doc.warnings];
  for (const b of doc.blocks) if (b.kind === 'grid') for (const n of b.notes ?? []) warnings.push(`${b.at ?? 'table'}: ${n}`);

  const title = chooseTitle(doc);
  const yearInTitle = title ? findYear(title) : null;
  let year = yearInTitle?.year ?? null;
  if (year === null) {
    year = yearFromBody(doc);
    warnings.push(year === null ? 'year: not found in the title or the text' : `year: ${year} taken from the text (the title has none)`);
  }
  let agency = agencyFromTitle(title);
  if (!agency && doc.meta.publisher) {
    agency = doc.meta.publisher;
    warnings.push(`agency: not in the title; taken from the publisher field (${agency})`);
  }
  if (!title) warnings.push('title: none found');

  const sections = documentToSections(doc);
  const t2 = itemsToTable2(sections.t2);
  const t3 = itemsToTable3(sections.t3);
  const t4 = itemsToTable4(sections.t4);
  for (const w of t3.warnings) warnings.push(w);
  for (const w of t4.warnings) warnings.push(w);

  const decided = decideTemplate({
    markers: t2.markers,
    hasTable2Rows: t2.rows.length > 0,
    hasTable3Or4: !!t3.applications || !!t4.review_litigation,
    otherSubRows: t3.otherSubRows,
    year,
  });
  if (decided.warning) warnings.push(decided.warning);

  const base = { schema: RECORD_SCHEMA, source, title, agency, year, published: doc.meta.published ?? null } as const;
  if (decided.template === 'freeform') {
    const figures = freeformFigures(doc, title);
    if (!figures) throw new NotAReportError(errorSource);
    const partial = { template: 'freeform' as const, active_disclosure: null, applications: figures.applications, review_litigation: figures.review_litigation };
    for (const w of figures.warnings) warnings.push(w);
    for (const w of plausibilityWarnings(partial)) warnings.push(w);
    return { ...base, ...partial, checks: runChecks(partial), warnings: boundWarnings(warnings), provenance: figures.provenance, confidence: readingConfidence(partial, 0) };
  }
  const t2out = table2ToDisclosure(t2, decided.template);
  for (const w of t2out.warnings) warnings.push(w);
  const partial = {
    template: decided.template,
    active_disclosure: t2out.active_disclosure,
    applications: t3.applications,
    review_litigation: t4.review_litigation,
  };
  // A template report prints all three tables: one not found is data missing, not data that is zero.
  if (!partial.active_disclosure) warnings.push('table 2 (主动公开): not found; its numbers are missing');
  if (!partial.applications) warnings.push('table 3 (依申请公开): not found; its numbers are missing');
  if (!partial.review_litigation) warnings.push('table 4 (行政复议、行政诉讼): not found; its numbers are missing');
  for (const w of plausibilityWarnings(partial)) warnings.push(w);
  const provenance = orderedProvenance({ ...t2out.provenance, ...t3.provenance, ...t4.provenance }, partial);
  const checks = [...runChecks(partial), ...narrativeChecks(doc, { ...partial, provenance })];
  return { ...base, ...partial, checks, warnings: boundWarnings(warnings), provenance, confidence: readingConfidence(partial, t3.choices) };
}

/** Provenance of the cells the record keeps, in the record's own order (repeats and dropped rows left out). */
function orderedProvenance(all: Record<string, Provenance>, rec: Pick<ReportRecord, 'active_disclosure' | 'applications' | 'review_litigation'>): Record<string, Provenance> {
  const out: Record<string, Provenance> = {};
  const keep = (k: string) => {
    if (all[k]) out[k] = all[k];
  };
  for (const [row, fields] of Object.entries(rec.active_disclosure ?? {})) for (const f of Object.keys(fields)) keep(`active_disclosure.${row}.${f}`);
  for (const [row, values] of Object.entries(rec.applications ?? {})) values.forEach((_, i) => keep(`applications.${row}[${i}]`));
  for (const [g, fields] of Object.entries(rec.review_litigation ?? {})) for (const f of Object.keys(fields)) keep(`review_litigation.${g}.${f}`);
  return out;
}

/** A record carries at most this many distinct warnings; the rest are counted in the last one. */
export const MAX_WARNINGS = 100;

/**
 * Warnings said once each, in first-seen order, a repeated one with its count ("(×200000)"),
 * and at most MAX_WARNINGS of them: a hostile document repeating a row 200,000 times must not
 * make a record of 200,000 warnings.
 */
export function boundWarnings(warnings: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const w of warnings) counts.set(w, (counts.get(w) ?? 0) + 1);
  const out: string[] = [];
  for (const [w, n] of counts) {
    if (out.length === MAX_WARNINGS) {
      out.push(`… and ${counts.size - MAX_WARNINGS} more distinct warning(s) not listed`);
      break;
    }
    out.push(n > 1 ? `${w} (×${n})` : w);
  }
  return out;
}
