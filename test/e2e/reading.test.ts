/**
 * Reading the data as people do (issue 15, "Reading the data"): `query` in every format, every
 * statement's result, SQL from a file or stdin, usage errors, refusals with their reason, a reader
 * that stops early (`| head`) on a real pipe, `--version`; `export --excel` and `--labels zh`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig, type PipelineConfigInput } from '../../config/schema.ts';
import { syncConfig } from '../../load/agencies.ts';
import { Database } from '../../load/db.ts';
import { recordItem } from '../../load/load-item.ts';
import { databasePath } from '../../load/paths.ts';
import { writeItems } from '../../load/writer.ts';
import { goldenRecords, tempDir } from '../load/helpers.ts';

const MAIN = fileURLToPath(new URL('../../cli/main.ts', import.meta.url));
const CLI_TIMEOUT_MS = 300_000;
/** A test runs the CLI several times, each start a few seconds on a busy machine. */
const TEST_TIMEOUT_MS = 600_000;

let dataDir: string;
let configPath: string;

function nianbao(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args, '--config', configPath, '--data-dir', dataDir], { encoding: 'utf8', timeout: CLI_TIMEOUT_MS, input });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** `nianbao ARGS | head -n 1` through a real pipe, in bash with pipefail: nianbao's own status and stderr. */
function nianbaoIntoHead(args: string[]) {
  const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
  const command = [process.execPath, '--import', 'tsx', MAIN, ...args, '--config', configPath, '--data-dir', dataDir].map(quote).join(' ');
  const r = spawnSync('bash', ['-c', `set -o pipefail; ${command} 2>"$ERR" | head -n 1`], { encoding: 'utf8', timeout: CLI_TIMEOUT_MS, env: { ...process.env, ERR: join(dataDir, 'stderr.txt') } });
  return { code: r.status, out: r.stdout, err: readFileSync(join(dataDir, 'stderr.txt'), 'utf8') };
}

