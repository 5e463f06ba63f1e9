/**
 * The crawler's figures (issue 4): pages per second with politeness off (the crawler's own cost:
 * no delay, several requests per host), peak memory while crawling 1,000 synthetic sites (in a
 * child process, apart from the sample web serving them), and the requests of a second run over
 * the unchanged web as a share of the first run's, on small town sites and on county-shaped ones;
 * and (issue 8) the pages rendered in Chromium per site of the unseen web, the wall time rendering
 * costs there (render 'auto' against 'static'), and the renders on the first sample web, where
 * static pages suffice but for one JavaScript-only list.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { resolveConfig, type PipelineConfigInput } from '../../config/schema.ts';
import { crawl } from '../../crawlers/index.ts';
import { startSampleWeb, type SampleWeb } from '../../sample-web/server.ts';
import { startUnseenWeb } from '../../sample-web/unseen/index.ts';
import { median, type BenchRow } from './harness.ts';

const THROUGHPUT_SITES = 200;
const MEMORY_SITES = 1000;
const RUNS = 5;
/** Politeness off: no pause, several requests per host, many hosts at once. */
const POLITENESS_OFF = { delayMs: 0, maxRequestsPerMinute: 0, perHostConcurrency: 2, globalConcurrency: 16 };

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** The synthetic sites' part of the sample web's configuration, politeness off. */
function syntheticConfig(web: SampleWeb, dataDir?: string): PipelineConfigInput {
  const ids = new Set(web.sites.filter((s) => s.archetype === 'synthetic').map((s) => s.id));
  return { ...web.config, sites: web.config.sites!.filter((s) => ids.has(s.id)), politeness: POLITENESS_OFF, ...(dataDir ? { paths: { dataDir } } : {}) };
}

async function throughput(): Promise<BenchRow> {
  const web = await startSampleWeb({ synthetic: THROUGHPUT_SITES, rateLimitPerSecond: 0, faults: false });
  const rates: number[] = [];
  let pages = 0;
  try {
    for (let i = 0; i <= RUNS; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'nianbao-bench-crawl-'));
      try {
        const t0 = performance.now();
        const summary = await crawl(resolveConfig(syntheticConfig(web, dataDir), 'bench'));
        const ms = performance.now() - t0;
        pages = summary.sites.reduce((n, s) => n + s.pages, 0);
        // The first run warms up (module loading, JIT) and is not counted.
        if (i > 0) rates.push(pages / (ms / 1000));
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await web.close();
  }
  return { name: `crawl, politeness off (${THROUGHPUT_SITES} synthetic sites)`, value: median(rates), unit: 'pages/s', target: '≥ 300', note: `${pages} pages a run, median of ${RUNS} after 1 warm-up; sample web in the same process` };
}

