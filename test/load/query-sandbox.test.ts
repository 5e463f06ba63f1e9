/**
 * The query sandbox (issue 16.1): every probe that wrote files, fetched or changed the session is
 * refused with its reason, the warehouse file is byte-for-byte the same after each, and
 * `--allow-files DIR` writes under DIR only — never the warehouse, even through `..`, a symbolic
 * link or a hard link.
 */
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/schema.ts';
import { syncConfig } from '../../load/agencies.ts';
import { Database } from '../../load/db.ts';
import { recordItem } from '../../load/load-item.ts';
import { databasePath } from '../../load/paths.ts';
import { openQuerySession, runStatements, splitStatements, type StatementResult } from '../../load/query-sandbox.ts';
import { writeItems } from '../../load/writer.ts';
import { goldenRecords, tempDir } from './helpers.ts';

let root: string;
let dataDir: string;
let warehouse: string;
let hash: string;

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

beforeAll(async () => {
  root = tempDir('sandbox');
  dataDir = join(root, 'data');
  mkdirSync(dataDir);
  warehouse = databasePath(dataDir);
  const db = await Database.open(warehouse);
  await syncConfig(db, resolveConfig({ expectedYears: [2023], sites: [{ id: 'huaian', agency: '洪泽区人民政府', level: 'county', startUrls: ['http://127.0.0.1/'] }] }, 'test config'));
  await writeItems(db, [recordItem(goldenRecords().get('hongze-2023')!, { site_id: 'huaian', published: '2024-03-15' })]);
  db.close();
  hash = sha(warehouse);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs `sql` in a fresh session; the results, or the error's message. */
async function run(sql: string, allowFiles?: string): Promise<{ results: StatementResult[]; error: string | null }> {
  const session = await openQuerySession(dataDir, { allowFiles });
  const results: StatementResult[] = [];
  try {
    for await (const r of runStatements(session, sql)) results.push(r);
    return { results, error: null };
  } catch (err) {
    return { results, error: err instanceof Error ? err.message : String(err) };
  } finally {
    session.close();
  }
}

/** The warehouse is unchanged and still opens and answers. */
async function expectWarehouseIntact(): Promise<void> {
  expect(sha(warehouse)).toBe(hash);
  const db = await Database.open(warehouse, { readOnly: true });
  try {
    expect(await db.value('SELECT count(*) FROM reports')).toBe(1);
  } finally {
    db.close();
  }
}

describe('query by default writes nothing anywhere and fetches nothing', () => {
  const outside = () => join(root, 'outside');
  const probes: [name: string, sql: () => string, reason: RegExp][] = [
    ['COPY over the warehouse', () => `COPY (SELECT 'x') TO '${warehouse}' (FORMAT csv, HEADER false)`, /COPY statements are refused/],
    ['COPY over the warehouse without a temporary file', () => `COPY (SELECT 'x') TO '${warehouse}' (FORMAT csv, HEADER false, USE_TMP_FILE false)`, /COPY statements are refused/],
    ['COPY to any path', () => `COPY (SELECT 1) TO '${outside()}.csv'`, /statement 1 refused: (Permission Error|.*COPY statements are refused)/],
    ['EXPORT DATABASE', () => `EXPORT DATABASE '${outside()}'`, /refused: .*(EXPORT|Cannot access file)/],
    ['ATTACH read-write, then CREATE', () => `ATTACH '${outside()}.duckdb' AS o (READ_WRITE); CREATE TABLE o.t AS SELECT 1`, /statement 1 refused: .*ATTACH statements are refused/],
    ['CALL enable_logging to a file', () => `CALL enable_logging(storage_path='${outside()}-log')`, /calls enable_logging/],
    ['enable_logging from a SELECT (aborts DuckDB when run)', () => `SELECT * FROM enable_logging(storage_path='${outside()}-log')`, /calls enable_logging/],
    ['enable_logging in a subquery of SET VARIABLE', () => `SET VARIABLE x = (SELECT count(*) FROM "enable_logging" /* c */ (storage_path='${outside()}-log'))`, /calls enable_logging/],
    ['SET temp_directory', () => `SET temp_directory = '${outside()}-tmp'`, /cannot change DuckDB settings/],
    ['SET enable_external_access back on', () => `SET enable_external_access = true`, /cannot change DuckDB settings/],
    ['RESET lock_configuration', () => `RESET lock_configuration`, /cannot change DuckDB settings/],
    ['INSTALL httpfs', () => 'INSTALL httpfs', /installs and loads no extensions and fetches nothing/],
    ['LOAD httpfs', () => 'LOAD httpfs', /installs and loads no extensions/],
    ['reading a URL', () => `SELECT * FROM read_csv('http://127.0.0.1:9/x.csv')`, /refused: Permission Error/],
    ['reading a file outside', () => `SELECT * FROM read_text('/etc/hostname')`, /refused: Permission Error/],
    ['DROP VIEW (printed "Success" before)', () => 'DROP VIEW application_volumes', /DROP statements are refused/],
    ['DELETE', () => 'DELETE FROM reports', /read-only/],
    ['CREATE TEMP TABLE', () => 'CREATE TEMP TABLE t AS SELECT 1', /CREATE statements are refused/],
    ['EXPLAIN ANALYZE of a COPY (runs it)', () => `EXPLAIN ANALYZE COPY (SELECT 1) TO '${outside()}.csv'`, /refused/],
    ['CHECKPOINT', () => 'CHECKPOINT', /does not checkpoint/],
    ['PRAGMA that changes the session', () => 'PRAGMA enable_profiling', /PRAGMA statements are refused/],
    ['query() runs SQL held in a string', () => `SELECT * FROM query('SELECT 1')`, /calls query/],
    ['PREPARE / EXECUTE', () => `PREPARE p AS SELECT 1; EXECUTE p`, /PREPARE statements are refused/],
  ];
  for (const [name, sql, reason] of probes) {
    it(`refuses ${name}, and the warehouse stays valid`, async () => {
      const { error } = await run(sql());
      expect(error).toMatch(reason);
      await expectWarehouseIntact();
      expect(readdirSync(root).sort()).toEqual(['data']);
      expect(readdirSync(dataDir).sort()).toEqual(['nianbao.duckdb']);
    });
  }

  it('still reads: SELECT, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN, SET VARIABLE, CALL of a reading function, every result', async () => {
    const { results, error } = await run(
      `SELECT agency, year FROM application_volumes; DESCRIBE reports; SHOW TABLES; SUMMARIZE SELECT 1 AS a; EXPLAIN SELECT 1;
       SET VARIABLE as_of = DATE '2025-06-30'; SELECT getvariable('as_of') AS as_of; CALL pragma_table_info('labels')`,
    );
    expect(error).toBeNull();
    expect(results.map((r) => r.statement)).toEqual([1, 2, 3, 4, 5, 7, 8]);
    expect(results[0]!.rows).toEqual([['洪泽区人民政府', 2023]]);
    expect(results[5]!.rows).toEqual([['2025-06-30']]);
    await expectWarehouseIntact();
  });

  it('runs the statements before a refused one, and none after it', async () => {
    const { results, error } = await run('SELECT 1 AS a; DROP VIEW litigation; SELECT 2 AS b');
    expect(results.map((r) => r.rows)).toEqual([[[1]]]);
    expect(error).toMatch(/^nianbao: statement 2 refused/);
  });

  it('refuses a query naming a refused function anywhere before running any statement', async () => {
    const { results, error } = await run(`SELECT 1; SELECT * FROM duckdb_logs, checkpoint()`);
    expect(results).toEqual([]);
    expect(error).toMatch(/calls checkpoint/);
  });
});

describe('--allow-files DIR', () => {
  let allowed: string;
  beforeAll(() => {
    allowed = join(root, 'allowed');
    mkdirSync(allowed);
  });

  it('writes and reads files under DIR: COPY, ATTACH + CREATE, EXPORT DATABASE', async () => {
    const { results, error } = await run(
      `COPY (SELECT agency, year FROM application_volumes) TO '${allowed}/v.csv';
       SELECT * FROM read_csv('${allowed}/v.csv');
       ATTACH '${allowed}/scratch.duckdb' AS s (READ_WRITE); CREATE TABLE s.r AS SELECT * FROM reports; SELECT count(*) AS n FROM s.r;
       EXPORT DATABASE '${allowed}/export'`,
      allowed,
    );
    expect(error).toBeNull();
    expect(results.find((r) => r.statement === 2)!.rows).toEqual([['洪泽区人民政府', 2023]]);
    expect(results.find((r) => r.statement === 5)!.rows).toEqual([[1]]);
    expect(existsSync(join(allowed, 'export', 'reports.csv'))).toBe(true);
    await expectWarehouseIntact();
  });

  it('never the warehouse: its own path, through .., or its .wal', async () => {
    for (const target of [warehouse, join(allowed, '..', 'data', 'nianbao.duckdb'), `${warehouse}.wal`]) {
      const { error } = await run(`COPY (SELECT 'x') TO '${target}' (FORMAT csv, USE_TMP_FILE false)`, allowed);
      expect(error).toMatch(/refused: Permission Error/);
      const attach = await run(`ATTACH '${target}' AS w (READ_WRITE)`, allowed);
      expect(attach.error).toMatch(/refused|failed/);
      await expectWarehouseIntact();
    }
    expect(readdirSync(dataDir)).toEqual(['nianbao.duckdb']);
  });

  it('refuses a DIR with a symbolic link (to the file or a directory above it) or a hard link into the data directory', async () => {
    const links: [string, () => void][] = [
      ['symlink to the warehouse', () => symlinkSync(warehouse, join(allowed, 'w.duckdb'))],
      ['symlink to the data directory, deeper down', () => (mkdirSync(join(allowed, 'deep'), { recursive: true }), symlinkSync(dataDir, join(allowed, 'deep', 'up')))],
      ['relative symlink through ..', () => symlinkSync('../data/nianbao.duckdb.wal', join(allowed, 'wal'))],
      ['symlink to the root', () => symlinkSync('/', join(allowed, 'root'))],
      ['hard link to the warehouse', () => linkSync(warehouse, join(allowed, 'hard.duckdb'))],
    ];
    for (const [name, make] of links) {
      make();
      try {
        const attempt = openQuerySession(dataDir, { allowFiles: allowed });
        await expect(attempt, name).rejects.toThrow(/--allow-files .*(a link into|a hard link to a file of) the data directory/);
      } finally {
        for (const f of ['w.duckdb', 'deep', 'wal', 'root', 'hard.duckdb']) rmSync(join(allowed, f), { recursive: true, force: true });
      }
      await expectWarehouseIntact();
    }
  });

  it('refuses DIR inside the data directory or holding it', async () => {
    await expect(openQuerySession(dataDir, { allowFiles: dataDir })).rejects.toThrow(/is or lies inside the data directory/);
    await expect(openQuerySession(dataDir, { allowFiles: root })).rejects.toThrow(/holds the data directory/);
    await expect(openQuerySession(dataDir, { allowFiles: join(root, 'nope') })).rejects.toThrow(/no such directory/);
  });

  it("a statement that drops or replaces nianbao's views is refused (they are the session's)", async () => {
    const { error } = await run(`CREATE OR REPLACE TEMP VIEW application_volumes AS SELECT 1 AS x`, allowed);
    expect(error).toMatch(/dropped or replaced one of nianbao's views/);
  });

  it('reads a private copy of the warehouse, removed afterwards', async () => {
    const { results, error } = await run(`SELECT path FROM duckdb_databases() WHERE path IS NOT NULL`, allowed);
    expect(error).toBeNull();
    const copy = String(results[0]!.rows[0]![0]);
    expect(copy).toMatch(/nianbao-query-.*nianbao\.duckdb$/);
    expect(existsSync(copy)).toBe(false);
  });
});

describe('splitStatements', () => {
  it('splits at semicolons outside quotes, comments and dollar quotes', () => {
    expect(splitStatements(`SELECT 'a;b'; SELECT "x;" -- c;\n; /* ; */ SELECT $$;$$;  ;`)).toEqual([`SELECT 'a;b'`, ` SELECT "x;" -- c;\n`, ` /* ; */ SELECT $$;$$`]);
  });
});
