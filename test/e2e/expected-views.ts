/**
 * What the warehouse's views must hold after a perfect crawl of the sample web, computed here
 * from the sample web's manifest (the hosted reports and their records) and its configuration,
 * independently of the loader's SQL: table-3 totals, table 4, failed checks, and the deadline
 * rules of docs/REPORT_FORMAT.md (31 January for departments, zones and ministries; 31 March for
 * governments' own reports and towns; 31 January when the level is unknown; 31 March for every
 * year before 2019).
 */
import type { PipelineConfigInput } from '../../config/schema.ts';
import type { ExpectedRecord, ExpectedReport } from '../../sample-web/server.ts';

const key = (agency: string, year: number) => `${agency}|${year}`;

/** The current version of each agency-year, and the first publication date over its versions. */
export function currentReports(expected: readonly ExpectedReport[]): { report: ExpectedReport; firstPublished: string }[] {
  const first = new Map<string, string>();
  for (const e of expected) {
    const k = key(e.agency, e.year);
    if (!first.has(k) || e.published < first.get(k)!) first.set(k, e.published);
  }
  return expected.filter((e) => e.current).map((report) => ({ report, firstPublished: first.get(key(report.agency, report.year))! }));
}

const total = (r: ExpectedRecord, row: string): number | null => r.applications?.[row]?.[6] ?? null;
function sumOrNull(r: ExpectedRecord, prefix: string): number | null {
  const values = Object.entries(r.applications ?? {}).filter(([k]) => k.startsWith(prefix)).map(([, v]) => v[6]);
  return values.some((v) => v !== null && v !== undefined) ? values.reduce<number>((s, v) => s + (v ?? 0), 0) : null;
}

/** application_volumes' figures for one record. */
export function volumes(r: ExpectedRecord): Record<string, number | null> {
  const other = total(r, 'other') ?? sumOrNull(r, 'other_');
  return {
    received: total(r, 'new_received'),
    carried_over: total(r, 'carried_over'),
    granted: total(r, 'granted'),
    partially_granted: total(r, 'partially_granted'),
    denied: sumOrNull(r, 'denied_'),
    unable_to_provide: sumOrNull(r, 'unable_'),
    not_processed: sumOrNull(r, 'rejected_'),
    other,
    total_processed: total(r, 'total_processed'),
    carried_forward: total(r, 'carried_forward'),
  };
}

/** Configured agency → level (first configuration wins), and every configured agency × expected year. */
export function configured(config: PipelineConfigInput): { levels: Map<string, string | null>; expected: { agency: string; year: number; level: string | null }[] } {
  const levels = new Map<string, string | null>();
  const expected: { agency: string; year: number; level: string | null }[] = [];
  for (const site of config.sites ?? []) {
    const siteYears = site.expectedYears ?? config.expectedYears ?? [];
    const agencies = [{ name: site.agency, level: site.level ?? null, years: siteYears }, ...(site.agencies ?? []).map((a) => ({ name: a.name, level: a.level ?? null, years: a.expectedYears ?? siteYears }))];
    for (const a of agencies) {
      if (!levels.has(a.name)) levels.set(a.name, a.level);
      for (const year of a.years) expected.push({ agency: a.name, year, level: a.level });
    }
  }
  return { levels, expected };
}

/** The deadline (ISO date) of a report on `year` by an agency of `level`. */
export function deadline(level: string | null, year: number): string {
  const march = year < 2019 || ['province', 'city', 'county', 'township'].includes(level ?? '');
  return `${year + 1}-${march ? '03-31' : '01-31'}`;
}

export const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
