/**
 * The load summary as people read it (load, reextract, run, demo).
 */
import { count } from '../plural.ts';
import type { LoadSummary } from './loader.ts';

/** Failures listed one by one before "… and N more". */
export const LISTED_FAILURES = 10;

const n = (v: number) => v.toLocaleString('en-US');

export function formatLoadSummary(s: LoadSummary): string {
  const lines = [
    `load: ${count(s.inStore, 'report version')} in the raw store; ${n(s.upToDate)} already loaded with parser ${s.parserVersion}; ` +
      `${n(s.loaded)} loaded (${n(s.withoutRecord)} without figures), ${count(s.rows, 'row')} in ${(s.ms / 1000).toFixed(1)} s`,
  ];
  // a document that failed while another one of its report gave the figures (an HTML body that
  // only links the PDF) is counted; those that left a report without figures are listed
  const costly = s.failures.filter((f) => !f.reportHasFigures);
  if (s.documents > 0) {
    lines.push(
      `documents: ${n(s.documents)} read, ${n(s.failures.length)} could not be extracted (table extract_errors)` +
        (costly.length ? `, ${n(costly.length)} of them in reports left without figures:` : ''),
    );
  }
  for (const f of costly.slice(0, LISTED_FAILURES)) lines.push(`  ${f.agency} ${f.year}: ${f.url}: ${f.kind}: ${f.reason}`);
  if (costly.length > LISTED_FAILURES) lines.push(`  … and ${costly.length - LISTED_FAILURES} more`);
  if (s.crawlLogLines > 0) lines.push(`crawl log: ${count(s.crawlLogLines, 'new line')}`);
  for (const r of s.rejected) lines.push(`skipped: ${r}`);
  return lines.join('\n');
}
