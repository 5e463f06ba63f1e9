/**
 * The default configuration: what `nianbao crawl` / `run` use without `--config`. Copy it, list
 * your sites, and pass the copy with `--config my.config.ts` (or write the same shape as JSON).
 * Every key is checked at start: config/schema.ts documents each one and its default.
 */
import { defineConfig } from './config/schema.ts';

export default defineConfig({
  // The sites to crawl. An example entry (a county portal whose 政府信息公开年报 column holds the
  // reports of the county government and its departments):
  // {
  //   id: 'qinghe', agency: '清河县人民政府', region: '河北省邢台市', level: 'county',
  //   startUrls: ['http://www.qinghe.gov.cn/'],
  //   agencies: [{ name: '清河县农业农村局', level: 'department' }],
  // },
  sites: [],
  // Reporting years every agency should have a report for (coverage, missing_reports).
  expectedYears: [2021, 2022, 2023, 2024, 2025],
  politeness: {
    perHostConcurrency: 1,
    delayMs: 1000,
    maxRequestsPerMinute: 30,
    respectRobotsTxt: true,
  },
  limits: {
    maxDocumentBytes: 50 * 1024 * 1024,
    connectTimeoutMs: 10_000,
    readTimeoutMs: 30_000,
    maxRetries: 3,
  },
  // What a nightly run re-asks: stored documents are reused for a week, then revalidated with a
  // conditional request; 0 revalidates every document every night (a same-URL correction is then
  // seen the next morning, at the cost of one request per stored document).
  incremental: { revalidateAfterHours: 168, rediscoverAfterHours: 168 },
  paths: { dataDir: 'data' },
});
