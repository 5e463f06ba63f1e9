/**
 * Crawls the unseen web (sample-web/unseen/) once with fast politeness and prints, per site,
 * the expected reports, the ones found (right site, agency, year), the wrong ones and the
 * summary's status and rendered pages. `npx tsx scripts/measure-unseen.ts [static] [sample]`
 * (`sample`: the first sample web, without faults, instead).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../config/schema.ts';
import { crawl } from '../crawlers/index.ts';
import { RawStore } from '../crawlers/raw-store.ts';
import { startSampleWeb } from '../sample-web/server.ts';
import { startUnseenWeb } from '../sample-web/unseen/index.ts';

const render = process.argv.includes('static') ? 'static' : undefined;
const web = process.argv.includes('sample') ? await startSampleWeb({ rateLimitPerSecond: 0, faults: false }) : await startUnseenWeb({ rateLimitPerSecond: 0, ...(render ? { render } : {}) });
const dataDir = mkdtempSync(join(tmpdir(), 'nianbao-unseen-'));
try {
  const config = resolveConfig({ ...web.config, politeness: { delayMs: 10, maxRequestsPerMinute: 0, globalConcurrency: 8 }, limits: { ...web.config.limits, readTimeoutMs: 3000, connectTimeoutMs: 2000, retryBaseMs: 20, maxRetries: 2 }, paths: { dataDir } }, 'measure');
  const t0 = Date.now();
  const summary = await crawl(config);
  const ms = Date.now() - t0;
  const reports = new RawStore(join(dataDir, 'raw')).reports();
  const expected = web.expected();
  let total = 0;
  let found = 0;
  for (const s of summary.sites) {
    const exp = expected.filter((e) => e.siteId === s.siteId);
    const keys = new Set(exp.map((e) => `${e.agency}|${e.year}`));
    const got = reports.filter((r) => r.site_id === s.siteId);
    const gotKeys = new Set(got.map((r) => `${r.agency}|${r.year}`));
    const hit = [...keys].filter((k) => gotKeys.has(k)).length;
    const wrong = [...gotKeys].filter((k) => !keys.has(k));
    total += keys.size;
    found += hit;
    console.log(`${s.siteId.padEnd(18)} ${s.status.padEnd(14)} found ${hit}/${keys.size} reports(lines) ${got.length} wrong ${JSON.stringify(wrong)} pages ${s.pages} rendered ${(s as { rendered?: number }).rendered ?? '-'} errors ${s.errors.length}`);
    if (process.env.VERBOSE) for (const e of s.errors.slice(0, 30)) console.log('   ', e.url, e.reason);
    if (process.env.VERBOSE) for (const r of got) console.log('    got', r.agency, r.year, r.url, r.documents.map((d) => d.url).join(' '));
    if (process.env.VERBOSE) for (const k of keys) if (!gotKeys.has(k)) console.log('    missing', k);
  }
  if (process.env.FETCHLOG) {
    const { readFileSync } = await import('node:fs');
    await new Promise((r) => setTimeout(r, 1000));
    for (const line of readFileSync(join(dataDir, 'raw', 'fetch-log.jsonl'), 'utf8').split('\n').filter(Boolean)) {
      const e = JSON.parse(line) as { site_id: string; url: string; status: number; error?: string };
      if (e.site_id === process.env.FETCHLOG) console.log('  ', e.status, e.url, e.error ?? '');
    }
  }
  console.log(`total found ${found}/${total} in ${ms} ms`);
} finally {
  await web.close();
  rmSync(dataDir, { recursive: true, force: true });
}
