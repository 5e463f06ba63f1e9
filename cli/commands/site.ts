/**
 * `nianbao site --out DIR`: the warehouse as a static Chinese website (site/build.ts), opened
 * read-only; the documents of the raw store are copied to DIR/archive unless --no-archive.
 */
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../../config/load.ts';
import { UsageError } from '../../errors.ts';
import { rawStoreDir } from '../../load/paths.ts';
import { openReadOnly } from '../../load/read-only.ts';
import { buildSite } from '../../site/build.ts';
import type { CommonOptions } from '../main.ts';

export interface SiteCommandOptions extends CommonOptions {
  out: string;
  asOf?: string;
  archive?: boolean;
}

export default async function site(opts: SiteCommandOptions): Promise<number> {
  const config = await loadConfig(opts);
  if (opts.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) throw new UsageError(`--as-of must be a date YYYY-MM-DD, not ${opts.asOf}`);
  const out = resolve(opts.out);
  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(resolve(out, 'index.html'))) {
    throw new UsageError(`${out} is not empty and holds no site: pass an empty or new directory, or a previous site's`);
  }
  const db = await openReadOnly(config.paths.dataDir);
  try {
    if (opts.asOf) await db.run('SET VARIABLE as_of = CAST($1 AS DATE)', [opts.asOf]);
    const t0 = performance.now();
    const raw = rawStoreDir(config.paths.dataDir);
    const s = await buildSite(db, { out, rawDir: opts.archive !== false && existsSync(raw) ? raw : undefined });
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `site: ${s.pages.agencies} agency pages, ${s.pages.reports} report pages, coverage, rankings, search, method; ` +
        `${s.archived} documents archived; ${(s.bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s (data as of ${s.asOf})\n` +
        `largest page: ${s.largestPage.path} (${(s.largestPage.bytes / 1024).toFixed(0)} KB); ms per phase: ${Object.entries(s.phases).map(([k, v]) => `${k} ${v}`).join(', ')}\n` +
        `open ${resolve(out, 'index.html')}`,
    );
    return 0;
  } finally {
    db.close();
  }
}