async function scale(): Promise<BenchRow[]> {
  const web = await startSampleWeb({ synthetic: MEMORY_SITES, rateLimitPerSecond: 0, faults: false });
  const work = mkdtempSync(join(tmpdir(), 'nianbao-bench-scale-'));
  try {
    const configPath = join(work, 'config.json');
    writeFileSync(configPath, JSON.stringify(syntheticConfig(web)));
    const child = async () => {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'test/bench/crawl-child.ts'), configPath, join(work, 'data')], { cwd: ROOT, maxBuffer: 1 << 20 });
      return JSON.parse(stdout.trim().split('\n').at(-1)!) as { ms: number; pages: number; requests: number; reports: number; peakRssMb: number };
    };
    const before = web.requests.length;
    const first = await child();
    const firstRequests = web.requests.length - before;
    const second = await child();
    const secondRequests = web.requests.length - before - firstRequests;
    return [
      { name: `peak memory crawling ${MEMORY_SITES} synthetic sites`, value: first.peakRssMb, unit: 'MB', target: '< 1024', note: `crawler process alone; ${first.pages} pages, ${first.reports} reports in ${(first.ms / 1000).toFixed(1)} s` },
      { name: 'second run over the unchanged web', value: (100 * secondRequests) / firstRequests, unit: '% of requests', target: '≤ 10', note: `${secondRequests} of ${firstRequests} requests (the list pages again; no document); ${(second.ms / 1000).toFixed(1)} s` },
    ];
  } finally {
    await web.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** County-shaped sites for the second-run share: a real county column (39 reports, 15 a page). */
const COUNTY_SITES = 100;

/**
 * The second run's share of requests on county-shaped sites. On the small town sites above, the
 * list pages alone (which every run must fetch again) are one request in seven; a county
 * column of the usual size shows what a nightly run over real portals asks again.
 */
async function secondRunCounty(): Promise<BenchRow> {
  const web = await startSampleWeb({ synthetic: COUNTY_SITES, syntheticShape: 'county', rateLimitPerSecond: 0, faults: false });
  const dataDir = mkdtempSync(join(tmpdir(), 'nianbao-bench-county-'));
  try {
    const config = resolveConfig(syntheticConfig(web, dataDir), 'bench');
    const before = web.requests.length;
    const first = await crawl(config);
    const firstRequests = web.requests.length - before;
    await crawl(config);
    const secondRequests = web.requests.length - before - firstRequests;
    const reports = first.sites.reduce((n, s) => n + s.reportsFound, 0);
    return { name: `second run, ${COUNTY_SITES} county-shaped sites`, value: (100 * secondRequests) / firstRequests, unit: '% of requests', target: '≤ 10', note: `${secondRequests} of ${firstRequests} requests; ${reports} reports (13 agencies × 3 years a site, 15 to a list page)` };
  } finally {
    await web.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const RENDER_RUNS = Number(process.env.NIANBAO_BENCH_RENDER_RUNS) || 3;
/** Clock ticks per second of /proc's times (USER_HZ: 100 on Linux). */
const USER_HZ = 100;

/**
 * CPU seconds so far of this process (crawler and the webs' servers) and of its waited-for
 * children (Chromium: its processes end, and are counted, when the crawl closes the browser).
 */
function cpuSeconds(): { own: number; children: number } {
  const u = process.cpuUsage();
  // /proc/self/stat: fields after the ")" of the command name; cutime and cstime are fields 16 and 17
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /s, '').split(' ');
  return { own: (u.user + u.system) / 1e6, children: (Number(fields[13]) + Number(fields[14])) / USER_HZ };
}
/** Politeness for the render figures: a short pause, no per-minute cap (Chromium's requests pass the same fetcher). */
const RENDER_POLITENESS = { delayMs: 10, maxRequestsPerMinute: 0, globalConcurrency: 8 };

/** One crawl of a web's configuration into a fresh data dir: its summary and wall time. */
async function timedCrawl(config: PipelineConfigInput) {
  const dataDir = mkdtempSync(join(tmpdir(), 'nianbao-bench-render-'));
  try {
    const c0 = cpuSeconds();
    const t0 = performance.now();
    const summary = await crawl(resolveConfig({ ...config, politeness: RENDER_POLITENESS, paths: { dataDir } }, 'bench'));
    const ms = performance.now() - t0;
    const c1 = cpuSeconds();
    return { summary, ms, cpu: { own: c1.own - c0.own, chromium: c1.children - c0.children } };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Pages rendered per site of the unseen web, and what rendering costs in wall time (auto against static). */
async function rendering(): Promise<BenchRow[]> {
  const auto = await startUnseenWeb({ rateLimitPerSecond: 0 });
  const still = await startUnseenWeb({ rateLimitPerSecond: 0, render: 'static' });
  const sample = await startSampleWeb({ rateLimitPerSecond: 0, faults: false });
  try {
    const autoRuns: Awaited<ReturnType<typeof timedCrawl>>[] = [];
    const staticRuns: Awaited<ReturnType<typeof timedCrawl>>[] = [];
    const sampleRuns: Awaited<ReturnType<typeof timedCrawl>>[] = [];
    for (let i = 0; i < RENDER_RUNS; i++) {
      autoRuns.push(await timedCrawl(auto.config));
      staticRuns.push(await timedCrawl(still.config));
      sampleRuns.push(await timedCrawl(sample.config));
    }
    const perSite = autoRuns[0]!.summary.sites.map((s) => {
      const rendered = median(autoRuns.map((r) => r.summary.sites.find((x) => x.siteId === s.siteId)!.rendered ?? 0));
      const found = median(autoRuns.map((r) => r.summary.sites.find((x) => x.siteId === s.siteId)!.reportsFound));
      const expected = auto.expected().filter((e) => e.siteId === s.siteId).length;
      return { name: `unseen web: pages rendered, ${s.siteId}`, value: rendered, unit: 'pages', note: `${found}/${expected} reports found; median of ${RENDER_RUNS} runs` } satisfies BenchRow;
    });
    const autoMs = median(autoRuns.map((r) => r.ms));
    const stillMs = median(staticRuns.map((r) => r.ms));
    const cpu = (runs: typeof autoRuns) => `CPU ${median(runs.map((r) => r.cpu.own)).toFixed(1)} s node + ${median(runs.map((r) => r.cpu.chromium)).toFixed(1)} s Chromium`;
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    const found = median(autoRuns.map((r) => r.summary.sites.reduce((n, s) => n + s.reportsFound, 0)));
    const sampleRendered = median(sampleRuns.map((r) => r.summary.sites.reduce((n, s) => n + (s.rendered ?? 0), 0)));
    return [
      ...perSite,
      { name: 'unseen web: wall time rendering costs (auto − static)', value: (autoMs - stillMs) / 1000, unit: 's', note: `auto ${(autoMs / 1000).toFixed(1)} s wall, ${cpu(autoRuns)} (${found}/${auto.expected().length} reports); static ${(stillMs / 1000).toFixed(1)} s wall, ${cpu(staticRuns)}; medians of ${RENDER_RUNS}; load average ${load}` },
      { name: 'first sample web: pages rendered (static pages suffice)', value: sampleRendered, unit: 'pages', target: '1 (lixia\'s JS-only list)', note: `crawl ${(median(sampleRuns.map((r) => r.ms)) / 1000).toFixed(1)} s wall, ${cpu(sampleRuns)}; median of ${RENDER_RUNS}` },
    ];
  } finally {
    await Promise.all([auto.close(), still.close(), sample.close()]);
  }
}

export async function bench(): Promise<BenchRow[]> {
  if (process.env.NIANBAO_BENCH_ONLY === 'render') return rendering();
  return [await throughput(), ...(await scale()), await secondRunCounty(), ...(await rendering())];
}
