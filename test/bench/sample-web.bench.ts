/**
 * The sample web's own cost, so the crawler's pages/s figure is not the server's limit: time to
 * start 1,000 synthetic sites, and pages per second it serves to a plain fetch client over
 * keep-alive connections (concurrency 8, pages already rendered once).
 */
import { median, timeRuns, type BenchRow } from './harness.ts';
import { startSampleWeb } from '../../sample-web/server.ts';

const SYNTHETIC = 1000;
const CONCURRENCY = 8;
const ROUNDS = 3;

async function fetchAll(urls: string[]): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < urls.length) {
      const r = await fetch(urls[next++]!);
      await r.arrayBuffer();
    }
  }));
}

export async function bench(): Promise<BenchRow[]> {
  const startMs = await timeRuns(async () => {
    const web = await startSampleWeb({ synthetic: SYNTHETIC, rateLimitPerSecond: 0 });
    await web.close();
  }, 3, 1);

  // The bench runs in one process with the others: the process's peak says nothing about the
  // sample web, so its cost is what its pages add to the resident set while it serves them.
  const rssBefore = process.memoryUsage.rss();
  const web = await startSampleWeb({ synthetic: SYNTHETIC, rateLimitPerSecond: 0, faults: false });
  try {
    const urls = web.expected().flatMap((e) => [e.detailUrl, ...e.documentUrls]);
    for (const s of web.sites) urls.push(...s.startUrls);
    await fetchAll(urls);
    const times = await timeRuns(() => fetchAll(urls), ROUNDS, 0);
    const rssAdded = (process.memoryUsage.rss() - rssBefore) / 1024 / 1024;
    return [
      { name: `start + close ${SYNTHETIC} synthetic sites (+ the hand-built ones)`, value: median(startMs), unit: 'ms', note: 'median of 3 after 1 warm-up' },
      { name: 'pages served (fetch client, 8 in flight)', value: urls.length / (median(times) / 1000), unit: 'pages/s', target: '≫ 300', note: `${urls.length} pages and documents × ${ROUNDS} rounds, median` },
      { name: `resident memory added by ${SYNTHETIC} synthetic sites, served`, value: rssAdded, unit: 'MB', note: 'RSS after serving every page minus before starting; server and client in one process' },
    ];
  } finally {
    await web.close();
  }
}
