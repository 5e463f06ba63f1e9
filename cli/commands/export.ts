/**
 * `nianbao export --format parquet|csv --out DIR`: every table and view, one file each.
 */
import { loadConfig } from '../../config/load.ts';
import { exportAll, type ExportFormat } from '../../load/export.ts';
import { openReadOnly } from '../../load/read-only.ts';
import { renderTable } from '../../load/text-table.ts';
import type { CommonOptions } from '../main.ts';

export interface ExportOptions extends CommonOptions {
  /** `--as-of DATE`: the views as of that date (load/read-only.ts). */
  asOf?: string;
  format: ExportFormat;
  out: string;
}

export default async function exportCommand(opts: ExportOptions): Promise<number> {
  const config = await loadConfig(opts);
  const db = await openReadOnly(config.paths.dataDir, { asOf: opts.asOf });
  try {
    const files = await exportAll(db, opts.out, opts.format);
    console.log(renderTable(['file', 'kind', 'rows'], files.map((f) => [f.path, f.kind, f.rows]), { maxCellWidth: 120 }));
    return 0;
  } finally {
    db.close();
  }
}
