/**
 * `npm run bench -- site`: the time `nianbao site` takes on a synthetic warehouse of 10,000
 * agencies × 5 years (50,000 reports; scripts/make-synthetic-db.ts, built once in the temp
 * directory), its size and its largest page. The aim (issue 13): < 60 s, every page < 300 KB.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYNTHETIC_VERSION, makeSyntheticDb } from '../../scripts/make-synthetic-db.ts';
import { Database } from '../../load/db.ts';
import { SCHEMA_VERSION } from '../../load/tables.ts';
import { openReadOnly } from '../../load/read-only.ts';
import { bundleClient } from '../../site/bundle.ts';
import { buildSite } from '../../site/build.ts';
import { median, type BenchRow } from './harness.ts';

const REPORTS = Number(process.env.NIANBAO_SITE_BENCH_REPORTS ?? 50_000);
const RUNS = Number(process.env.NIANBAO_SITE_BENCH_RUNS ?? 3);
const AS_OF = '2025-06-30';

export async function bench(): Promise<BenchRow[]> {
  const dir = join(tmpdir(), 'nianbao-bench');
  const dataDir = join(dir, `site-${REPORTS}-s${SCHEMA_VERSION}-g${SYNTHETIC_VERSION}`);
  const dbPath = join(dataDir, 'nianbao.duckdb');
  if (!existsSync(dbPath)) {
    mkdirSync(dataDir, { recursive: true });
    process.stderr.write(`bench: building ${dbPath} (once)…\n`);
    await makeSyntheticDb(dbPath, REPORTS);
  }
  // a read-write open recreates the views with today's SQL
  (await Database.open(dbPath)).close();
  await bundleClient(); // esbuild bundles the client once per process (~2 s), before the timed runs
  const times: number[] = [];
  const cpu: number[] = [];
  let last: Awaited<ReturnType<typeof buildSite>> | null = null;
  for (let run = 0; run < RUNS; run++) {
    const out = join(dir, `site-out-${run}`);
    rmSync(out, { recursive: true, force: true });
    const db = await openReadOnly(dataDir);
    try {
      await db.run('SET VARIABLE as_of = CAST($1 AS DATE)', [AS_OF]);
      const t = performance.now();
      const c = process.cpuUsage();
      last = await buildSite(db, { out });
      times.push((performance.now() - t) / 1000);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1e6);
    } finally {
      db.close();
    }
    rmSync(out, { recursive: true, force: true });
  }
  const s = last!;
  const pages = s.pages.agencies + s.pages.reports + s.pages.coverage + s.pages.other;
  const note = `${REPORTS.toLocaleString('en-US')} synthetic reports, ${s.pages.agencies.toLocaleString('en-US')} agencies; median of ${RUNS}`;
  return [
    { name: 'site: build (warehouse → folder)', value: median(times), unit: 's', target: '< 60', note },
    { name: 'site: build, CPU time of this process', value: median(cpu), unit: 's', note: 'user + system; DuckDB threads included (the machine is shared)' },
    { name: 'site: pages written', value: pages / median(times), unit: 'pages/s', note: `${pages.toLocaleString('en-US')} pages` },
    { name: 'site: folder size', value: s.bytes / 1e6, unit: 'MB', note: 'HTML, data files, assets (no archive)' },
    { name: 'site: phases of the last run', value: 0, unit: '', note: Object.entries(s.phases).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ') },
    { name: 'site: largest page', value: s.largestPage.bytes / 1024, unit: 'KB', target: '< 300', note: s.largestPage.path },
  ];
}
