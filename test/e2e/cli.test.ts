/**
 * The warehouse commands as a user runs them (`nianbao load`, `status`, `query`, `export`,
 * `reextract`), on a raw store holding three of the corpus's text and HTML reports.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { RawStore, sha256Hex } from '../../crawlers/raw-store.ts';
import { PARSER_VERSION } from '../../extract/record.ts';
import { Database } from '../../load/db.ts';
import { databasePath, rawStoreDir } from '../../load/paths.ts';
import { CORPUS, tempDir } from '../load/helpers.ts';

const MAIN = fileURLToPath(new URL('../../cli/main.ts', import.meta.url));
const CLI_TIMEOUT_MS = 60_000;

let dataDir: string;
let configPath: string;

function nianbao(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args, '--config', configPath, '--data-dir', dataDir], { encoding: 'utf8', timeout: CLI_TIMEOUT_MS });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  dataDir = tempDir('cli');
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
    ['seeds/000_3e089bbee027005d.txt', '高新技术产业开发区管理办公室', 2021, '2022-02-15', 'txt'],
    ['seeds/002_53998b694067610d.txt', '沭阳县人民政府', 2022, '2023-03-20', 'txt'],
    ['real/shuyang-fgj-2023.html', '沭阳县发展和改革局', 2023, '2024-01-17', 'html'],
  ] as const;
  for (const [file, agency, year, published, format] of reports) {
    const bytes = readFileSync(join(CORPUS, file));
    const sha = store.put(bytes);
    const url = `http://127.0.0.1:9/${file}`;
    store.logFetch({ site_id: 'demo', url, final_url: url, status: 200, content_type: null, encoding: null, etag: null, last_modified: null, sha256: sha, bytes: bytes.length, fetched_at: '2025-01-01T00:00:00.000Z' });
    store.addReport({ site_id: 'demo', agency, year, title: `${agency}${year}年政府信息公开工作年度报告`, url, published, documents: [{ url, sha256: sha, format, role: 'body' }], version: 1, content_sha256: sha256Hex(Buffer.from(sha)), found_at: '2025-01-01T00:00:00.000Z', confidence: 'high' });
  }
});

describe('the warehouse commands', () => {
  it('load, then load again: the second finds everything loaded', () => {
    const first = nianbao('load');
    expect(first.err).not.toContain('internal error');
    expect(first.code).toBe(0);
    expect(first.out).toContain(`load: 3 report versions in the raw store; 0 already loaded with parser ${PARSER_VERSION}; 3 loaded (0 without figures)`);
    const second = nianbao('load', '--json');
    expect(JSON.parse(second.out)).toMatchObject({ inStore: 3, upToDate: 3, loaded: 0 });
  }, CLI_TIMEOUT_MS);

  it('status prints coverage and the late report as of a date', () => {
    const r = nianbao('status', '--as-of', '2024-06-30');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Coverage by reporting year and level, as of 2024-06-30 (3 current reports)');
    expect(r.out).toMatch(/2021 +高新技术产业开发区管理办公室 +— +2022-02-15 +2022-01-31 +15/);
    expect(r.out).toMatch(/2021 +沭阳县发展和改革局 +department +2022-01-31/);
    expect(nianbao('status', '--as-of', '30/06/2024').code).toBe(2);
  }, CLI_TIMEOUT_MS);

  it('query prints a table or JSON lines, and refuses to write', () => {
    const table = nianbao('query', 'SELECT agency, year, received FROM application_volumes ORDER BY year');
    expect(table.code).toBe(0);
    expect(table.out.split('\n')[2]).toMatch(/^高新技术产业开发区管理办公室 +2021 +3$/);
    const json = nianbao('query', '--json', "SET VARIABLE as_of = DATE '2024-06-30'; SELECT agency, year FROM missing_reports");
    expect(json.out.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { agency: '沭阳县人民政府', year: 2021 },
      { agency: '沭阳县发展和改革局', year: 2021 },
      { agency: '沭阳县发展和改革局', year: 2022 },
      { agency: '沭阳县人民政府', year: 2023 },
    ]);
    const write = nianbao('query', 'DELETE FROM reports');
    expect(write.code).toBe(2);
    expect(write.err).toMatch(/read-only/);
  }, CLI_TIMEOUT_MS);

  it('says the database is in use while another process writes it', async () => {
    const writer = await Database.open(databasePath(dataDir));
    try {
      const r = nianbao('query', 'SELECT 1');
      expect(r.code).toBe(3);
      expect(r.err).toMatch(/is in use by another process/);
    } finally {
      writer.close();
    }
  }, CLI_TIMEOUT_MS);

  it('export writes one file per table and view; reextract reloads everything', () => {
    const out = join(dataDir, 'export');
    expect(nianbao('export', '--format', 'csv', '--out', out).code).toBe(0);
    expect(readFileSync(join(out, 'application_volumes.csv'), 'utf8').split('\n')[0]).toMatch(/^agency,year,level,region,site_id,template,received,/);
    expect(existsSync(join(out, 'crawl_log.csv'))).toBe(true);
    const r = nianbao('reextract', '--json');
    expect(JSON.parse(r.out)).toMatchObject({ inStore: 3, upToDate: 0, loaded: 3 });
  }, CLI_TIMEOUT_MS);
});
