/**
 * The warehouse's figures: load rate from records in hand to committed rows (the writer with
 * the loader's batch size, into a DuckDB file), and the time of each view on a synthetic
 * warehouse of 100,000 reports (scripts/make-synthetic-db.ts; built once in the temp directory
 * and reused while its schema version matches).
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SYNTHETIC_REPORTS, SYNTHETIC_VERSION, makeSyntheticDb, syntheticReport } from '../../scripts/make-synthetic-db.ts';
import { Database } from '../../load/db.ts';
import { DEFAULT_BATCH_SIZE } from '../../load/loader.ts';
import { quotedIdentifier } from '../../load/sql.ts';
import { SCHEMA_VERSION } from '../../load/tables.ts';
import { VIEW_NAMES } from '../../load/views.ts';
import { writeItems } from '../../load/writer.ts';
import { median, timeRuns, type BenchRow } from './harness.ts';

/** Report versions loaded per timed run (about 2 million rows). */
const LOAD_REPORTS = 10_000;
const LOAD_RUNS = 3;
const VIEW_RUNS = 7;
/** The date the as-of views are computed against, fixed so runs compare. */
const AS_OF = '2025-06-30';

/** Milliseconds of this process's CPU (user + system, DuckDB's threads included) since `from`. */
const cpuMs = (from: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
};

async function loadRate(dir: string): Promise<BenchRow[]> {
  const items = Array.from({ length: LOAD_REPORTS }, (_, i) => syntheticReport(i));
  const rates: { reports: number; rows: number; cpuRows: number; cells: number }[] = [];
  for (let run = 0; run < LOAD_RUNS; run++) {
    const path = join(dir, `load-${run}.duckdb`);
    for (const p of [path, `${path}.wal`]) if (existsSync(p)) rmSync(p);
    const db = await Database.open(path);
    let rows = 0;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let start = 0; start < items.length; start += DEFAULT_BATCH_SIZE) {
      rows += (await writeItems(db, items.slice(start, start + DEFAULT_BATCH_SIZE))).rows;
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpuSeconds = cpuMs(c0) / 1000;
    const cells = (await db.value<number>('SELECT count(*) FROM cells')) ?? 0;
    db.close();
    rates.push({ reports: items.length / seconds, rows: rows / seconds, cpuRows: rows / cpuSeconds, cells: cells / items.length });
    process.stderr.write(`bench: load run ${run + 1}: ${rows} rows in ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU (load average ${loadavg()[0]!.toFixed(1)})\n`);
  }
  const note = `${LOAD_REPORTS.toLocaleString('en-US')} synthetic reports with provenance (${median(rates.map((r) => r.cells)).toFixed(0)} cells rows each) → DuckDB file, batches of ${DEFAULT_BATCH_SIZE}, median of ${LOAD_RUNS}`;
  return [
    { name: 'load: records → committed rows', value: median(rates.map((r) => r.reports)), unit: 'records/s', note },
    { name: 'load: rows appended and committed (cells included)', value: median(rates.map((r) => r.rows)), unit: 'rows/s', target: '≥ 300,000', note },
    { name: 'load: the same per CPU second', value: median(rates.map((r) => r.cpuRows)), unit: 'rows/CPU s', target: '≥ 300,000', note: 'rows ÷ (user + system) CPU time of this process, DuckDB threads included: what a loaded machine cannot hide' },
  ];
}

async function viewTimes(dir: string): Promise<BenchRow[]> {
  const path = join(dir, `synthetic-${DEFAULT_SYNTHETIC_REPORTS}-s${SCHEMA_VERSION}-g${SYNTHETIC_VERSION}.duckdb`);
  if (!existsSync(path)) {
    process.stderr.write(`bench: building ${path} (once)…\n`);
    await makeSyntheticDb(path, DEFAULT_SYNTHETIC_REPORTS);
  }
  // a read-write open recreates the views, so a file built by an older checkout is timed with today's SQL
  const db = await Database.open(path);
  const rows: BenchRow[] = [];
  try {
    await db.run('SET VARIABLE as_of = CAST($1 AS DATE)', [AS_OF]);
    for (const view of VIEW_NAMES) {
      const sql = `SELECT * FROM ${quotedIdentifier(view)}`;
      // run() materialises the whole result inside DuckDB without converting it to JavaScript
      const cpu: number[] = [];
      const times = await timeRuns(async () => {
        const c0 = process.cpuUsage();
        await db.connection.run(sql);
        cpu.push(cpuMs(c0));
      }, VIEW_RUNS, 1);
      const count = await db.value<number>(`SELECT count(*) FROM ${quotedIdentifier(view)}`);
      rows.push({
        name: `view ${view}`, value: median(times), unit: 'ms', target: '< 200',
        note: `${count?.toLocaleString('en-US')} rows from 100,000 reports, median of ${VIEW_RUNS}; CPU ${median(cpu.slice(1)).toFixed(0)} ms (all threads)`,
      });
    }
  } finally {
    db.close();
  }
  return rows;
}

export async function bench(): Promise<BenchRow[]> {
  const dir = join(tmpdir(), 'nianbao-bench');
  mkdirSync(dir, { recursive: true });
  const only = process.env.NIANBAO_LOAD_BENCH_ONLY; // 'rate' or 'views'
  return [...(only === 'views' ? [] : await loadRate(dir)), ...(only === 'rate' ? [] : await viewTimes(dir))];
}
