/**
 * Runs one crawl in a process of its own and prints what it cost as one JSON line: the crawl
 * bench measures the crawler's peak memory apart from the sample web serving it.
 *   tsx test/bench/crawl-child.ts CONFIG.json DATA_DIR
 */
import { loadConfig } from '../../config/load.ts';
import { crawl } from '../../crawlers/index.ts';
import { peakRssMb } from './harness.ts';

const [configPath, dataDir] = process.argv.slice(2);
const config = await loadConfig({ config: configPath, dataDir });
const t0 = performance.now();
const summary = await crawl(config);
const ms = performance.now() - t0;
const sum = (f: (s: (typeof summary.sites)[number]) => number) => summary.sites.reduce((n, s) => n + f(s), 0);
console.log(JSON.stringify({ ms, pages: sum((s) => s.pages), requests: sum((s) => s.requests), reports: sum((s) => s.reportsFound), peakRssMb: peakRssMb() }));
