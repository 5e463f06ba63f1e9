/**
 * The runaway sites of issue 16 item 5, each crawled alone in a child process with the default
 * limits (maxListPages 200, maxRequestsPerSite 5,000; `NIANBAO_BENCH_SITE_BUDGET` sets another)
 * and politeness off (at the default pace
 * 5,000 requests take about 2¾ hours): requests made, wall time and peak RSS, medians of three.
 * The sites are generated (test/hostile/support/hostile-site.ts); crawl-budget.test.ts asserts the
 * bounds with small limits, this table gives the figures at the defaults.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LIMITS } from '../../config/schema.ts';
import { median, type BenchRow } from './harness.ts';
import { ENDLESS_PAGER_START, startEndlessPager, startHugeList, startSubColumnFanout, type HostileSite } from '../hostile/support/hostile-site.ts';

const CHILD = fileURLToPath(new URL('./crawl-child.ts', import.meta.url));
const RUNS = 3;
/** The site budget measured (default: the configuration's default); a shared machine may want less. */
const BUDGET = Number(process.env.NIANBAO_BENCH_SITE_BUDGET) || DEFAULT_LIMITS.maxRequestsPerSite;

const CASES: [string, () => Promise<HostileSite>, string][] = [
  ['endless 下一页 pager through index_N.html', startEndlessPager, ENDLESS_PAGER_START],
  ['100 year sub-columns on every list page', startSubColumnFanout, '/xxgk/zfxxgknb/'],
  ['one list of 80,000 report links (9 MB)', () => startHugeList(80_000), '/xxgk/zfxxgknb/'],
];

export async function bench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-crawl-hostile-'));
  const rows: BenchRow[] = [];
  try {
    for (const [name, start, path] of CASES) {
      const site = await start();
      try {
        const runs = [];
        for (let i = 0; i < RUNS; i++) {
          const dataDir = join(dir, `data-${rows.length}-${i}`);
          const config = join(dir, 'config.json');
          writeFileSync(config, JSON.stringify({ sites: [{ id: 'hostile', agency: '某某县人民政府', startUrls: [`${site.origin}${path}`] }], politeness: { delayMs: 0, maxRequestsPerMinute: 0 }, limits: { maxRequestsPerSite: BUDGET } }));
          const before = site.requests.length;
          // spawnSync would block the site's server in this process: run the child asynchronously.
          const r = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
            const child = crawlChild(config, dataDir);
            let stdout = '';
            child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
            child.on('exit', (status) => resolve({ status, stdout }));
          });
          if (r.status !== 0) throw new Error(`${name}: the crawl child failed (${r.status})`);
          const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { ms: number; requests: number; peakRssMb: number };
          runs.push({ ...out, received: site.requests.length - before });
        }
        rows.push({ name: `${name}: requests received`, value: median(runs.map((r) => r.received)), unit: 'requests', target: `≤ ${BUDGET} (maxRequestsPerSite)`, note: `median of ${RUNS}` });
        rows.push({ name: `${name}: time`, value: median(runs.map((r) => r.ms)), unit: 'ms', note: `politeness off; median of ${RUNS}` });
        rows.push({ name: `${name}: peak RSS of the crawl`, value: median(runs.map((r) => r.peakRssMb)), unit: 'MB', note: `median of ${RUNS}` });
      } finally {
        await site.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

function crawlChild(config: string, dataDir: string) {
  return spawn(process.execPath, ['--import', 'tsx', CHILD, config, dataDir], { stdio: ['ignore', 'pipe', 'ignore'] });
}
