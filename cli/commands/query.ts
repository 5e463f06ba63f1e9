/**
 * `nianbao query "SQL"`: runs SQL against the warehouse opened read-only (nothing can be
 * changed, whatever the SQL says) and prints a table, or JSON rows with `--json`. For an
 * interactive session, the `duckdb` CLI opens the same file: `duckdb -readonly data/nianbao.duckdb`.
 */
import { loadConfig } from '../../config/load.ts';
import { UsageError } from '../../errors.ts';
import { openReadOnly } from '../../load/read-only.ts';
import { renderTable } from '../../load/text-table.ts';
import type { CommonOptions } from '../main.ts';

export interface QueryOptions extends CommonOptions {
  /** `--as-of DATE`: the views as of that date (load/read-only.ts). */
  asOf?: string;
  sql: string;
  json?: boolean;
}

export default async function query(opts: QueryOptions): Promise<number> {
  const config = await loadConfig(opts);
  const db = await openReadOnly(config.paths.dataDir, { asOf: opts.asOf });
  try {
    let result: { columns: string[]; rows: unknown[][] };
    try {
      result = await db.table(opts.sql);
    } catch (err) {
      // DuckDB's message names the problem (syntax, unknown column, write refused in read-only mode)
      throw new UsageError(`query failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (opts.json) {
      for (const row of result.rows) console.log(JSON.stringify(Object.fromEntries(result.columns.map((c, i) => [c, row[i]]))));
    } else {
      console.log(renderTable(result.columns, result.rows));
      console.log(`(${result.rows.length} row${result.rows.length === 1 ? '' : 's'})`);
    }
    return 0;
  } finally {
    db.close();
  }
}
