/**
 * `nianbao load`: extract what the raw store holds and the warehouse does not (with this parser
 * version), load it, record every document that could not be extracted, print a summary.
 */
import { loadConfig } from '../../config/load.ts';
import { DEFAULT_EXTRACT, type PipelineConfig } from '../../config/schema.ts';
import { RawStore } from '../../crawlers/raw-store.ts';
import { Database } from '../../load/db.ts';
import { loadStore, type LoadSummary } from '../../load/loader.ts';
import { formatLoadSummary } from '../../load/load-summary.ts';
import { databasePath, rawStoreDir } from '../../load/paths.ts';
import { ProgressLine } from '../../load/progress-line.ts';
import type { CommonOptions } from '../main.ts';

export interface LoadCommandOptions extends CommonOptions {
  json?: boolean;
  /** Documents read at once (`--jobs`), over the configuration's `extract.jobs`. */
  jobs?: number;
}

/** The configuration with `--jobs` over its `extract.jobs`. */
export function withJobs(config: PipelineConfig, jobs: number | undefined): PipelineConfig {
  return jobs ? { ...config, extract: { ...(config.extract ?? DEFAULT_EXTRACT), jobs } } : config;
}

/** Loads the configuration's raw store into its warehouse with a progress line on stderr. */
export async function loadWithProgress(config: PipelineConfig, reextract: boolean): Promise<LoadSummary> {
  const db = await Database.open(databasePath(config.paths.dataDir));
  const progress = new ProgressLine();
  try {
    return await loadStore(db, new RawStore(rawStoreDir(config.paths.dataDir)), {
      config,
      reextract,
      onProgress: (p) => progress.update(`${reextract ? 're-extract' : 'extract'} + load: ${p.done}/${p.total} report versions, ${p.committed} batches committed`),
    });
  } finally {
    progress.done();
    db.close();
  }
}

export async function loadCommand(opts: LoadCommandOptions, reextract: boolean): Promise<number> {
  const config = withJobs(await loadConfig(opts), opts.jobs);
  const summary = await loadWithProgress(config, reextract);
  console.log(opts.json ? JSON.stringify(summary, null, 2) : formatLoadSummary(summary));
  // some input failed when a report version got no figures from any of its documents
  return summary.withoutRecord > 0 ? 1 : 0;
}

export default function load(opts: LoadCommandOptions): Promise<number> {
  return loadCommand(opts, false);
}
