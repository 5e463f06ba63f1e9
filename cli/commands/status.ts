/**
 * `nianbao status`: coverage by reporting year and level, missing and late reports, failed
 * checks, as of today or `--as-of`.
 */
import { loadConfig } from '../../config/load.ts';
import { openReadOnly } from '../../load/read-only.ts';
import { formatStatus, readStatus, statusJson } from '../../load/status.ts';
import type { CommonOptions } from '../main.ts';

export interface StatusOptions extends CommonOptions {
  asOf?: string;
  json?: boolean;
}

export default async function status(opts: StatusOptions): Promise<number> {
  const config = await loadConfig(opts);
  const db = await openReadOnly(config.paths.dataDir);
  try {
    const s = await readStatus(db, { asOf: opts.asOf, limit: opts.json ? Number.MAX_SAFE_INTEGER : undefined });
    console.log(opts.json ? JSON.stringify(statusJson(s), null, 2) : formatStatus(s));
    return 0;
  } finally {
    db.close();
  }
}
