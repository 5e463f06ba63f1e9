/**
 * `nianbao demo` (= `npm start`): starts the sample web on 127.0.0.1, runs the whole pipeline on
 * it into `data/demo/` (fresh each time), prints the status table and the answers to three
 * journalist questions, and stops the server. No internet and no manual step.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveConfig, type PolitenessConfig } from '../../config/schema.ts';
import { LockedError, UsageError } from '../../errors.ts';
import { formatLoadSummary } from '../../load/load-summary.ts';
import { rawStoreDir } from '../../load/paths.ts';
import { buildSite } from '../../site/build.ts';
import { JOURNALIST_QUESTIONS } from '../../load/questions.ts';
import { openReadOnly } from '../../load/read-only.ts';
import { formatStatus, readStatus } from '../../load/status.ts';
import { renderTable } from '../../load/text-table.ts';
import { formatRunSummary, runPipeline } from './run.ts';

export interface DemoOptions {
  dataDir: string;
}

/** Marks a directory the demo made, so that the next demo may empty it (and no other). */
const MARKER = '.nianbao-demo';

/**
 * Politeness for hosts on this machine only: real sites get the defaults (one request at a time
 * per host, ≥ 1 s apart, robots.txt obeyed). The sample web answers more than 2 requests/s per
 * host with 429, so the demo keeps under that and still finishes in about a minute.
 */
const DEMO_POLITENESS: Partial<PolitenessConfig> = { perHostConcurrency: 1, delayMs: 500, maxRequestsPerMinute: 0, globalConcurrency: 32, respectRobotsTxt: true };
/** Faster retries and timeouts than the defaults: the demo's slow and flaky responses are local. */
const DEMO_LIMITS = { retryBaseMs: 250, connectTimeoutMs: 3000, readTimeoutMs: 6000 };

/** Empties `dir` when a previous demo made it; refuses a directory with other content. */
function freshDemoDir(dir: string): void {
  if (existsSync(dir)) {
    if (existsSync(join(dir, MARKER))) rmSync(dir, { recursive: true, force: true });
    else if (readdirSync(dir).length > 0) throw new UsageError(`${dir} exists and was not made by the demo: pass another --data-dir, or remove it`);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MARKER), 'made by `nianbao demo`; the next demo empties this directory\n');
}

export default async function demo(opts: DemoOptions): Promise<number> {
  const dataDir = resolve(opts.dataDir);
  freshDemoDir(dataDir);
  const started = performance.now();
  const { startSampleWeb } = await import('../../sample-web/server.ts');
  const web = await startSampleWeb();
  try {
    const input = web.config;
    const config = resolveConfig(
      { ...input, politeness: { ...input.politeness, ...DEMO_POLITENESS }, limits: { ...input.limits, ...DEMO_LIMITS }, paths: { dataDir } },
      'demo configuration (sample web)',
    );
    console.log(
      [
        `nianbao demo: ${config.sites.length} sample government sites on 127.0.0.1 (${new Set(config.sites.flatMap((s) => s.allowedHosts ?? [])).size} hosts), data in ${dataDir}`,
        `Fast politeness for this local demo: ${DEMO_POLITENESS.delayMs} ms between requests to a host, retries after ${DEMO_LIMITS.retryBaseMs} ms.`,
        'Real sites get the defaults of pipeline.config.ts: one request at a time per host, at least 1 s apart, robots.txt obeyed.',
        '',
      ].join('\n'),
    );
    const result = await runPipeline(config);
    console.log(`${formatRunSummary(result)}\n`);
    if (!result.load) throw new LockedError(dataDir, result.loadError ?? 'the load could not run');

    const db = await openReadOnly(dataDir);
    try {
      console.log(formatStatus(await readStatus(db)));
      for (const [i, q] of JOURNALIST_QUESTIONS.entries()) {
        const answer = await db.table(q.sql);
        console.log(`\nQ${i + 1}. ${q.question}\n${q.sql.replace(/^/gm, '    ')}\n`);
        console.log(answer.rows.length ? renderTable(answer.columns, answer.rows, { maxCellWidth: 100 }) : '(none)');
      }
      // the website of the same data (nianbao site), for readers who do not write SQL
      const site = await buildSite(db, { out: join(dataDir, 'site'), rawDir: rawStoreDir(dataDir) });
      console.log(`\nThe website (${site.pages.agencies} agencies, ${site.pages.reports} report versions; works offline): ${join(site.out, 'index.html')}`);
    } finally {
      db.close();
    }
    console.log(
      `\nDone in ${((performance.now() - started) / 1000).toFixed(0)} s. Ask your own questions:\n` +
        `    npx nianbao query --data-dir ${opts.dataDir} "SELECT * FROM late_reports"\n` +
        `    npx nianbao status --data-dir ${opts.dataDir}\n` +
        `    npx nianbao export --data-dir ${opts.dataDir} --format csv --out ${join(opts.dataDir, 'export')}\n` +
        `    npx nianbao site --data-dir ${opts.dataDir} --out ${join(opts.dataDir, 'site')}`,
    );
    return 0;
  } finally {
    await web.close();
  }
}
