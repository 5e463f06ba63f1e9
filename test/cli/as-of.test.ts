/**
 * `--as-of DATE` on status, query and export: the warehouse as it stood on that date. A report
 * published after it is not reported (missing once due) and not late; the same date gives the
 * same list through each command. The raw store holds three corpus reports with known
 * publication dates; the database is loaded once.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { RawStore, sha256Hex } from '../../crawlers/raw-store.ts';
import { rawStoreDir } from '../../load/paths.ts';
import { CORPUS, tempDir } from '../load/helpers.ts';

const MAIN = fileURLToPath(new URL('../../cli/main.ts', import.meta.url));
const CLI_TIMEOUT_MS = 240_000;

let dataDir: string;
let configPath: string;

function nianbao(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args, '--config', configPath, '--data-dir', dataDir], { encoding: 'utf8', timeout: CLI_TIMEOUT_MS });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const jsonRows = (out: string) => out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(() => {
  dataDir = tempDir('as-of');
  configPath = join(dataDir, 'config.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      expectedYears: [2021, 2022, 2023],
      sites: [{ id: 'demo', agency: '沭阳县人民政府', level: 'county', startUrls: ['http://127.0.0.1:9/'], agencies: [{ name: '沭阳县发展和改革局', level: 'department' }] }],
    }),
  );
  const store = new RawStore(rawStoreDir(dataDir));
  const reports = [
    // not configured, level unknown: due 2022-01-31, published 2022-02-15 → 15 days late
    ['seeds/000_3e089bbee027005d.txt', '高新技术产业开发区管理办公室', 2021, '2022-02-15', 'txt', 1, '2025-01-01'],
    // the county's own 2022 report, due 2023-03-31, published 2023-03-20
    ['seeds/002_53998b694067610d.txt', '沭阳县人民政府', 2022, '2023-03-20', 'txt', 1, '2025-01-01'],
    // ... silently corrected: version 2 prints the same date and was found on 2025-06-01
    ['seeds/003_de27d4d4802e9364.txt', '沭阳县人民政府', 2022, '2023-03-20', 'txt', 2, '2025-06-01'],
    // the department's 2023 report (26 applications received) ...
    ['real/shuyang-fgj-2023.html', '沭阳县发展和改革局', 2023, '2024-01-17', 'html', 1, '2025-01-01'],
    // ... re-published on 2024-06-01 as version 2 (49 received)
    ['seeds/001_c779024abbc6666e.txt', '沭阳县发展和改革局', 2023, '2024-06-01', 'txt', 2, '2025-01-01'],
  ] as const;
  for (const [file, agency, year, published, format, version, foundAt] of reports) {
    const bytes = readFileSync(join(CORPUS, file));
    const sha = store.put(bytes);
    const url = `http://127.0.0.1:9/${file}`;
    store.logFetch({ site_id: 'demo', url, final_url: url, status: 200, content_type: null, encoding: null, etag: null, last_modified: null, sha256: sha, bytes: bytes.length, fetched_at: '2025-01-01T00:00:00.000Z' });
    store.addReport({ site_id: 'demo', agency, year, title: `${agency}${year}年政府信息公开工作年度报告`, url, published, documents: [{ url, sha256: sha, format, role: 'body' }], version, content_sha256: sha256Hex(Buffer.from(sha)), found_at: `${foundAt}T00:00:00.000Z`, confidence: 'high' });
  }
  const r = nianbao('load');
  if (r.code !== 0) throw new Error(`load failed: ${r.err}`);
}, CLI_TIMEOUT_MS);

describe('--as-of', () => {
  it('query: a report published after the date is not reported then, and missing once due', () => {
    const sql = 'SELECT agency, year FROM missing_reports ORDER BY year, agency';
    // on 2023-04-15 the county's 2022 report (published 2023-03-20) was out
    expect(jsonRows(nianbao('query', '--json', '--as-of', '2023-04-15', sql).out)).toEqual([
      { agency: '沭阳县人民政府', year: 2021 },
      { agency: '沭阳县发展和改革局', year: 2021 },
      { agency: '沭阳县发展和改革局', year: 2022 },
    ]);
    // on 2023-03-10 it was not, and not yet due (31 March): not missing either
    expect(jsonRows(nianbao('query', '--json', '--as-of', '2023-03-10', 'SELECT agency, year, reported FROM expected_reports WHERE year = 2022 ORDER BY agency').out)).toEqual([
      { agency: '沭阳县人民政府', year: 2022, reported: false },
      { agency: '沭阳县发展和改革局', year: 2022, reported: false },
    ]);
  }, CLI_TIMEOUT_MS);

  it('query: a late report is late only once published', () => {
    const sql = 'SELECT agency, year, days_late FROM late_reports';
    expect(jsonRows(nianbao('query', '--json', '--as-of', '2022-02-10', sql).out)).toEqual([]);
    expect(jsonRows(nianbao('query', '--json', '--as-of', '2022-02-15', sql).out)).toEqual([{ agency: '高新技术产业开发区管理办公室', year: 2021, days_late: 15 }]);
    expect(nianbao('query', '--as-of', '2022-02-30', sql).code).toBe(2);
  }, CLI_TIMEOUT_MS);

  it('counts the version of a report that was current on the date', () => {
    const volumes = (...asOf: string[]) =>
      jsonRows(nianbao('query', '--json', ...asOf, "SELECT v.received, c.version FROM application_volumes v JOIN current_reports c USING (report_id) WHERE v.agency = '沭阳县发展和改革局' AND v.year = 2023").out);
    // before version 2 was published, version 1's figures; after, version 2's
    expect(volumes('--as-of', '2024-03-01')).toEqual([{ received: 26, version: 1 }]);
    expect(volumes('--as-of', '2024-07-01')).toEqual([{ received: 49, version: 2 }]);
    expect(volumes()).toEqual([{ received: 49, version: 2 }]);
    // a silent correction (same printed date) counts from the day it was found
    const county = (asOf: string) =>
      jsonRows(nianbao('query', '--json', '--as-of', asOf, "SELECT version, source_url FROM current_reports WHERE agency = '沭阳县人民政府' AND year = 2022").out);
    expect(county('2025-05-31')).toEqual([{ version: 1, source_url: 'http://127.0.0.1:9/seeds/002_53998b694067610d.txt' }]);
    expect(county('2025-06-01')).toEqual([{ version: 2, source_url: 'http://127.0.0.1:9/seeds/003_de27d4d4802e9364.txt' }]);
    // the same snapshot through export (every view reads current_versions)
    const out = join(dataDir, 'export-versions');
    expect(nianbao('export', '--format', 'csv', '--out', out, '--as-of', '2024-03-01').code).toBe(0);
    const [header, ...rows] = readFileSync(join(out, 'current_versions.csv'), 'utf8').trim().split('\n');
    const col = header!.split(',').indexOf('version');
    const agencyCol = header!.split(',').indexOf('agency');
    expect(rows.filter((r) => r.split(',')[agencyCol] === '沭阳县发展和改革局').map((r) => r.split(',')[col])).toEqual(['1']);
    expect(readFileSync(join(out, 'application_volumes.csv'), 'utf8')).toMatch(/^沭阳县发展和改革局,2023,department,,demo,[^,]*,26,/m);
  }, CLI_TIMEOUT_MS);

  it('export and status give the same snapshot', () => {
    const out = join(dataDir, 'export-2023');
    const r = nianbao('export', '--format', 'csv', '--out', out, '--as-of', '2023-04-15');
    expect(r.code, r.err).toBe(0);
    const csv = readFileSync(join(out, 'missing_reports.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(4);
    expect(csv.slice(1).every((l) => l.includes('2023-04-15'))).toBe(true);
    const status = JSON.parse(nianbao('status', '--json', '--as-of', '2023-04-15').out) as { missing: { total: number; rows: { agency: string; year: number; reason: string }[] } };
    expect(status.missing.total).toBe(3);
    // no crawl of the site is on record, but reports from it are: the site was crawled
    expect(status.missing.rows.map((m) => m.reason)).toEqual(['other-years-found', 'other-years-found', 'other-years-found']);
  }, CLI_TIMEOUT_MS);
});
