/**
 * Compares an extracted record with a golden one by docs/RECORD.md's rules: year, template,
 * active_disclosure, applications, review_litigation and the `ok` of each check exactly
 * (numbers within 1e-6); title, agency and source (uri, format) after trimming white space.
 * Returns the differences as readable lines (empty when the records agree).
 */
import type { ReportRecord } from '../../extract/record.ts';

type Json = unknown;

const num = (a: Json, b: Json) => typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-6;

function diffValue(path: string, want: Json, got: Json, out: string[]): void {
  if (want === got || num(want, got)) return;
  if (want && got && typeof want === 'object' && typeof got === 'object' && Array.isArray(want) === Array.isArray(got)) {
    const keys = new Set([...Object.keys(want as object), ...Object.keys(got as object)]);
    for (const k of keys) diffValue(`${path}.${k}`, (want as Record<string, Json>)[k], (got as Record<string, Json>)[k], out);
    return;
  }
  // A cell the report does not print is null; leaving it out says the same.
  if (want === null && got === undefined) return;
  out.push(`${path}: want ${JSON.stringify(want)} got ${got === undefined ? 'nothing' : JSON.stringify(got)}`);
}

const trim = (s: Json) => (typeof s === 'string' ? s.trim() : s);

export function compareRecord(want: ReportRecord, got: ReportRecord): string[] {
  const out: string[] = [];
  for (const key of ['year', 'template', 'active_disclosure', 'applications', 'review_litigation'] as const) {
    diffValue(key, want[key] as Json, got[key] as Json, out);
  }
  const okOf = (r: ReportRecord) => Object.fromEntries((r.checks ?? []).map((c) => [c.id, c.ok]));
  // Narrative checks (prose against tables) came after the golden records: compared where a golden record lists them.
  const wantChecks = okOf(want);
  const gotChecks = Object.fromEntries(Object.entries(okOf(got)).filter(([id]) => !id.startsWith('narrative.') || id in wantChecks));
  diffValue('checks', wantChecks, gotChecks, out);
  for (const key of ['title', 'agency'] as const) {
    if (trim(want[key]) !== trim(got[key])) out.push(`${key}: want ${JSON.stringify(want[key])} got ${JSON.stringify(got[key])}`);
  }
  if (trim(want.source?.uri) !== trim(got.source?.uri) || want.source?.format !== got.source?.format) {
    out.push(`source: want ${JSON.stringify(want.source)} got ${JSON.stringify(got.source)}`);
  }
  return out;
}
