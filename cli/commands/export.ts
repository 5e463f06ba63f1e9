/**
 * `nianbao export --format parquet|csv --out DIR`: every table and view, one file each;
 * `--excel` writes CSV with a UTF-8 byte-order mark (Excel then reads Chinese text right),
 * `--labels zh` Chinese column headers, `--as-of DATE` the views as of that date.
 */
import { loadConfig } from '../../config/load.ts';
import { UsageError } from '../../errors.ts';
import { exportAll, type ExportFormat } from '../../load/export.ts';
import { openReadOnly } from '../../load/read-only.ts';
import { renderTable } from '../../load/text-table.ts';
import type { CommonOptions } from '../main.ts';

export interface ExportOptions extends CommonOptions {
  /** `--as-of DATE`: the views as of that date (load/read-only.ts). */
  asOf?: string;
  format: ExportFormat;
  out: string;
  excel?: boolean;
  labels?: 'zh';
}

export default async function exportCommand(opts: ExportOptions): Promise<number> {
  if (opts.excel && opts.format !== 'csv') throw new UsageError(`export: --excel writes CSV; it cannot be combined with --format ${opts.format}`);
  const config = await loadConfig(opts);
  const db = await openReadOnly(config.paths.dataDir, { asOf: opts.asOf });
  try {
    const files = await exportAll(db, opts.out, opts.format, { bom: opts.excel, labels: opts.labels });
    console.log(renderTable(['file', 'kind', 'rows'], files.map((f) => [f.path, f.kind, f.rows]), { maxCellWidth: 120 }));
    return 0;
  } finally {
    db.close();
  }
}