beforeAll(async () => {
  dataDir = tempDir('reading');
  configPath = join(dataDir, 'config.json');
  const input: PipelineConfigInput = {
    expectedYears: [2023],
    sites: [{ id: 'huaian', agency: '洪泽区人民政府', region: '江苏省淮安市', level: 'county', startUrls: ['http://127.0.0.1:9/'], agencies: [{ name: '沭阳县发展和改革局', level: 'department' }, { name: '洪泽区农业农村局', level: 'department' }] }],
  };
  writeFileSync(configPath, JSON.stringify(input));
  const db = await Database.open(databasePath(dataDir));
  await syncConfig(db, resolveConfig(input, configPath));
  const golden = goldenRecords();
  await writeItems(db, [
    recordItem(golden.get('hongze-2023')!, { site_id: 'huaian', published: '2024-03-15' }),
    recordItem(golden.get('shuyang-fgj-2023')!, { site_id: 'huaian', published: '2024-02-17' }),
  ]);
  db.close();
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const VOLUMES = 'SELECT agency, year, granted, total_processed, grant_rate FROM application_volumes ORDER BY agency';

describe('query', () => {
  it('prints every statement of several, in each format', () => {
    const table = nianbao(['query', `${VOLUMES}; SET VARIABLE x = 1; SELECT getvariable('x') AS x, NULL AS nothing`]);
    expect(table.err).toBe('');
    expect(table.code).toBe(0);
    expect(table.out).toBe(
      [
        'agency              year  granted  total_processed  grant_rate',
        '──────────────────  ────  ───────  ───────────────  ──────────',
        '沭阳县发展和改革局  2023       26               26           1',
        '洪泽区人民政府      2023        0               21           0',
        '(2 rows)',
        '',
        'x  nothing',
        '─  ───────',
        '1        —',
        '(1 row)',
        '',
      ].join('\n'),
    );
    expect(nianbao(['query', '--format', 'csv', `${VOLUMES}; SELECT 'a,"b"' AS q, NULL AS n`]).out).toBe(
      'agency,year,granted,total_processed,grant_rate\n沭阳县发展和改革局,2023,26,26,1\n洪泽区人民政府,2023,0,21,0\n\nq,n\n"a,""b""",\n',
    );
    expect(nianbao(['query', '--format', 'tsv', `SELECT 'a' || chr(9) || 'b' AS t, 2 AS n`]).out).toBe('t\tn\na\\tb\t2\n');
    expect(nianbao(['query', '--format', 'json', `${VOLUMES}; SELECT 1 AS one`]).out).toBe(
      '{"agency":"沭阳县发展和改革局","year":2023,"granted":26,"total_processed":26,"grant_rate":1}\n' +
        '{"agency":"洪泽区人民政府","year":2023,"granted":0,"total_processed":21,"grant_rate":0}\n{"one":1}\n',
    );
    expect(nianbao(['query', '--json', 'SELECT 1 AS one']).out).toBe('{"one":1}\n');
    expect(nianbao(['query', '--format', 'markdown', `SELECT 'a|b' AS text, 3 AS n`]).out).toBe('| text | n |\n|---|---:|\n| a\\|b | 3 |\n');
    expect(nianbao(['query', '--format', 'line', `${VOLUMES} LIMIT 1`]).out).toBe(
      '         agency = 沭阳县发展和改革局\n           year = 2023\n        granted = 26\ntotal_processed = 26\n     grant_rate = 1\n',
    );
  }, TEST_TIMEOUT_MS);

  it('cuts a table to --max-width, and not at all when stdout is not a terminal', () => {
    const long = `SELECT repeat('長', 60) AS text, 1 AS n`;
    const full = nianbao(['query', long]).out.split('\n');
    expect(full[2]).toBe(`${'長'.repeat(60)}  1`);
    const cut = nianbao(['query', '--max-width', '30', long]).out.split('\n');
    expect(cut[2]).toBe(`${'長'.repeat(13)}…  1`);
    expect(Math.max(...cut.slice(0, 3).map((l) => [...l].reduce((w, ch) => w + (ch === '長' ? 2 : 1), 0)))).toBeLessThanOrEqual(30);
  }, TEST_TIMEOUT_MS);

  it('reads the SQL from -f FILE or from stdin (-)', () => {
    const file = join(dataDir, 'q.sql');
    writeFileSync(file, '\uFEFF-- a comment\nSELECT 41 + 1 AS answer;\n');
    expect(nianbao(['query', '--format', 'csv', '-f', file]).out).toBe('answer\n42\n');
    expect(nianbao(['query', '--format', 'csv', '-'], 'SELECT 7 AS seven').out).toBe('seven\n7\n');
    expect(nianbao(['query', '--format', 'csv', '-f', '-'], 'SELECT 8 AS eight').out).toBe('eight\n8\n');
  }, TEST_TIMEOUT_MS);

  it('a missing or empty SQL is a usage error (status 2)', () => {
    for (const args of [['query', ''], ['query', '  \n'], ['query'], ['query', 'SELECT 1', '-f', join(dataDir, 'q.sql')], ['query', '-f', join(dataDir, 'missing.sql')]]) {
      const r = nianbao(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/^nianbao: query: /);
    }
    expect(nianbao(['query', '-'], '').err).toMatch(/no SQL given \(stdin is empty\)/);
  }, TEST_TIMEOUT_MS);

  it('refuses a write with a non-zero status and the reason (DROP VIEW printed "Success")', () => {
    const drop = nianbao(['query', 'DROP VIEW application_volumes']);
    expect(drop.code).toBe(2);
    expect(drop.out).toBe('');
    expect(drop.err).toMatch(/statement 1 refused: query is read-only and writes no files: DROP statements are refused/);
    const copy = nianbao(['query', `COPY (SELECT 'x') TO '${databasePath(dataDir)}' (FORMAT csv, HEADER false, USE_TMP_FILE false)`]);
    expect(copy.code).toBe(2);
    expect(copy.err).toMatch(/COPY statements are refused/);
    expect(nianbao(['query', 'SELECT count(*) AS n FROM reports', '--format', 'csv']).out).toBe('n\n2\n');
  }, TEST_TIMEOUT_MS);

  it('--as-of sets the date the views compute with', () => {
    expect(nianbao(['query', '--as-of', '2024-02-01', '--format', 'csv', `SELECT getvariable('as_of') AS as_of`]).out).toBe('as_of\n2024-02-01\n');
    expect(nianbao(['query', '--as-of', '2024-02-30', 'SELECT 1']).code).not.toBe(0);
  }, TEST_TIMEOUT_MS);

  it('ends quietly when the reader stops early (| head), for every command that prints', () => {
    const q = nianbaoIntoHead(['query', '--format', 'csv', 'SELECT * FROM range(300000)']);
    expect(q).toEqual({ code: 0, out: 'range\n', err: '' });
    const s = nianbaoIntoHead(['status']);
    expect(s.code).toBe(0);
    expect(s.err).toBe('');
    expect(s.out).toMatch(/^Coverage by reporting year and level/);
    const e = nianbaoIntoHead(['export', '--format', 'csv', '--out', join(dataDir, 'exp-pipe')]);
    expect(e.code).toBe(0);
    expect(e.err).toBe('');
  }, TEST_TIMEOUT_MS);

  it('--version prints the version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--version'], { encoding: 'utf8', timeout: CLI_TIMEOUT_MS });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${pkg.version}\n`);
  }, TEST_TIMEOUT_MS);
});

describe('export for people', () => {
  it('--excel: CSV starting with a UTF-8 byte-order mark, Chinese intact; --labels zh: Chinese headers', () => {
    const out = join(dataDir, 'excel');
    const r = nianbao(['export', '--excel', '--labels', 'zh', '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const bytes = readFileSync(join(out, 'application_volumes.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\n');
    expect(lines[0]!.split(',').slice(0, 7)).toEqual(['机关', '报告年度', '层级', '地区', '网站', '格式', '本年新收政府信息公开申请数量']);
    expect(lines[0]).toContain(',予以公开率,');
    expect(lines[0]).toContain(',层级名称,报告网址,文档网址,发布日期');
    expect(lines.slice(1).some((l) => l.startsWith('洪泽区人民政府,2023,county,江苏省淮安市,huaian,2021,21,'))).toBe(true);
    expect(readFileSync(join(out, 'reports.csv'), 'utf8').split('\n')[0]).toMatch(/^\uFEFF报告版本标识,发现该报告的网站,报告机关,报告年度,/);
    // every file, tables too, has a header with no English column name left where a Chinese one is documented
    expect(readFileSync(join(out, 'refusal_reasons.csv'), 'utf8').split('\n')[0]).toBe('\uFEFF机关,报告年度,层级,类别,理由,件数,报告版本标识,地区,层级名称,类别名称,理由名称,报告网址,文档网址,读数可信度');
  }, TEST_TIMEOUT_MS);

  it('without them, plain CSV with the column names; --excel with --format parquet is a usage error', () => {
    const out = join(dataDir, 'plain');
    expect(nianbao(['export', '--format', 'csv', '--out', out]).code).toBe(0);
    const text = readFileSync(join(out, 'application_volumes.csv'), 'utf8');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text.split('\n')[0]).toMatch(/^agency,year,level,region,site_id,template,received,.*,grant_rate,grant_or_partial_rate,report_id,level_zh,url,source_url,published,reading_confidence$/);
    const bad = nianbao(['export', '--excel', '--format', 'parquet', '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--excel writes CSV/);
  }, TEST_TIMEOUT_MS);

  it('--as-of: the views as of that date', () => {
    const early = join(dataDir, 'early');
    const late = join(dataDir, 'late');
    expect(nianbao(['export', '--format', 'csv', '--as-of', '2024-01-15', '--out', early]).code).toBe(0);
    expect(nianbao(['export', '--format', 'csv', '--as-of', '2024-06-30', '--out', late]).code).toBe(0);
    expect(readFileSync(join(early, 'missing_reports.csv'), 'utf8').trim().split('\n')).toHaveLength(1);
    const missing = readFileSync(join(late, 'missing_reports.csv'), 'utf8').trim().split('\n');
    expect(missing).toHaveLength(2);
    expect(missing[1]).toMatch(/^huaian,洪泽区农业农村局,department,江苏省淮安市,2023,2024-01-31,2024-06-30,151/);
  }, TEST_TIMEOUT_MS);
});
