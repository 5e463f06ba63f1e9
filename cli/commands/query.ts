/**
 * `nianbao query "SQL"` (or `-f FILE`, or `-` for stdin): runs SQL against the warehouse inside the
 * query sandbox (load/query-sandbox.ts: read-only, no file written or read outside `--allow-files
 * DIR`, nothing fetched, refused statements named with the reason) and prints every statement's
 * result in `--format table|csv|tsv|json|markdown|line`. A table is cut to `--max-width` (default:
 * the terminal's width; not cut when stdout is not a terminal). For an interactive session, the
 * `duckdb` CLI opens the same file: `duckdb -readonly data/nianbao.duckdb`.
 */
import { readFileSync } from 'node:fs';
import { StatementType } from '@duckdb/node-api';
import { loadConfig } from '../../config/load.ts';
import { UsageError } from '../../errors.ts';
import { openQuerySession, runStatements } from '../../load/query-sandbox.ts';
import { formatResult, type ResultFormat } from '../../load/result-format.ts';
import type { CommonOptions } from '../main.ts';

export interface QueryOptions extends CommonOptions {
  /** The SQL, or `-` for stdin; absent with `file`. */
  sql?: string;
  /** `-f FILE`: read the SQL from FILE (`-`: stdin). */
  file?: string;
  format?: ResultFormat;
  /** `--json`: the same as `--format json`. */
  json?: boolean;
  maxWidth?: number;
  allowFiles?: string;
  /** `--as-of DATE`: the views as of that date (load/read-only.ts). */
  asOf?: string;
}

/** The SQL text from the argument, `-f FILE` or stdin; a usage error when there is none or both. */
export function readSql(opts: Pick<QueryOptions, 'sql' | 'file'>): string {
  if (opts.sql !== undefined && opts.file !== undefined) throw new UsageError('query: give the SQL as an argument or with -f FILE, not both');
  const source = opts.file ?? (opts.sql === '-' ? '-' : undefined);
  let sql: string;
  if (source !== undefined) {
    try {
      sql = readFileSync(source === '-' ? 0 : source, 'utf8').replace(/^\uFEFF/, '');
    } catch (err) {
      throw new UsageError(`query: cannot read SQL from ${source === '-' ? 'stdin' : source}: ${err instanceof Error ? err.message : String(err)}`);
    }
  } else {
    sql = opts.sql ?? '';
  }
  if (sql.trim() === '') {
    throw new UsageError(`query: no SQL given${source === undefined ? ' (pass it as an argument, with -f FILE, or - to read stdin)' : ` (${source === '-' ? 'stdin' : source} is empty)`}`);
  }
  return sql;
}

function outputFormat(opts: QueryOptions): ResultFormat {
  if (opts.json && opts.format !== undefined && opts.format !== 'json') throw new UsageError(`query: --json and --format ${opts.format} disagree; give one`);
  return opts.json ? 'json' : (opts.format ?? 'table');
}

export default async function query(opts: QueryOptions): Promise<number> {
  const sql = readSql(opts);
  const format = outputFormat(opts);
  // a terminal's width by default; a pipe or file gets every character
  const maxWidth = opts.maxWidth ?? (process.stdout.isTTY ? process.stdout.columns : undefined);
  const config = await loadConfig(opts);
  const session = await openQuerySession(config.paths.dataDir, { allowFiles: opts.allowFiles, asOf: opts.asOf });
  try {
    let printed = 0;
    for await (const result of runStatements(session, sql)) {
      // a plan is drawn with line breaks: as a table it prints as DuckDB's CLI prints it
      const plan = format === 'table' && result.type === StatementType.EXPLAIN && result.columns.at(-1) === 'explain_value';
      const text = plan ? result.rows.map((r) => String(r.at(-1) ?? '')).join('\n').trimEnd() : formatResult(result.columns, result.rows, format, { maxWidth });
      if (text === '') continue;
      // results of several statements are separated by a blank line (JSON Lines simply continue)
      process.stdout.write(`${printed > 0 && format !== 'json' ? '\n' : ''}${text}\n`);
      printed++;
    }
    return 0;
  } finally {
    session.close();
  }
}
